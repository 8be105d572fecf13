import { describe, expect, it } from 'vitest';
import { clockOffset, formatRemaining, minutesLeft, readCountdown } from './countdown';

const MINUTE = 60_000;
const slot = { endsAt: 1_000_000 + 20 * MINUTE, warnAt: 1_000_000 + 18 * MINUTE };

describe('the call countdown on the server clock', () => {
  it('counts from the server time when the device clock is behind', () => {
    // The device thinks it is 5 minutes earlier than the server does.
    const offset = clockOffset(1_000_000, 1_000_000 - 5 * MINUTE);
    expect(offset).toBe(5 * MINUTE);
    const reading = readCountdown(slot, 1_000_000 - 5 * MINUTE, offset);
    expect(reading).toEqual({ remainingMs: 20 * MINUTE, warning: false, over: false });
  });

  it('counts from the server time when the device clock is ahead', () => {
    const offset = clockOffset(1_000_000, 1_000_000 + 3 * MINUTE);
    expect(offset).toBe(-3 * MINUTE);
    // 10 minutes of device time after the grant arrived.
    expect(readCountdown(slot, 1_000_000 + 13 * MINUTE, offset).remainingMs).toBe(10 * MINUTE);
  });

  it('warns from warnAt (inclusive) until the end', () => {
    expect(readCountdown(slot, slot.warnAt - 1, 0).warning).toBe(false);
    expect(readCountdown(slot, slot.warnAt, 0)).toEqual({ remainingMs: 2 * MINUTE, warning: true, over: false });
    expect(readCountdown(slot, slot.endsAt - 1, 0)).toEqual({ remainingMs: 1, warning: true, over: false });
  });

  it('is over at endsAt and never goes negative', () => {
    expect(readCountdown(slot, slot.endsAt, 0)).toEqual({ remainingMs: 0, warning: false, over: true });
    expect(readCountdown(slot, slot.endsAt + 10 * MINUTE, 0).remainingMs).toBe(0);
    // A device 2 minutes behind still ends on the server's moment, not its own.
    expect(readCountdown(slot, slot.endsAt - 2 * MINUTE, 2 * MINUTE).over).toBe(true);
  });

  it('formats m:ss rounding up to the second', () => {
    expect(formatRemaining(20 * MINUTE)).toBe('20:00');
    expect(formatRemaining(2 * MINUTE - 1)).toBe('2:00');
    expect(formatRemaining(61_001)).toBe('1:02');
    expect(formatRemaining(1)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(-5)).toBe('0:00');
  });

  it('tells whole minutes left, rounded up', () => {
    expect(minutesLeft(2 * MINUTE)).toBe(2);
    expect(minutesLeft(2 * MINUTE - 1)).toBe(2);
    expect(minutesLeft(MINUTE + 1)).toBe(2);
    expect(minutesLeft(0)).toBe(0);
  });
});
