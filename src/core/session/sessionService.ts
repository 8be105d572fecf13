import { LoginRequest } from '../../shared/api/http';
import type { SessionInfo } from '../../shared/contract/ipc';
import type { CacheStore } from '../cache/cacheStore';
import type { EventSink } from '../events';
import type { CoreLogger } from '../logger';
import { RpcError } from '../rpc/handlerTable';
import type { SecretStore } from '../secrets/secretStore';
import type { ServerClient } from '../serverApi/serverClient';
import { normalizeServerUrl } from '../serverApi/serverUrl';
import { unsentCount } from '../cache/localRecords';

/** How long a best-effort server logout may delay a sign-out. */
const LOGOUT_TIMEOUT_MS = 5_000;

export interface SessionServiceDeps {
  cache: CacheStore;
  secrets: SecretStore;
  clientFor: (serverUrl: string) => ServerClient;
  emit: EventSink;
  logger: CoreLogger;
  /** Shown in the user's session list on the server, e.g. "FairDesk desktop (linux)". */
  clientName: string;
  now?: () => number;
}

export interface Credentials {
  session: SessionInfo;
  token: string;
}

export type SessionListener = (session: SessionInfo | null) => void;

/**
 * Who is signed in. The token lives in the SecretStore, the rest of the session in the cache, so
 * `current()` works offline.
 *
 * Rules: a sign-out the user asks for leaves nothing behind (token, session, synced data, outbox)
 * and is refused while changes wait to be sent, unless the user says to discard them. A session
 * that ends on its own (expired, revoked, token lost) forgets the token and the session but KEEPS
 * the cache and the outbox: nobody sees them while signed out, the same user signing in again on
 * the same server gets them back (and the outbox is pushed), a different user never does — the
 * cache drops them when its owner changes (see `CacheStore.signIn`).
 *
 * Listeners (the sync service) hear about every change synchronously, before the cache is
 * touched; the renderer hears `session.changed` afterwards.
 */
export class SessionService {
  private readonly listeners = new Set<SessionListener>();
  private readonly now: () => number;
  /** Login, logout and expiry never interleave. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SessionServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  onChange(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The signed-in session, or null (none, expired, or its token is gone). Never touches the network. */
  async current(): Promise<SessionInfo | null> {
    return (await this.credentials())?.session ?? null;
  }

  /** The session with its token, for the sync service. */
  async credentials(): Promise<Credentials | null> {
    const session = await this.deps.cache.session();
    if (!session || session.expiresAt <= this.now()) return null;
    const token = await this.deps.secrets.get();
    return token ? { session, token } : null;
  }

  /**
   * At start-up, without the network: a valid stored session opens the app signed in, from the
   * cache. One that has expired or lost its token (e.g. the OS keychain was reset) ends — the app
   * opens on the login screen, the cache and outbox kept for the same user's next sign-in.
   */
  restore(): Promise<SessionInfo | null> {
    return this.serialized(async () => {
      const credentials = await this.credentials();
      if (credentials) return credentials.session;
      if (await this.deps.cache.session()) {
        this.deps.logger.info({}, 'stored session expired or its token is missing; sign-in needed');
        await this.endSession();
      }
      return null;
    });
  }

  login(input: { serverUrl: string; email: string; password: string }): Promise<SessionInfo> {
    return this.serialized(async () => {
      const serverUrl = normalizeServerUrl(input.serverUrl);
      const request = LoginRequest.safeParse({ email: input.email, password: input.password, clientName: this.deps.clientName });
      if (!request.success) {
        throw new RpcError('bad_request', 'Enter a valid e-mail address and your password.', [
          { path: 'email', message: 'Enter a valid e-mail address.' },
        ]);
      }
      const answer = await this.deps.clientFor(serverUrl).login(request.data);
      const previous = await this.credentials();
      const session: SessionInfo = { user: answer.user, serverUrl, expiresAt: answer.expiresAt };

      this.notify(null);
      await this.deps.secrets.set(answer.token);
      const { clearedPreviousData, discardedChanges } = await this.deps.cache.signIn(session, this.now());
      if (discardedChanges > 0) {
        this.deps.logger.warn({ discardedChanges }, 'another account signed in: the previous account’s unsent changes were dropped');
      }
      this.deps.logger.info(
        { userId: session.user.id, role: session.user.role, serverUrl, clearedPreviousData },
        'signed in',
      );
      this.notify(session);
      this.deps.emit('session.changed', session);

      if (previous && previous.token !== answer.token) {
        // Signing in over an existing session: that token is no longer needed anywhere.
        void this.revoke(previous);
      }
      return session;
    });
  }

  /**
   * Signs out: forgets everything locally first, then revokes the token on the server if
   * reachable. Refused with `conflict` while changes wait to be sent, unless `discardPending`.
   */
  logout(options: { discardPending?: boolean } = {}): Promise<void> {
    return this.serialized(async () => {
      const credentials = await this.credentials();
      const session = await this.deps.cache.session();
      const pending = await this.deps.cache.read(unsentCount);
      if (pending > 0 && !options.discardPending) throw pendingChangesError(pending);
      // Stop syncing first, so a run in flight cannot write back what is being forgotten.
      this.notify(null);
      const outcome = await this.deps.cache.forget({ discardPending: options.discardPending ?? false });
      if (!outcome.forgotten) {
        // A change was queued between the check above and here: keep it, resume syncing.
        if (credentials) this.notify(credentials.session);
        throw pendingChangesError(outcome.pending);
      }
      await this.deps.secrets.clear();
      if (session) this.deps.emit('session.changed', null);
      this.deps.logger.info({ discarded: outcome.discarded }, 'signed out');
      if (credentials) await this.revoke(credentials);
    });
  }

  /** The server refused our token (expired or revoked): back to the login screen, data kept. */
  expire(reason: string): Promise<void> {
    return this.serialized(async () => {
      if (!(await this.deps.cache.session())) return;
      this.deps.logger.warn({ reason }, 'session ended by the server; sign-in needed');
      await this.endSession();
    });
  }

  private async endSession(): Promise<void> {
    this.notify(null);
    await this.deps.secrets.clear();
    await this.deps.cache.endSession();
    this.deps.emit('session.changed', null);
  }

  private async revoke({ session, token }: Credentials): Promise<void> {
    try {
      await this.deps.clientFor(session.serverUrl).logout(token, { timeoutMs: LOGOUT_TIMEOUT_MS });
    } catch (error) {
      this.deps.logger.warn(
        { serverUrl: session.serverUrl, error: error instanceof Error ? error.message : String(error) },
        'could not revoke the session token on the server (it will expire on its own)',
      );
    }
  }

  private notify(session: SessionInfo | null): void {
    for (const listener of this.listeners) listener(session);
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function pendingChangesError(n: number): RpcError {
  return new RpcError(
    'conflict',
    `${n} ${n === 1 ? 'change or chat message is' : 'changes or chat messages are'} still waiting to be sent to the server. Connect and let ${n === 1 ? 'it' : 'them'} go before signing out, or sign out anyway and discard ${n === 1 ? 'it' : 'them'}.`,
  );
}
