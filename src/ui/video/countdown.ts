/**
 * The call's countdown runs on the server's clock: the grant carries `serverNow`, and the device's
 * clock (which may be minutes off) is corrected by the difference measured when the grant arrived.
 */

/** How far the server's clock is ahead of this device's (negative: behind). */
export const clockOffset = (serverNow: number, localNow: number): number => serverNow - localNow;

/** The server's time now, from the device's clock and a measured offset. */
export const serverTime = (localNow: number, offset: number): number => localNow + offset;

export interface CountdownReading {
  /** Milliseconds left until `endsAt` on the server's clock; never negative. */
  remainingMs: number;
  /** Past `warnAt` and not yet over: show "2 minutes left". */
  warning: boolean;
  /** `endsAt` has passed: the call is over. */
  over: boolean;
}

/** Where the countdown stands at `localNow`, given the slot's end, its warning moment and the clock offset. */
export function readCountdown(slot: { endsAt: number; warnAt: number }, localNow: number, offset: number): CountdownReading {
  const now = serverTime(localNow, offset);
  const remainingMs = Math.max(0, slot.endsAt - now);
  const over = remainingMs === 0;
  return { remainingMs, warning: !over && now >= slot.warnAt, over };
}

/** `m:ss` of what is left, rounded up to the whole second (shows 0:01 until the very end, never 0:00 early). */
export function formatRemaining(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Whole minutes left, rounded up: what a screen reader is told ("2 minutes left"). */
export const minutesLeft = (remainingMs: number): number => Math.ceil(Math.max(0, remainingMs) / 60_000);
