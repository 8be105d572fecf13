import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { CANDIDATE_SESSION_TTL_DAYS } from '../../shared/domain/candidates';
import { Candidate, CandidateSession } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError, unauthenticated } from '../errors';
import { hashCandidateToken, looksLikeCandidateToken, newCandidateToken } from './tokens';

export const CANDIDATE_SESSION_TTL_MS = CANDIDATE_SESSION_TTL_DAYS * 24 * 3_600_000;

/** A portal request's verified candidate. */
export interface CandidateAuth {
  candidate: Candidate;
  session: CandidateSession;
}

/** Issues, checks and revokes portal sessions (the httpOnly cookie's token, stored hashed). */
export class CandidateSessions {
  private readonly revokedListeners = new Set<(sessionId: string) => void>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates a session inside the caller's transaction; the returned token is the only copy. */
  async create(manager: EntityManager, candidateId: string): Promise<{ token: string; session: CandidateSession }> {
    const token = newCandidateToken();
    const now = this.now();
    const session = manager.create(CandidateSession, {
      id: crypto.randomUUID(),
      tokenHash: hashCandidateToken(this.secret, 'candidate-session', token),
      candidateId,
      createdAt: now,
      expiresAt: now + CANDIDATE_SESSION_TTL_MS,
      revokedAt: null,
    });
    await manager.insert(CandidateSession, session);
    return { token, session };
  }

  /**
   * @throws ServerError 401 `unauthenticated` (no cookie, unknown or revoked session) or
   *   `session_expired`.
   */
  async authenticate(token: string | undefined): Promise<CandidateAuth> {
    if (!token) throw unauthenticated('Please sign in: enter your e-mail and we will send you a sign-in link.');
    const ended = unauthenticated('Your session has ended. Please sign in again.');
    if (!looksLikeCandidateToken(token)) throw ended;
    const session = await this.tx.reads
      .getRepository(CandidateSession)
      .findOneBy({ tokenHash: hashCandidateToken(this.secret, 'candidate-session', token) });
    if (!session || session.revokedAt !== null) throw ended;
    if (session.expiresAt <= this.now()) {
      throw new ServerError('session_expired', 401, 'Your session has expired. Please sign in again.');
    }
    const candidate = await this.tx.reads.getRepository(Candidate).findOneBy({ id: session.candidateId });
    if (!candidate) throw ended;
    return { candidate, session };
  }

  /** Through the TransactionRunner, so on SQLite a sign-out never lands inside (and dies with) another transaction. */
  async revoke(sessionId: string): Promise<void> {
    await this.tx.job((manager) => manager.update(CandidateSession, { id: sessionId, revokedAt: IsNull() }, { revokedAt: this.now() }));
    for (const listener of this.revokedListeners) listener(sessionId);
  }

  /** Called after a session is revoked (sign-out), e.g. to disconnect its sockets. Returns an unsubscribe. */
  onRevoked(listener: (sessionId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }
}
