import type { NextFunction, Request, Response } from 'express';
import type { AuthContext, SessionService } from '../auth/sessionService';

/** Extracts the token of an `Authorization: Bearer <token>` header. */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Middleware for routes that need a signed-in user: resolves the bearer token to user + session
 * (401 `unauthenticated` / `session_expired` / `account_inactive` otherwise).
 */
export function requireAuth(sessions: SessionService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const auth = await sessions.authenticate(bearerToken(req));
    res.locals['auth'] = auth;
    next();
  };
}

/** The identity `requireAuth` attached; only call on routes behind it. */
export function authOf(res: Response): AuthContext {
  const auth = res.locals['auth'] as AuthContext | undefined;
  if (!auth) throw new Error('authOf() used on a route without requireAuth');
  return auth;
}

/** The signed-in user's id for request logs, when known. */
export function maybeUserId(res: Response): string | undefined {
  return (res.locals['auth'] as AuthContext | undefined)?.user.id;
}
