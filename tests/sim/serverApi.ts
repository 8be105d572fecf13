import crypto from 'node:crypto';
import { LoginResponse, routes, SCHEMA_VERSION } from '../../src/shared/api/http';
import type { UserDto } from '../../src/shared/domain/roles';
import { PushResponse, SyncPullResponse, type PushRequest } from '../../src/shared/sync/protocol';

/**
 * The simulation's own view of the server, straight over HTTP (never through a fault proxy):
 * used to take fresh snapshots of a user's scope and to probe the push endpoint after quiescence.
 */
export interface Login {
  token: string;
  user: UserDto;
}

export async function login(baseUrl: string, email: string, password: string): Promise<Login> {
  const answer = await post(baseUrl, routes.login.path, undefined, { email, password, clientName: 'sync simulation checker' });
  if (answer.status !== 200) throw new Error(`login as ${email} failed: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  const parsed = LoginResponse.parse(answer.body);
  return { token: parsed.token, user: parsed.user };
}

export interface RawAnswer {
  status: number;
  body: unknown;
}

export async function post(baseUrl: string, path: string, authorization: string | undefined, body: unknown): Promise<RawAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
}

export const bearer = (token: string): string => `Bearer ${token}`;

/** One pull, parsed; throws on any non-200 answer. */
export async function pull(
  baseUrl: string,
  authorization: string,
  request: { clientId: string; cookie: string | null; snapshotCursor?: string | null; resultsAfter?: number },
): Promise<SyncPullResponse> {
  const answer = await post(baseUrl, routes.pull.path, authorization, {
    clientId: request.clientId,
    schemaVersion: SCHEMA_VERSION,
    cookie: request.cookie,
    snapshotCursor: request.snapshotCursor ?? null,
    resultsAfter: request.resultsAfter ?? 0,
  });
  if (answer.status !== 200) throw new Error(`pull failed: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return SyncPullResponse.parse(answer.body);
}

/** A full snapshot of the caller's scope (every page), as a brand-new client would receive it. */
export async function fullSnapshot(
  baseUrl: string,
  authorization: string,
  clientId: string = crypto.randomUUID(),
): Promise<{ pages: SyncPullResponse[]; clientId: string }> {
  const pages: SyncPullResponse[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await pull(baseUrl, authorization, { clientId, cookie: null, snapshotCursor: cursor });
    pages.push(page);
    if (!page.more) return { pages, clientId };
    if (page.snapshotCursor === null) throw new Error('snapshot page says more=true without a cursor');
    cursor = page.snapshotCursor;
  }
}

export async function push(baseUrl: string, authorization: string, request: PushRequest): Promise<RawAnswer & { parsed: PushResponse | null }> {
  const answer = await post(baseUrl, routes.push.path, authorization, request);
  const parsed = answer.status === 200 ? PushResponse.safeParse(answer.body) : null;
  return { ...answer, parsed: parsed?.success ? parsed.data : null };
}
