import type { RendererBridge, RpcResult } from '../../../shared/contract/ipc';
import { BridgeDisconnectedError } from './errors';

/** The part of the DOM `WebSocket` the bridge uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

export interface WebSocketBridgeOptions {
  /** `ws://127.0.0.1:PORT/rpc?k=SECRET`, see {@link rpcSocketUrl}. */
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Delay before reconnect attempt `attempt` (0-based). Default: 250 ms doubling, capped at 5 s. */
  reconnectDelay?: (attempt: number) => number;
  /** Timer used for reconnects; returns a cancel function. Injected by tests. */
  schedule?: (run: () => void, delayMs: number) => () => void;
  /** Where listener failures are reported (a listener throwing must not break the others). */
  reportError?: (error: unknown) => void;
}

/** A {@link RendererBridge} over the browser host's WebSocket, which reconnects on its own. */
export interface WebSocketBridge extends RendererBridge {
  readonly connected: boolean;
  /** Called with `true` on every (re)connect and `false` when the socket drops. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /** Closes for good: pending calls are rejected and no reconnect is attempted. */
  close(): void;
}

interface PendingCall {
  frame: string;
  sent: boolean;
  resolve: (result: RpcResult) => void;
  reject: (error: Error) => void;
}

/** The RPC socket address of the browser host that served this page. */
export function rpcSocketUrl(location: { protocol: string; host: string }, secret: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc?k=${encodeURIComponent(secret)}`;
}

export const defaultReconnectDelay = (attempt: number): number => Math.min(250 * 2 ** attempt, 5_000);

/**
 * Speaks the browser host's framing: requests `{id, method, input}`, answers
 * `{id, ok, value | error}`, pushed events `{event, payload}`.
 *
 * Each call lives for at most one socket: calls made while disconnected wait for the next socket
 * to open; when a socket closes (or never opens) every call still waiting on it is rejected with
 * {@link BridgeDisconnectedError}, so the UI never hangs on a reply that cannot come.
 */
export function createWebSocketBridge(options: WebSocketBridgeOptions): WebSocketBridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const reconnectDelay = options.reconnectDelay ?? defaultReconnectDelay;
  const schedule =
    options.schedule ??
    ((run: () => void, delayMs: number) => {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    });
  const reportError = options.reportError ?? ((error: unknown) => console.error('[fairdesk] event listener failed', error));

  const pending = new Map<number, PendingCall>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let connected = false;
  let attempt = 0;
  let closedForGood = false;
  let cancelReconnect: (() => void) | null = null;

  function setConnected(value: boolean): void {
    if (connected === value) return;
    connected = value;
    for (const listener of [...connectionListeners]) {
      try {
        listener(value);
      } catch (error) {
        reportError(error);
      }
    }
  }

  function flush(): void {
    if (!socket || socket.readyState !== OPEN) return;
    for (const call of pending.values()) {
      if (call.sent) continue;
      call.sent = true;
      socket.send(call.frame);
    }
  }

  function rejectAll(error: Error): void {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.reject(error);
  }

  function handleFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return; // Not ours to answer; a malformed frame must not take the bridge down.
    }
    if (typeof message !== 'object' || message === null) return;
    const frame = message as Record<string, unknown>;
    if (typeof frame.id === 'number') {
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      if (frame.ok === true) call.resolve({ ok: true, value: frame.value });
      else if (frame.ok === false && typeof frame.error === 'object' && frame.error !== null) {
        call.resolve({ ok: false, error: frame.error as Extract<RpcResult, { ok: false }>['error'] });
      } else {
        call.resolve({ ok: false, error: { code: 'internal', message: 'The FairDesk core sent an unreadable answer.' } });
      }
      return;
    }
    if (typeof frame.event === 'string') {
      const listeners = eventListeners.get(frame.event);
      if (!listeners) return;
      for (const listener of [...listeners]) {
        try {
          listener(frame.payload);
        } catch (error) {
          reportError(error);
        }
      }
    }
  }

  function connect(): void {
    cancelReconnect = null;
    const current = createSocket(options.url);
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      attempt = 0;
      setConnected(true);
      flush();
    };
    current.onmessage = (event) => {
      if (socket === current) handleFrame(event.data);
    };
    current.onerror = () => {
      // Always followed by `close`, which does the work.
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      setConnected(false);
      rejectAll(new BridgeDisconnectedError());
      if (closedForGood) return;
      const delay = reconnectDelay(attempt);
      attempt += 1;
      cancelReconnect = schedule(connect, delay);
    };
  }

  connect();

  return {
    get connected() {
      return connected;
    },
    invoke(method, input) {
      if (closedForGood) return Promise.reject(new BridgeDisconnectedError('The FairDesk connection is closed.'));
      const id = nextId++;
      const frame = JSON.stringify(input === undefined ? { id, method } : { id, method, input });
      return new Promise<RpcResult>((resolve, reject) => {
        pending.set(id, { frame, sent: false, resolve, reject });
        flush();
      });
    },
    on(event, listener) {
      let listeners = eventListeners.get(event);
      if (!listeners) {
        listeners = new Set();
        eventListeners.set(event, listeners);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      closedForGood = true;
      cancelReconnect?.();
      cancelReconnect = null;
      const current = socket;
      socket = null;
      setConnected(false);
      rejectAll(new BridgeDisconnectedError('The FairDesk connection is closed.'));
      current?.close(1000, 'closed by the app');
    },
  };
}
