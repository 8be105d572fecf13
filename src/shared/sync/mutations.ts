import { z } from 'zod';
import { IsoDate } from '../domain/records';
import { InterviewPlan } from '../domain/participation/interviewPlan';
import { StandFields } from '../domain/participation/stand';
import { VacancyFields } from '../domain/participation/vacancy';
import { VideoNote } from '../domain/video/records';

/**
 * Every change a desktop client can make, as a *command* mutation (Replicache style). The client
 * writes one to its outbox in the same SQLite transaction as its optimistic effect; the server
 * re-checks every rule and permission when it is pushed. Args are validated with these schemas on
 * both sides, so a client cannot queue what the server would refuse as malformed.
 */
const Uuid = z.string().uuid();
const Text = (max: number) => z.string().trim().max(max);
/**
 * The server version the client's edit started from; null creates the record. The server refuses
 * with `version_conflict` when someone else changed the record since (the client's own earlier,
 * already applied edits of the same record do not count: two offline edits in a row both land).
 */
const BaseVersion = z.number().int().nonnegative().nullable();
/** Most vacancies one import may bring (a CSV file or the library); bigger files are split by the user. */
export const MAX_VACANCIES_PER_IMPORT = 500;

export const FairFields = z.object({
  title: Text(200).min(1, 'A fair needs a title.'),
  city: Text(120).min(1, 'Say where the fair takes place.'),
  startsOn: IsoDate,
  endsOn: IsoDate,
  description: Text(5000),
});

export const mutationArgs = {
  /** Moderator: a new fair of the moderator's own centre. */
  createFair: FairFields.extend({ id: Uuid }),
  /** Moderator: edit a fair; refused when the fair changed on the server since `baseVersion`. */
  updateFair: z.object({ id: Uuid, fields: FairFields.partial(), baseVersion: z.number().int().nonnegative() }),
  /** Employer admin/manager: way 1 names a centre (its region) and a desired period; way 2 a fair. */
  createPreApplication: z.object({
    id: Uuid,
    way: z.union([z.literal(1), z.literal(2)]),
    companyId: Uuid,
    /** Way 1: the centre of the chosen region. Way 2: ignored (taken from the fair). */
    centreId: Uuid.nullable(),
    /** Way 2 only. */
    fairId: Uuid.nullable(),
    /** Way 1 only. */
    desiredFrom: IsoDate.nullable(),
    desiredTo: IsoDate.nullable(),
    companyInfo: Text(5000),
    vacantPlaces: z.number().int().min(1).max(10_000),
    professions: z.array(Text(120).min(1)).min(1).max(100),
    contactName: Text(200).min(1),
    contactPhone: Text(40).min(5),
    contactEmail: z.string().trim().email().max(254),
    consentSalaryShown: z.literal(true, { message: 'The salary must be shown in every vacancy.' }),
    consentChatDuringFair: z.literal(true, { message: 'Answering candidates in the chat during the fair is required.' }),
    wantsVideoInterviews: z.boolean(),
  }),
  /** Employer: withdraw while under review. */
  withdrawPreApplication: z.object({ id: Uuid }),
  /**
   * Moderator: approve (way 1 must name the fair, which sets the dates) or reject (reason required).
   * `expectedStatus` is what the moderator saw; the server refuses when it moved on meanwhile.
   */
  decidePreApplication: z
    .object({
      id: Uuid,
      decision: z.enum(['approve', 'reject']),
      reason: Text(2000).nullable(),
      fairId: Uuid.nullable(),
      expectedStatus: z.literal('under_review'),
    })
    .refine((a) => a.decision === 'approve' || (a.reason !== null && a.reason.length > 0), {
      message: 'A rejection needs a reason the employer can act on.',
      path: ['reason'],
    }),

  // ---- participation (SPEC "Participation info", "Stand", "Vacancy") ------------------------
  /** Employer admin/manager: create (`baseVersion` null) or edit a stand of the own employer. */
  saveStand: z.object({ id: Uuid, fields: StandFields, baseVersion: BaseVersion }),
  /** Employer: delete a stand; refused while a sent or approved participation info shows it. */
  deleteStand: z.object({ id: Uuid }),
  /**
   * Employer: create or edit a vacancy — of the company's library (`participationId` null) or of
   * a participation info (then its edit rules and deadlines apply).
   */
  saveVacancy: z.object({
    id: Uuid,
    companyId: Uuid,
    participationId: Uuid.nullable(),
    fields: VacancyFields,
    active: z.boolean(),
    baseVersion: BaseVersion,
  }),
  /** Employer: delete a vacancy (responses to it keep a copy of what was responded to). */
  deleteVacancy: z.object({ id: Uuid }),
  /**
   * Employer: add several vacancies to a participation info at once (CSV file or library import),
   * all or nothing: one bad row and none is added.
   */
  importVacancies: z.object({
    participationId: Uuid,
    vacancies: z
      .array(z.object({ id: Uuid, fields: VacancyFields }))
      .min(1, 'Nothing to import.')
      .max(MAX_VACANCIES_PER_IMPORT, `At most ${MAX_VACANCIES_PER_IMPORT} vacancies per import.`),
  }),
  /** Employer: attach a stand (or none) and set the video-interview plan of a participation info. */
  updateParticipation: z.object({ id: Uuid, standId: Uuid.nullable(), interviewPlan: InterviewPlan, baseVersion: BaseVersion }),
  /** Employer: send a draft to the moderator (needs a stand and at least one vacancy). */
  sendParticipation: z.object({ id: Uuid }),
  /** Employer: withdraw a sent or approved participation info (leave the fair). */
  withdrawParticipation: z.object({ id: Uuid }),
  /** Employer: re-open a rejected or withdrawn participation info as a draft. */
  reopenParticipation: z.object({ id: Uuid }),
  /** Moderator: approve (publishes the stand and vacancies on the fair) or reject with a reason. */
  decideParticipation: z
    .object({
      id: Uuid,
      decision: z.enum(['approve', 'reject']),
      reason: Text(2000).nullable(),
      expectedStatus: z.literal('sent'),
    })
    .refine((a) => a.decision === 'approve' || (a.reason !== null && a.reason.length > 0), {
      message: 'A rejection needs a reason the employer can act on.',
      path: ['reason'],
    }),

  // ---- video interviews (SPEC "Video interviews") -------------------------------------------
  /**
   * Employer admin/manager: invite the candidate of a response that asked for a video interview;
   * the candidate chooses one of the inviting manager's slots (so the manager must have slots in
   * the approved plan). One invitation per response; the same id again changes nothing.
   */
  inviteToVideoInterview: z.object({ id: Uuid, responseId: Uuid }),
  /**
   * Employer: the note after the call on a held or missed interview (replaces the earlier note; an
   * empty note clears it). Only the inviting manager or the employer admin may write it.
   */
  saveVideoNote: z.object({ id: Uuid, note: VideoNote }),
} as const;

export type MutationName = keyof typeof mutationArgs;
export const MutationName = z.enum(Object.keys(mutationArgs) as [MutationName, ...MutationName[]]);
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;

/** One outbox entry on the wire. `id` increases by one per client, starting at 1. */
export const Mutation = z.object({
  id: z.number().int().positive(),
  name: MutationName,
  /** Validated against `mutationArgs[name]` by the server per mutation (a bad one is rejected, not the batch). */
  args: z.unknown(),
  createdAt: z.number().int().nonnegative(),
});
export type Mutation = z.infer<typeof Mutation>;

/**
 * Why the server refused a mutation for good. The id is still consumed; the client rolls back the
 * optimistic effect and shows `message` until the user dismisses it.
 */
export const RejectionCode = z.enum([
  'invalid', // args do not satisfy the schema or a field rule
  'forbidden', // outside the caller's role or tenant
  'not_found', // the record does not exist (in the caller's scope)
  'state_changed', // e.g. the employer withdrew meanwhile, another moderator decided first
  'deadline_passed', // a working-day or calendar-day deadline has passed
  'version_conflict', // the record changed on the server since the client's base version
]);
export type RejectionCode = z.infer<typeof RejectionCode>;

export const MutationResult = z.object({
  mutationId: z.number().int().positive(),
  status: z.literal('rejected'),
  code: RejectionCode,
  /** Written for the user, e.g. "The employer withdrew this application at 14:02 (Almaty time)." */
  message: z.string(),
  /** The record the mutation was about, so the client can mark it. */
  recordId: z.string().nullable(),
  decidedAt: z.number().int().nonnegative(),
});
export type MutationResult = z.infer<typeof MutationResult>;
