import type { z } from 'zod';
import { ApiErrorBody } from '../../shared/api/errors';
import { EmployerMembersResponse, FairOverviewResponse, HealthResponse, LoginResponse, MeResponse, UploadResponse, routes, type LoginRequest } from '../../shared/api/http';
import { FILE_NAME_HEADER, type UploadKind } from '../../shared/domain/uploads';
import { EmployerVideoInterviewsResponse, VideoInterviewResponse, videoRoutes } from '../../shared/api/video';
import { VideoJoinGrant } from '../../shared/domain/video/records';
import { PushResponse, SyncPullResponse, type PushRequest, type SyncPullRequest } from '../../shared/sync/protocol';
import { RpcError } from '../rpc/handlerTable';

export const DEFAULT_SERVER_TIMEOUT_MS = 10_000;

export interface ServerClientOptions {
  /** Per request; a slower answer counts as "server unreachable". */
  timeoutMs?: number;
  /** Injected in tests; defaults to Node's global fetch. */
  fetch?: typeof fetch;
}

type Route = (typeof routes)[keyof typeof routes] | (typeof videoRoutes)[keyof typeof videoRoutes];

interface CallOptions {
  token?: string;
  body?: unknown;
  timeoutMs?: number;
  /** Fills the route's `:name` parameters (percent-encoded). */
  params?: Record<string, string>;
  /** A raw body (an upload) instead of JSON. */
  raw?: {
    bytes: Uint8Array;
    contentType: string;
    headers?: Record<string, string>;
    /** Told how many bytes the connection has taken so far (the body is then streamed in chunks). */
    onProgress?: (sentBytes: number) => void;
  };
}

/** A stored file as the server streams it back. */
export interface DownloadedUpload {
  bytes: Buffer;
  mime: string;
  /** From `Content-Disposition`; null when the server gave none. */
  fileName: string | null;
}

/** Uploads get more time than JSON calls: 5–10 MB over a slow line. */
const UPLOAD_TIMEOUT_FACTOR = 6;

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

  /** The moderator's fair overview, counted by the server (`GET /api/fairs/:id/overview`). */
  fairOverview(token: string, fairId: string): Promise<z.output<typeof FairOverviewResponse>> {
    return this.call(routes.fairOverview, FairOverviewResponse, { token, params: { id: fairId } });
  }

  /** The employer's admins and managers (`GET /api/employer/members`); 403 for anyone else. */
  employerMembers(token: string): Promise<z.output<typeof EmployerMembersResponse>> {
    return this.call(routes.employerMembers, EmployerMembersResponse, { token });
  }

  /** The employer's video interviews with the server's clock (`GET /api/video/interviews`). */
  videoInterviews(token: string): Promise<EmployerVideoInterviewsResponse> {
    return this.call(videoRoutes.employerInterviews, EmployerVideoInterviewsResponse, { token });
  }

  /** The inviting manager joins the call: a fresh peer identity (`POST /api/video/interviews/:id/join`). */
  joinVideoInterview(token: string, id: string): Promise<VideoJoinGrant> {
    return this.call(videoRoutes.employerJoin, VideoJoinGrant, { token, params: { id } });
  }

  /** The inviting manager ends the call early (`POST /api/video/interviews/:id/end`). */
  endVideoInterview(token: string, id: string): Promise<VideoInterviewResponse> {
    return this.call(videoRoutes.employerEnd, VideoInterviewResponse, { token, params: { id } });
  }

  /**
   * Stores a file under the id this client chose (`PUT /api/uploads/:kind/:id`). Idempotent: the
   * same bytes again answer the stored upload; other bytes under the same id are a `conflict`.
   */
  putUpload(
    token: string,
    upload: { kind: UploadKind; id: string; bytes: Uint8Array; mime: string; fileName: string },
    onProgress?: (sentBytes: number) => void,
  ): Promise<UploadResponse> {
    return this.call(routes.uploadPut, UploadResponse, {
      token,
      params: { kind: upload.kind, id: upload.id },
      raw: {
        bytes: upload.bytes,
        contentType: upload.mime,
        headers: { [FILE_NAME_HEADER]: encodeURIComponent(upload.fileName) },
        onProgress,
      },
      timeoutMs: this.timeoutMs * UPLOAD_TIMEOUT_FACTOR,
    });
  }

  /** A stored file's bytes (`GET /api/uploads/:id`), for users allowed to see it. */
  async getUpload(token: string, id: string): Promise<DownloadedUpload> {
    const timeoutMs = this.timeoutMs * UPLOAD_TIMEOUT_FACTOR;
    const response = await this.send(routes.uploadGet, { token, params: { id }, timeoutMs });
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw this.unreachable(error, timeoutMs);
    }
    if (!response.ok) throw this.failure(response, bytes.toString('utf8'));
    return {
      bytes,
      mime: response.headers.get('content-type') ?? 'application/octet-stream',
      fileName: fileNameOf(response.headers.get('content-disposition')),
    };
  }

  private async call<S extends z.ZodType>(route: Route, schema: S, options?: CallOptions): Promise<z.output<S>>;
  private async call(route: Route, schema: null, options?: CallOptions): Promise<void>;
  private async call(route: Route, schema: z.ZodType | null, options: CallOptions = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const response = await this.send(route, options);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.unreachable(error, timeoutMs);
    }
    if (!response.ok) throw this.failure(response, text);
    if (schema === null) return undefined;
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new RpcError(
        'bad_server_url',
        `${this.serverUrl} answered in a format this app does not understand: it is not a FairDesk server, or its version does not match this app.`,
      );
    }
    return parsed.data;
  }

  /** Sends one request; a network failure or a timeout is `server_unreachable`. */
  private async send(route: Route, options: CallOptions): Promise<Response> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | undefined;
    if (options.raw) {
      Object.assign(headers, options.raw.headers, { 'content-type': options.raw.contentType });
      const { bytes, onProgress } = options.raw;
      // A copy on its own ArrayBuffer: what fetch's BodyInit accepts (a Buffer may be a view into a shared pool).
      body = onProgress ? chunkedBody(bytes, onProgress) : new Uint8Array(bytes);
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    const path = route.path.replace(/:(\w+)/g, (whole, name: string) => {
      const value = options.params?.[name];
      return value === undefined ? whole : encodeURIComponent(value);
    });
    try {
      return await this.fetchImpl(`${this.serverUrl}${path}`, {
        method: route.method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        // Required by fetch for a streamed body (undici sends it as it is read).
        ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
        // A redirect is reported, not followed: it would drop the POST body and could carry the token elsewhere.
        redirect: 'manual',
      });
    } catch (error) {
      throw this.unreachable(error, timeoutMs);
    }
  }

  /** The RpcError for a non-2xx answer: the server's own error, or what the answer says about the address. */
  private failure(response: Response, text: string): RpcError {
    const apiError = ApiErrorBody.safeParse(parseJson(text));
    if (apiError.success) {
      const { code, message, issues } = apiError.data.error;
      return new RpcError(code, message, issues);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      return new RpcError('bad_server_url', `${this.serverUrl} redirects to ${location}. Use that address instead.`);
    }
    if (response.status >= 502 && response.status <= 504) {
      return new RpcError(
        'server_unreachable',
        `The server at ${this.serverUrl} is not available right now (HTTP ${response.status}). Try again in a moment.`,
      );
    }
    return new RpcError(
      'bad_server_url',
      `${this.serverUrl} answered with HTTP ${response.status} and does not look like a FairDesk server. Check the address.`,
    );
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

/** The file name of a `Content-Disposition` header (`filename*=UTF-8''…` preferred), or null. */
function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/** Upload progress is told per chunk of this size: often enough for a bar, rarely enough to cost nothing. */
const PROGRESS_CHUNK = 64 * 1024;

/**
 * `bytes` as a stream the connection pulls chunk by chunk; each pull reports how far it got, so
 * the count follows what the socket has taken (backpressure), not how fast we can slice memory.
 */
function chunkedBody(bytes: Uint8Array, onProgress: (sentBytes: number) => void): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) {
        controller.close();
        return;
      }
      const end = Math.min(bytes.length, sent + PROGRESS_CHUNK);
      controller.enqueue(bytes.slice(sent, end));
      sent = end;
      onProgress(sent);
    },
  });
}
