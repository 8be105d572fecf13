import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandidateLoginLink, Upload, VacancyResponse } from '../../../src/server/db/entities';
import { sampleExe, samplePdf, samplePng } from '../../../src/server/uploads/sampleFiles';
import { MyResponsesResponse, PortalFairResponse, RespondResponse, SignInResponse } from '../../../src/shared/api/portal';
import { openDump } from '../support/dbDump';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtpSink';
import { buildPortalWorld, type PortalWorld } from './portalWorld';
import { DEMO_CANDIDATES } from '../../../src/server/seed/demoCandidates';

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}
const messageOf = (a: Answer): string => (a.body as { error?: { message?: string } } | undefined)?.error?.message ?? '';
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** The candidate portal against a real server process, with sign-in mails through a real SMTP server. */
describe.each(serverDatabaseKinds())('candidate portal (%s)', (kind) => {
  let sink: SmtpSink;
  let env: ServerOnDatabase;
  let direct: Awaited<ReturnType<typeof openDump>>;
  let world: PortalWorld;
  let portalDir: string;
  let url: string;
  /** Every address a sign-in link was asked for, with how many times. */
  const asked = new Map<string, number>();

  beforeAll(async () => {
    sink = await startSmtpSink();
    portalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-portal-'));
    fs.writeFileSync(path.join(portalDir, 'index.html'), '<!doctype html><title>FairDesk portal</title>');
    env = await startServerOn(kind, { env: { FAIRDESK_SMTP_URL: sink.url, FAIRDESK_PORTAL_DIR: portalDir, NODE_ENV: 'test' } });
    url = env.server.url;
    direct = await openDump(env.target);
    world = await buildPortalWorld(direct.db, env.server.dataDir);
  });
  afterAll(async () => {
    await direct?.close();
    await env?.dispose();
    await sink?.stop();
    if (portalDir) fs.rmSync(portalDir, { recursive: true, force: true });
  });

  const call = async (method: string, p: string, init: { cookie?: string; json?: unknown; headers?: Record<string, string>; body?: Uint8Array } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.cookie) headers['cookie'] = init.cookie;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${p}`, {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body ? { body: new Uint8Array(init.body) } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // non-JSON answers (images) stay text
    }
    return { status: res.status, headers: res.headers, body };
  };

  const askLink = async (email: string, extra: Record<string, unknown> = {}): Promise<Answer> => {
    const answer = await call('POST', '/api/portal/login-link', { json: { email, locale: 'en', ...extra } });
    if (answer.status === 202) asked.set(email.toLowerCase(), (asked.get(email.toLowerCase()) ?? 0) + 1);
    return answer;
  };

  /** Asks for a link, waits for its mail and returns the token from the mailed link. */
  const mailedToken = async (email: string): Promise<{ token: string; link: string }> => {
    const before = sink.received.length;
    expect((await askLink(email)).status).toBe(202);
    // Mails of earlier requests may still be arriving: wait until one for this address does.
    let mail: ReceivedMail | undefined;
    for (let count = before + 1; !mail; count++) {
      const mails = await sink.waitFor(count);
      mail = mails.slice(before).find((m) => m.rcptTo.includes(email.toLowerCase()));
    }
    const link = /https?:\/\/\S+\/sign-in#token=[A-Za-z0-9_%-]+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect(link.startsWith(`${url}/sign-in#token=`)).toBe(true);
    return { token: decodeURIComponent(link.split('#token=')[1] ?? ''), link };
  };

  const signIn = async (email: string): Promise<string> => {
    const { token } = await mailedToken(email);
    const answer = await call('POST', '/api/portal/sign-in', { json: { token } });
    expect(answer.status).toBe(200);
    const setCookie = answer.headers.get('set-cookie') ?? '';
    return setCookie.split(';')[0] ?? '';
  };

  const uploadResume = (cookie: string, bytes: Buffer, name: string, mime: string, kindPath = 'resume'): Promise<Answer> =>
    call('POST', `/api/uploads/${kindPath}`, { cookie, headers: { 'content-type': mime, 'x-file-name': encodeURIComponent(name) }, body: new Uint8Array(bytes) });

  it('mails a working single-use sign-in link to the address asked for, and answers every address alike', async () => {
    const email = 'Aigerim.Candidate@Example.kz';
    const { token, link } = await mailedToken(email);
    const mail = sink.received.at(-1);
    expect(mail?.rcptTo).toEqual(['aigerim.candidate@example.kz']);
    expect(mail?.subject).toBe('Your sign-in link for the job fair');
    expect(mail?.text).toContain('30 minutes');
    // The link opens the portal (its sign-in page), and the token is not in any query string.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('FairDesk portal');
    const stored = await direct.db.getRepository(CandidateLoginLink).findBy({ email: 'aigerim.candidate@example.kz' });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    const first = await call('POST', '/api/portal/sign-in', { json: { token } });
    expect(first.status).toBe(200);
    const signedIn = SignInResponse.parse(first.body);
    expect(signedIn.candidate.email).toBe('aigerim.candidate@example.kz');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^fairdesk_candidate=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const me = await call('GET', '/api/portal/me', { cookie: cookie.split(';')[0] });
    expect(me.status).toBe(200);

    const again = await call('POST', '/api/portal/sign-in', { json: { token } });
    expect(again.status).toBe(401);
    expect(messageOf(again)).toBe('This sign-in link has already been used. Ask for a new link on the sign-in page.');

    // Known and unknown addresses get byte-identical answers.
    const known = await askLink('aigerim.candidate@example.kz');
    const unknown = await askLink('nobody.here@example.kz');
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    expect(known.body).toEqual({ accepted: true, validMinutes: 30 });
  });

  it('refuses forged, expired and malformed tokens, and unsafe return paths', async () => {
    const forged = await call('POST', '/api/portal/sign-in', { json: { token: 'A'.repeat(43) } });
    expect(forged.status).toBe(401);
    expect(messageOf(forged)).toBe('This sign-in link is not valid. Ask for a new link on the sign-in page.');
    const garbage = await call('POST', '/api/portal/sign-in', { json: { token: '../../etc/passwd' } });
    expect(garbage.status).toBe(401);
    expect((await call('POST', '/api/portal/sign-in', { json: {} })).status).toBe(400);

    const { token } = await mailedToken('late.candidate@example.kz');
    await direct.db.getRepository(CandidateLoginLink).update({ email: 'late.candidate@example.kz' }, { expiresAt: Date.now() - 1 });
    const expired = await call('POST', '/api/portal/sign-in', { json: { token } });
    expect(expired.status).toBe(401);
    expect(messageOf(expired)).toMatch(/has expired \(links work for 30 minutes\)/);

    const offsite = await call('POST', '/api/portal/login-link', { json: { email: 'x@example.kz', locale: 'en', returnTo: '//evil.example/' } });
    expect(offsite.status).toBe(400);
    const badEmail = await call('POST', '/api/portal/login-link', { json: { email: 'not-an-address', locale: 'en' } });
    expect(badEmail.status).toBe(400);
    expect(messageOf(badEmail)).toMatch(/valid e-mail address/);
  });

  it('throttles repeated link requests for one address', async () => {
    const email = 'flood.target@example.kz';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await askLink(email)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    await sink.waitFor([...asked.values()].reduce((a, b) => a + b, 0));
  });

  it('shows only approved employers, with details and images gated as the rules say', async () => {
    const open = await call('GET', `/api/portal/fairs/${world.open.fairId}`);
    expect(open.status).toBe(200);
    const page = PortalFairResponse.parse(open.body);
    expect(page.responses.state).toBe('open');
    expect(page.employers.map((e) => e.participationId)).toEqual([world.open.participationId]);
    const [employer] = page.employers;
    expect(employer?.activity).toBe('Freight and warehousing');
    expect(JSON.stringify(page)).not.toContain('internal open');
    expect(employer?.vacancies[0]?.details?.description).toBe('Secret details of open');
    expect(JSON.stringify(page)).not.toContain('Secret details of unapproved');

    const later = PortalFairResponse.parse((await call('GET', `/api/portal/fairs/${world.later.fairId}`)).body);
    expect(later.responses.state).toBe('not_yet');
    expect(later.employers[0]?.vacancies[0]?.salaryFrom).toBe(300_000);
    expect(later.employers[0]?.vacancies[0]?.details).toBeNull();
    const vacancyLater = await call('GET', `/api/portal/vacancies/${world.later.vacancyId}`);
    expect(JSON.stringify(vacancyLater.body)).not.toContain('Secret details');

    const logo = await fetch(`${url}${employer?.stand?.logoUrl ?? ''}`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer()).subarray(0, 8)).toEqual(samplePng().subarray(0, 8));
    expect((await call('GET', `/api/portal/images/${world.unapproved.logoUploadId}`)).status).toBe(404);
    expect((await call('GET', `/api/portal/vacancies/${world.unapproved.vacancyId}`)).status).toBe(404);
    expect((await call('GET', '/api/portal/fairs/not-a-uuid')).status).toBe(404);
    expect((await call('GET', '/api/portal/images/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('takes one response per vacancy inside the window only, and each candidate sees only their own', async () => {
    const alice = await signIn('alice.resp@example.kz');
    const bob = await signIn('bob.resp@example.kz');
    const resume = await uploadResume(alice, samplePdf('Alice CV'), 'Alice CV.pdf', 'application/pdf');
    expect(resume.status).toBe(201);
    const resumeId = (resume.body as { id: string }).id;
    const stored = await direct.db.getRepository(Upload).findOneByOrFail({ id: resumeId });
    expect([stored.kind, stored.employerId, stored.uploadedBy]).toEqual(['resume', null, null]);
    expect(stored.candidateId).not.toBeNull();

    const body = { vacancyId: world.open.vacancyId, resumeUploadId: resumeId, wantsVideoInterview: true, coverNote: 'Ready to start' };
    const first = await call('POST', '/api/portal/responses', { cookie: alice, json: body });
    expect(first.status).toBe(201);
    expect(RespondResponse.parse(first.body).response.vacancyTitle).toBe(world.open.vacancyTitle);
    const repeat = await call('POST', '/api/portal/responses', { cookie: alice, json: body });
    expect(repeat.status).toBe(200);
    expect(RespondResponse.parse(repeat.body).created).toBe(false);
    const changed = await call('POST', '/api/portal/responses', { cookie: alice, json: { ...body, wantsVideoInterview: false } });
    expect(changed.status).toBe(409);
    expect(messageOf(changed)).toMatch(/^You already responded to this vacancy on /);

    const before = await call('POST', '/api/portal/responses', { cookie: alice, json: { ...body, vacancyId: world.later.vacancyId } });
    expect(before.status).toBe(403);
    expect(messageOf(before)).toMatch(/^Responding to vacancies of this fair opens on .+, one day before the fair\.$/);
    const after = await call('POST', '/api/portal/responses', { cookie: alice, json: { ...body, vacancyId: world.past.vacancyId } });
    expect(after.status).toBe(403);
    expect(messageOf(after)).toMatch(/closed on .+, when the fair ended\./);
    const unapproved = await call('POST', '/api/portal/responses', { cookie: alice, json: { ...body, vacancyId: world.unapproved.vacancyId } });
    expect(unapproved.status).toBe(404);

    // Bob can neither use Alice's resume nor see her response.
    const stolen = await call('POST', '/api/portal/responses', { cookie: bob, json: body });
    expect(stolen.status).toBe(400);
    expect(messageOf(stolen)).toMatch(/not found among the files you uploaded/);
    const bobs = MyResponsesResponse.parse((await call('GET', '/api/portal/responses', { cookie: bob })).body);
    expect(bobs.responses).toEqual([]);
    const alices = MyResponsesResponse.parse((await call('GET', '/api/portal/responses', { cookie: alice })).body);
    expect(alices.responses.map((r) => [r.vacancyId, r.wantsVideoInterview, r.resumeName])).toEqual([[world.open.vacancyId, true, 'Alice CV.pdf']]);
    expect(await direct.db.getRepository(VacancyResponse).countBy({ vacancyId: world.open.vacancyId })).toBe(1);

    // Not signed in / signed out: refused.
    expect((await call('GET', '/api/portal/responses')).status).toBe(401);
    expect((await call('POST', '/api/portal/sign-out', { cookie: bob })).status).toBe(204);
    expect((await call('GET', '/api/portal/responses', { cookie: bob })).status).toBe(401);
  });

  it('refuses a resume that is really a program or a truncated PDF, and a candidate image, storing nothing', async () => {
    const carol = await signIn('carol.files@example.kz');
    const uploadsDir = path.join(env.server.dataDir, 'uploads');
    const state = async () => ({ rows: (await direct.dump(['uploads']))['uploads'], files: filesUnder(uploadsDir) });
    const before = await state();
    const exe = await uploadResume(carol, sampleExe(), 'cv.pdf', 'application/pdf');
    expect(exe.status).toBe(415);
    expect(messageOf(exe)).toBe('This file is a Windows program, not a PDF document.');
    const truncated = await uploadResume(carol, samplePdf().subarray(0, 300), 'cv.pdf', 'application/pdf');
    expect(truncated.status).toBe(400);
    expect(messageOf(truncated)).toBe('The PDF is incomplete (it ends before its last page).');
    const image = await uploadResume(carol, samplePng(), 'me.png', 'image/png', 'image');
    expect(image.status).toBe(403);
    expect(messageOf(image)).toBe('Candidates can upload resumes only (PDF, DOC or DOCX).');
    expect(await state()).toEqual(before);
  });

  it('records and withdraws "want to work for you" for approved participations only', async () => {
    const dana = await signIn('dana.interest@example.kz');
    const add = await call('POST', '/api/portal/interests', { cookie: dana, json: { participationId: world.open.participationId } });
    expect(add.status).toBe(200);
    expect(add.body).toEqual({ participationIds: [world.open.participationId] });
    expect((await call('POST', '/api/portal/interests', { cookie: dana, json: { participationId: world.open.participationId } })).body).toEqual({
      participationIds: [world.open.participationId],
    });
    const hidden = await call('POST', '/api/portal/interests', { cookie: dana, json: { participationId: world.unapproved.participationId } });
    expect(hidden.status).toBe(404);
    const removed = await call('DELETE', '/api/portal/interests', { cookie: dana, json: { participationId: world.open.participationId } });
    expect(removed.body).toEqual({ participationIds: [] });
    expect((await call('POST', '/api/portal/interests', { cookie: dana, json: { participationId: 42 } })).status).toBe(400);
  });

  it('never answers bad input with a server error', async () => {
    const erin = await signIn('erin.fuzz@example.kz');
    const bodies: unknown[] = [null, [], 'x', { vacancyId: 'nope' }, { vacancyId: world.open.vacancyId, resumeUploadId: world.open.logoUploadId, wantsVideoInterview: 'yes' }];
    for (const json of bodies) {
      const answer = await call('POST', '/api/portal/responses', { cookie: erin, json });
      expect(answer.status, JSON.stringify(json)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(json)).toBeLessThan(500);
    }
    const logoAsResume = await call('POST', '/api/portal/responses', {
      cookie: erin,
      json: { vacancyId: world.open.vacancyId, resumeUploadId: world.open.logoUploadId, wantsVideoInterview: false },
    });
    expect(logoAsResume.status).toBe(400);
    expect((await call('PUT', '/api/portal/me', { cookie: erin, json: { name: 'Erin', phone: 'call me' } })).status).toBe(400);
    const profile = await call('PUT', '/api/portal/me', { cookie: erin, json: { name: ' Erin K ', phone: '+7 701 000 00 00' } });
    expect((profile.body as { candidate: { name: string } }).candidate.name).toBe('Erin K');
    expect((await call('GET', '/api/portal/me', { cookie: 'fairdesk_candidate=forged' })).status).toBe(401);
  });

  it('sent sign-in mail to exactly the addresses that asked, as often as accepted, and to nobody else', async () => {
    const expected = [...asked.values()].reduce((a, b) => a + b, 0);
    await sink.waitFor(expected);
    await settle(1_000);
    // The demo seed's video-interview invitations to its own candidates are not sign-in mail: set aside.
    const seedInvitations = new Set<string>(DEMO_CANDIDATES.map((c) => c.email));
    const signInMail = sink.received.filter((m) => !m.rcptTo.every((to) => seedInvitations.has(to)));
    expect(sink.received.length - signInMail.length).toBeLessThanOrEqual(DEMO_CANDIDATES.length);
    const got = new Map<string, number>();
    for (const mail of signInMail) for (const to of mail.rcptTo) got.set(to, (got.get(to) ?? 0) + 1);
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...asked].sort()));
    expect(sink.received.every((m) => m.rcptTo.length === 1)).toBe(true);
  });
});
