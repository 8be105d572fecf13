import { z } from 'zod';
import { EmployerMember, UserDto } from '../domain/roles';
import { CentreDto, CompanyDto, EpochMs, FairDto, PreApplicationDto } from '../domain/records';
import { FairOverview, InterestDto, ParticipationDto, ResponseDto, StandDto, VacancyDto } from '../domain/participation/records';

/**
 * The sync server's HTTP API, declared once. The server validates every request body with
 * `request` and every answer it sends with `response`; the desktop core parses answers with the
 * same schemas, so client and server cannot drift.
 */

/** Bumped whenever the sync payload shape changes; the server refuses clients below its minimum. */
export const SCHEMA_VERSION = 2;

/** Every entity a pull carries; each is a table in the desktop cache. */
export const SYNC_ENTITY_NAMES = [
  'centre',
  'fair',
  'company',
  'preApplication',
  'stand',
  'vacancy',
  'participation',
  'response',
  'interest',
] as const;
export const SyncEntityName = z.enum(SYNC_ENTITY_NAMES);
export type SyncEntityName = z.infer<typeof SyncEntityName>;

export const HealthResponse = z.object({
  ok: z.literal(true),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  serverTime: EpochMs,
});

export const LoginRequest = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
  /** Free text shown in the user's session list, e.g. "FairDesk desktop on WS-12". */
  clientName: z.string().max(200).optional(),
});
export const LoginResponse = z.object({
  /** Opaque bearer token; the server keeps only its hash. */
  token: z.string(),
  expiresAt: EpochMs,
  user: UserDto,
});

export const MeResponse = z.object({ user: UserDto, expiresAt: EpochMs });

/** One row change in a pull. `entity` names the cache table it lands in. */
// Puts are discriminated by `entity` inside the `op` union: zod 4 refuses duplicate `op` values
// in one flat discriminated union ("Duplicate discriminator value").
export const PatchOp = z.discriminatedUnion('op', [
  z.discriminatedUnion('entity', [
    z.object({ op: z.literal('put'), entity: z.literal('centre'), value: CentreDto }),
    z.object({ op: z.literal('put'), entity: z.literal('fair'), value: FairDto }),
    z.object({ op: z.literal('put'), entity: z.literal('company'), value: CompanyDto }),
    z.object({ op: z.literal('put'), entity: z.literal('preApplication'), value: PreApplicationDto }),
    z.object({ op: z.literal('put'), entity: z.literal('stand'), value: StandDto }),
    z.object({ op: z.literal('put'), entity: z.literal('vacancy'), value: VacancyDto }),
    z.object({ op: z.literal('put'), entity: z.literal('participation'), value: ParticipationDto }),
    z.object({ op: z.literal('put'), entity: z.literal('response'), value: ResponseDto }),
    z.object({ op: z.literal('put'), entity: z.literal('interest'), value: InterestDto }),
  ]),
  z.object({
    op: z.literal('del'),
    entity: SyncEntityName,
    id: z.string().uuid(),
  }),
]);
export type PatchOp = z.infer<typeof PatchOp>;

// Push and pull bodies live in ../sync/protocol.ts (PushRequest/PushResponse, SyncPullRequest/SyncPullResponse).

/** Upcoming and live fairs, public (the candidate portal's front page). */
export const PublicFairsResponse = z.object({ fairs: z.array(FairDto.extend({ centreName: z.string() })) });

/**
 * Answer of `POST /api/uploads/:kind` (body: the file's raw bytes; `X-File-Name`: its name,
 * percent-encoded). `mime` is what the content really is; width/height are set for images.
 */
export const UploadResponse = z.object({
  id: z.string().uuid(),
  mime: z.string(),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
});
export type UploadResponse = z.infer<typeof UploadResponse>;

export const FairOverviewResponse = FairOverview;

/** Answer of `GET /api/employer/members`: the employer's admins and managers, active and not, sorted by name. */
export const EmployerMembersResponse = z.object({ members: z.array(EmployerMember) });
export type EmployerMembersResponse = z.infer<typeof EmployerMembersResponse>;

/** Default loopback address of a development server (`npm start`). */
export const DEFAULT_SERVER_PORT = 4400;

export const routes = {
  publicFairs: { method: 'GET', path: '/api/public/fairs' },
  health: { method: 'GET', path: '/api/health' },
  login: { method: 'POST', path: '/api/auth/login' },
  logout: { method: 'POST', path: '/api/auth/logout' },
  me: { method: 'GET', path: '/api/auth/me' },
  pull: { method: 'POST', path: '/api/sync/pull' },
  push: { method: 'POST', path: '/api/sync/push' },
  /** `:kind` is an `UploadKind` (src/shared/domain/uploads.ts). */
  uploadCreate: { method: 'POST', path: '/api/uploads/:kind' },
  /**
   * The same with a client-chosen id (a uuid the desktop generated offline and already refers to
   * in queued changes). Idempotent: the same id with the same bytes by the same user answers the
   * stored upload again; the same id with other bytes or another owner is a 409.
   */
  uploadPut: { method: 'PUT', path: '/api/uploads/:kind/:id' },
  /** Moderator of the fair's centre: the fair overview with response and interest counts (`FairOverviewResponse`). */
  fairOverview: { method: 'GET', path: '/api/fairs/:id/overview' },
  /** Employer admin or manager: its own employer's users (`EmployerMembersResponse`); anyone else 403. */
  employerMembers: { method: 'GET', path: '/api/employer/members' },
  /** Streams the file with its stored type, to users allowed to see it. */
  uploadGet: { method: 'GET', path: '/api/uploads/:id' },
} as const;
