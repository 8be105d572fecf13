import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import { CANDIDATE_COOKIE } from '../../shared/api/portal';
import type { SessionService } from '../auth/sessionService';
import type { CandidateSessions } from '../candidates/candidateSessions';
import { cookieFromHeader } from '../candidates/cookies';
import { ServerError } from '../errors';
import type { Logger } from '../logger';
import { rooms, roomsFor } from './rooms';

export { rooms, roomsFor };

/** Who a socket belongs to: a desktop account (bearer token) or a portal candidate (session cookie). */
export type SocketIdentity = { kind: 'user'; userId: string } | { kind: 'candidate'; candidateId: string };

interface SocketData {
  identity: SocketIdentity;
  sessionId: string;
  rooms: string[];
}

/** The identity the handshake established (set before any `connection` handler runs). */
export const socketIdentity = (socket: Socket): SocketIdentity => (socket.data as SocketData).identity;

export interface Realtime {
  io: Server;
  /** Sends a data-less `poke` ("changes available, pull") to every socket in `targetRooms`. */
  poke(targetRooms: string[]): void;
  close(): Promise<void>;
}

export interface RealtimeOptions {
  redisUrl?: string | null;
  /** Portal sessions: with them, a handshake without a token is authenticated by the portal's cookie. */
  candidateSessions?: CandidateSessions;
}

/**
 * socket.io on the API's HTTP server (default path `/socket.io`). A desktop handshake carries
 * `auth: { token }`, checked exactly like a bearer token; a portal handshake carries no token and
 * is authenticated by the candidate's httpOnly session cookie (same origin). A refused handshake's
 * error message is the error code (`unauthenticated`, `session_expired`, `account_inactive`). A
 * socket is disconnected when its session is revoked (desktop logout, portal sign-out).
 */
export async function attachRealtime(
  server: http.Server,
  sessions: SessionService,
  logger: Logger,
  options: RealtimeOptions = {},
): Promise<Realtime> {
  const io = new Server<Record<string, never>, { poke: () => void }, Record<string, never>, SocketData>(server, {
    serveClient: false,
    // Desktop cores connect from Node, the portal from its own origin: no cross-origin browsers.
    cors: undefined,
  });
  const redis = options.redisUrl ? await connectRedis(options.redisUrl, logger) : null;
  // Several server processes: a poke emitted by one reaches the sockets connected to the others.
  if (redis) io.adapter(createAdapter(redis));
  const candidateSessions = options.candidateSessions;

  io.use(async (socket: Socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : undefined;
    const data = socket.data as SocketData;
    try {
      if (token === undefined && candidateSessions) {
        const { candidate, session } = await candidateSessions.authenticate(cookieFromHeader(socket.handshake.headers.cookie, CANDIDATE_COOKIE));
        data.identity = { kind: 'candidate', candidateId: candidate.id };
        data.sessionId = session.id;
        data.rooms = [rooms.candidate(candidate.id), rooms.candidateSession(session.id)];
      } else {
        const { user, session } = await sessions.authenticate(token);
        data.identity = { kind: 'user', userId: user.id };
        data.sessionId = session.id;
        data.rooms = [...roomsFor(user), rooms.session(session.id)];
      }
      next();
    } catch (err) {
      if (!(err instanceof ServerError)) logger.error({ err }, 'socket handshake failed');
      next(new Error(err instanceof ServerError ? err.code : 'internal'));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(socket.data.rooms);
    logger.debug({ identity: socket.data.identity, socketId: socket.id }, 'socket connected');
  });

  const unsubscribe = sessions.onRevoked((sessionId) => {
    io.in(rooms.session(sessionId)).disconnectSockets(true);
  });
  const unsubscribeCandidates = candidateSessions?.onRevoked((sessionId) => {
    io.in(rooms.candidateSession(sessionId)).disconnectSockets(true);
  });

  return {
    io: io as unknown as Server,
    poke(targetRooms) {
      if (targetRooms.length > 0) io.to(targetRooms).emit('poke');
    },
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        unsubscribeCandidates?.();
        // io.close() also closes the HTTP server; its callback error just means it was not listening.
        void io.close(() => {
          if (!redis) return resolve();
          redis.close().then(
            () => resolve(),
            () => resolve(),
          );
        });
      }),
  };
}

async function connectRedis(url: string, logger: Logger): Promise<ReturnType<typeof createClient>> {
  const client = createClient({ url });
  // Without a listener a lost connection would crash the process; the client reconnects by itself.
  client.on('error', (err: unknown) => logger.warn({ err }, 'redis connection error'));
  await client.connect();
  logger.info('socket.io uses the Redis Streams adapter');
  return client;
}
