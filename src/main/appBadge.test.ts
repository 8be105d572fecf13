import { describe, expect, it } from 'vitest';
import { unreadFromTitle } from './appBadge';

describe('unreadFromTitle', () => {
  it('reads the count the renderer puts in front of the title', () => {
    expect(unreadFromTitle('(3) FairDesk')).toBe(3);
    expect(unreadFromTitle('(999+) FairDesk')).toBe(999);
  });

  it('is 0 for a title without a count, or with brackets elsewhere', () => {
    expect(unreadFromTitle('FairDesk')).toBe(0);
    expect(unreadFromTitle('FairDesk (beta)')).toBe(0);
    expect(unreadFromTitle('(x) FairDesk')).toBe(0);
  });
});
