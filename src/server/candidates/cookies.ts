import type { Request, Response } from 'express';
import { CANDIDATE_COOKIE } from '../../shared/api/portal';

/** The value of cookie `name` in the request's Cookie header (first one wins), if any. */
export function readCookie(req: Request, name: string): string | undefined {
  return cookieFromHeader(req.get('cookie'), name);
}

/** The value of cookie `name` in a Cookie header (first one wins), if any; also for socket.io handshakes. */
export function cookieFromHeader(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) {
      const raw = part.slice(at + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

export const candidateToken = (req: Request): string | undefined => readCookie(req, CANDIDATE_COOKIE);

/**
 * Sets the session cookie: httpOnly (scripts never see it), SameSite=Lax (other sites cannot
 * make a browser send it with their POSTs), whole site, `Secure` when served over https.
 */
export function setCandidateCookie(res: Response, token: string, maxAgeMs: number, secure: boolean): void {
  res.append(
    'Set-Cookie',
    `${CANDIDATE_COOKIE}=${token}; Path=/; Max-Age=${Math.floor(maxAgeMs / 1000)}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
  );
}

export function clearCandidateCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', `${CANDIDATE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`);
}
