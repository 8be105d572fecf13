import type { SyncStatus } from '../../shared/contract/ipc';
import type { CacheStore } from '../cache/cacheStore';
import { syncCounts } from '../cache/localRecords';
import type { EventSink } from '../events';
import type { CoreLogger } from '../logger';
import { RpcError } from '../rpc/handlerTable';
import type { ServerClient } from '../serverApi/serverClient';
import type { Credentials, SessionService } from '../session/sessionService';
import { Backoff, type BackoffPolicy } from './backoff';
import type { PokeChannel, PokeConnector } from './pokeChannel';
import { RunSuperseded, type StepContext } from './steps/context';
import { pullAndRebase } from './steps/pull';
import { pushOutbox } from './steps/push';
import { sendQueuedUploads } from './steps/uploads';
import type { UploadFiles } from '../uploads/uploadFiles';

export const DEFAULT_SYNC_INTERVAL_MS = 60_000;

export interface SyncServiceDeps {
  cache: CacheStore;
  session: SessionService;
  clientFor: (serverUrl: string) => ServerClient;
  connectPokes: PokeConnector;
  /** Where queued uploads' bytes are (sent before each push). */
  uploadFiles: UploadFiles;
  emit: EventSink;
  logger: CoreLogger;
  intervalMs?: number;
  backoff?: BackoffPolicy;
  now?: () => number;
}

const SIGNED_OUT: SyncStatus = {
  state: 'signed_out',
  lastSyncedAt: null,
  pending: 0,
  rejections: 0,
  upgradeRequired: false,
  message: null,
};
const CONNECTION_LOST = 'The connection to the server was lost. You are working from the local copy; FairDesk reconnects by itself.';
const UPGRADE_REQUIRED =
  'This version of FairDesk is too old for the server, so syncing has stopped. Update the app; your waiting changes are kept and will be sent after the update.';

/** One signed-in run of the sync loop; a new login or a sign-out ends it. */
interface Run {
  generation: number;
  credentials: Credentials;
  timer: NodeJS.Timeout;
  pokes: PokeChannel;
}

/**
 * Keeps the cache and the server in step: each sync run is upload (queued files), push (the
 * outbox), then pull (and rebase). Runs are triggered by a local change, a server poke, `syncNow()`, the poke channel
 * reconnecting, a timer, and — after a failure — a backoff retry. Never two runs at once: a
 * request arriving during a run is coalesced into one more run, so no trigger is lost.
 *
 * Being offline is a state, not an error: `syncNow()` never rejects for it. A server that says
 * the app is too old stops syncing for good (until the app is updated); the user keeps working
 * offline and nothing queued is lost.
 */
export class SyncService {
  private status: SyncStatus = SIGNED_OUT;
  private generation = 0;
  private run: Run | null = null;
  private draining: Promise<void> | null = null;
  private requested = false;
  /** Requests numbered as they come; a run serves every request made before it started. */
  private lastRequest = 0;
  private waiters: Array<{ request: number; resolve: (status: SyncStatus) => void }> = [];
  private upgradeRequired = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  private readonly intervalMs: number;

  constructor(private readonly deps: SyncServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.intervalMs = deps.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    this.backoff = new Backoff(deps.backoff);
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
    const counts = await this.deps.cache.read(syncCounts);
    if (!credentials || generation !== this.generation) return;

    const timer = setInterval(() => void this.syncNow(), this.intervalMs);
    timer.unref();
    const pokes = this.deps.connectPokes(credentials.session.serverUrl, credentials.token, {
      onPoke: () => {
        void this.syncNow();
        // Video interviews are not synced (their state is the server's): a poke is "something
        // changed", so the renderer reloads `videoInterviews.list` on each one.
        this.deps.emit('videoInterviews.changed', {});
      },
      onConnect: () => {
        // After a drop the pokes sent meanwhile are lost: catch up. The first connect needs no
        // run of its own, start() already asked for one.
        if (this.status.state === 'offline' || this.status.state === 'error') void this.syncNow();
      },
      onDisconnect: (reason, reconnecting) => {
        if (this.run?.generation !== generation || this.upgradeRequired) return;
        this.deps.logger.info({ reason, reconnecting }, 'poke channel disconnected');
        this.setStatus({ ...this.status, state: 'offline', message: CONNECTION_LOST });
        // Closed by the server on purpose (restart, revoked session): a run finds out which,
        // and reconnects the channel when it succeeds.
        if (!reconnecting) void this.syncNow();
      },
      onRejected: (message) => {
        this.deps.logger.warn({ message }, 'server refused the poke channel; checking the session with a sync');
        void this.syncNow();
      },
    });
    this.run = { generation, credentials, timer, pokes };
    if (this.upgradeRequired) {
      this.haltForUpgrade(this.run);
      return;
    }
    this.setStatus({ state: 'syncing', lastSyncedAt, ...counts, upgradeRequired: false, message: null });
    void this.syncNow();
  }

  /** Ends the current run (sign-out, session ended); a run in flight is discarded, never applied. */
  stop(message: string | null = null): void {
    this.generation += 1;
    this.clearRetry();
    if (this.run) {
      clearInterval(this.run.timer);
      this.run.pokes.close();
      this.run = null;
    }
    this.setStatus({ ...SIGNED_OUT, upgradeRequired: this.upgradeRequired, message });
  }

  /** Runs a sync now (or right after the one in flight) and resolves with the resulting status. */
  async syncNow(): Promise<SyncStatus> {
    if (!this.run || this.upgradeRequired) return this.status;
    this.requested = true;
    const request = ++this.lastRequest;
    // Resolves once a run that started after this request has finished — not when the engine goes
    // quiet: backoff retries keep asking for runs while a push is stalled, and a caller must not
    // wait for all of those.
    const served = new Promise<SyncStatus>((resolve) => this.waiters.push({ request, resolve }));
    this.startDrain();
    return served;
  }

  private startDrain(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      // A request that arrived as the loop was ending still gets its run.
      if (this.requested && this.run && !this.upgradeRequired) this.startDrain();
      else this.release(Number.POSITIVE_INFINITY);
    });
  }

  /**
   * Lets every syncNow() caller whose request a finished run served go on, with the status that
   * run left (the next run may already be starting).
   */
  private release(upTo: number): void {
    const done = this.waiters.filter((w) => w.request <= upTo);
    this.waiters = this.waiters.filter((w) => w.request > upTo);
    const status = this.status;
    for (const waiter of done) waiter.resolve(status);
  }

  /** A local change was queued: update the counters and send it (without waiting). */
  changeQueued(): void {
    void this.refreshCounts().then(() => this.syncNow());
  }

  /** Re-reads "waiting to send" and the undismissed rejections (after a local change or a dismissal). */
  async refreshCounts(): Promise<void> {
    const generation = this.generation;
    const counts = await this.deps.cache.read(syncCounts);
    if (generation === this.generation && this.run) this.setStatus({ ...this.status, ...counts });
  }

  async close(): Promise<void> {
    this.stop();
    await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.requested && this.run && !this.upgradeRequired) {
      this.requested = false;
      const serves = this.lastRequest;
      await this.runOnce(this.run);
      this.release(serves);
    }
  }

  /** One sync run: queued uploads, push, then pull and rebase. */
  private async runOnce(run: Run): Promise<void> {
    const stillCurrent = (): boolean => this.generation === run.generation;
    // While offline keep showing "offline" during retries instead of flashing "syncing".
    if (this.status.state !== 'offline') this.setStatus({ ...this.status, state: 'syncing', message: null });
    try {
      const ctx: StepContext = {
        cache: this.deps.cache,
        server: this.deps.clientFor(run.credentials.session.serverUrl),
        token: run.credentials.token,
        clientId: await this.deps.cache.clientId(),
        actor: run.credentials.session.user,
        logger: this.deps.logger,
        now: this.now,
        stillCurrent,
      };
      // Files first: the changes about to be pushed may refer to them.
      await sendQueuedUploads(ctx, this.deps.uploadFiles, this.deps.emit);
      const pushed = await pushOutbox(ctx);
      const outcome = await pullAndRebase(ctx);
      if (!outcome || !stillCurrent()) return;
      for (const rejection of outcome.newRejections) this.deps.emit('sync.rejected', rejection);
      for (const notification of outcome.notifications) this.deps.emit('notification', notification);
      if (outcome.entities.length > 0) this.deps.emit('cache.changed', { entities: outcome.entities });
      this.deps.logger.debug({ pushed: pushed.sent, rejections: outcome.newRejections.length, pending: outcome.pending }, 'sync run done');
      this.backoff.reset();
      this.clearRetry();
      this.setStatus({
        state: 'idle',
        lastSyncedAt: outcome.lastSyncedAt,
        pending: outcome.pending,
        rejections: outcome.rejections,
        upgradeRequired: false,
        message: null,
      });
      run.pokes.retry();
      // The server stopped short (a transient failure on its side): the outbox must still drain.
      if (pushed.stalled && outcome.pending > 0) this.scheduleRetry();
    } catch (error) {
      if (error instanceof RunSuperseded || !stillCurrent()) return;
      await this.handleFailure(error, run);
    }
  }

  private async handleFailure(error: unknown, run: Run): Promise<void> {
    if (!(error instanceof RpcError)) {
      this.deps.logger.error({ error: describe(error) }, 'sync failed unexpectedly');
      this.setStatus({
        ...this.status,
        state: 'error',
        message: 'Synchronisation failed unexpectedly; details are in the log. FairDesk will try again.',
      });
      this.scheduleRetry();
      return;
    }
    switch (error.code) {
      case 'server_unreachable':
        this.setStatus({ ...this.status, state: 'offline', message: error.message });
        this.scheduleRetry();
        return;
      case 'session_expired':
      case 'unauthenticated': {
        // expire() ends the session (keeping the cache and the outbox for the same user's next
        // sign-in) and stops this run through the session listener.
        await this.deps.session.expire(error.code);
        if (this.run) return; // someone signed in again meanwhile
        const { pending } = await this.deps.cache.read(syncCounts);
        const why = error.code === 'session_expired' ? 'Your session has expired.' : error.message;
        const kept = pending > 0 ? ` Your ${pending} waiting ${pending === 1 ? 'change is' : 'changes are'} kept and will be sent once you are back.` : '';
        this.setStatus({ ...SIGNED_OUT, upgradeRequired: this.upgradeRequired, pending, message: `${why} Sign in again.${kept}` });
        return;
      }
      case 'upgrade_required':
        this.deps.logger.warn({ message: error.message }, 'server requires a newer app; sync stopped');
        this.upgradeRequired = true;
        this.haltForUpgrade(run);
        return;
      default:
        this.deps.logger.warn({ code: error.code, message: error.message }, 'sync refused by the server');
        this.setStatus({ ...this.status, state: 'error', message: error.message });
        this.scheduleRetry();
    }
  }

  /** Stops the timer and the poke channel for good; the session and the cache stay usable offline. */
  private haltForUpgrade(run: Run): void {
    clearInterval(run.timer);
    run.pokes.close();
    this.clearRetry();
    this.setStatus({ ...this.status, state: 'error', upgradeRequired: true, message: UPGRADE_REQUIRED });
  }

  private scheduleRetry(): void {
    if (this.retryTimer || !this.run) return;
    const delay = this.backoff.nextDelay();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.syncNow();
    }, delay);
    this.retryTimer.unref();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setStatus(next: SyncStatus): void {
    const previous = this.status;
    if (
      previous.state === next.state &&
      previous.lastSyncedAt === next.lastSyncedAt &&
      previous.pending === next.pending &&
      previous.rejections === next.rejections &&
      previous.upgradeRequired === next.upgradeRequired &&
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
