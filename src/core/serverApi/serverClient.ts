import type { z } from 'zod';
import { ApiErrorBody } from '../../shared/api/errors';
import { HealthResponse, LoginResponse, MeResponse, routes, type LoginRequest } from '../../shared/api/http';
import { PushResponse, SyncPullResponse, type PushRequest, type SyncPullRequest } from '../../shared/sync/protocol';
import { RpcError } from '../rpc/handlerTable';

export const DEFAULT_SERVER_TIMEOUT_MS = 10_000;

export interface ServerClientOptions {
  /** Per request; a slower answer counts as "server unreachable". */
  timeoutMs?: number;
  /** Injected in tests; defaults to Node's global fetch. */
  fetch?: typeof fetch;
}

type Route = (typeof routes)[keyof typeof routes];

interface CallOptions {
  token?: string;
  body?: unknown;
  timeoutMs?: number;
}

/**
 * The desktop core's client of the sync server's HTTP API (src/shared/api/http.ts).
 *
 * Promises: every answer is parsed with the shared zod schema; every failure is an `RpcError`
 * whose message a user can act on — `server_unreachable` (refused, DNS, timeout, proxy 502–504),
 * `bad_server_url` (something answered, but not a FairDesk server of a compatible version), or the
 * server's own `ApiErrorBody` code and message passed through unchanged.
 */
export class ServerClient {
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  /** @param serverUrl already normalised (see normalizeServerUrl): no trailing slash. */
  constructor(
    readonly serverUrl: string,
    options: ServerClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SERVER_TIMEOUT_MS;
    this.fetchImpl = options.fetch ?? fetch;
  }

  health(): Promise<z.output<typeof HealthResponse>> {
    return this.call(routes.health, HealthResponse);
  }

  login(request: z.input<typeof LoginRequest>): Promise<z.output<typeof LoginResponse>> {
    return this.call(routes.login, LoginResponse, { body: request });
  }

  me(token: string): Promise<z.output<typeof MeResponse>> {
    return this.call(routes.me, MeResponse, { token });
  }

  /** Revokes `token` on the server. */
  async logout(token: string, options: { timeoutMs?: number } = {}): Promise<void> {
    await this.call(routes.logout, null, { token, ...options });
  }

  /** Sends outbox entries; the server applies or rejects each in order (see src/shared/sync/protocol.ts). */
  push(token: string, request: PushRequest): Promise<PushResponse> {
    return this.call(routes.push, PushResponse, { token, body: request });
  }

  /** Changes in the caller's scope since the cookie (or a snapshot page), and this client's rejections. */
  pull(token: string, request: SyncPullRequest): Promise<SyncPullResponse> {
    return this.call(routes.pull, SyncPullResponse, { token, body: request });
  }

  private async call<S extends z.ZodType>(route: Route, schema: S, options?: CallOptions): Promise<z.output<S>>;
  private async call(route: Route, schema: null, options?: CallOptions): Promise<void>;
  private async call(route: Route, schema: z.ZodType | null, options: CallOptions = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;

    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.serverUrl}${route.path}`, {
        method: route.method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect is reported, not followed: it would drop the POST body and could carry the token elsewhere.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      throw this.unreachable(error, timeoutMs);
    }

    const json = parseJson(text);
    if (!response.ok) {
      const apiError = ApiErrorBody.safeParse(json);
      if (apiError.success) {
        const { code, message, issues } = apiError.data.error;
        throw new RpcError(code, message, issues);
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        throw new RpcError('bad_server_url', `${this.serverUrl} redirects to ${location}. Use that address instead.`);
      }
      if (response.status >= 502 && response.status <= 504) {
        throw new RpcError(
          'server_unreachable',
          `The server at ${this.serverUrl} is not available right now (HTTP ${response.status}). Try again in a moment.`,
        );
      }
      throw new RpcError(
        'bad_server_url',
        `${this.serverUrl} answered with HTTP ${response.status} and does not look like a FairDesk server. Check the address.`,
      );
    }
    if (schema === null) return undefined;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new RpcError(
        'bad_server_url',
        `${this.serverUrl} answered in a format this app does not understand: it is not a FairDesk server, or its version does not match this app.`,
      );
    }
    return parsed.data;
  }

  private unreachable(error: unknown, timeoutMs: number): RpcError {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return new RpcError(
        'server_unreachable',
        `The server at ${this.serverUrl} did not answer within ${Math.round(timeoutMs / 1000)} s. Check your network connection; the app keeps working with the data it already has.`,
      );
    }
    return new RpcError(
      'server_unreachable',
      `Cannot reach the server at ${this.serverUrl}${describeNetworkCause(error)}. Check the address and your network connection; the app keeps working with the data it already has.`,
    );
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** undici reports the socket error as `cause`; translate the common ones for the user. */
function describeNetworkCause(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return ' (nothing is listening at that address)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return ' (the host name could not be found)';
    case 'ECONNRESET':
      return ' (the connection was dropped)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return ' (the network or host is unreachable)';
    default:
      return '';
  }
}
