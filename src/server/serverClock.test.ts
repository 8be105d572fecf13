import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLOCK_SET_MESSAGE, ClockConfigError, SET_CLOCK_MESSAGE, serverClockFrom, systemClock } from './serverClock';

/** A stand-in for `process` with an IPC channel: what the server sends back is recorded. */
function channel(withSend = true) {
  const events = new EventEmitter();
  const sent: unknown[] = [];
  return {
    sent,
    deliver: (message: unknown) => events.emit('message', message),
    on: (event: 'message', listener: (message: unknown) => void) => events.on(event, listener),
    send: withSend ? (message: unknown) => sent.push(message) > 0 : undefined,
  };
}

describe('serverClockFrom', () => {
  it('is the system clock unless FAIRDESK_TEST_CLOCK is set', () => {
    expect(serverClockFrom({}, channel())).toBe(systemClock);
    expect(serverClockFrom({ FAIRDESK_TEST_CLOCK: '' }, channel())).toBe(systemClock);
  });

  it('refuses any other value, and ipc without a channel to the parent', () => {
    expect(() => serverClockFrom({ FAIRDESK_TEST_CLOCK: 'fake' }, channel())).toThrow(ClockConfigError);
    expect(() => serverClockFrom({ FAIRDESK_TEST_CLOCK: 'ipc' }, channel(false))).toThrow(/IPC channel/);
  });

  it('starts at FAIRDESK_TEST_CLOCK_AT when given, and refuses it malformed or without ipc', () => {
    let system = 1_000_000;
    const clock = serverClockFrom({ FAIRDESK_TEST_CLOCK: 'ipc', FAIRDESK_TEST_CLOCK_AT: '400000' }, channel(), () => system);
    expect(clock.now()).toBe(400_000);
    system += 2_000;
    expect(clock.now()).toBe(402_000);
    expect(() => serverClockFrom({ FAIRDESK_TEST_CLOCK: 'ipc', FAIRDESK_TEST_CLOCK_AT: 'soon' }, channel())).toThrow(/epoch milliseconds/);
    expect(() => serverClockFrom({ FAIRDESK_TEST_CLOCK: 'ipc', FAIRDESK_TEST_CLOCK_AT: '-5' }, channel())).toThrow(/epoch milliseconds/);
    expect(() => serverClockFrom({ FAIRDESK_TEST_CLOCK_AT: '400000' }, channel())).toThrow(/needs FAIRDESK_TEST_CLOCK=ipc/);
  });

  it('reads the set time and runs on in step with the system clock, confirming each setting', () => {
    let system = 1_000_000;
    const parent = channel();
    const clock = serverClockFrom({ FAIRDESK_TEST_CLOCK: 'ipc' }, parent, () => system);
    expect(clock.now()).toBe(1_000_000);
    parent.deliver({ type: SET_CLOCK_MESSAGE, at: 5_000_000 });
    expect(clock.now()).toBe(5_000_000);
    system += 1_500;
    expect(clock.now()).toBe(5_001_500);
    // Backwards works too: a test may go to "11 minutes before" after the seed put the slot in 3.
    parent.deliver({ type: SET_CLOCK_MESSAGE, at: 10 });
    expect(clock.now()).toBe(10);
    expect(parent.sent).toEqual([
      { type: CLOCK_SET_MESSAGE, at: 5_000_000 },
      { type: CLOCK_SET_MESSAGE, at: 10 },
    ]);
  });

  it('ignores messages that are not a well-formed setting', () => {
    const parent = channel();
    const clock = serverClockFrom({ FAIRDESK_TEST_CLOCK: 'ipc' }, parent, () => 42);
    for (const message of [null, 'set', { type: 'other', at: 1 }, { type: SET_CLOCK_MESSAGE, at: '1' }, { type: SET_CLOCK_MESSAGE, at: 1.5 }, { type: SET_CLOCK_MESSAGE }]) {
      parent.deliver(message);
    }
    expect(clock.now()).toBe(42);
    expect(parent.sent).toEqual([]);
  });
});
