import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './loginRateLimiter';

describe('LoginRateLimiter', () => {
  it('blocks a key after the allowed failures until the window slides past them', () => {
    let now = 1_000_000;
    const limiter = new LoginRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('a')).toBe(0);
      limiter.recordFailure('a');
      now += 1000;
    }
    expect(limiter.retryAfterMs('a')).toBe(57_000);
    expect(limiter.retryAfterMs('b')).toBe(0);
    now += 57_000;
    expect(limiter.retryAfterMs('a')).toBe(0);
  });

  it('forgets failures after a success', () => {
    const limiter = new LoginRateLimiter(1, 60_000, () => 5);
    limiter.recordFailure('a');
    expect(limiter.retryAfterMs('a')).toBeGreaterThan(0);
    limiter.recordSuccess('a');
    expect(limiter.retryAfterMs('a')).toBe(0);
  });
});
