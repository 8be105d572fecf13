import type http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import type { SessionService } from '../auth/sessionService';
import { ServerError } from '../errors';
import type { Logger } from '../logger';
import { rooms, roomsFor } from './rooms';

export { rooms, roomsFor };

interface SocketData {
  userId: string;
  sessionId: string;
  rooms: string[];
}

export interface Realtime {
  io: Server;
  /** Sends a data-less `poke` ("changes available, pull") to every socket in `targetRooms`. */
  poke(targetRooms: string[]): void;
  close(): Promise<void>;
}

/**
 * socket.io on the API's HTTP server (default path `/socket.io`). The handshake must carry
 * `auth: { token }`, checked exactly like a bearer token; a refused handshake's error message is
 * the error code (`unauthenticated`, `session_expired`, `account_inactive`). A socket is
 * disconnected when its session is revoked.
 */
export async function attachRealtime(
  server: http.Server,
  sessions: SessionService,
  logger: Logger,
  options: { redisUrl?: string | null } = {},
): Promise<Realtime> {
  const io = new Server<Record<string, never>, { poke: () => void }, Record<string, never>, SocketData>(server, {
    serveClient: false,
    // Desktop cores connect from Node, the portal from its own origin: no cross-origin browsers.
    cors: undefined,
  });
  const redis = options.redisUrl ? await connectRedis(options.redisUrl, logger) : null;
  // Several server processes: a poke emitted by one reaches the sockets connected to the others.
  if (redis) io.adapter(createAdapter(redis));

  io.use(async (socket: Socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = typeof auth?.token === 'string' ? auth.token : undefined;
    try {
      const { user, session } = await sessions.authenticate(token);
      const data = socket.data as SocketData;
      data.userId = user.id;
      data.sessionId = session.id;
      data.rooms = [...roomsFor(user), rooms.session(session.id)];
      next();
    } catch (err) {
      if (!(err instanceof ServerError)) logger.error({ err }, 'socket handshake failed');
      next(new Error(err instanceof ServerError ? err.code : 'internal'));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(socket.data.rooms);
    logger.debug({ userId: socket.data.userId, socketId: socket.id }, 'socket connected');
  });

  const unsubscribe = sessions.onRevoked((sessionId) => {
    io.in(rooms.session(sessionId)).disconnectSockets(true);
  });

  return {
    io: io as unknown as Server,
    poke(targetRooms) {
      if (targetRooms.length > 0) io.to(targetRooms).emit('poke');
    },
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
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
