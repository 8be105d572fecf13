/**
 * A token bucket that makes a burst wait rather than fail: `capacity` actions at once, refilled at
 * `perSecond`. An honest client flushing its queue one message at a time is only slowed down; a
 * flood (more waiting than `maxWaitMs` worth of refill) is refused.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /**
   * Reserves one action: how many ms to wait before doing it (0: at once), or null when it would
   * have to wait longer than `maxWaitMs` (then nothing is reserved).
   */
  reserve(maxWaitMs: number): number | null {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    const waitMs = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.perSecond) * 1000;
    if (waitMs > maxWaitMs) return null;
    this.tokens -= 1;
    return waitMs;
  }
}

/** Per-socket limits: capacity and refill per second of each bucket, and the longest wait allowed. */
export interface ChatRateLimits {
  send: { capacity: number; perSecond: number };
  /** Every other acked chat event (catch-up, history, read, claim …). */
  other: { capacity: number; perSecond: number };
  /** Typing notices beyond this are dropped (they are best effort anyway). */
  typing: { capacity: number; perSecond: number };
  maxWaitMs: number;
}

/** 20 messages in a burst, then 2 a second (20 per 10 s); reads and history far more generously. */
export const DEFAULT_CHAT_RATE_LIMITS: ChatRateLimits = {
  send: { capacity: 20, perSecond: 2 },
  other: { capacity: 100, perSecond: 20 },
  typing: { capacity: 5, perSecond: 1 },
  maxWaitMs: 2_000,
};
