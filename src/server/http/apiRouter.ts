import { Router, type Request } from 'express';
import { In, type DataSource } from 'typeorm';
import {
  EmployerMembersResponse,
  FairOverviewResponse,
  HealthResponse,
  LoginRequest,
  LoginResponse,
  MeResponse,
  PublicFairsResponse,
  routes,
} from '../../shared/api/http';
import { PushRequest, PushResponse, SyncPullRequest, SyncPullResponse } from '../../shared/sync/protocol';
import type { LoginService } from '../auth/loginService';
import type { SessionService } from '../auth/sessionService';
import type { DatabaseKind } from '../db/dataSource';
import { User } from '../db/entities';
import type { FairOverviewService } from '../domain/fairOverview';
import { ServerError } from '../errors';
import { toUserDto } from '../dto';
import { assertSupportedSchema, type PullService } from '../sync/pullService';
import type { PushService } from '../sync/pushService';
import { listPublicFairs } from '../sync/publicFairs';
import { authOf, requireAuth } from './auth';
import { UUID } from './pathIds';
import { parseBody, sendJson } from './validation';

export interface ApiDeps {
  db: DataSource;
  databaseKind: DatabaseKind;
  sessions: SessionService;
  login: LoginService;
  push: PushService;
  pull: PullService;
  /** The moderator's fair overview (`GET /api/fairs/:id/overview`). */
  fairOverview: FairOverviewService;
  version: string;
  /** The server's clock, answered as `serverTime` by the health check (the system clock by default). */
  now?: () => number;
  /** Validate answers against the shared response schemas (dev and tests). */
  checkResponses: boolean;
}

/** The JSON API of `src/shared/api/http.ts` — thin adapters over the services. */
export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  const check = deps.checkResponses;
  const auth = requireAuth(deps.sessions);

  router.get(routes.health.path, (_req, res) => {
    sendJson(res, HealthResponse, { ok: true, version: deps.version, database: deps.databaseKind, serverTime: (deps.now ?? Date.now)() }, check);
  });

  router.get(routes.publicFairs.path, async (_req, res) => {
    sendJson(res, PublicFairsResponse, { fairs: await listPublicFairs(deps.db) }, check);
  });

  router.post(routes.login.path, async (req, res) => {
    const input = parseBody(LoginRequest, req.body);
    const result = await deps.login.login(input, req.ip ?? 'unknown');
    sendJson(res, LoginResponse, result, check);
  });

  router.post(routes.logout.path, auth, async (_req, res) => {
    await deps.sessions.revoke(authOf(res).session.id);
    res.status(204).end();
  });

  router.get(routes.me.path, auth, (_req, res) => {
    const { user, session } = authOf(res);
    sendJson(res, MeResponse, { user: toUserDto(user), expiresAt: session.expiresAt }, check);
  });

  router.post(routes.push.path, auth, async (req, res) => {
    const input = parseBody(PushRequest, req.body);
    assertSupportedSchema(input.schemaVersion);
    sendJson(res, PushResponse, await deps.push.push(authOf(res).user, input), check);
  });

  router.post(routes.pull.path, auth, async (req, res) => {
    const input = parseBody(SyncPullRequest, req.body);
    assertSupportedSchema(input.schemaVersion);
    sendJson(res, SyncPullResponse, await deps.pull.pull(authOf(res).user, input), check);
  });

  router.get(routes.fairOverview.path, auth, async (req: Request<{ id: string }>, res) => {
    if (!UUID.test(req.params.id)) throw new ServerError('not_found', 404, 'There is no such fair at your career centre.');
    sendJson(res, FairOverviewResponse, await deps.fairOverview.overview(authOf(res).user, req.params.id.toLowerCase()), check);
  });

  router.get(routes.employerMembers.path, auth, async (_req, res) => {
    const { user } = authOf(res);
    if ((user.role !== 'employer_admin' && user.role !== 'employer_manager') || user.employerId === null) {
      throw new ServerError('forbidden', 403, 'Only an employer’s admins and cabinet managers see the employer’s users.');
    }
    const users = await deps.db.getRepository(User).findBy({ employerId: user.employerId, role: In(['employer_admin', 'employer_manager']) });
    const members = users
      .map((u) => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role as 'employer_admin' | 'employer_manager', active: u.active }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
    sendJson(res, EmployerMembersResponse, { members }, check);
  });

  return router;
}
