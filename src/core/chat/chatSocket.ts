import { io } from 'socket.io-client';
import { chatServerEvents } from '../../shared/api/chat';

/** What the chat socket reports to the engine. Payloads are unvalidated: the engine parses them. */
export interface ChatSocketHandlers {
  onConnect(): void;
  /** `reconnecting` is false when the server closed the socket on purpose (socket.io will not retry). */
  onDisconnect(reason: string, reconnecting: boolean): void;
  /** The server refused the handshake (e.g. token revoked); socket.io will not retry on its own. */
  onRejected(message: string): void;
  /** A server event (`chatServerEvents`: message, conversation, typing). */
  onEvent(event: string, payload: unknown): void;
}

/** The engine's view of one chat connection to the signed-in server. */
export interface ChatSocket {
  /**
   * Emits a client event and resolves with the server's ack. Rejects at once when not connected
   * (never buffered: the engine keeps its own queue), and on timeout or disconnect.
   */
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  /** Fire-and-forget, dropped when not connected (typing). */
  notify(event: string, payload: unknown): void;
  /** Connects again after the server refused us and socket.io gave up; no-op while connected or retrying. */
  retry(): void;
  close(): void;
}

export type ChatConnector = (serverUrl: string, token: string, handlers: ChatSocketHandlers) => ChatSocket;

/** Thrown by `request` when the connection is not there (or went away before the ack). */
export class ChatNotConnected extends Error {
  constructor(message = 'The chat connection is not open.') {
    super(message);
    this.name = 'ChatNotConnected';
  }
}

/**
 * The chat's own socket.io connection (`forceNew`: not the poke channel's), with the same token
 * as the pokes and WebSocket only, so several server processes need no sticky sessions.
 */
export const connectChatSocket: ChatConnector = (serverUrl, token, handlers) => {
  const base = new URL(serverUrl);
  const socket = io(base.origin, {
    path: `${base.pathname.replace(/\/+$/, '')}/socket.io`,
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 30_000,
  });
  socket.on('connect', () => handlers.onConnect());
  socket.on('disconnect', (reason) => handlers.onDisconnect(reason, socket.active));
  socket.on('connect_error', (error) => {
    if (!socket.active) handlers.onRejected(error.message);
  });
  for (const event of Object.values(chatServerEvents)) socket.on(event, (payload: unknown) => handlers.onEvent(event, payload));
  return {
    async request(event, payload, timeoutMs) {
      if (!socket.connected) throw new ChatNotConnected();
      try {
        return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as unknown;
      } catch (error) {
        // socket.io rejects on timeout and on disconnect alike: both mean "no answer", retry later.
        throw new ChatNotConnected(error instanceof Error ? error.message : String(error));
      }
    },
    notify(event, payload) {
      if (socket.connected) socket.volatile.emit(event, payload);
    },
    retry() {
      if (!socket.connected && !socket.active) socket.connect();
    },
    close() {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
};
