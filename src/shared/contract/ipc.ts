import { z } from 'zod';
import type { ApiError } from '../api/errors';
import { EmployerMember, UserDto } from '../domain/roles';
import { CentreDto, CompanyDto, FairDto, PreApplicationDto, PreApplicationStatus } from '../domain/records';
import { FairFields, MAX_VACANCIES_PER_IMPORT, MutationResult, mutationArgs } from '../sync/mutations';
import { SyncEntityName } from '../api/http';
import { FairOverview, InterestDto, ParticipationDto, ResponseDto, StandDto, VacancyDto } from '../domain/participation/records';
import { ParticipationStatus } from '../domain/participation/participationRules';
import { StandFields } from '../domain/participation/stand';
import { VacancyFields } from '../domain/participation/vacancy';
import { UploadKind } from '../domain/uploads';
import { ChatConversationDto, ChatMessageDto } from '../domain/chat/records';
import { ChatText } from '../domain/chat/text';
import { ChatError, ChatTypingEvent } from '../api/chat';
import { VideoInterviewDto, VideoJoinGrant, VideoNote } from '../domain/video/records';

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

export const LocalStand = StandDto.extend({ sync: RecordSync });
export type LocalStand = z.infer<typeof LocalStand>;
export const LocalVacancy = VacancyDto.extend({ sync: RecordSync });
export type LocalVacancy = z.infer<typeof LocalVacancy>;
export const LocalParticipation = ParticipationDto.extend({ sync: RecordSync });
export type LocalParticipation = z.infer<typeof LocalParticipation>;

/**
 * A file the core holds for the user: picked locally (queued until it reaches the server) or
 * fetched from the server once and cached for offline use (stand images, resumes).
 */
export const LocalUpload = z.object({
  id: z.string().uuid(),
  kind: UploadKind,
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  /** `queued`: waits to be sent; `uploaded`: on the server; `refused`: the server refused it (`error` says why). */
  state: z.enum(['queued', 'uploaded', 'refused']),
  error: z.string().nullable(),
});
export type LocalUpload = z.infer<typeof LocalUpload>;

export const LocalResponse = ResponseDto.extend({
  /** The resume has been opened once and is kept for offline reading. */
  resumeCached: z.boolean(),
});
export type LocalResponse = z.infer<typeof LocalResponse>;

/**
 * Something the user should know about, noticed by the core when a pull brings it (not by the
 * user's own change): a decision on the user's pre-application or participation info, or new
 * responses. The renderer words it from `kind` and `params` in the UI language.
 */
export const AppNotification = z.object({
  id: z.string().uuid(),
  kind: z.enum(['preApplicationDecided', 'participationDecided', 'newResponses']),
  /** The record to open (pre-application, participation info). */
  recordId: z.string().uuid().nullable(),
  /** E.g. {decision: 'approved', number: '20261118-1', reason: '…'} or {count: 3, fairTitle: '…'}. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  createdAt: z.number().int().nonnegative(),
  readAt: z.number().int().nonnegative().nullable(),
});
export type AppNotification = z.infer<typeof AppNotification>;

/** Largest file the renderer may hand to the core in one call (base64 over IPC); the kind's own limit applies first. */
export const MAX_IPC_FILE_BYTES = 12 * 1024 * 1024;
const FileBytes = z.string().max(Math.ceil(MAX_IPC_FILE_BYTES / 3) * 4, 'The file is too large.');

/** A row-level problem of a CSV import, located as the user sees it in a spreadsheet (row 1 = header; 0 = the file). */
export const CsvImportError = z.object({ row: z.number().int().nonnegative(), column: z.string().nullable(), message: z.string() });

/** A rejection as the user sees it, with what it was about. */
export const Rejection = MutationResult.extend({
  /** Mutation name, e.g. `decidePreApplication`, for the UI to word the headline. */
  mutationName: z.string(),
  /** Short label of the record, e.g. "20261118-1 KazLogistics LLP". */
  recordLabel: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

const none = z.void();

/**
 * A chat message as the desktop holds it: received from the server (`sent`, with its seq), or
 * written here and queued until the server acknowledges it (`sending`, seq null — kept in the
 * cache, so it survives a restart) or refused by it (`refused`, with the reason; never retried).
 */
export const LocalChatMessage = ChatMessageDto.extend({
  seq: z.number().int().positive().nullable(),
  delivery: z.enum(['sent', 'sending', 'refused']),
  refusal: ChatError.nullable(),
  /** Written by the signed-in user. */
  mine: z.boolean(),
});
export type LocalChatMessage = z.infer<typeof LocalChatMessage>;

/** A conversation summary with what only this desktop knows. */
export const LocalChatConversation = ChatConversationDto.extend({
  /** Candidate messages this user's side has not read (counts local reads not yet sent). */
  unread: z.number().int().nonnegative(),
  /** Messages of this user still queued / refused in this conversation. */
  sending: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
  /** With a `search`: the newest message that matched (null when the names or vacancy matched). */
  match: z.object({ seq: z.number().int().positive().nullable(), preview: z.string() }).nullable(),
});
export type LocalChatConversation = z.infer<typeof LocalChatConversation>;

export const ChatConnection = z.object({
  /** The chat socket is connected (messages go out at once); false: they wait, shown as "sending…". */
  connected: z.boolean(),
  /** Unread candidate messages over all conversations (navigation badge, window title). */
  unread: z.number().int().nonnegative(),
});
export type ChatConnection = z.infer<typeof ChatConnection>;

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

  // ---- participation: stands, vacancies, participation infos (all from the cache; changes queued) ----
  /** Employer: its stands; moderator: the stands of its centre's participation infos. */
  'stands.list': { input: none, output: z.array(LocalStand) },
  /** Employer: create (no `id`) or edit a stand; works offline. */
  'stands.save': { input: z.object({ id: z.string().uuid().optional(), fields: StandFields }), output: LocalStand },
  /** Employer: a copy of a stand ("… (copy)"), images included; works offline. */
  'stands.duplicate': { input: z.object({ id: z.string().uuid() }), output: LocalStand },
  /** Employer: delete a stand no sent or approved participation info shows; works offline. */
  'stands.delete': { input: z.object({ id: z.string().uuid() }), output: none },
  /** Vacancies of one participation info, or of the company library (`participationId` null; `companyId` narrows). */
  'vacancies.list': {
    input: z.object({ participationId: z.string().uuid().nullable(), companyId: z.string().uuid().optional() }),
    output: z.array(LocalVacancy),
  },
  'vacancies.save': {
    input: z.object({
      id: z.string().uuid().optional(),
      companyId: z.string().uuid(),
      participationId: z.string().uuid().nullable(),
      fields: VacancyFields,
      active: z.boolean().default(true),
    }),
    output: LocalVacancy,
  },
  'vacancies.delete': { input: z.object({ id: z.string().uuid() }), output: none },
  /** Copies active library vacancies into a participation info (all or nothing). */
  'vacancies.importFromLibrary': {
    input: z.object({ participationId: z.string().uuid(), vacancyIds: z.array(z.string().uuid()).min(1).max(MAX_VACANCIES_PER_IMPORT) }),
    output: z.array(LocalVacancy),
  },
  /**
   * Imports a CSV file (bytes as base64) into a participation info, all or nothing: either every
   * row becomes a vacancy, or nothing changes and `errors` says which rows to fix.
   */
  'vacancies.importCsv': {
    input: z.object({ participationId: z.string().uuid(), fileBase64: FileBytes }),
    output: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), vacancies: z.array(LocalVacancy), ignoredColumns: z.array(z.string()) }),
      z.object({ ok: z.literal(false), errors: z.array(CsvImportError) }),
    ]),
  },
  /** The CSV template a user fills in (with one example row). */
  'vacancies.csvTemplate': { input: z.object({ language: z.enum(['ru', 'en']) }), output: z.string() },
  /** Employer: its participation infos; moderator: its centre's (not drafts). Newest first. */
  'participations.list': {
    input: z.object({ status: ParticipationStatus.optional(), fairId: z.string().uuid().optional() }).optional(),
    output: z.array(LocalParticipation),
  },
  /** Employer: attach a stand and set the interview plan (works offline; deadlines checked here and on the server). */
  'participations.update': {
    input: mutationArgs.updateParticipation.omit({ baseVersion: true }),
    output: LocalParticipation,
  },
  'participations.send': { input: z.object({ id: z.string().uuid() }), output: LocalParticipation },
  'participations.withdraw': { input: z.object({ id: z.string().uuid() }), output: LocalParticipation },
  'participations.reopen': { input: z.object({ id: z.string().uuid() }), output: LocalParticipation },
  /** Moderator: approve or reject with a reason (works offline; queued). */
  'participations.decide': {
    input: z.object({
      id: z.string().uuid(),
      decision: z.enum(['approve', 'reject']),
      reason: z.string().trim().max(2000).nullable().default(null),
    }),
    output: LocalParticipation,
  },
  /**
   * Hands a picked file to the core: checked by content against the kind's rules (a clear error
   * otherwise), kept locally and queued for upload (sent before the changes that refer to it).
   */
  'uploads.add': {
    input: z.object({ kind: UploadKind, fileName: z.string().min(1).max(500), fileBase64: FileBytes }),
    output: LocalUpload,
  },
  /** A file's bytes for display (stand preview, resume): from the local copy, fetched and cached once when online. */
  'uploads.read': {
    input: z.object({ id: z.string().uuid() }),
    output: z.object({ upload: LocalUpload, dataBase64: z.string() }),
  },
  /**
   * Opens a file (a resume) in the computer's own viewer where the host can (Electron: the default
   * application for its type). `opened: false` where it cannot (the browser host, or no application
   * for the type): the renderer then offers the bytes from `uploads.read` as a download.
   */
  'uploads.open': { input: z.object({ id: z.string().uuid() }), output: z.object({ opened: z.boolean() }) },
  /** Uploads still queued or refused (the pending counter and the stand editor show them). */
  'uploads.pending': { input: none, output: z.array(LocalUpload) },

  // ---- responses, interests, fair overview, notifications ------------------------------------
  /** Employer: candidates' responses from the cache (works offline), newest first. */
  'responses.list': {
    input: z
      .object({
        fairId: z.string().uuid().optional(),
        participationId: z.string().uuid().optional(),
        vacancyId: z.string().uuid().optional(),
        wantsVideoInterview: z.boolean().optional(),
        /** Candidate name, e-mail or vacancy title contains this (case-insensitive). */
        search: z.string().max(200).optional(),
      })
      .optional(),
    output: z.array(LocalResponse),
  },
  /** Employer: "want to work for you" from the cache, newest first. */
  'interests.list': {
    input: z.object({ fairId: z.string().uuid().optional(), participationId: z.string().uuid().optional() }).optional(),
    output: z.array(InterestDto),
  },
  /**
   * Moderator: the fair overview. Online: counted by the server. Offline: what the cache knows
   * (employers, vacancies, planned slots), with response and interest counts null.
   */
  'fairs.overview': { input: z.object({ fairId: z.string().uuid() }), output: FairOverview },
  /**
   * Employer: its admins and cabinet managers (active and inactive, flagged), sorted by name — the
   * interview plan's choice of managers. From the server when online, otherwise the copy kept from
   * the last time (empty if never fetched). Empty for non-employers (moderators).
   */
  'employer.members': { input: none, output: z.array(EmployerMember) },
  /** The user's notifications, newest first (at most the last 200). */
  'notifications.list': { input: none, output: z.array(AppNotification) },
  /** Marks notifications read (all when `ids` is omitted). */
  'notifications.markRead': { input: z.object({ ids: z.array(z.string().uuid()).max(500).optional() }), output: none },

  // ---- chat (employer users; moderators get `forbidden`) --------------------------------------
  /**
   * "My chats" from the cache (works offline), most recent activity first. `filter`: `mine`
   * (claimed by me), `unclaimed`, `unread`. `search` matches the candidate's name, the vacancy and
   * message text (case-insensitive).
   */
  'chats.list': {
    input: z
      .object({ search: z.string().max(200).optional(), filter: z.enum(['all', 'mine', 'unclaimed', 'unread']).optional() })
      .optional(),
    output: z.array(LocalChatConversation),
  },
  /** One conversation's messages from the cache in order: sent ones by seq, then queued/refused ones. */
  'chats.messages': { input: z.object({ conversationId: z.string().uuid() }), output: z.array(LocalChatMessage) },
  /**
   * Queues a message (persisted at once) and sends it when the chat socket is connected. Resolves
   * with the queued copy; `chat.changed` follows when the server acknowledges or refuses it.
   * @throws `forbidden` when the rules already refuse it locally (not claimed, taken by someone else, closed).
   */
  'chats.send': { input: z.object({ conversationId: z.string().uuid(), body: ChatText }), output: LocalChatMessage },
  /** Removes a refused message from view (it never reached the candidate). */
  'chats.discard': { input: z.object({ messageId: z.string().uuid() }), output: none },
  /** Marks read up to `seq` (kept locally at once, sent when connected). */
  'chats.markRead': { input: z.object({ conversationId: z.string().uuid(), seq: z.number().int().nonnegative() }), output: none },
  /** "I am typing" (dropped when offline). */
  'chats.typing': { input: z.object({ conversationId: z.string().uuid() }), output: none },
  /** *Start dialogue*. Needs the server (who gets it is decided there): `server_unreachable` offline. */
  'chats.claim': { input: z.object({ conversationId: z.string().uuid() }), output: LocalChatConversation },
  /** Admin: hand the conversation to another active member. Online only. */
  'chats.assign': { input: z.object({ conversationId: z.string().uuid(), userId: z.string().uuid() }), output: LocalChatConversation },
  /** Close or reopen (the manager who has it, or the admin). Online only. */
  'chats.setStatus': {
    input: z.object({ conversationId: z.string().uuid(), status: z.enum(['open', 'closed']) }),
    output: LocalChatConversation,
  },
  'chats.connection': { input: none, output: ChatConnection },

  // ---- video interviews (employer users; moderators get `forbidden`) ---------------------------
  /**
   * *Invite to video interview* on a response whose candidate asked for one: queued in the outbox
   * (works offline) and sent with the next sync; a refusal arrives as a `sync.rejected`.
   * @throws `conflict` when the candidate did not ask for one, `not_found` for an unknown response.
   */
  'videoInterviews.invite': { input: z.object({ responseId: z.string().uuid() }), output: z.object({ invitationId: z.string().uuid() }) },
  /**
   * The note after the call on a held or missed interview (the inviting manager or the employer
   * admin; an empty note clears it): queued in the outbox like the invitation (works offline) and
   * sent with the next sync; answers the note as queued (trimmed). A refusal (not held/missed yet,
   * another manager's interview) arrives as a `sync.rejected`; the list carries the note once landed.
   * @throws `bad_request` for a note over 4,000 characters, `forbidden` for a moderator.
   */
  'videoInterviews.saveNote': { input: z.object({ id: z.string().uuid(), note: VideoNote }), output: z.object({ note: z.string() }) },
  /**
   * The employer's invitations and interviews, all fairs, with the server's clock. Needs the server
   * (the state is decided there: bookings race): `server_unreachable` offline, and the renderer
   * shows the last list it had.
   */
  'videoInterviews.list': { input: none, output: z.object({ interviews: z.array(VideoInterviewDto), serverNow: z.number().int() }) },
  /**
   * Join a call (the inviting manager, from 10 minutes before the slot until its end): the server's
   * grant plus the server origin its PeerJS path is under. Each call is a new peer (reconnects too).
   */
  'videoInterviews.join': { input: z.object({ id: z.string().uuid() }), output: z.object({ grant: VideoJoinGrant, serverUrl: z.string() }) },
  /** End the call early (the inviting manager); answers the recorded interview. */
  'videoInterviews.end': { input: z.object({ id: z.string().uuid() }), output: VideoInterviewDto },
  /**
   * Opens the call in the dedicated, hardened video window (Electron; the only window with camera
   * and microphone). `opened: false` where there is none (the browser host): the renderer then
   * shows the call in its own page.
   */
  'videoInterviews.openCallWindow': { input: z.object({ id: z.string().uuid() }), output: z.object({ opened: z.boolean() }) },
} as const;

export const ipcEvents = {
  'sync.status': SyncStatus,
  'session.changed': SessionInfo.nullable(),
  /** A change of the user's was refused by the server (sent once per rejection). */
  'sync.rejected': Rejection,
  /** Cached records changed (after a pull or a local change): lists should reload. */
  'cache.changed': z.object({ entities: z.array(z.union([SyncEntityName, z.literal('upload')])) }),
  /** A new notification (see AppNotification); also listed by `notifications.list`. */
  notification: AppNotification,
  /** Progress of queued uploads (bytes sent of the current file), for progress bars. */
  'uploads.progress': z.object({ id: z.string().uuid(), sentBytes: z.number().int().nonnegative(), totalBytes: z.number().int().nonnegative() }),
  /** Conversations whose summary or messages changed in the cache: lists and open threads reload. */
  'chat.changed': z.object({ conversationIds: z.array(z.string().uuid()) }),
  /** A new message from a candidate arrived (once per message): desktop notification when unfocused. */
  'chat.incoming': z.object({ conversation: LocalChatConversation, message: LocalChatMessage }),
  'chat.typing': ChatTypingEvent,
  'chat.connection': ChatConnection,
  /** The server says the employer's interviews changed (a booking, a decline, a join, an outcome): reload the list. */
  'videoInterviews.changed': z.object({}),
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
