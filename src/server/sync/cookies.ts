import crypto from 'node:crypto';
import { z } from 'zod';
import { ServerError } from '../errors';

/**
 * Pull cookies and snapshot cursors. Both are opaque to clients.
 *
 * A cookie is `<version>.<epoch>`: the change version the client's cache reflects and the scope
 * epoch of the user it was issued under. Nothing secret is in it, and forging one only lets a client
 * ask for ITS OWN scope from another version (too high is refused), so it is not signed.
 *
 * A snapshot cursor carries more (the snapshot's version, epoch and lastMutationId, the keyset
 * position, and whose it is), so it is signed with the server secret: a tampered or foreign cursor
 * is refused instead of trusted.
 */
export interface Cookie {
  version: number;
  epoch: number;
}

const COOKIE = /^(0|[1-9]\d{0,14})\.(0|[1-9]\d{0,8})$/;

export const formatCookie = (c: Cookie): string => `${c.version}.${c.epoch}`;

/** @throws ServerError 400 when `text` is not a cookie this server issues. */
export function parseCookie(text: string): Cookie {
  const match = COOKIE.exec(text);
  if (!match) {
    throw new ServerError('bad_request', 400, 'The sync cookie is not valid. Start a fresh sync (send cookie: null).');
  }
  return { version: Number(match[1]), epoch: Number(match[2]) };
}

const CursorPayload = z.object({
  /** Snapshot version. */
  v: z.number().int().nonnegative(),
  /** Scope epoch the snapshot started under. */
  e: z.number().int().nonnegative(),
  /** The client's lastMutationId as of the snapshot. */
  m: z.number().int().nonnegative(),
  /** Index of the entity being paged. */
  i: z.number().int().nonnegative(),
  /** Last id sent of that entity, or null to start it. */
  a: z.string().uuid().nullable(),
  /** User and client the snapshot belongs to. */
  u: z.string().uuid(),
  c: z.string().uuid(),
});
export type SnapshotCursor = z.infer<typeof CursorPayload>;

const mac = (secret: string, payload: string): string =>
  crypto.createHmac('sha256', `snapshot-cursor:${secret}`).update(payload).digest('base64url');

export function signCursor(secret: string, cursor: SnapshotCursor): string {
  const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** @throws ServerError 400 for a malformed, tampered or foreign cursor. */
export function verifyCursor(secret: string, text: string, owner: { userId: string; clientId: string }): SnapshotCursor {
  const invalid = new ServerError(
    'bad_request',
    400,
    'The snapshot cursor is not valid (it was changed, or belongs to another sync). Start the first sync again (cookie: null, snapshotCursor: null).',
  );
  const [payload, signature, ...rest] = text.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const cursor = CursorPayload.safeParse(parsed);
  if (!cursor.success || cursor.data.u !== owner.userId || cursor.data.c !== owner.clientId) throw invalid;
  return cursor.data;
}
