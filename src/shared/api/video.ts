import { z } from 'zod';
import { EpochMs } from '../domain/records';
import { CandidateVideoInterviewDto, VideoInterviewDto } from '../domain/video/records';

/**
 * The video-interview HTTP API, declared once (server validates requests and answers with these
 * schemas; desktop core and portal parse answers with them). Invitations and notes are sync
 * mutations (`inviteToVideoInterview`, `saveVideoNote`); what needs the server's word at once —
 * booking a contested slot, joining a call, ending it — is a request.
 *
 * Refusals use the common error body: 404 `not_found` (not the caller's, or no such interview),
 * 403 `forbidden` (wrong role; another manager joining: `not_inviter` wording), 409 `conflict`
 * (slot taken, already answered, too early, ended, slot gone — the message says which and what to
 * do; after a 409 on booking the client reloads the invitation for the slots still free).
 */
export const videoRoutes = {
  /** Employer admin/manager: the employer's interviews (`EmployerVideoInterviewsResponse`). */
  employerInterviews: { method: 'GET', path: '/api/video/interviews' },
  /** The inviting manager: join the call (`VideoJoinGrant`). */
  employerJoin: { method: 'POST', path: '/api/video/interviews/:id/join' },
  /** The inviting manager: end the call early (`VideoInterviewResponse`). */
  employerEnd: { method: 'POST', path: '/api/video/interviews/:id/end' },
  /** Candidate (portal session): its invitations with the free slots (`CandidateVideoInterviewsResponse`). */
  candidateInterviews: { method: 'GET', path: '/api/portal/video' },
  /** Candidate: book a slot (`VideoBookRequest` → `CandidateVideoInterviewResponse`). */
  candidateBook: { method: 'POST', path: '/api/portal/video/:id/book' },
  /** Candidate: decline (→ `CandidateVideoInterviewResponse`). */
  candidateDecline: { method: 'POST', path: '/api/portal/video/:id/decline' },
  /** Candidate: join the call (`VideoJoinGrant`). */
  candidateJoin: { method: 'POST', path: '/api/portal/video/:id/join' },
} as const;

export const EmployerVideoInterviewsResponse = z.object({ interviews: z.array(VideoInterviewDto), serverNow: EpochMs });
export type EmployerVideoInterviewsResponse = z.infer<typeof EmployerVideoInterviewsResponse>;

export const VideoInterviewResponse = z.object({ interview: VideoInterviewDto });
export type VideoInterviewResponse = z.infer<typeof VideoInterviewResponse>;

export const CandidateVideoInterviewsResponse = z.object({ interviews: z.array(CandidateVideoInterviewDto), serverNow: EpochMs });
export type CandidateVideoInterviewsResponse = z.infer<typeof CandidateVideoInterviewsResponse>;

export const CandidateVideoInterviewResponse = z.object({ interview: CandidateVideoInterviewDto });
export type CandidateVideoInterviewResponse = z.infer<typeof CandidateVideoInterviewResponse>;

export const VideoBookRequest = z.object({ startsAt: EpochMs });
export type VideoBookRequest = z.infer<typeof VideoBookRequest>;
