import { io } from 'socket.io-client';

export interface PokeHandlers {
  /** The server says "changes are available: pull now". */
  onPoke(): void;
  onConnect(): void;
  /** `reconnecting` is false when the server closed the socket on purpose (socket.io will not retry). */
  onDisconnect(reason: string, reconnecting: boolean): void;
  /** The server refused the handshake (e.g. token revoked); socket.io will not retry on its own. */
  onRejected(message: string): void;
}

/** A live subscription to the server's pokes. */
export interface PokeChannel {
  /** Reconnects if the server refused us earlier and gave up; no-op while connected or retrying. */
  retry(): void;
  close(): void;
}

export type PokeConnector = (serverUrl: string, token: string, handlers: PokeHandlers) => PokeChannel;

/**
 * socket.io connection used only for pokes (data-less "pull now" events) and as the app's
 * online/offline signal. Losing a poke only delays a pull: the periodic pull is the safety net.
 * WebSocket-only, so several server processes behind a load balancer need no sticky sessions.
 */
export const connectPokeChannel: PokeConnector = (serverUrl, token, handlers) => {
  const base = new URL(serverUrl);
  const socket = io(base.origin, {
    path: `${base.pathname.replace(/\/+$/, '')}/socket.io`,
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 30_000,
  });
  socket.on('connect', () => handlers.onConnect());
  socket.on('disconnect', (reason) => handlers.onDisconnect(reason, socket.active));
  socket.on('poke', () => handlers.onPoke());
  socket.on('connect_error', (error) => {
    // `active` stays true for network errors (socket.io keeps retrying); false means refused.
    if (!socket.active) handlers.onRejected(error.message);
  });
  return {
    retry: () => {
      if (!socket.connected && !socket.active) socket.connect();
    },
    close: () => {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
};
