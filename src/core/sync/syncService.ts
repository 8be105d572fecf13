import { SCHEMA_VERSION } from '../../shared/api/http';
import type { SyncStatus } from '../../shared/contract/ipc';
import type { CacheStore } from '../cache/cacheStore';
import type { EventSink } from '../events';
import type { CoreLogger } from '../logger';
import { RpcError } from '../rpc/handlerTable';
import type { ServerClient } from '../serverApi/serverClient';
import type { Credentials, SessionService } from '../session/sessionService';
import type { PokeChannel, PokeConnector } from './pokeChannel';

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;

export interface SyncServiceDeps {
  cache: CacheStore;
  session: SessionService;
  clientFor: (serverUrl: string) => ServerClient;
  connectPokes: PokeConnector;
  emit: EventSink;
  logger: CoreLogger;
  intervalMs?: number;
  now?: () => number;
}

const SIGNED_OUT: SyncStatus = { state: 'signed_out', lastSyncedAt: null, pending: 0, message: null };
const CONNECTION_LOST = 'The connection to the server was lost. You are working from the local copy; FairDesk reconnects by itself.';

/** One signed-in run of the sync loop; a new login or a sign-out ends it. */
interface Run {
  generation: number;
  credentials: Credentials;
  timer: NodeJS.Timeout;
  pokes: PokeChannel;
}

/**
 * Keeps the cache in step with the server (foundation version: pull only; the outbox and push
 * arrive with the next issue and slot into `pullOnce`'s place in the loop).
 *
 * Pulls run after sign-in, on `syncNow()`, every minute, on a server poke and on reconnecting.
 * Requests arriving during a pull are coalesced into one more pull, so a poke is never lost.
 * Being offline is a state, not an error: `syncNow()` never rejects for it.
 */
export class SyncService {
  private status: SyncStatus = SIGNED_OUT;
  private generation = 0;
  private run: Run | null = null;
  private draining: Promise<void> | null = null;
  private pullRequested = false;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(private readonly deps: SyncServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.intervalMs = deps.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    deps.session.onChange((session) => {
      if (session) void this.start();
      else this.stop();
    });
  }

  currentStatus(): SyncStatus {
    return this.status;
  }

  /** Starts syncing for the stored session, if there is one (called at start-up and after sign-in). */
  async start(): Promise<void> {
    this.stop();
    const generation = this.generation;
    const credentials = await this.deps.session.credentials();
    const { lastSyncedAt } = await this.deps.cache.pullState();
    if (!credentials || generation !== this.generation) return;

    const timer = setInterval(() => void this.syncNow(), this.intervalMs);
    timer.unref();
    const pokes = this.deps.connectPokes(credentials.session.serverUrl, credentials.token, {
      onPoke: () => void this.syncNow(),
      onConnect: () => {
        // After a drop the pokes sent meanwhile are lost: catch up. The first connect needs no
        // pull of its own, start() already asked for one.
        if (this.status.state === 'offline' || this.status.state === 'error') void this.syncNow();
      },
      onDisconnect: (reason, reconnecting) => {
        if (this.run?.generation !== generation) return;
        this.deps.logger.info({ reason, reconnecting }, 'poke channel disconnected');
        this.setStatus({ ...this.status, state: 'offline', message: CONNECTION_LOST });
        // Closed by the server on purpose (restart, revoked session): a pull finds out which,
        // and reconnects the channel when it succeeds.
        if (!reconnecting) void this.syncNow();
      },
      onRejected: (message) => {
        this.deps.logger.warn({ message }, 'server refused the poke channel; checking the session with a pull');
        void this.syncNow();
      },
    });
    this.run = { generation, credentials, timer, pokes };
    this.setStatus({ state: 'syncing', lastSyncedAt, pending: 0, message: null });
    void this.syncNow();
  }

  /** Ends the current run (sign-out); a pull in flight is discarded, never applied. */
  stop(message: string | null = null): void {
    this.generation += 1;
    if (this.run) {
      clearInterval(this.run.timer);
      this.run.pokes.close();
      this.run = null;
    }
    this.setStatus({ ...SIGNED_OUT, message });
  }

  /** Pulls now (or right after the pull in flight) and resolves with the resulting status. */
  async syncNow(): Promise<SyncStatus> {
    if (!this.run) return this.status;
    this.pullRequested = true;
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
    });
    await this.draining;
    return this.status;
  }

  async close(): Promise<void> {
    this.stop();
    await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pullRequested && this.run) {
      this.pullRequested = false;
      await this.pullOnce(this.run);
    }
  }

  private async pullOnce(run: Run): Promise<void> {
    const stillCurrent = (): boolean => this.generation === run.generation;
    // While offline keep showing "offline" during retries instead of flashing "syncing".
    if (this.status.state !== 'offline') this.setStatus({ ...this.status, state: 'syncing', message: null });
    try {
      const clientId = await this.deps.cache.clientId();
      const { cookie } = await this.deps.cache.pullState();
      const { serverUrl } = run.credentials.session;
      const response = await this.deps
        .clientFor(serverUrl)
        .pull(run.credentials.token, { clientId, schemaVersion: SCHEMA_VERSION, cookie });
      const syncedAt = this.now();
      if (!(await this.deps.cache.applyPull(response, syncedAt, stillCurrent))) return;
      this.deps.logger.debug({ ops: response.patch.length, reset: response.reset }, 'pull applied');
      this.setStatus({ state: 'idle', lastSyncedAt: syncedAt, pending: 0, message: null });
      run.pokes.retry();
    } catch (error) {
      if (!stillCurrent()) return;
      await this.handleFailure(error);
    }
  }

  private async handleFailure(error: unknown): Promise<void> {
    if (!(error instanceof RpcError)) {
      this.deps.logger.error({ error: describe(error) }, 'pull failed unexpectedly');
      this.setStatus({
        ...this.status,
        state: 'error',
        message: 'Synchronisation failed unexpectedly; details are in the log. FairDesk will try again.',
      });
      return;
    }
    switch (error.code) {
      case 'server_unreachable':
        this.setStatus({ ...this.status, state: 'offline', message: error.message });
        return;
      case 'session_expired':
      case 'unauthenticated':
        // expire() signs out, which stops this run through the session listener.
        await this.deps.session.expire(error.code);
        // Say why on the login screen, unless someone has signed in again meanwhile.
        if (!this.run) {
          this.setStatus({
            ...SIGNED_OUT,
            message: error.code === 'session_expired' ? 'Your session has expired. Sign in again.' : error.message,
          });
        }
        return;
      default:
        this.deps.logger.warn({ code: error.code, message: error.message }, 'pull refused by the server');
        this.setStatus({ ...this.status, state: 'error', message: error.message });
    }
  }

  private setStatus(next: SyncStatus): void {
    const previous = this.status;
    if (
      previous.state === next.state &&
      previous.lastSyncedAt === next.lastSyncedAt &&
      previous.pending === next.pending &&
      previous.message === next.message
    ) {
      return;
    }
    this.status = next;
    this.deps.emit('sync.status', next);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
