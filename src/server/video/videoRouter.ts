import { Router, type NextFunction, type Request, type Response } from 'express';
import {
  CandidateVideoInterviewResponse,
  CandidateVideoInterviewsResponse,
  EmployerVideoInterviewsResponse,
  VideoBookRequest,
  VideoInterviewResponse,
  videoRoutes,
} from '../../shared/api/video';
import { VideoJoinGrant } from '../../shared/domain/video/records';
import type { SessionService } from '../auth/sessionService';
import type { CandidateAuth, CandidateSessions } from '../candidates/candidateSessions';
import { candidateToken } from '../candidates/cookies';
import { ServerError } from '../errors';
import { authOf, requireAuth } from '../http/auth';
import { idParam } from '../http/pathIds';
import { parseBody, sendJson } from '../http/validation';
import { VideoFailure, type VideoCaller, type VideoInterviewService } from './videoInterviewService';

export interface VideoRouterDeps {
  video: VideoInterviewService;
  sessions: SessionService;
  candidateSessions: CandidateSessions;
  checkResponses: boolean;
  now?: () => number;
}

const interviewId = (req: Request): string => idParam(String(req.params['id'] ?? ''), 'video interview');

/** A service refusal as the HTTP error the API declares (src/shared/api/video.ts). */
function asHttpError(err: unknown): unknown {
  if (!(err instanceof VideoFailure)) return err;
  switch (err.code) {
    case 'not_found':
      return new ServerError('not_found', 404, err.message);
    case 'forbidden':
    case 'not_inviter':
      return new ServerError('forbidden', 403, err.message);
    case 'bad_request':
      return new ServerError('bad_request', 400, err.message);
    default:
      return new ServerError('conflict', 409, err.message);
  }
}

async function refusalsAsHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw asHttpError(err);
  }
}

/**
 * The video-interview API (`src/shared/api/video.ts`): thin adapters over VideoInterviewService.
 * Employer routes take the desktop's bearer token, candidate routes the portal's session cookie.
 */
export function videoRouter(deps: VideoRouterDeps): Router {
  const router = Router();
  const check = deps.checkResponses;
  const now = deps.now ?? Date.now;
  const auth = requireAuth(deps.sessions);

  const requireCandidate = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    res.locals['candidate'] = await deps.candidateSessions.authenticate(candidateToken(req));
    next();
  };
  const candidateOf = (res: Response): string => (res.locals['candidate'] as CandidateAuth).candidate.id;
  const employerCaller = (res: Response): VideoCaller => ({ kind: 'user', userId: authOf(res).user.id });

  router.get(videoRoutes.employerInterviews.path, auth, async (_req, res) => {
    const interviews = await refusalsAsHttp(() => deps.video.listForEmployer(authOf(res).user.id));
    sendJson(res, EmployerVideoInterviewsResponse, { interviews, serverNow: now() }, check);
  });
  router.post(videoRoutes.employerJoin.path, auth, async (req, res) => {
    const grant = await refusalsAsHttp(() => deps.video.join(employerCaller(res), interviewId(req)));
    sendJson(res, VideoJoinGrant, grant, check);
  });
  router.post(videoRoutes.employerEnd.path, auth, async (req, res) => {
    const interview = await refusalsAsHttp(() => deps.video.end(employerCaller(res), interviewId(req)));
    sendJson(res, VideoInterviewResponse, { interview }, check);
  });

  router.get(videoRoutes.candidateInterviews.path, requireCandidate, async (_req, res) => {
    const interviews = await refusalsAsHttp(() => deps.video.listForCandidate(candidateOf(res)));
    sendJson(res, CandidateVideoInterviewsResponse, { interviews, serverNow: now() }, check);
  });
  router.post(videoRoutes.candidateBook.path, requireCandidate, async (req, res) => {
    const id = interviewId(req);
    const { startsAt } = parseBody(VideoBookRequest, req.body);
    const interview = await refusalsAsHttp(() => deps.video.book(candidateOf(res), { interviewId: id, startsAt }));
    sendJson(res, CandidateVideoInterviewResponse, { interview }, check);
  });
  router.post(videoRoutes.candidateDecline.path, requireCandidate, async (req, res) => {
    const id = interviewId(req);
    const interview = await refusalsAsHttp(() => deps.video.decline(candidateOf(res), { interviewId: id }));
    sendJson(res, CandidateVideoInterviewResponse, { interview }, check);
  });
  router.post(videoRoutes.candidateJoin.path, requireCandidate, async (req, res) => {
    const id = interviewId(req);
    const grant = await refusalsAsHttp(() => deps.video.join({ kind: 'candidate', candidateId: candidateOf(res) }, id));
    sendJson(res, VideoJoinGrant, grant, check);
  });
  return router;
}
