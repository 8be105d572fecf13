import { describe, expect, it } from 'vitest';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './tokens';

describe('session tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const token = newSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(looksLikeSessionToken(token)).toBe(true);
    expect(newSessionToken()).not.toBe(token);
  });

  it('are stored as a keyed hash that depends on the server secret', () => {
    const token = newSessionToken();
    const h1 = hashSessionToken('a'.repeat(32), token);
    expect(h1).toBe(hashSessionToken('a'.repeat(32), token));
    expect(h1).not.toBe(hashSessionToken('b'.repeat(32), token));
    expect(h1).not.toContain(token);
    expect(h1.length).toBeLessThanOrEqual(64);
  });

  it('rejects obviously foreign strings', () => {
    expect(looksLikeSessionToken('')).toBe(false);
    expect(looksLikeSessionToken('a'.repeat(44))).toBe(false);
    expect(looksLikeSessionToken(`${'a'.repeat(42)}!`)).toBe(false);
  });
});
