import { describe, expect, it } from 'vitest';
import { GroupCommit, type Settled } from './groupCommit';

describe('GroupCommit', () => {
  it('stores a lone item at once and groups what arrives while a group is being stored', async () => {
    const groups: number[][] = [];
    let release: () => void = () => undefined;
    const grouped = new GroupCommit<number, number>(async (items) => {
      groups.push([...items]);
      if (groups.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((n): Settled<number> => (n < 0 ? { ok: false, error: new Error(`refused ${n}`) } : { ok: true, value: n * 10 }));
    }, 3);
    const first = grouped.submit(1);
    const rest = [2, -3, 4, 5].map((n) => grouped.submit(n));
    expect(groups).toEqual([[1]]);
    release();
    expect(await first).toBe(10);
    const settled = await Promise.allSettled(rest);
    expect(groups).toEqual([[1], [2, -3, 4], [5]]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([20, 'refused -3', 40, 50]);
  });

  it('rejects every item of a group whose store failed, and carries on with the next group', async () => {
    let calls = 0;
    const grouped = new GroupCommit<number, number>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('database gone');
      return items.map((n) => ({ ok: true as const, value: n }));
    });
    await expect(grouped.submit(1)).rejects.toThrow('database gone');
    expect(await grouped.submit(2)).toBe(2);
  });

  it('gives the event loop a turn between groups, so acks and deliveries already due go out first', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const grouped = new GroupCommit<number, number>(async (items) => {
      log.push(`store ${items.join(',')}`);
      if (items[0] === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((n) => ({ ok: true as const, value: n }));
    }, 2);
    const submitted = [1, 2, 3].map((n) => grouped.submit(n));
    setImmediate(() => log.push('event loop turn'));
    release();
    await Promise.all(submitted);
    expect(log).toEqual(['store 1', 'event loop turn', 'store 2,3']);
  });
});
