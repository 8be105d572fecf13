import { expect } from 'vitest';
import { CandidateVideoInterviewsResponse, EmployerVideoInterviewsResponse, videoRoutes } from '../../../src/shared/api/video';
import type { CandidateVideoInterviewDto, VideoInterviewDto } from '../../../src/shared/domain/video/records';
import type { PortalCandidate } from '../support/candidatePortal';
import { call, errorOf, type CallInit, type RawAnswer } from '../support/syncClient';
import type { Staff, VideoWorld } from './videoWorld';

/** The video API over real HTTP, as the desktop (bearer token) and the portal (session cookie) call it. */

type Route = (typeof videoRoutes)[keyof typeof videoRoutes];

/** The route's path with `:id` filled in (verbatim: malformed ids are part of the tests). */
export const pathOf = (route: Route, id = ''): string => route.path.replace(':id', id);

export const asStaff = (w: VideoWorld, who: Staff, route: Route, id?: string, init: CallInit = {}): Promise<RawAnswer> =>
  call(w.url, route.method, pathOf(route, id), { ...init, token: w.sessions[who].token });

export const asCandidate = (w: VideoWorld, candidate: Pick<PortalCandidate, 'cookie'>, route: Route, id?: string, init: CallInit = {}): Promise<RawAnswer> =>
  call(w.url, route.method, pathOf(route, id), { ...init, headers: { ...init.headers, cookie: candidate.cookie } });

export const book = (w: VideoWorld, candidate: PortalCandidate, id: string, startsAt: unknown): Promise<RawAnswer> =>
  asCandidate(w, candidate, videoRoutes.candidateBook, id, { json: { startsAt } });

/** The candidate's invitations as the portal shows them (fails the test unless 200 and schema-valid). */
export async function candidateInterviews(w: VideoWorld, candidate: PortalCandidate): Promise<CandidateVideoInterviewDto[]> {
  const answer = await asCandidate(w, candidate, videoRoutes.candidateInterviews);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return CandidateVideoInterviewsResponse.parse(answer.body).interviews;
}

export async function candidateInterview(w: VideoWorld, candidate: PortalCandidate, id: string): Promise<CandidateVideoInterviewDto> {
  const found = (await candidateInterviews(w, candidate)).find((i) => i.id === id);
  if (!found) throw new Error(`${candidate.email} does not see interview ${id}`);
  return found;
}

/** The employer's interviews as `who`'s desktop lists them (fails the test unless 200 and schema-valid). */
export async function employerInterviews(w: VideoWorld, who: Staff): Promise<VideoInterviewDto[]> {
  const answer = await asStaff(w, who, videoRoutes.employerInterviews);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return EmployerVideoInterviewsResponse.parse(answer.body).interviews;
}

/** Asserts an error answer: its status and, when given, its exact message. */
export function expectRefused(answer: RawAnswer, status: number | number[], message?: string): void {
  const statuses = Array.isArray(status) ? status : [status];
  expect(statuses, `HTTP ${answer.status} ${JSON.stringify(answer.body)}`).toContain(answer.status);
  const error = errorOf(answer);
  expect(error.message.length).toBeGreaterThan(0);
  if (message !== undefined) expect(error.message).toBe(message);
}
