import path from 'node:path';
import os from 'node:os';
import type { AppInfo } from '../shared/contract/ipc';
import { CacheStore } from './cache/cacheStore';
import { ChatEngine } from './chat/chatEngine';
import { ChatService } from './chat/chatService';
import { connectChatSocket, type ChatConnector } from './chat/chatSocket';
import { EventHub } from './events';
import { silentLogger, type CoreLogger } from './logger';
import type { HandlerTable } from './rpc/handlerTable';
import { createHandlerTable } from './rpc/createHandlerTable';
import { serve } from './rpc/serve';
import type { RpcTransport } from './rpc/transport';
import type { SecretStore } from './secrets/secretStore';
import { EmployerMembersService } from './responses/employerMembersService';
import { FairOverviewService } from './responses/fairOverviewService';
import { ServerClient } from './serverApi/serverClient';
import { SessionService } from './session/sessionService';
import { ChangeService } from './outbox/changeService';
import type { BackoffPolicy } from './sync/backoff';
import { connectPokeChannel, type PokeConnector } from './sync/pokeChannel';
import { SyncService } from './sync/syncService';
import { uploadFilesFor } from './uploads/uploadFiles';
import { UploadService } from './uploads/uploadService';
import { VideoInterviewService } from './video/videoInterviewService';

/**
 * How a host builds the core. Stable: the Electron main process, the browser host and the sync
 * simulation (child processes driving `dispatch(core.table, method, input)`) all pass these.
 */
export interface CoreOptions {
  /** Directory for the cache file `fairdesk-cache.sqlite` (`':memory:'` in tests). Created 0700. */
  dataDir: string;
  /** Where the session token is kept (safeStorage, a 0600 file, memory). */
  secretStore: SecretStore;
  host: AppInfo['host'];
  appVersion: string;
  /** Pre-fills the login form until the user has signed in somewhere. */
  defaultServerUrl: string;
  logger?: CoreLogger;
  /** Periodic sync run (default 60 s). Other triggers: local change, poke, reconnect, `sync.now`, retry. */
  syncIntervalMs?: number;
  /** Per HTTP request to the server (default 10 s); slower counts as offline. */
  serverTimeoutMs?: number;
  /** Retry delays after a failed sync run (default 1 s doubling to 60 s). */
  syncBackoff?: BackoffPolicy;
  /** The poke channel; default socket.io. Pass a no-op connector to rely on explicit `sync.now`. */
  connectPokes?: PokeConnector;
  /** The chat connection; default socket.io (its own connection, the same token as the pokes). */
  connectChat?: ChatConnector;
  /** How long a chat request waits for the server's ack (default 10 s); then it is retried later. */
  chatAckTimeoutMs?: number;
  /**
   * Opens a file with the operating system's default application (Electron: `shell.openPath`);
   * resolves false when nothing opened it. Absent where the host cannot (the browser host).
   */
  openFile?: (filePath: string) => Promise<boolean>;
  /**
   * Opens a video interview's call in the host's dedicated video window (Electron: the only window
   * with camera and microphone); resolves false when it did not. Absent where the host has none
   * (the browser host): `videoInterviews.openCallWindow` answers `opened: false`.
   */
  openCallWindow?: (interviewId: string) => Promise<boolean>;
}

export interface Core {
  /** The IPC handler table; `dispatch(core.table, method, input)` (rpc/handlerTable.ts) calls it with validation. */
  table: HandlerTable;
  /** Serves the table over `transport` and forwards events to it; returns a function that stops the events. */
  attach(transport: RpcTransport): () => void;
  /** Stops syncing and closes the cache. */
  close(): Promise<void>;
}

/**
 * The composition root shared by both hosts (Electron main and the browser host): opens and
 * migrates the cache, restores the stored session and starts syncing if there is one.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? silentLogger;
  const hub = new EventHub();
  const cache = await CacheStore.open(options.dataDir);
  const clientFor = (serverUrl: string): ServerClient =>
    new ServerClient(serverUrl, { timeoutMs: options.serverTimeoutMs });

  const uploadFiles = uploadFilesFor(options.dataDir);
  const session = new SessionService({
    cache,
    secrets: options.secretStore,
    clientFor,
    emit: hub.emit,
    logger,
    clientName: `FairDesk ${options.appVersion} (${options.host}, ${os.hostname()})`,
  });
  const sync = new SyncService({
    cache,
    session,
    clientFor,
    connectPokes: options.connectPokes ?? connectPokeChannel,
    uploadFiles,
    emit: hub.emit,
    logger,
    intervalMs: options.syncIntervalMs,
    backoff: options.syncBackoff,
  });
  const chatEngine = new ChatEngine({
    cache,
    session,
    connect: options.connectChat ?? connectChatSocket,
    emit: hub.emit,
    logger,
    ackTimeoutMs: options.chatAckTimeoutMs,
    backoff: options.syncBackoff,
  });
  const chats = new ChatService({ cache, session, engine: chatEngine, emit: hub.emit });
  const changes = new ChangeService({ cache, session, emit: hub.emit, onQueued: () => sync.changeQueued() });
  const uploads = new UploadService({
    cache,
    files: uploadFiles,
    session,
    clientFor,
    emit: hub.emit,
    onQueued: () => sync.changeQueued(),
    openFile: options.openFile,
    openedDir: options.dataDir === ':memory:' ? null : path.join(options.dataDir, 'opened'),
  });

  const appInfo = async (): Promise<AppInfo> => ({
    version: options.appVersion,
    host: options.host,
    platform: process.platform,
    defaultServerUrl: (await cache.lastServerUrl()) ?? options.defaultServerUrl,
  });
  // Stand images arrive by pull as ids only: fetch them in the background after each change of
  // stands, one run at a time, so previews work offline later.
  let prefetching: Promise<unknown> = Promise.resolve();
  hub.attach((event, payload) => {
    if (event !== 'cache.changed' || !(payload as { entities: string[] }).entities.includes('stand')) return;
    prefetching = prefetching
      .then(() => uploads.prefetchStandImages())
      .catch((error: unknown) => logger.warn({ error: String(error) }, 'prefetching stand images failed'));
  });

  const fairOverview = new FairOverviewService({ cache, session, clientFor });
  const employerMembers = new EmployerMembersService({ cache, session, clientFor });
  const videoInterviews = new VideoInterviewService({ session, clientFor, openCallWindow: options.openCallWindow });
  const table = createHandlerTable({ cache, session, sync, changes, uploads, fairOverview, employerMembers, chats, videoInterviews, appInfo });

  const restored = await session.restore();
  // Awaited: no network involved, and the first status (counts included) is then right.
  if (restored) {
    await sync.start();
    await chatEngine.start();
  }
  logger.info({ dataDir: options.dataDir, signedIn: restored !== null }, 'desktop core ready');

  let closed = false;
  return {
    table,
    attach(transport) {
      const emit = serve(table, transport, {
        onUnexpectedError: (method, error) =>
          logger.error({ method, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'rpc handler failed'),
      });
      return hub.attach(emit);
    },
    async close() {
      if (closed) return;
      closed = true;
      await sync.close();
      await chatEngine.close();
      await prefetching;
      await cache.close();
    },
  };
}
