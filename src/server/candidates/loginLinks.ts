import crypto from 'node:crypto';
import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { Locale } from '../../shared/domain/roles';
import { LOGIN_LINK_TTL_MINUTES } from '../../shared/domain/candidates';
import { LoginRateLimiter } from '../auth/loginRateLimiter';
import { Candidate, CandidateLoginLink, type CandidateSession } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';
import { mailSettingsOf } from '../mail/mailRuntime';
import { enqueueMails } from '../mail/outbox';
import type { CandidateSessions } from './candidateSessions';
import { hashCandidateToken, looksLikeCandidateToken, newCandidateToken } from './tokens';

export const LOGIN_LINK_TTL_MS = LOGIN_LINK_TTL_MINUTES * 60_000;

export interface LoginLinkInput {
  /** Trimmed and lower-cased by the request schema. */
  email: string;
  locale: Locale;
  returnTo?: string | undefined;
}

export interface SignedIn {
  candidate: Candidate;
  session: CandidateSession;
  /** The cookie value; exists only here and in the browser. */
  token: string;
  returnTo: string | null;
}

const invalidLink = (): ServerError =>
  new ServerError('unauthenticated', 401, 'This sign-in link is not valid. Ask for a new link on the sign-in page.');

/**
 * Sign-in by e-mail link. Asking never reveals whether an address has an account (the account is
 * made when a link is first redeemed); links are single-use, expire after 30 minutes, and are
 * throttled per address + client IP and per address, so nobody can flood a mailbox through us.
 */
export class CandidateLoginLinks {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly sessions: CandidateSessions,
    private readonly secret: string,
    private readonly now: () => number = Date.now,
    // Few links per address and client (a candidate re-asking is normal; dozens is abuse) …
    private readonly perClient = new LoginRateLimiter(5, 15 * 60_000, now),
    // … and a ceiling per address whatever the number of clients asking.
    private readonly perAddress = new LoginRateLimiter(10, 60 * 60_000, now),
  ) {}

  /**
   * Queues a sign-in mail to `input.email`.
   * @throws ServerError 429 when the address (from this client, or at all) asked too often lately;
   *   the answer depends only on requests, never on whether the address has an account.
   */
  async request(input: LoginLinkInput, clientIp: string): Promise<void> {
    const keys: Array<[LoginRateLimiter, string]> = [
      [this.perClient, `${input.email}|${clientIp}`],
      [this.perAddress, input.email],
    ];
    const waitMs = Math.max(...keys.map(([limiter, key]) => limiter.retryAfterMs(key)));
    if (waitMs > 0) {
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      throw new ServerError(
        'forbidden',
        429,
        `Too many sign-in links were asked for this address. Use the last link you received, or try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      );
    }
    for (const [limiter, key] of keys) limiter.recordFailure(key);
    const token = newCandidateToken();
    await this.tx.job(async (manager) => {
      const now = this.now();
      await manager.insert(CandidateLoginLink, {
        id: crypto.randomUUID(),
        tokenHash: hashCandidateToken(this.secret, 'candidate-link', token),
        email: input.email,
        locale: input.locale,
        returnTo: input.returnTo ?? null,
        createdAt: now,
        expiresAt: now + LOGIN_LINK_TTL_MS,
        usedAt: null,
      });
      const { links } = mailSettingsOf(manager.connection);
      // No centre or employer: a sign-in link is a secret, so it never shows in staff's outbox.
      await enqueueMails(manager, now, [
        {
          template: 'candidateSignIn',
          vars: { signInUrl: links.candidateSignIn(token), validMinutes: LOGIN_LINK_TTL_MINUTES },
          locale: input.locale,
          to: { address: input.email, name: null },
          centreId: null,
          employerId: null,
          dedupeKey: null,
        },
      ]);
    });
  }

  /**
   * Redeems a link's token: marks it used (exactly once, even with two tabs racing), creates the
   * account on first use, opens a session.
   * @throws ServerError 401 for a forged, used or expired link (each with its own wording).
   */
  async redeem(token: string): Promise<SignedIn> {
    if (!looksLikeCandidateToken(token)) throw invalidLink();
    const tokenHash = hashCandidateToken(this.secret, 'candidate-link', token);
    return this.tx.job(async (manager) => {
      const now = this.now();
      const link = await manager.findOneBy(CandidateLoginLink, { tokenHash });
      if (!link) throw invalidLink();
      if (link.usedAt !== null) {
        throw new ServerError('unauthenticated', 401, 'This sign-in link has already been used. Ask for a new link on the sign-in page.');
      }
      if (link.expiresAt <= now) {
        throw new ServerError(
          'session_expired',
          401,
          `This sign-in link has expired (links work for ${LOGIN_LINK_TTL_MINUTES} minutes). Ask for a new link on the sign-in page.`,
        );
      }
      // Conditional, so a concurrent redeem of the same link (PostgreSQL) cannot also succeed.
      const claimed = await manager.update(
        CandidateLoginLink,
        { id: link.id, usedAt: IsNull(), expiresAt: MoreThan(now) },
        { usedAt: now },
      );
      if ((claimed.affected ?? 0) !== 1) {
        throw new ServerError('unauthenticated', 401, 'This sign-in link has already been used. Ask for a new link on the sign-in page.');
      }
      const candidate = await this.accountFor(manager, link, now);
      const { token: sessionToken, session } = await this.sessions.create(manager, candidate.id);
      return { candidate, session, token: sessionToken, returnTo: link.returnTo };
    });
  }

  private async accountFor(manager: EntityManager, link: CandidateLoginLink, now: number): Promise<Candidate> {
    const existing = await manager.findOneBy(Candidate, { email: link.email });
    if (existing) {
      if (existing.locale !== link.locale) {
        existing.locale = link.locale;
        existing.updatedAt = now;
        await manager.update(Candidate, { id: existing.id }, { locale: link.locale, updatedAt: now });
      }
      return existing;
    }
    const created = manager.create(Candidate, {
      id: crypto.randomUUID(),
      email: link.email,
      name: '',
      phone: '',
      locale: link.locale,
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(Candidate, created);
    return created;
  }
}
