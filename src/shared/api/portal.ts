import { z } from 'zod';
import {
  CandidateEmail,
  CandidateName,
  CandidatePhone,
  CoverNote,
  ReturnToPath,
} from '../domain/candidates';
import { EpochMs, FairDto } from '../domain/records';
import { Locale } from '../domain/roles';
import { Currency, EmploymentType } from '../domain/participation/vacancy';

/**
 * The candidate portal's HTTP API (`/api/portal/*`). Candidates authenticate with an httpOnly
 * session cookie set when a sign-in link is redeemed; every request and answer has a schema here,
 * validated by the server (requests always, answers in dev and tests) and by the portal.
 */

export const portalRoutes = {
  /** Mails a sign-in link. Always 202 with the same body, whether or not the address has an account. */
  loginLink: { method: 'POST', path: '/api/portal/login-link' },
  /** Redeems a sign-in link's token (POST, so mail scanners that pre-open links cannot use it up). */
  signIn: { method: 'POST', path: '/api/portal/sign-in' },
  signOut: { method: 'POST', path: '/api/portal/sign-out' },
  me: { method: 'GET', path: '/api/portal/me' },
  /** Changes the signed-in candidate's name and phone. */
  profile: { method: 'PUT', path: '/api/portal/me' },
  fair: { method: 'GET', path: '/api/portal/fairs/:id' },
  vacancy: { method: 'GET', path: '/api/portal/vacancies/:id' },
  /** A stand image, public only while a participation showing it on a fair is approved. */
  image: { method: 'GET', path: '/api/portal/images/:uploadId' },
  responses: { method: 'GET', path: '/api/portal/responses' },
  respond: { method: 'POST', path: '/api/portal/responses' },
  interests: { method: 'GET', path: '/api/portal/interests' },
  addInterest: { method: 'POST', path: '/api/portal/interests' },
  removeInterest: { method: 'DELETE', path: '/api/portal/interests' },
} as const;

/** Name of the candidate session cookie (httpOnly; the portal never reads it). */
export const CANDIDATE_COOKIE = 'fairdesk_candidate';

export const CandidateDto = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  phone: z.string(),
  locale: Locale,
  createdAt: EpochMs,
});
export type CandidateDto = z.infer<typeof CandidateDto>;

export const LoginLinkRequest = z.object({
  email: CandidateEmail,
  locale: Locale.default('ru'),
  returnTo: ReturnToPath.optional(),
});
export type LoginLinkRequest = z.input<typeof LoginLinkRequest>;

export const LoginLinkAccepted = z.object({
  accepted: z.literal(true),
  /** How long the mailed link works, for "check your mail (valid 30 minutes)". */
  validMinutes: z.number().int().positive(),
});
export type LoginLinkAccepted = z.infer<typeof LoginLinkAccepted>;

export const SignInRequest = z.object({
  token: z.string().min(1, 'The sign-in link is incomplete.').max(200, 'The sign-in link is not valid.'),
});

export const SignInResponse = z.object({
  candidate: CandidateDto,
  expiresAt: EpochMs,
  /** Where the candidate was when asking for the link; null = the front page. */
  returnTo: z.string().nullable(),
});
export type SignInResponse = z.infer<typeof SignInResponse>;

export const PortalMeResponse = z.object({ candidate: CandidateDto, expiresAt: EpochMs });
export type PortalMeResponse = z.infer<typeof PortalMeResponse>;

export const ProfileRequest = z.object({ name: CandidateName, phone: CandidatePhone.default('') });
export type ProfileRequest = z.input<typeof ProfileRequest>;

/** `not_yet`: before responsesOpenAt; `open`; `closed`: after the fair's last day. */
export const PortalResponseWindow = z.object({
  state: z.enum(['not_yet', 'open', 'closed']),
  opensAt: EpochMs,
  closesAt: EpochMs,
});
export type PortalResponseWindow = z.infer<typeof PortalResponseWindow>;

/** A stand as candidates see it: everything but the employer's internal name; images as URLs. */
export const PortalStand = z.object({
  companyName: z.string(),
  address: z.string(),
  website: z.string(),
  companyInfo: z.string(),
  activity: z.string(),
  advantages: z.string(),
  slogan: z.string(),
  socialLinks: z.array(z.string()),
  logoUrl: z.string().nullable(),
  bannerUrls: z.array(z.string()),
  posterUrls: z.array(z.string()),
  brochureUrls: z.array(z.string()),
  videoUrl: z.string(),
});
export type PortalStand = z.infer<typeof PortalStand>;

/** What anyone sees of a vacancy; `details` only once the response window has opened. */
export const PortalVacancy = z.object({
  id: z.string().uuid(),
  participationId: z.string().uuid(),
  title: z.string(),
  profession: z.string(),
  salaryFrom: z.number(),
  salaryTo: z.number(),
  currency: Currency,
  places: z.number().int(),
  location: z.string(),
  employmentType: EmploymentType,
  details: z.object({ description: z.string(), requirements: z.string() }).nullable(),
});
export type PortalVacancy = z.infer<typeof PortalVacancy>;

/** An employer taking part (an approved participation info) with its stand and vacancies. */
export const PortalEmployer = z.object({
  participationId: z.string().uuid(),
  companyName: z.string(),
  /** Kind of activity, shown under the name. */
  activity: z.string(),
  stand: PortalStand.nullable(),
  vacancies: z.array(PortalVacancy),
});
export type PortalEmployer = z.infer<typeof PortalEmployer>;

export const PortalFairResponse = z.object({
  fair: FairDto.extend({ centreName: z.string(), timeZone: z.string() }),
  responses: PortalResponseWindow,
  employers: z.array(PortalEmployer),
});
export type PortalFairResponse = z.infer<typeof PortalFairResponse>;

export const PortalVacancyResponse = z.object({
  vacancy: PortalVacancy,
  fairId: z.string().uuid(),
  fairTitle: z.string(),
  companyName: z.string(),
  responses: PortalResponseWindow,
});
export type PortalVacancyResponse = z.infer<typeof PortalVacancyResponse>;

export const RespondRequest = z.object({
  vacancyId: z.string().uuid('Choose a vacancy to respond to.'),
  resumeUploadId: z.string().uuid('Attach your resume.'),
  wantsVideoInterview: z.boolean().default(false),
  coverNote: CoverNote.optional(),
});
export type RespondRequest = z.input<typeof RespondRequest>;

export const CandidateResponseDto = z.object({
  id: z.string().uuid(),
  vacancyId: z.string().uuid(),
  /** Copy kept at responding time: the vacancy may change or be deleted later. */
  vacancyTitle: z.string(),
  participationId: z.string().uuid(),
  /** The employer responded to: the candidate may chat with it about this fair (`chat:open`). */
  employerId: z.string().uuid(),
  companyName: z.string(),
  fairId: z.string().uuid(),
  fairTitle: z.string(),
  resumeUploadId: z.string().uuid(),
  resumeName: z.string(),
  wantsVideoInterview: z.boolean(),
  coverNote: z.string(),
  createdAt: EpochMs,
});
export type CandidateResponseDto = z.infer<typeof CandidateResponseDto>;

/** 201 for a new response; 200 with `created: false` when the very same response was sent before. */
export const RespondResponse = z.object({ response: CandidateResponseDto, created: z.boolean() });
export type RespondResponse = z.infer<typeof RespondResponse>;

export const MyResponsesResponse = z.object({ responses: z.array(CandidateResponseDto) });
export type MyResponsesResponse = z.infer<typeof MyResponsesResponse>;

export const InterestRequest = z.object({ participationId: z.string().uuid('Choose an employer.') });
export const InterestsResponse = z.object({ participationIds: z.array(z.string().uuid()) });
export type InterestsResponse = z.infer<typeof InterestsResponse>;
