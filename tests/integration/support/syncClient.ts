import crypto from 'node:crypto';
import type { z } from 'zod';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { ApiErrorBody, type ApiError } from '../../../src/shared/api/errors';
import { LoginResponse, SCHEMA_VERSION, routes, type PatchOp } from '../../../src/shared/api/http';
import type { Mutation, MutationArgs, MutationName } from '../../../src/shared/sync/mutations';
import { PushResponse, SyncPullResponse, type PushRequest, type SyncPullRequest } from '../../../src/shared/sync/protocol';
import { DEMO_PASSWORD } from '../../../src/server/seed/demoAccounts';

/**
 * A thin, honest HTTP client for the sync API, for integration tests and the simulation: every
 * call goes over real HTTP to a real server process. Nothing here retries or hides an error.
 */

/** An HTTP answer, parsed as JSON when possible (`body` is the raw text otherwise). */
export interface RawAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface CallInit {
  token?: string;
  /** Sent as JSON (sets content-type). */
  json?: unknown;
  /** Sent verbatim (for malformed-body tests). */
  body?: string;
  headers?: Record<string, string>;
}

/** One HTTP request to `url + path`; never throws for a non-2xx status. */
export async function call(url: string, method: string, path: string, init: CallInit = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The API error of a non-2xx answer (throws when the body is not an ApiErrorBody). */
export function errorOf(answer: RawAnswer): ApiError {
  return ApiErrorBody.parse(answer.body).error;
}

/** A signed-in session. */
export interface Session {
  token: string;
  user: z.infer<typeof LoginResponse>['user'];
}

/** Signs in (demo password by default); throws with the server's answer when refused. */
export async function loginAs(url: string, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await call(url, 'POST', routes.login.path, { json: { email, password, clientName: 'sync test client' } });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const parsed = LoginResponse.parse(res.body);
  return { token: parsed.token, user: parsed.user };
}

/** A fresh client id (one per simulated desktop install). */
export const newClientId = (): string => crypto.randomUUID();

/** POST /api/sync/push with any body; raw answer (for hostile-input tests). */
export function pushRaw(url: string, token: string, body: unknown): Promise<RawAnswer> {
  return call(url, 'POST', routes.push.path, { token, json: body });
}

/** POST /api/sync/pull with any body; raw answer. */
export function pullRaw(url: string, token: string, body: unknown): Promise<RawAnswer> {
  return call(url, 'POST', routes.pull.path, { token, json: body });
}

/** Thrown by `push`/`pull` for a non-2xx answer; carries status and the API error. */
export class SyncHttpError extends Error {
  override name = 'SyncHttpError';
  constructor(
    readonly status: number,
    readonly error: ApiError | undefined,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}: ${error ? `${error.code}: ${error.message}` : JSON.stringify(body)}`);
  }
}

function expectOk(res: RawAnswer): void {
  if (res.status >= 200 && res.status < 300) return;
  const parsed = ApiErrorBody.safeParse(res.body);
  throw new SyncHttpError(res.status, parsed.success ? parsed.data.error : undefined, res.body);
}

/** Pushes; `schemaVersion` defaults to the current one. Throws SyncHttpError for non-2xx. */
export async function push(
  url: string,
  token: string,
  body: Omit<PushRequest, 'schemaVersion'> & { schemaVersion?: number },
): Promise<PushResponse> {
  const res = await pushRaw(url, token, { schemaVersion: SCHEMA_VERSION, ...body });
  expectOk(res);
  return PushResponse.parse(res.body);
}

/** Pulls one page; defaults: current schema, no snapshot cursor, resultsAfter 0. Throws for non-2xx. */
export async function pull(
  url: string,
  token: string,
  body: Omit<SyncPullRequest, 'schemaVersion'> & { schemaVersion?: number },
): Promise<SyncPullResponse> {
  const res = await pullRaw(url, token, { schemaVersion: SCHEMA_VERSION, ...body });
  expectOk(res);
  return SyncPullResponse.parse(res.body);
}

/**
 * Pulls until `more` is false (following a paged snapshot), concatenating the pages' patches.
 * The answer is the LAST page's (cookie, lastMutationId, results) with every page's patch and
 * `reset` true when the first page said so.
 */
export async function pullAll(
  url: string,
  token: string,
  body: { clientId: string; cookie: string | null; resultsAfter?: number; schemaVersion?: number },
): Promise<SyncPullResponse & { pages: number }> {
  let page = await pull(url, token, { ...body, snapshotCursor: null });
  const reset = page.reset;
  const patch: PatchOp[] = [...page.patch];
  let pages = 1;
  while (page.more) {
    page = await pull(url, token, { ...body, cookie: null, snapshotCursor: page.snapshotCursor });
    patch.push(...page.patch);
    pages++;
  }
  return { ...page, reset, patch, pages };
}

/** Builds a wire mutation with typed args. */
export function mutation<N extends MutationName>(id: number, name: N, args: MutationArgs<N>, createdAt = Date.now()): Mutation {
  return { id, name, args, createdAt };
}

/** The `put` values of one entity in a patch. */
type Put = Extract<PatchOp, { op: 'put' }>;
export type PutValue<E extends Put['entity']> = Extract<Put, { entity: E }>['value'];
export function putsOf<E extends Put['entity']>(patch: PatchOp[], entity: E): Array<PutValue<E>> {
  return patch.flatMap((op) => (op.op === 'put' && op.entity === entity ? [op.value as PutValue<E>] : []));
}
/** The ids deleted for one entity in a patch. */
export function delsOf(patch: PatchOp[], entity: Put['entity']): string[] {
  return patch.flatMap((op) => (op.op === 'del' && op.entity === entity ? [op.id] : []));
}

/**
 * A socket.io client authenticated with `token`; `pokes()` counts received pokes and
 * `nextPoke()` resolves on the next one. Close it with `socket.close()`.
 */
export async function connectPokes(url: string, token: string): Promise<{
  socket: Socket;
  pokes: () => number;
  nextPoke: () => Promise<void>;
}> {
  const socket = connectSocket(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  let count = 0;
  const waiters: Array<() => void> = [];
  socket.on('poke', () => {
    count++;
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return {
    socket,
    pokes: () => count,
    nextPoke: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
}
