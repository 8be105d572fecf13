import { Router } from 'express';
import { MailOutboxQuery, MailOutboxResponse, mailOutboxRoute } from '../../shared/api/mailOutbox';
import type { SessionService } from '../auth/sessionService';
import { ServerError } from '../errors';
import { authOf, requireAuth } from '../http/auth';
import { parseBody, sendJson } from '../http/validation';
import type { MailOutboxReader } from './outboxReader';

/**
 * `GET /api/mail-outbox?page=&pageSize=&status=`: a career centre's moderators read the mails
 * queued for their centre (the local outbox when no SMTP is configured). Employers get 403.
 */
export function mailOutboxRouter(deps: { sessions: SessionService; mailOutbox: MailOutboxReader; checkResponses: boolean }): Router {
  const router = Router();
  router.get(mailOutboxRoute.path, requireAuth(deps.sessions), async (req, res) => {
    const { user } = authOf(res);
    if (user.role !== 'moderator' || !user.centreId) {
      throw new ServerError('forbidden', 403, 'Only career centre staff can read the mail outbox.');
    }
    const query = parseBody(MailOutboxQuery, { ...req.query });
    sendJson(res, MailOutboxResponse, await deps.mailOutbox.list(user.centreId, query), deps.checkResponses);
  });
  return router;
}
