import { describe, expect, it } from 'vitest';
import { upsertById } from './records';

describe('upsertById', () => {
  it('replaces the row with the same id in place, or puts a new one first, without mutating', () => {
    const list = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ];
    expect(upsertById(list, { id: 'b', v: 2 })).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
    ]);
    expect(upsertById(list, { id: 'c', v: 1 }).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(list[1]).toEqual({ id: 'b', v: 1 });
  });
});
