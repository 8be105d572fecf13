import { z } from 'zod';
import type { ApiError } from '../api/errors';
import { UserDto } from '../domain/roles';
import { CentreDto, CompanyDto, FairDto, PreApplicationDto, PreApplicationStatus } from '../domain/records';
import { FairFields, MutationResult, mutationArgs } from '../sync/mutations';

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
  /** Local changes not yet accepted by the server ("waiting to send: N"). */
  pending: z.number().int().nonnegative(),
  /** Rejected changes the user has not dismissed yet. */
  rejections: z.number().int().nonnegative(),
  /** True when the server said this app is too old to sync: the user must update. */
  upgradeRequired: z.boolean(),
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

/**
 * Where a cached record stands with the server: `synced`; `pending` (a local change waits to be
 * sent); `rejected` (the server refused the user's change — rolled back — and `rejection` says why,
 * until the user dismisses it).
 */
export const RecordSync = z.object({
  state: z.enum(['synced', 'pending', 'rejected']),
  rejection: MutationResult.nullable(),
});
export type RecordSync = z.infer<typeof RecordSync>;

export const LocalPreApplication = PreApplicationDto.extend({ sync: RecordSync });
export type LocalPreApplication = z.infer<typeof LocalPreApplication>;
export const LocalFair = FairDto.extend({ sync: RecordSync });
export type LocalFair = z.infer<typeof LocalFair>;

/** A rejection as the user sees it, with what it was about. */
export const Rejection = MutationResult.extend({
  /** Mutation name, e.g. `decidePreApplication`, for the UI to word the headline. */
  mutationName: z.string(),
  /** Short label of the record, e.g. "20261118-1 KazLogistics LLP". */
  recordLabel: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

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
  /**
   * Revokes the token on the server when reachable, and always forgets it and the cache locally.
   * Refused with `conflict` while changes wait to be sent, unless `discardPending` is true.
   */
  'session.logout': { input: z.object({ discardPending: z.boolean() }).optional(), output: none },
  'sync.status': { input: none, output: SyncStatus },
  /** Pulls now; resolves with the resulting status (never rejects for being offline). */
  'sync.now': { input: none, output: SyncStatus },
  'fairs.list': { input: none, output: z.array(LocalFair) },
  /** Moderator: a new fair of the own centre (works offline; queued). */
  'fairs.create': { input: FairFields, output: LocalFair },
  /** Moderator: edit a fair (works offline; queued; refused if it changed on the server meanwhile). */
  'fairs.update': { input: z.object({ id: z.string().uuid(), fields: FairFields.partial() }), output: LocalFair },
  /** Centres (regions) for way 1, from the cache. */
  'centres.list': { input: none, output: z.array(CentreDto) },
  /** The employer's companies, from the cache. */
  'companies.list': { input: none, output: z.array(CompanyDto) },
  /** Employer: a new pre-application (works offline; the number arrives once the server has it). */
  'preApplications.create': {
    input: mutationArgs.createPreApplication.omit({ id: true }),
    output: LocalPreApplication,
  },
  /** Employer: withdraw while under review (works offline; queued). */
  'preApplications.withdraw': { input: z.object({ id: z.string().uuid() }), output: LocalPreApplication },
  /** Moderator: approve (way 1: with the fair) or reject with a reason (works offline; queued). */
  'preApplications.decide': {
    input: z.object({
      id: z.string().uuid(),
      decision: z.enum(['approve', 'reject']),
      reason: z.string().trim().max(2000).nullable().default(null),
      fairId: z.string().uuid().nullable().default(null),
    }),
    output: LocalPreApplication,
  },
  /** Rejected changes not yet dismissed, newest first. */
  'sync.rejections': { input: none, output: z.array(Rejection) },
  /** The user has read a rejection; it stops being shown. */
  'sync.dismissRejection': { input: z.object({ mutationId: z.number().int().positive() }), output: none },
  /** Pre-applications in the user's scope, from the local cache: works offline. */
  'preApplications.list': {
    input: z
      .object({
        status: PreApplicationStatus.optional(),
        search: z.string().max(200).optional(),
      })
      .optional(),
    output: z.array(LocalPreApplication),
  },
} as const;

export const ipcEvents = {
  'sync.status': SyncStatus,
  'session.changed': SessionInfo.nullable(),
  /** A change of the user's was refused by the server (sent once per rejection). */
  'sync.rejected': Rejection,
  /** Cached records changed (after a pull or a local change): lists should reload. */
  'cache.changed': z.object({ entities: z.array(z.enum(['centre', 'fair', 'company', 'preApplication'])) }),
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
