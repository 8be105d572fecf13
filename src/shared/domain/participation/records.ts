import { z } from 'zod';
import { EpochMs } from '../records';
import { InterviewPlan } from './interviewPlan';
import { ParticipationStatus } from './participationRules';
import { StandFields } from './stand';
import { VacancyFields } from './vacancy';

/**
 * The records of a fair participation as they travel in pulls (server → cache) and over IPC
 * (cache → renderer). Client and server shapes both derive from these schemas.
 */

const Version = z.number().int().nonnegative();

/** A stand of an employer (SPEC "Stand"). Several per employer; attached to participation infos. */
export const StandDto = StandFields.extend({
  id: z.string().uuid(),
  employerId: z.string().uuid(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  /** Server change version of the row's last write; the base for `saveStand`. */
  version: Version,
});
export type StandDto = z.infer<typeof StandDto>;

/**
 * A vacancy. `participationId` null: one of the company's vacancy library (what "import active
 * vacancies" copies from); otherwise it belongs to that participation info (and to its fair).
 */
export const VacancyDto = z.object({
  ...VacancyFields.shape,
  id: z.string().uuid(),
  employerId: z.string().uuid(),
  companyId: z.string().uuid(),
  participationId: z.string().uuid().nullable(),
  /** Library vacancies: whether it is still open (only active ones are offered for import). */
  active: z.boolean(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  version: Version,
});
export type VacancyDto = z.infer<typeof VacancyDto>;

/**
 * Participation info (SPEC "Participation info"): created by the server as a draft when a
 * pre-application is approved for a fair (one per approved pre-application); the employer attaches
 * a stand, adds vacancies, plans video interviews and sends it; the moderator approves or rejects.
 */
export const ParticipationDto = z.object({
  id: z.string().uuid(),
  preApplicationId: z.string().uuid(),
  /** The pre-application's number, `YYYYMMDD-N`. */
  number: z.string(),
  employerId: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  centreId: z.string().uuid(),
  fairId: z.string().uuid(),
  fairTitle: z.string(),
  standId: z.string().uuid().nullable(),
  interviewPlan: InterviewPlan,
  status: ParticipationStatus,
  rejectionReason: z.string().nullable(),
  decidedBy: z.string().uuid().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: EpochMs.nullable(),
  sentAt: EpochMs.nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  statusChangedAt: EpochMs,
  version: Version,
});
export type ParticipationDto = z.infer<typeof ParticipationDto>;

