import express, { type Express } from 'express';
import type { Logger } from '../logger';
import { apiRouter, type ApiDeps } from './apiRouter';
import { errorHandler, notFound } from './errorHandler';
import { portalStatic } from './portalStatic';
import { requestLog } from './requestLog';
import { securityHeaders } from './securityHeaders';
import { mailOutboxRouter } from '../mail/outboxRouter';
import type { MailOutboxReader } from '../mail/outboxReader';
import { uploadsRouter } from '../uploads/router';
import type { UploadService } from '../uploads/uploadService';
import type { CandidatePortal } from '../candidates/candidatePortal';
import type { Router } from 'express';

/** Largest JSON body the API accepts; pushes of a later issue send batches well below this. */
export const JSON_BODY_LIMIT = '1mb';

export interface HttpAppDeps extends ApiDeps {
  logger: Logger;
  /** Built candidate portal; served at `/` when it exists. */
  portalDir: string;
  mailOutbox: MailOutboxReader;
  uploads: UploadService;
  /** The candidate portal's API (and its side of the upload route). */
  candidatePortal?: CandidatePortal;
  /** The video-interview API (`src/shared/api/video.ts`). */
  video?: Router;
}

/** The Express application: security headers, request log, JSON API, portal, uniform errors. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders);
  app.use(requestLog(deps.logger));
  // Before the JSON parser: upload bodies are raw bytes, streamed with their own hard limit.
  if (deps.candidatePortal) app.use(deps.candidatePortal.uploadRouter);
  app.use(uploadsRouter({ sessions: deps.sessions, uploads: deps.uploads, checkResponses: deps.checkResponses }));
  app.use('/api', express.json({ limit: JSON_BODY_LIMIT, strict: true }));
  app.use(apiRouter(deps));
  if (deps.candidatePortal) app.use(deps.candidatePortal.apiRouter);
  if (deps.video) app.use(deps.video);
  app.use(mailOutboxRouter({ sessions: deps.sessions, mailOutbox: deps.mailOutbox, checkResponses: deps.checkResponses }));
  app.use('/api', notFound);
  const portal = portalStatic(deps.portalDir);
  if (portal) app.use(portal);
  else deps.logger.info({ portalDir: deps.portalDir }, 'portal not built; serving the API only');
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
