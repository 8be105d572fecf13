import crypto from 'node:crypto';
import { IsNull } from 'typeorm';
import { Session, User } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError, unauthenticated } from '../errors';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './tokens';

/** A request's verified identity. */
export interface AuthContext {
  user: User;
  session: Session;
}

export interface SessionServiceOptions {
  secret: string;
  ttlMs: number;
  now?: () => number;
}

/** `lastSeenAt` is written at most this often per session, so reads do not turn into writes. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * Issues, checks and revokes bearer sessions. Used by the HTTP bearer middleware and the
 * socket.io handshake, so both accept exactly the same tokens.
 *
 * Its writes go through the TransactionRunner: on SQLite they would otherwise run on the one shared
 * connection inside whatever transaction is open, and be rolled back with it.
 */
export class SessionService {
  private readonly revokedListeners = new Set<(sessionId: string) => void>();
  private readonly now: () => number;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly options: SessionServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Creates a session for `user`; the returned token is the only copy that will ever exist. */
  async create(user: User, clientName: string): Promise<{ token: string; session: Session }> {
    const token = newSessionToken();
    const now = this.now();
    const session = this.tx.db.getRepository(Session).create({
      id: crypto.randomUUID(),
      tokenHash: hashSessionToken(this.options.secret, token),
      userId: user.id,
      clientName: clientName.trim() || 'unnamed client',
      createdAt: now,
      expiresAt: now + this.options.ttlMs,
      lastSeenAt: now,
      revokedAt: null,
    });
    await this.tx.job((manager) => manager.insert(Session, session));
    return { token, session };
  }

  /**
   * Resolves a bearer token to its user and session.
   * @throws ServerError `unauthenticated` (missing, unknown or revoked token),
   *   `session_expired` (past its expiry) or `account_inactive` (the user was deactivated).
   */
  async authenticate(token: string | undefined): Promise<AuthContext> {
    if (!token) throw unauthenticated();
    if (!looksLikeSessionToken(token)) throw unauthenticated('Your session is not valid. Please sign in again.');
    const session = await this.tx.reads
      .getRepository(Session)
      .findOneBy({ tokenHash: hashSessionToken(this.options.secret, token) });
    if (!session || session.revokedAt !== null) {
      throw unauthenticated('Your session has ended. Please sign in again.');
    }
    const now = this.now();
    if (session.expiresAt <= now) {
      throw new ServerError('session_expired', 401, 'Your session has expired. Please sign in again.');
    }
    const user = await this.tx.reads.getRepository(User).findOneBy({ id: session.userId });
    if (!user) throw unauthenticated('Your session has ended. Please sign in again.');
    if (!user.active) {
      throw new ServerError('account_inactive', 401, 'This account has been deactivated. Contact your administrator.');
    }
    if (now - session.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) {
      session.lastSeenAt = now;
      await this.tx.job((manager) => manager.update(Session, { id: session.id }, { lastSeenAt: now }));
    }
    return { user, session };
  }

  /** Revokes a session (logout). Idempotent; listeners learn about it once. */
  async revoke(sessionId: string): Promise<void> {
    const result = await this.tx.job((manager) => manager.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: this.now() }));
    if ((result.affected ?? 0) > 0) {
      for (const listener of this.revokedListeners) listener(sessionId);
    }
  }

  /** Called after a session is revoked, e.g. to disconnect its sockets. Returns an unsubscribe. */
  onRevoked(listener: (sessionId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }
}
