import { z } from 'zod';
import type { ApiError } from '../api/errors';
import { UserDto } from '../domain/roles';
import { FairDto, PreApplicationDto, PreApplicationStatus } from '../domain/records';

/**
 * The desktop app's one IPC contract: every method the renderer may call on the core, and every
 * event the core pushes to the renderer, declared once with zod. The handler table in
 * `src/core/rpc` and the renderer's typed proxy are both derived from it, and the same contract is
 * served over Electron's `ipcMain` and over the browser host's WebSocket.
 *
 * Payloads are JSON-safe (epoch ms, no Date, no undefined in arrays) so both transports behave the same.
 */

export const SessionInfo = z.object({
  user: UserDto,
  serverUrl: z.string().url(),
  expiresAt: z.number().int(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SyncStatus = z.object({
  /** `offline`: the server cannot be reached; the app keeps working from the cache. */
  state: z.enum(['signed_out', 'idle', 'syncing', 'offline', 'error']),
  lastSyncedAt: z.number().int().nullable(),
  /** Local changes not yet accepted by the server. */
  pending: z.number().int().nonnegative(),
  /** Human-readable reason for `offline`/`error`. */
  message: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
  /** Where the server was last reached (pre-fills the login form). */
  defaultServerUrl: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const none = z.void();

export const ipcMethods = {
  'app.info': { input: none, output: AppInfo },
  /** The stored session, if any, without touching the network (works offline). */
  'session.current': { input: none, output: SessionInfo.nullable() },
  /** Signs in against `serverUrl`; errors: invalid_credentials, account_inactive, server_unreachable, bad_server_url. */
  'session.login': {
    input: z.object({
      serverUrl: z.string().trim().min(1).max(500),
      email: z.string().trim().min(1).max(254),
      password: z.string().min(1).max(1024),
    }),
    output: SessionInfo,
  },
  /** Revokes the token on the server when reachable, and always forgets it and the cache locally. */
  'session.logout': { input: none, output: none },
  'sync.status': { input: none, output: SyncStatus },
  /** Pulls now; resolves with the resulting status (never rejects for being offline). */
  'sync.now': { input: none, output: SyncStatus },
  'fairs.list': { input: none, output: z.array(FairDto) },
  /** Pre-applications in the user's scope, from the local cache: works offline. */
  'preApplications.list': {
    input: z
      .object({
        status: PreApplicationStatus.optional(),
        search: z.string().max(200).optional(),
      })
      .optional(),
    output: z.array(PreApplicationDto),
  },
} as const;

export const ipcEvents = {
  'sync.status': SyncStatus,
  'session.changed': SessionInfo.nullable(),
} as const;

export type IpcMethods = typeof ipcMethods;
export type IpcMethodName = keyof IpcMethods;
export type IpcInput<M extends IpcMethodName> = z.input<IpcMethods[M]['input']>;
export type IpcParsedInput<M extends IpcMethodName> = z.output<IpcMethods[M]['input']>;
export type IpcOutput<M extends IpcMethodName> = z.output<IpcMethods[M]['output']>;
export type IpcEventName = keyof typeof ipcEvents;
export type IpcEventPayload<E extends IpcEventName> = z.output<(typeof ipcEvents)[E]>;

/** Wire envelopes, identical for every transport. */
export const RpcRequest = z.object({
  id: z.number().int(),
  method: z.string(),
  input: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof RpcRequest>;
export type RpcResult = { ok: true; value: unknown } | { ok: false; error: ApiError };
export type RpcResponse = { id: number } & RpcResult;
export type RpcEventMessage = { event: IpcEventName; payload: unknown };

/** The only surface the renderer sees (`window.api` in Electron, the WebSocket bridge in a browser). */
export interface RendererBridge {
  invoke(method: string, input?: unknown): Promise<RpcResult>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The typed client the renderer uses; derived from the contract, so a wrong method or input fails type-check. */
export type IpcClient = {
  [M in IpcMethodName]: (input: IpcInput<M>) => Promise<IpcOutput<M>>;
};
