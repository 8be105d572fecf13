import { samplePdf } from '../../../src/server/uploads/sampleFiles';
import { portalRoutes } from '../../../src/shared/api/portal';
import type { ReceivedMail, SmtpSink } from './smtpSink';

/**
 * A candidate as the portal makes one, over real HTTP: signed in through the mailed link (read
 * from a real SMTP sink), with a profile, and responding to vacancies with an uploaded resume.
 * Throws with the server's answer whenever a step is refused.
 */
export interface PortalCandidate {
  email: string;
  name: string;
  /** `fairdesk_candidate=<token>`, ready for a Cookie header. */
  cookie: string;
  /** Responds to a vacancy (uploading a fresh resume); returns the response id. */
  respond(vacancyId: string): Promise<string>;
}

async function portalCall(url: string, method: string, path: string, init: { cookie?: string; json?: unknown; headers?: Record<string, string>; body?: Uint8Array } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.cookie) headers['cookie'] = init.cookie;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body ? { body: new Uint8Array(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

function expectStatus(answer: { status: number; text: string }, ok: (status: number) => boolean, what: string): void {
  if (!ok(answer.status)) throw new Error(`${what}: HTTP ${answer.status} ${answer.text}`);
}

/** Signs `email` in through the mailed link and sets its name; needs a server with FAIRDESK_SMTP_URL = sink. */
export async function signInCandidate(url: string, sink: SmtpSink, email: string, name: string): Promise<PortalCandidate> {
  const before = sink.received.length;
  expectStatus(await portalCall(url, 'POST', portalRoutes.loginLink.path, { json: { email, locale: 'en' } }), (s) => s === 202, `login link for ${email}`);
  let mail: ReceivedMail | undefined;
  for (let count = before + 1; !mail; count++) mail = (await sink.waitFor(count)).slice(before).find((m) => m.rcptTo.includes(email));
  const token = decodeURIComponent(/#token=([A-Za-z0-9_%-]+)/.exec(mail.text)?.[1] ?? '');
  const signedIn = await portalCall(url, 'POST', portalRoutes.signIn.path, { json: { token } });
  expectStatus(signedIn, (s) => s === 200, `sign-in of ${email}`);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie.includes('=')) throw new Error(`sign-in of ${email} set no cookie`);
  expectStatus(await portalCall(url, 'PUT', portalRoutes.profile.path, { cookie, json: { name, phone: '+7 701 000 00 00' } }), (s) => s === 200, `profile of ${email}`);

  return {
    email,
    name,
    cookie,
    async respond(vacancyId) {
      const uploaded = await portalCall(url, 'POST', '/api/uploads/resume', {
        cookie,
        headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(`${name} CV.pdf`) },
        body: samplePdf(`${name} CV`),
      });
      expectStatus(uploaded, (s) => s === 201, `resume upload of ${email}`);
      const resumeUploadId = (JSON.parse(uploaded.text) as { id: string }).id;
      const responded = await portalCall(url, 'POST', portalRoutes.respond.path, {
        cookie,
        json: { vacancyId, resumeUploadId, wantsVideoInterview: false, coverNote: '' },
      });
      expectStatus(responded, (s) => s === 201 || s === 200, `response of ${email} to ${vacancyId}`);
      return (JSON.parse(responded.text) as { response: { id: string } }).response.id;
    },
  };
}
