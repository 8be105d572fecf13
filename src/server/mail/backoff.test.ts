import { describe, expect, it } from 'vitest';
import { MAX_MAIL_ATTEMPTS, afterFailure, retryDelayMs } from './backoff';

const MIN = 60_000;

describe('mail retry backoff', () => {
  it('doubles from one minute and stays at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelayMs(n) / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('retries until the eighth attempt failed, then gives up; a permanent refusal gives up at once', () => {
    expect(MAX_MAIL_ATTEMPTS).toBe(8);
    expect(afterFailure(1, 1_000, false)).toEqual({ status: 'queued', nextAttemptAt: 1_000 + MIN });
    expect(afterFailure(7, 0, false)).toEqual({ status: 'queued', nextAttemptAt: 60 * MIN });
    expect(afterFailure(8, 0, false)).toEqual({ status: 'failed' });
    expect(afterFailure(1, 0, true)).toEqual({ status: 'failed' });
  });
});
