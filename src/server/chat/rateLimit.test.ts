import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rateLimit';

describe('TokenBucket', () => {
  it('lets a burst through at once, makes the next wait for the refill, and refuses a longer backlog', () => {
    const clock = { now: 0 };
    const bucket = new TokenBucket(3, 2, () => clock.now);
    expect([bucket.reserve(1_000), bucket.reserve(1_000), bucket.reserve(1_000)]).toEqual([0, 0, 0]);
    expect(bucket.reserve(1_000)).toBe(500);
    expect(bucket.reserve(1_000)).toBe(1_000);
    // A third in the backlog would wait 1.5 s: refused, and nothing reserved for it.
    expect(bucket.reserve(1_000)).toBeNull();
    clock.now = 1_000;
    expect(bucket.reserve(1_000)).toBe(500);
  });

  it('refills up to its capacity only', () => {
    const clock = { now: 0 };
    const bucket = new TokenBucket(2, 1, () => clock.now);
    clock.now = 60_000;
    expect([bucket.reserve(0), bucket.reserve(0), bucket.reserve(0)]).toEqual([0, 0, null]);
  });
});
