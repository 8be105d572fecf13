import crypto from 'node:crypto';

/** A new bearer token: 32 random bytes, base64url (43 characters). */
export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * What the database stores instead of the token: HMAC-SHA256 keyed with the server secret, so a
 * leaked database alone cannot be turned into working tokens.
 */
export function hashSessionToken(secret: string, token: string): string {
  return crypto.createHmac('sha256', secret).update(token, 'utf8').digest('base64url');
}

/** Tokens we issue have exactly this shape; anything else is rejected before touching the DB. */
export const looksLikeSessionToken = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);
