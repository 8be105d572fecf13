import { Router, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  type CandidateDto,
  InterestRequest,
  InterestsResponse,
  LoginLinkAccepted,
  LoginLinkRequest,
  MyResponsesResponse,
  PortalFairResponse,
  PortalMeResponse,
  PortalVacancyResponse,
  ProfileRequest,
  RespondRequest,
  RespondResponse,
  SignInRequest,
  SignInResponse,
  portalRoutes,
} from '../../shared/api/portal';
import { LOGIN_LINK_TTL_MINUTES } from '../../shared/domain/candidates';
import { Candidate } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';
import { idParam } from '../http/pathIds';
import { parseBody, sendJson } from '../http/validation';
import { contentDisposition } from '../uploads/fileName';
import type { UploadFileStore } from '../uploads/fileStore';
import { CANDIDATE_SESSION_TTL_MS, type CandidateAuth, type CandidateSessions } from './candidateSessions';
import { candidateToken, clearCandidateCookie, setCandidateCookie } from './cookies';
import { loadPortalFair, loadPortalVacancy } from './fairPage';
import type { CandidateInterests } from './interests';
import type { CandidateLoginLinks } from './loginLinks';
import { findPublicImage } from './publicImages';
import type { CandidateResponses } from './responses';

export interface PortalRouterDeps {
  db: DataSource;
  /** Writes the router makes itself (the profile) queue here: on SQLite that keeps them out of other transactions. */
  tx: TransactionRunner;
  sessions: CandidateSessions;
  loginLinks: CandidateLoginLinks;
  responses: CandidateResponses;
  interests: CandidateInterests;
  files: UploadFileStore;
  /** Mark cookies `Secure` (the public URL is https). */
  secureCookies: boolean;
  checkResponses: boolean;
  now?: () => number;
}

const toCandidateDto = (c: Candidate): CandidateDto => ({
  id: c.id,
  email: c.email,
  name: c.name,
  phone: c.phone,
  locale: c.locale,
  createdAt: c.createdAt,
});

/** The candidate portal's JSON API (`src/shared/api/portal.ts`), after the JSON body parser. */
export function portalRouter(deps: PortalRouterDeps): Router {
  const router = Router();
  const check = deps.checkResponses;
  const now = deps.now ?? Date.now;

  const requireCandidate = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      res.locals['candidate'] = await deps.sessions.authenticate(candidateToken(req));
    } catch (err) {
      // A dead cookie is dropped so the browser stops sending it.
      if (candidateToken(req) !== undefined) clearCandidateCookie(res, deps.secureCookies);
      throw err;
    }
    next();
  };
  const candidateOf = (res: Response): CandidateAuth => res.locals['candidate'] as CandidateAuth;

  router.post(portalRoutes.loginLink.path, async (req, res) => {
    const input = parseBody(LoginLinkRequest, req.body);
    await deps.loginLinks.request(input, req.ip ?? 'unknown');
    sendJson(res, LoginLinkAccepted, { accepted: true, validMinutes: LOGIN_LINK_TTL_MINUTES }, check, 202);
  });

  router.post(portalRoutes.signIn.path, async (req, res) => {
    const { token } = parseBody(SignInRequest, req.body);
    const signedIn = await deps.loginLinks.redeem(token);
    setCandidateCookie(res, signedIn.token, CANDIDATE_SESSION_TTL_MS, deps.secureCookies);
    sendJson(
      res,
      SignInResponse,
      { candidate: toCandidateDto(signedIn.candidate), expiresAt: signedIn.session.expiresAt, returnTo: signedIn.returnTo },
      check,
    );
  });

  router.post(portalRoutes.signOut.path, async (req, res) => {
    const token = candidateToken(req);
    if (token !== undefined) {
      try {
        await deps.sessions.revoke((await deps.sessions.authenticate(token)).session.id);
      } catch (err) {
        // Signing out of a session that already ended is still a sign-out.
        if (!(err instanceof ServerError)) throw err;
      }
    }
    clearCandidateCookie(res, deps.secureCookies);
    res.status(204).end();
  });

  router.get(portalRoutes.me.path, requireCandidate, (_req, res) => {
    const { candidate, session } = candidateOf(res);
    sendJson(res, PortalMeResponse, { candidate: toCandidateDto(candidate), expiresAt: session.expiresAt }, check);
  });

  router.put(portalRoutes.profile.path, requireCandidate, async (req, res) => {
    const input = parseBody(ProfileRequest, req.body);
    const { candidate, session } = candidateOf(res);
    const updatedAt = now();
    await deps.tx.job((manager) => manager.update(Candidate, { id: candidate.id }, { name: input.name, phone: input.phone, updatedAt }));
    sendJson(
      res,
      PortalMeResponse,
      { candidate: toCandidateDto({ ...candidate, name: input.name, phone: input.phone, updatedAt }), expiresAt: session.expiresAt },
      check,
    );
  });

  router.get(portalRoutes.fair.path, async (req: Request<{ id: string }>, res) => {
    sendJson(res, PortalFairResponse, await loadPortalFair(deps.db, idParam(req.params.id, 'fair'), now()), check);
  });

  router.get(portalRoutes.vacancy.path, async (req: Request<{ id: string }>, res) => {
    sendJson(res, PortalVacancyResponse, await loadPortalVacancy(deps.db, idParam(req.params.id, 'vacancy'), now()), check);
  });

  router.get(portalRoutes.image.path, async (req: Request<{ uploadId: string }>, res) => {
    const id = idParam(req.params.uploadId, 'image');
    const upload = await findPublicImage(deps.db, id);
    if (!upload) throw new ServerError('not_found', 404, 'There is no such image on a published stand.');
    let file;
    try {
      file = await deps.files.open(upload.sha256);
    } catch {
      throw new ServerError('not_found', 404, 'The file of this image is missing on the server.');
    }
    res.status(200).set({
      'Content-Type': upload.mime,
      'Content-Length': String(upload.size),
      'Content-Disposition': contentDisposition('inline', upload.originalName),
      'Content-Security-Policy': "default-src 'none'; sandbox",
      // Short public caching: an image stops being public when its participation is withdrawn.
      'Cache-Control': 'public, max-age=300',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    const stream = file.createReadStream();
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  });

  router.get(portalRoutes.responses.path, requireCandidate, async (_req, res) => {
    sendJson(res, MyResponsesResponse, { responses: await deps.responses.listMine(candidateOf(res).candidate.id) }, check);
  });

  router.post(portalRoutes.respond.path, requireCandidate, async (req, res) => {
    const input = parseBody(RespondRequest, req.body);
    const result = await deps.responses.respond(candidateOf(res).candidate.id, input);
    sendJson(res, RespondResponse, result, check, result.created ? 201 : 200);
  });

  router.get(portalRoutes.interests.path, requireCandidate, async (_req, res) => {
    sendJson(res, InterestsResponse, { participationIds: await deps.interests.list(candidateOf(res).candidate.id) }, check);
  });

  router.post(portalRoutes.addInterest.path, requireCandidate, async (req, res) => {
    const { participationId } = parseBody(InterestRequest, req.body);
    const candidateId = candidateOf(res).candidate.id;
    await deps.interests.add(candidateId, participationId.toLowerCase());
    sendJson(res, InterestsResponse, { participationIds: await deps.interests.list(candidateId) }, check);
  });

  router.delete(portalRoutes.removeInterest.path, requireCandidate, async (req, res) => {
    const { participationId } = parseBody(InterestRequest, req.body);
    const candidateId = candidateOf(res).candidate.id;
    await deps.interests.remove(candidateId, participationId.toLowerCase());
    sendJson(res, InterestsResponse, { participationIds: await deps.interests.list(candidateId) }, check);
  });

  return router;
}
