import { describe, expect, it } from 'vitest';
import { sumKnown } from './overview';

describe('sumKnown', () => {
  it('sums counts, unknown when any is unknown', () => {
    expect(sumKnown([1, 2, 3])).toBe(6);
    expect(sumKnown([])).toBe(0);
    expect(sumKnown([1, null])).toBeNull();
  });
});
