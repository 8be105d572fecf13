import { z } from 'zod';

/**
 * Candidates: job seekers who use the web portal (no install). They sign in by an e-mail link;
 * the account is created the first time a link is redeemed, so nobody can fill the table with
 * addresses they do not own.
 */

export const CANDIDATE_LIMITS = {
  email: 254,
  name: 200,
  phone: 40,
  coverNote: 2000,
} as const;

/** How long a sign-in link works (SPEC: candidate links carry expiring tokens). */
export const LOGIN_LINK_TTL_MINUTES = 30;

/** How long a portal session lasts after the link was redeemed. */
export const CANDIDATE_SESSION_TTL_DAYS = 14;

/** An e-mail address as typed, trimmed and lower-cased (one account per address). */
export const CandidateEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(CANDIDATE_LIMITS.email, 'The e-mail address is too long.')
  .email('Enter a valid e-mail address, e.g. name@example.kz.');

export const CandidateName = z
  .string()
  .trim()
  .max(CANDIDATE_LIMITS.name, `The name is too long (at most ${CANDIDATE_LIMITS.name} characters).`);

/** Optional; digits, spaces, `+`, `-`, brackets. Empty means none. */
export const CandidatePhone = z
  .string()
  .trim()
  .max(CANDIDATE_LIMITS.phone, `The phone number is too long (at most ${CANDIDATE_LIMITS.phone} characters).`)
  .regex(/^[0-9+()\-\s]*$/, 'A phone number may contain only digits, spaces, +, - and brackets.');

export const CoverNote = z
  .string()
  .trim()
  .max(CANDIDATE_LIMITS.coverNote, `The note is too long (at most ${CANDIDATE_LIMITS.coverNote} characters).`);

/**
 * A portal path to come back to after signing in: same-origin only (starts with one `/`, no
 * scheme, no `//host`), so a sign-in link can never send a candidate to another site.
 */
export const ReturnToPath = z
  .string()
  .max(300, 'The return path is too long.')
  .regex(/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?]*$/, 'The return path must be a path of this portal.');
