import { z } from 'zod';

/** Calendar date in the career centre's time zone, `YYYY-MM-DD`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
/** Every timestamp on the wire is epoch milliseconds (JSON-safe, identical over IPC and HTTP). */
export const EpochMs = z.number().int().nonnegative();

export const CentreDto = z.object({
  id: z.string().uuid(),
  name: z.string(),
  region: z.string(),
  /** IANA zone, e.g. `Asia/Almaty`: deadlines and fair days are computed in it. */
  timeZone: z.string(),
  /** Public holidays excluded from working-day deadlines. */
  holidays: z.array(IsoDate),
});
export type CentreDto = z.infer<typeof CentreDto>;

export const FairDto = z.object({
  id: z.string().uuid(),
  centreId: z.string().uuid(),
  title: z.string(),
  region: z.string(),
  city: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  description: z.string(),
  updatedAt: EpochMs,
  /** Server change version of the row's last write; the base for `updateFair`. */
  version: z.number().int().nonnegative(),
});
export type FairDto = z.infer<typeof FairDto>;

export const CompanyDto = z.object({
  id: z.string().uuid(),
  employerId: z.string().uuid(),
  legalName: z.string(),
  bin: z.string(),
  address: z.string(),
  website: z.string(),
  info: z.string(),
  verified: z.boolean(),
});
export type CompanyDto = z.infer<typeof CompanyDto>;

export const PreApplicationStatus = z.enum(['under_review', 'approved', 'rejected', 'withdrawn']);
export type PreApplicationStatus = z.infer<typeof PreApplicationStatus>;

/**
 * A pre-application ("предварительная заявка"). Way 1 names a region and a desired period;
 * way 2 names a scheduled fair. Numbered `YYYYMMDD-N` by the server.
 */
export const PreApplicationDto = z.object({
  id: z.string().uuid(),
  /** `YYYYMMDD-N`; empty while a new application waits to be sent (the server assigns it). */
  number: z.string(),
  employerId: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  centreId: z.string().uuid(),
  way: z.union([z.literal(1), z.literal(2)]),
  fairId: z.string().uuid().nullable(),
  fairTitle: z.string().nullable(),
  region: z.string(),
  desiredFrom: IsoDate.nullable(),
  desiredTo: IsoDate.nullable(),
  companyInfo: z.string(),
  vacantPlaces: z.number().int().positive(),
  professions: z.array(z.string()),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  consentSalaryShown: z.boolean(),
  consentChatDuringFair: z.boolean(),
  wantsVideoInterviews: z.boolean(),
  status: PreApplicationStatus,
  rejectionReason: z.string().nullable(),
  decidedBy: z.string().uuid().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: EpochMs.nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  statusChangedAt: EpochMs,
  /** Server change version of the row's last write. */
  version: z.number().int().nonnegative(),
});
export type PreApplicationDto = z.infer<typeof PreApplicationDto>;
