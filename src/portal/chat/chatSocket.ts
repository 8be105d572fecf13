import { io, type Socket } from 'socket.io-client';
import { chatServerEvents } from '../../shared/api/chat';
import type { ChatEngine, ChatTransport } from './chatEngine';

/** Handshake refusals that mean "not signed in" (src/server/realtime/socketServer.ts). */
const SIGNED_OUT_CODES = new Set(['unauthenticated', 'session_expired', 'account_inactive']);

export interface ChatSocket {
  transport: ChatTransport;
  /** Feeds the socket's events to the engine and connects. */
  attach(engine: ChatEngine, isSignedIn: () => Promise<boolean>): void;
  close(): void;
}

/**
 * The portal's socket.io connection: same origin, websocket only, path /socket.io. No token: the
 * browser sends the httpOnly session cookie with the handshake. socket.io-client reconnects by
 * itself after a network loss; after a refused handshake or a server-side disconnect (session
 * revoked) it does not, so this asks whether the candidate is still signed in and either
 * reconnects or reports "signed out".
 */
export function createChatSocket(): ChatSocket {
  const socket: Socket = io({ path: '/socket.io', transports: ['websocket'], withCredentials: true, autoConnect: false, reconnectionDelayMax: 10_000 });

  const transport: ChatTransport = {
    get connected() {
      return socket.connected;
    },
    request(event, payload, timeoutMs) {
      if (!socket.connected) return Promise.reject(new Error('not connected'));
      return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<unknown>;
    },
    volatile(event, payload) {
      if (socket.connected) socket.volatile.emit(event, payload);
    },
  };

  return {
    transport,
    attach(engine, isSignedIn) {
      const checkSession = async (): Promise<void> => {
        const signedIn = await isSignedIn().catch(() => true);
        if (signedIn) setTimeout(() => socket.connect(), 2_000);
        else engine.handleSignedOut();
      };
      socket.on('connect', () => void engine.handleConnect());
      socket.on('disconnect', (reason) => {
        engine.handleDisconnect();
        if (reason === 'io server disconnect') void checkSession();
      });
      socket.on('connect_error', (error) => {
        engine.handleDisconnect();
        // `socket.active` false: the server refused the handshake and no retry is coming.
        if (socket.active) return;
        if (SIGNED_OUT_CODES.has(error.message)) engine.handleSignedOut();
        else void checkSession();
      });
      socket.on(chatServerEvents.message, (raw: unknown) => engine.handleMessage(raw));
      socket.on(chatServerEvents.conversation, (raw: unknown) => engine.handleConversation(raw));
      socket.on(chatServerEvents.typing, (raw: unknown) => engine.handleTyping(raw));
      socket.connect();
    },
    close() {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
