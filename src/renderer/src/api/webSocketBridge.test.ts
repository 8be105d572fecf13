import { describe, expect, it } from 'vitest';
import { BridgeDisconnectedError } from './errors';
import { createWebSocketBridge, defaultReconnectDelay, rpcSocketUrl, type SocketLike } from './webSocketBridge';

/** A socket the test drives by hand: it records frames and lets the test open, answer and drop it. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closedByClient = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }
  close(): void {
    this.closedByClient = true;
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code: 1006, reason: '' });
  }
  frames(): Array<{ id: number; method: string; input?: unknown }> {
    return this.sent.map((s) => JSON.parse(s) as { id: number; method: string; input?: unknown });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ run: () => void; delayMs: number; cancelled: boolean }> = [];
  const reported: unknown[] = [];
  const bridge = createWebSocketBridge({
    url: 'ws://127.0.0.1:5555/rpc?k=s3cret',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    schedule: (run, delayMs) => {
      const timer = { run, delayMs, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    reportError: (error) => reported.push(error),
  });
  const latest = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket yet');
    return socket;
  };
  return { bridge, sockets, timers, reported, latest };
}

describe('rpcSocketUrl', () => {
  it('points at /rpc on the page host with the secret encoded', () => {
    expect(rpcSocketUrl({ protocol: 'http:', host: '127.0.0.1:5555' }, 'a b&c')).toBe(
      'ws://127.0.0.1:5555/rpc?k=a%20b%26c',
    );
    expect(rpcSocketUrl({ protocol: 'https:', host: 'example.test' }, 'x')).toBe('wss://example.test/rpc?k=x');
  });
});

describe('createWebSocketBridge', () => {
  it('queues calls until the socket opens, then frames them as {id, method, input}', async () => {
    const { bridge, latest } = setup();
    const socket = latest();
    expect(socket.url).toBe('ws://127.0.0.1:5555/rpc?k=s3cret');

    const info = bridge.invoke('app.info');
    const login = bridge.invoke('session.login', { email: 'a@b.c' });
    expect(socket.sent).toEqual([]);

    socket.open();
    const frames = socket.frames();
    expect(frames).toEqual([
      { id: frames[0]?.id, method: 'app.info' },
      { id: frames[1]?.id, method: 'session.login', input: { email: 'a@b.c' } },
    ]);
    expect(frames[0]?.id).not.toBe(frames[1]?.id);

    // Answers may come back in any order; each resolves its own call.
    socket.receive({ id: frames[1]?.id, ok: false, error: { code: 'invalid_credentials', message: 'Wrong.' } });
    socket.receive({ id: frames[0]?.id, ok: true, value: { version: '0.1.0' } });
    await expect(login).resolves.toEqual({ ok: false, error: { code: 'invalid_credentials', message: 'Wrong.' } });
    await expect(info).resolves.toEqual({ ok: true, value: { version: '0.1.0' } });
    expect(bridge.connected).toBe(true);
  });

  it('sends immediately once open', () => {
    const { bridge, latest } = setup();
    latest().open();
    void bridge.invoke('sync.status');
    expect(latest().frames().map((f) => f.method)).toEqual(['sync.status']);
  });

  it('delivers pushed events to every listener of that event until unsubscribed', () => {
    const { bridge, latest, reported } = setup();
    latest().open();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = bridge.on('sync.status', (p) => a.push(p));
    bridge.on('sync.status', () => {
      throw new Error('listener bug');
    });
    bridge.on('sync.status', (p) => b.push(p));
    bridge.on('session.changed', () => a.push('wrong event'));

    latest().receive({ event: 'sync.status', payload: { state: 'syncing' } });
    offA();
    latest().receive({ event: 'sync.status', payload: { state: 'idle' } });

    expect(a).toEqual([{ state: 'syncing' }]);
    expect(b).toEqual([{ state: 'syncing' }, { state: 'idle' }]);
    expect(reported).toHaveLength(2);
  });

  it('ignores malformed frames and answers to unknown ids', async () => {
    const { bridge, latest } = setup();
    latest().open();
    const call = bridge.invoke('fairs.list');
    const id = latest().frames()[0]?.id;
    latest().receive('not json {');
    latest().receive('42');
    latest().receive({ id: 9999, ok: true, value: 'stray' });
    latest().receive({ id, ok: true, value: [] });
    await expect(call).resolves.toEqual({ ok: true, value: [] });
  });

  it('turns an answer without ok/error into an internal error result', async () => {
    const { bridge, latest } = setup();
    latest().open();
    const call = bridge.invoke('fairs.list');
    latest().receive({ id: latest().frames()[0]?.id, value: 1 });
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('rejects in-flight calls with a clear error when the socket drops, then reconnects with backoff', async () => {
    const { bridge, latest, sockets, timers } = setup();
    const changes: boolean[] = [];
    bridge.onConnectionChange((c) => changes.push(c));
    latest().open();

    const inFlight = bridge.invoke('sync.now');
    latest().drop();
    const error = await inFlight.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeDisconnectedError);
    expect((error as Error).message).toMatch(/connection/i);
    expect(bridge.connected).toBe(false);

    // First retry after the first backoff step; a call made meanwhile waits for the new socket.
    expect(timers.map((t) => t.delayMs)).toEqual([defaultReconnectDelay(0)]);
    const waiting = bridge.invoke('sync.status');
    timers[0]?.run();
    expect(sockets).toHaveLength(2);

    // The retry fails too: the waiting call is rejected and the next delay is longer.
    latest().drop();
    await expect(waiting).rejects.toBeInstanceOf(BridgeDisconnectedError);
    expect(timers.map((t) => t.delayMs)).toEqual([defaultReconnectDelay(0), defaultReconnectDelay(1)]);
    expect(defaultReconnectDelay(1)).toBeGreaterThan(defaultReconnectDelay(0));

    // Success resets the backoff and the bridge works again.
    timers[1]?.run();
    latest().open();
    const again = bridge.invoke('sync.status');
    latest().receive({ id: latest().frames()[0]?.id, ok: true, value: 'fine' });
    await expect(again).resolves.toEqual({ ok: true, value: 'fine' });
    latest().drop();
    expect(timers.at(-1)?.delayMs).toBe(defaultReconnectDelay(0));

    expect(changes).toEqual([true, false, true, false]);
  });

  it('caps the backoff', () => {
    expect(defaultReconnectDelay(20)).toBe(5_000);
  });

  it('close() rejects pending calls, closes the socket and never reconnects', async () => {
    const { bridge, latest, timers } = setup();
    latest().open();
    const pending = bridge.invoke('sync.now');
    bridge.close();
    await expect(pending).rejects.toBeInstanceOf(BridgeDisconnectedError);
    expect(latest().closedByClient).toBe(true);
    expect(timers).toHaveLength(0);
    await expect(bridge.invoke('app.info')).rejects.toBeInstanceOf(BridgeDisconnectedError);
  });
});
