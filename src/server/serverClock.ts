/**
 * The clock video interviews run on: join windows, the call's countdown (clients read it from the
 * `serverNow` the server answers), ending early and settling outcomes.
 *
 * It is the system clock, except in a test run that asks for a settable one: a server started with
 * `FAIRDESK_TEST_CLOCK=ipc` by a parent process holding its Node IPC channel (`spawn` with an
 * `'ipc'` stdio entry) accepts `{ type: 'fairdesk:set-clock', at }` on that channel; from then on
 * the clock reads `at` and runs on in real time, and the server answers `{ type:
 * 'fairdesk:clock-set', at }`. Only the parent holds the channel, so nothing on the network can
 * move the clock; a server asked for it without a channel refuses to start. This is how the e2e
 * proves "refused 11 minutes before the slot" and "the countdown ends the call" without waiting
 * 20 minutes. `FAIRDESK_TEST_CLOCK_AT` sets where it starts, so the demo seed (which books from
 * the clock's now) can be given a time of day with room for its two interviews.
 */
export interface ServerClock {
  now(): number;
}

export const systemClock: ServerClock = { now: () => Date.now() };

export const SET_CLOCK_MESSAGE = 'fairdesk:set-clock';
export const CLOCK_SET_MESSAGE = 'fairdesk:clock-set';

/** The part of `process` the settable clock needs (a fake in its unit test). */
export interface ClockChannel {
  send?: (message: unknown) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export class ClockConfigError extends Error {}

/**
 * The system clock, or with `FAIRDESK_TEST_CLOCK=ipc` one the parent process sets over `channel`.
 * Any other value of the variable is refused, as is `ipc` without a channel.
 */
export function serverClockFrom(env: NodeJS.ProcessEnv, channel: ClockChannel, systemNow: () => number = Date.now): ServerClock {
  const mode = env['FAIRDESK_TEST_CLOCK'];
  if (mode === undefined || mode === '') {
    if (env['FAIRDESK_TEST_CLOCK_AT']) throw new ClockConfigError('FAIRDESK_TEST_CLOCK_AT needs FAIRDESK_TEST_CLOCK=ipc.');
    return systemClock;
  }
  if (mode !== 'ipc') throw new ClockConfigError(`FAIRDESK_TEST_CLOCK must be "ipc" (or unset), not "${mode}".`);
  const send = channel.send?.bind(channel);
  if (!send) throw new ClockConfigError('FAIRDESK_TEST_CLOCK=ipc needs the server to be started by a process holding its IPC channel.');
  let offset = startOffset(env['FAIRDESK_TEST_CLOCK_AT'], systemNow);
  channel.on('message', (message) => {
    if (typeof message !== 'object' || message === null) return;
    const { type, at } = message as { type?: unknown; at?: unknown };
    if (type !== SET_CLOCK_MESSAGE || typeof at !== 'number' || !Number.isSafeInteger(at)) return;
    offset = at - systemNow();
    send({ type: CLOCK_SET_MESSAGE, at });
  });
  return { now: () => systemNow() + offset };
}

/**
 * `FAIRDESK_TEST_CLOCK_AT`: where the settable clock starts (epoch ms), before anything runs on it —
 * the demo seed included, which books its interviews relative to the clock. Unset: the system time.
 */
function startOffset(raw: string | undefined, systemNow: () => number): number {
  if (raw === undefined || raw === '') return 0;
  const at = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(at)) throw new ClockConfigError(`FAIRDESK_TEST_CLOCK_AT must be epoch milliseconds, not "${raw}".`);
  return at - systemNow();
}
