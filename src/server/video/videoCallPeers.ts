import crypto from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { VideoCallPeer } from '../db/entities';

/** 128 bits and more of randomness, URL-safe: nobody guesses a peer id or its token. */
const randomId = (bytes: number): string => crypto.randomBytes(bytes).toString('base64url');

export const tokenHash = (token: string): string => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

/** Does `token` hash to `hash`? Compared in constant time. */
export function tokenMatches(token: string, hash: string): boolean {
  const given = Buffer.from(tokenHash(token), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && crypto.timingSafeEqual(given, stored);
}

/**
 * A fresh peer id (128 random bits) and its secret token (192). The id is hex: PeerJS clients
 * refuse ids that start or end with, or repeat, '-' or '_', which base64url produces.
 */
export function newPeerIdentity(): { id: string; token: string } {
  return { id: crypto.randomBytes(16).toString('hex'), token: randomId(24) };
}

/** Revokes the unrevoked peers `where` selects; answers their ids (so their open sockets can be closed). */
export async function revokePeers(m: EntityManager, where: { interviewId: string; side?: VideoCallPeer['side'] }, now: number): Promise<string[]> {
  const live = await m.find(VideoCallPeer, { where: { ...where, revokedAt: IsNull() }, select: { peerId: true } });
  if (live.length > 0) await m.update(VideoCallPeer, { ...where, revokedAt: IsNull() }, { revokedAt: now });
  return live.map((p) => p.peerId);
}

/**
 * A new peer identity for one side of a call; the side's earlier peers are revoked in the same
 * transaction (a reconnect is a new peer in the same call, and the old one must not come back).
 */
export async function issuePeer(
  m: EntityManager,
  interviewId: string,
  side: VideoCallPeer['side'],
  now: number,
): Promise<{ peer: { id: string; token: string }; revoked: string[] }> {
  const revoked = await revokePeers(m, { interviewId, side }, now);
  const peer = newPeerIdentity();
  await m.insert(VideoCallPeer, { peerId: peer.id, interviewId, side, tokenHash: tokenHash(peer.token), issuedAt: now, revokedAt: null });
  return { peer, revoked };
}

/** The side's current (unrevoked) peer id, or null while it is not in the call. */
export async function currentPeerId(m: EntityManager, interviewId: string, side: VideoCallPeer['side']): Promise<string | null> {
  const peer = await m.findOne(VideoCallPeer, { where: { interviewId, side, revokedAt: IsNull() }, order: { issuedAt: 'DESC' } });
  return peer?.peerId ?? null;
}
