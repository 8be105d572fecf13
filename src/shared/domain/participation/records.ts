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

/**
 * A candidate's response to a vacancy, as the employer's desktop receives it (read-only there).
 * The candidate's contact details are copied at responding time: what they applied with.
 */
export const ResponseDto = z.object({
  id: z.string().uuid(),
  employerId: z.string().uuid(),
  participationId: z.string().uuid(),
  fairId: z.string().uuid(),
  /** The vacancy may since have been deleted; the title is the copy taken when responding. */
  vacancyId: z.string().uuid(),
  vacancyTitle: z.string(),
  companyName: z.string(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  candidateEmail: z.string(),
  candidatePhone: z.string(),
  resumeUploadId: z.string().uuid(),
  resumeFileName: z.string(),
  wantsVideoInterview: z.boolean(),
  coverNote: z.string(),
  createdAt: EpochMs,
  version: Version,
});
export type ResponseDto = z.infer<typeof ResponseDto>;

/** "Want to work for you": a candidate's interest in the employer as a whole at one fair. */
export const InterestDto = z.object({
  id: z.string().uuid(),
  employerId: z.string().uuid(),
  participationId: z.string().uuid(),
  fairId: z.string().uuid(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  candidateEmail: z.string(),
  candidatePhone: z.string(),
  createdAt: EpochMs,
  version: Version,
});
export type InterestDto = z.infer<typeof InterestDto>;

/** The moderator's fair overview (SPEC: employers taking part, vacancies, responses, video slots). */
export const FairOverviewEmployer = z.object({
  participationId: z.string().uuid(),
  companyName: z.string(),
  status: ParticipationStatus,
  vacancyCount: z.number().int().nonnegative(),
  /** Vacant places over all its vacancies. */
  placeCount: z.number().int().nonnegative(),
  /** Null when not known (the desktop is offline and only the server counts responses). */
  responseCount: z.number().int().nonnegative().nullable(),
  interestCount: z.number().int().nonnegative().nullable(),
  videoResponseCount: z.number().int().nonnegative().nullable(),
  plannedSlots: z.number().int().nonnegative(),
  /** Conversations whose last candidate message has no employer answer yet (null offline). */
  unansweredChats: z.number().int().nonnegative().nullable(),
  /** When the longest-waiting of those was written (null: none, or offline); wait = now − this. */
  oldestUnansweredSince: EpochMs.nullable(),
});
export type FairOverviewEmployer = z.infer<typeof FairOverviewEmployer>;

export const FairOverview = z.object({
  fairId: z.string().uuid(),
  employers: z.array(FairOverviewEmployer),
  totals: z.object({
    employers: z.number().int().nonnegative(),
    approvedEmployers: z.number().int().nonnegative(),
    vacancies: z.number().int().nonnegative(),
    places: z.number().int().nonnegative(),
    responses: z.number().int().nonnegative().nullable(),
    interests: z.number().int().nonnegative().nullable(),
    plannedSlots: z.number().int().nonnegative(),
    unansweredChats: z.number().int().nonnegative().nullable(),
  }),
  /** When the response counts were computed by the server; null when they come from the cache only (offline). */
  countedAt: EpochMs.nullable(),
});
export type FairOverview = z.infer<typeof FairOverview>;
