import { describe, expect, it } from 'vitest';
import { newPeerIdentity, tokenHash, tokenMatches } from './videoCallPeers';

/** The peerjs client's own check of an id (its `validateId`): an id it refuses ends the join with `invalid-id`. */
const PEERJS_VALID_ID = /^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$/;

describe('peer identities', () => {
  it('are ids every peerjs client accepts, unique, with tokens of their own', () => {
    const issued = Array.from({ length: 1000 }, () => newPeerIdentity());
    for (const peer of issued) {
      expect(peer.id).toMatch(PEERJS_VALID_ID);
      expect(peer.id).toHaveLength(32);
      expect(peer.token.length).toBeGreaterThanOrEqual(32);
    }
    expect(new Set(issued.map((p) => p.id)).size).toBe(issued.length);
    expect(new Set(issued.map((p) => p.token)).size).toBe(issued.length);
  });

  it('match only their own token', () => {
    const a = newPeerIdentity();
    const b = newPeerIdentity();
    expect(tokenMatches(a.token, tokenHash(a.token))).toBe(true);
    expect(tokenMatches(b.token, tokenHash(a.token))).toBe(false);
    expect(tokenMatches('', tokenHash(a.token))).toBe(false);
  });
});
