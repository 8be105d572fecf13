import crypto from 'node:crypto';

/**
 * Tokens of the candidate portal: 32 random bytes (256 bits), base64url, 43 characters. Stored only
 * as HMAC-SHA256 keyed with the server secret, with a purpose prefix so a sign-in link's token can
 * never be used as a session cookie (or the other way round), nor as a desktop bearer token.
 */
export type CandidateTokenPurpose = 'candidate-link' | 'candidate-session';

export const newCandidateToken = (): string => crypto.randomBytes(32).toString('base64url');

export function hashCandidateToken(secret: string, purpose: CandidateTokenPurpose, token: string): string {
  return crypto.createHmac('sha256', secret).update(`${purpose}:${token}`, 'utf8').digest('base64url');
}

/** Tokens we issue have exactly this shape; anything else is refused before touching the database. */
export const looksLikeCandidateToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);
