import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { appVersion } from './appVersion';
import { LoginService } from './auth/loginService';
import { SessionService } from './auth/sessionService';
import type { ServerConfig } from './config';
import { databaseTarget } from './db/dataSource';
import { openServerStorage } from './db/serverStorage';
import { rooms } from './realtime/rooms';
import { attachPeerServer, DEFAULT_PEER_KEY, DEFAULT_PEER_PATH, type PeerServer } from './video/peerServer';
import { VideoInterviewService } from './video/videoInterviewService';
import { videoRouter } from './video/videoRouter';
import { createHttpApp } from './http/app';
import type { Logger } from './logger';
import { attachRealtime, type Realtime } from './realtime/socketServer';
import { seedDemoWorld } from './seed/demoWorld';
import { systemClock, type ServerClock } from './serverClock';
import { FairOverviewService } from './domain/fairOverview';
import { ScopeService } from './domain/scopeService';
import { logMailTransport } from './mail/logTransport';
import { startMail } from './mail/mailRuntime';
import { MailOutboxReader } from './mail/outboxReader';
import { scheduleResponseDigest } from './mail/responseDigest';
import { PullService } from './sync/pullService';
import { PushService } from './sync/pushService';
import { UploadFileStore } from './uploads/fileStore';
import { UploadService } from './uploads/uploadService';
import { createCandidatePortal } from './candidates/candidatePortal';
import { CandidateSessions } from './candidates/candidateSessions';
import { ChatService } from './chat/chatService';
import { registerChatSocket } from './chat/chatSocket';

/** How long `close()` lets in-flight requests finish before cutting their connections. */
const CLOSE_GRACE_MS = 5_000;

/** A running sync server. */
export interface SyncServer {
  /** `http://host:port` it listens on (the real port when configured with 0). */
  url: string;
  port: number;
  db: DataSource;
  sessions: SessionService;
  realtime: Realtime;
  /** Scope changes (moderator moved, account deactivated): bump the user's epoch and poke. */
  scopes: ScopeService;
  /** True when this start seeded the demo world (the database was empty). */
  seeded: boolean;
  /** Stops accepting work, closes sockets, the HTTP server and the database. Idempotent. */
  close(): Promise<void>;
}

export interface SyncServerOptions {
  /** The clock video interviews run on (join windows, countdowns, outcomes); the system clock by default. */
  clock?: ServerClock;
}

/**
 * Opens the database (running migrations), seeds the demo world when configured and the database
 * is empty, and starts HTTP + socket.io on one port.
 */
export async function startSyncServer(config: ServerConfig, logger: Logger, options: SyncServerOptions = {}): Promise<SyncServer> {
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  const target = databaseTarget(config);
  const storage = await openServerStorage(target, logger);
  const { db, tx } = storage;
  try {
    let seeded = false;
    if (config.seedDemo) {
      // On the interviews' clock: the demo books its interviews from that clock's now.
      seeded = (await seedDemoWorld(db, now(), { files: new UploadFileStore(path.join(config.dataDir, 'uploads')), videoInterviews: config.seedVideoDemo })).seeded;
      logger.info({ seeded }, seeded ? 'demo world seeded' : 'database not empty; demo seed skipped');
    }
    // Migrations and the seed wrote outside `tx`: on disk before the first request can read them.
    await storage.syncDirectWrites();
    const sessions = new SessionService(tx, { secret: config.secret, ttlMs: config.sessionTtlMs });
    // Realtime attaches to the HTTP server created below; pokes before that reach nobody anyway.
    const attached: { realtime?: Realtime; peers?: PeerServer } = {};
    const poke = (rooms: string[]): void => attached.realtime?.poke(rooms);
    const uploadFiles = new UploadFileStore(path.join(config.dataDir, 'uploads'));
    const checkResponses = config.mode === 'dev' || process.env['NODE_ENV'] === 'test';
    // One instance for the portal's HTTP routes and socket.io: a sign-out disconnects the candidate's sockets.
    const candidateSessions = new CandidateSessions(tx, config.secret);
    const videoInterviews = new VideoInterviewService(tx, {
      now,
      peerServer: { path: DEFAULT_PEER_PATH, key: DEFAULT_PEER_KEY },
      iceServers: config.iceServers,
      // The peer server is attached below, after socket.io; a revocation before that has no socket to close.
      onPeersRevoked: (peerIds) => peerIds.forEach((id) => attached.peers?.disconnectPeer(id)),
      onEmployerChanged: (employerId) => poke([rooms.employer(employerId)]),
    });
    const app = createHttpApp({
      db: tx.reads,
      databaseKind: target.kind,
      sessions,
      login: new LoginService(tx.reads, sessions),
      push: new PushService(tx, logger, poke),
      pull: new PullService(tx, { secret: config.secret }),
      fairOverview: new FairOverviewService(tx),
      version: appVersion(),
      now,
      checkResponses,
      logger,
      portalDir: config.portalDir,
      mailOutbox: new MailOutboxReader(tx),
      uploads: new UploadService(tx, uploadFiles),
      candidatePortal: createCandidatePortal({
        db: tx.reads,
        tx,
        secret: config.secret,
        files: uploadFiles,
        publicUrl: config.publicUrl,
        checkResponses,
        poke,
        sessions: candidateSessions,
      }),
      video: videoRouter({ video: videoInterviews, sessions, candidateSessions, checkResponses, now }),
    });
    const server = http.createServer(app);
    // Defaults tuned for clients behind proxies that keep idle connections for up to a minute.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    const live = await attachRealtime(server, sessions, logger, { redisUrl: config.redisUrl, candidateSessions });
    attached.realtime = live;
    registerChatSocket(live.io, { chat: new ChatService(tx), logger });
    // After socket.io: the gate takes the peer path's upgrades before engine.io's destroy timer sees them.
    const peers = attachPeerServer(server, { admission: videoInterviews, logger });
    attached.peers = peers;
    const settleVideo = scheduleVideoSettling(videoInterviews, logger);
    await listen(server, config.port, config.host);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const mailConfig = { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, publicUrl: config.publicUrl ?? url };
    // `--dev` without SMTP (what `npm start` runs): mails are written to the log, so a demo candidate
    // can follow a sign-in link. A production server without SMTP holds them in the outbox instead.
    const mail =
      config.smtpUrl === null && config.mode === 'dev'
        ? startMail(db, tx, mailConfig, logger, logMailTransport(logger))
        : startMail(db, tx, mailConfig, logger);
    const digest = scheduleResponseDigest(tx, { intervalMs: config.digestIntervalMs, logger });

    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      db,
      sessions,
      realtime: live,
      scopes: new ScopeService(tx, poke),
      seeded,
      close: () =>
        (closing ??= (async () => {
          // Let in-flight requests finish, but never wait on a stuck one for more than a few seconds.
          const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
          force.unref();
          settleVideo.stop();
          // Before socket.io: closing it closes the HTTP server, which would wait on peer sockets.
          await peers.close();
          await live.close();
          clearTimeout(force);
          await digest.stop();
          await mail.stop();
          await storage.close();
        })()),
    };
  } catch (err) {
    await storage.close();
    throw err;
  }
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** How often booked interviews whose slot ended are recorded as held or missed. */
const VIDEO_SETTLE_INTERVAL_MS = 30_000;

/** Runs `settleEnded` every 30 s (not overlapping itself); failures are logged and retried next time. */
function scheduleVideoSettling(video: VideoInterviewService, logger: Logger): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    video
      .settleEnded()
      .then((settled) => {
        if (settled > 0) logger.info({ settled }, 'video interviews settled');
      })
      .catch((err: unknown) => logger.error({ err }, 'settling video interviews failed'))
      .finally(() => {
        running = false;
      });
  }, VIDEO_SETTLE_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
