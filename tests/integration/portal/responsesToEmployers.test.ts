import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmployerInterest } from '../../../src/server/db/entities';
import { samplePdf } from '../../../src/server/uploads/sampleFiles';
import { FairOverviewResponse } from '../../../src/shared/api/http';
import { openDump } from '../support/dbDump';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtpSink';
import { call as apiCall, delsOf, loginAs, newClientId, pull, pullAll, putsOf, type Session } from '../support/syncClient';
import { buildPortalWorld, type PortalWorld } from './portalWorld';

/**
 * Responses and interests reach the employer they were addressed to — and nobody else — through
 * the real server: pulls (scope and tombstones), resumes (GET /api/uploads/:id) and the
 * moderator's fair overview (counts only).
 */
describe.each(serverDatabaseKinds())('responses and interests for employers (%s)', (kind) => {
  let sink: SmtpSink;
  let env: ServerOnDatabase;
  let direct: Awaited<ReturnType<typeof openDump>>;
  let world: PortalWorld;
  let url: string;
  const sessions: Record<string, Session> = {};
  const cookies: Record<string, string> = {};
  let cookieOfCandidate = '';
  let resumeId = '';
  const pdf = samplePdf('Aliya CV');

  const portal = async (method: string, p: string, init: { cookie?: string; json?: unknown; headers?: Record<string, string>; body?: Uint8Array } = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.cookie) headers['cookie'] = init.cookie;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${p}`, {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body ? { body: new Uint8Array(init.body) } : {}),
    });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const json = (answer: { bytes: Buffer }): unknown => JSON.parse(answer.bytes.toString('utf8'));

  /** Signs a candidate in through the mailed link. */
  const signInCandidate = async (email: string): Promise<string> => {
    const before = sink.received.length;
    expect((await portal('POST', '/api/portal/login-link', { json: { email, locale: 'en' } })).status).toBe(202);
    let mail: ReceivedMail | undefined;
    for (let count = before + 1; !mail; count++) mail = (await sink.waitFor(count)).slice(before).find((m) => m.rcptTo.includes(email));
    const token = decodeURIComponent(/#token=([A-Za-z0-9_%-]+)/.exec(mail.text)?.[1] ?? '');
    const signedIn = await portal('POST', '/api/portal/sign-in', { json: { token } });
    expect(signedIn.status).toBe(200);
    return (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const snapshot = async (who: string) => pullAll(url, sessions[who]?.token ?? '', { clientId: newClientId(), cookie: null });

  beforeAll(async () => {
    sink = await startSmtpSink();
    env = await startServerOn(kind, { env: { FAIRDESK_SMTP_URL: sink.url, NODE_ENV: 'test' } });
    url = env.server.url;
    direct = await openDump(env.target);
    world = await buildPortalWorld(direct.db, env.server.dataDir);
    for (const email of ['admin@kazlogistics.demo', 'manager1@kazlogistics.demo', 'admin@steppefoods.demo', 'moderator@fairdesk.demo', 'moderator.astana@fairdesk.demo']) {
      sessions[email] = await loginAs(url, email);
    }
    for (const email of Object.keys(sessions)) cookies[email] = (await snapshot(email)).cookie;

    cookieOfCandidate = await signInCandidate('aliya.cand@example.kz');
    expect((await portal('PUT', '/api/portal/me', { cookie: cookieOfCandidate, json: { name: 'Aliya Nurova', phone: '+7 701 000 11 22' } })).status).toBe(200);
    const uploaded = await portal('POST', '/api/uploads/resume', {
      cookie: cookieOfCandidate, headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Aliya CV.pdf') }, body: pdf,
    });
    expect(uploaded.status).toBe(201);
    resumeId = (json(uploaded) as { id: string }).id;
    const responded = await portal('POST', '/api/portal/responses', {
      cookie: cookieOfCandidate, json: { vacancyId: world.open.vacancyId, resumeUploadId: resumeId, wantsVideoInterview: true, coverNote: 'Ready' },
    });
    expect(responded.status).toBe(201);
    expect((await portal('POST', '/api/portal/interests', { cookie: cookieOfCandidate, json: { participationId: world.open.participationId } })).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await direct?.close();
    await env?.dispose();
    await sink?.stop();
  });

  it('pulls bring the response and interest, with the copied contact details, to the employer’s staff only', async () => {
    for (const email of ['admin@kazlogistics.demo', 'manager1@kazlogistics.demo']) {
      const next = await pull(url, sessions[email]?.token ?? '', { clientId: newClientId(), cookie: cookies[email] ?? null, snapshotCursor: null });
      expect(putsOf(next.patch, 'response')).toEqual([
        expect.objectContaining({
          participationId: world.open.participationId, vacancyId: world.open.vacancyId, vacancyTitle: world.open.vacancyTitle, candidateName: 'Aliya Nurova',
          candidateEmail: 'aliya.cand@example.kz', candidatePhone: '+7 701 000 11 22', resumeUploadId: resumeId, resumeFileName: 'Aliya CV.pdf',
          wantsVideoInterview: true, coverNote: 'Ready',
        }),
      ]);
      expect(putsOf(next.patch, 'interest')).toEqual([expect.objectContaining({ participationId: world.open.participationId, candidateName: 'Aliya Nurova' })]);
      const full = await snapshot(email);
      // This world's participation only: the demo seed has its own KazLogistics responses (video interviews).
      const ofThisWorld = putsOf(full.patch, 'response').filter((r) => r.participationId === world.open.participationId);
      expect([ofThisWorld.length, putsOf(full.patch, 'interest').length]).toEqual([1, 1]);
    }
    for (const email of ['admin@steppefoods.demo', 'moderator@fairdesk.demo', 'moderator.astana@fairdesk.demo']) {
      const next = await pull(url, sessions[email]?.token ?? '', { clientId: newClientId(), cookie: cookies[email] ?? null, snapshotCursor: null });
      const full = await snapshot(email);
      for (const patch of [next.patch, full.patch]) {
        expect([putsOf(patch, 'response').length, putsOf(patch, 'interest').length], email).toEqual([0, 0]);
        expect(JSON.stringify(patch), email).not.toContain('aliya.cand@example.kz');
      }
    }
  });

  it('lets the candidate and the employer read the resume; a moderator and another employer get 404', async () => {
    const mine = await portal('GET', `/api/uploads/${resumeId}`, { cookie: cookieOfCandidate });
    expect([mine.status, mine.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(mine.bytes.equals(pdf)).toBe(true);
    const other = await signInCandidate('bolat.cand@example.kz');
    expect((await portal('GET', `/api/uploads/${resumeId}`, { cookie: other })).status).toBe(404);
    for (const email of ['admin@kazlogistics.demo', 'manager1@kazlogistics.demo']) {
      const read = await portal('GET', `/api/uploads/${resumeId}`, { headers: { authorization: `Bearer ${sessions[email]?.token ?? ''}` } });
      expect([read.status, read.bytes.equals(pdf)], email).toEqual([200, true]);
    }
    for (const email of ['admin@steppefoods.demo', 'moderator@fairdesk.demo', 'moderator.astana@fairdesk.demo']) {
      expect((await apiCall(url, 'GET', `/api/uploads/${resumeId}`, { token: sessions[email]?.token ?? '' })).status, email).toBe(404);
    }
    expect((await apiCall(url, 'GET', `/api/uploads/${resumeId}`)).status).toBe(401);
  });

  it('gives the fair’s moderator the overview with counts; others are refused', async () => {
    const answer = await apiCall(url, 'GET', `/api/fairs/${world.open.fairId}/overview`, { token: sessions['moderator@fairdesk.demo']?.token ?? '' });
    expect(answer.status).toBe(200);
    const overview = FairOverviewResponse.parse(answer.body);
    // Both infos are KazLogistics LLP's (same company name): order between them is by id.
    expect(overview.employers).toHaveLength(2);
    expect(overview.employers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ participationId: world.open.participationId, status: 'approved', vacancyCount: 1, placeCount: 2, responseCount: 1, interestCount: 1, videoResponseCount: 1, plannedSlots: 0 }),
        expect.objectContaining({ participationId: world.unapproved.participationId, status: 'sent', vacancyCount: 1, placeCount: 2, responseCount: 0, interestCount: 0, videoResponseCount: 0 }),
      ]),
    );
    expect(overview.totals).toEqual({ employers: 2, approvedEmployers: 1, vacancies: 2, places: 4, responses: 1, interests: 1, plannedSlots: 0, unansweredChats: 0 });
    expect(overview.countedAt).toEqual(expect.any(Number));
    expect(JSON.stringify(overview)).not.toContain('Aliya');

    const status = async (email: string, fairId = world.open.fairId) =>
      (await apiCall(url, 'GET', `/api/fairs/${fairId}/overview`, { token: sessions[email]?.token ?? '' })).status;
    expect(await status('moderator.astana@fairdesk.demo')).toBe(404);
    expect(await status('admin@kazlogistics.demo')).toBe(403);
    expect(await status('admin@steppefoods.demo')).toBe(403);
    expect(await status('moderator@fairdesk.demo', '00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await status('moderator@fairdesk.demo', 'not-a-uuid')).toBe(404);
    expect((await apiCall(url, 'GET', `/api/fairs/${world.open.fairId}/overview`)).status).toBe(401);
  });

  it('a removed interest reaches the employer as a delete, and nobody else', async () => {
    const before: Record<string, string> = {};
    for (const email of ['admin@kazlogistics.demo', 'admin@steppefoods.demo', 'moderator@fairdesk.demo']) before[email] = (await snapshot(email)).cookie;
    const interest = await direct.db.getRepository(EmployerInterest).findOneByOrFail({ participationId: world.open.participationId });
    expect((await portal('DELETE', '/api/portal/interests', { cookie: cookieOfCandidate, json: { participationId: world.open.participationId } })).status).toBeLessThan(300);
    const next = (email: string) => pull(url, sessions[email]?.token ?? '', { clientId: newClientId(), cookie: before[email] ?? null, snapshotCursor: null });
    expect(delsOf((await next('admin@kazlogistics.demo')).patch, 'interest')).toEqual([interest.id]);
    expect((await next('admin@steppefoods.demo')).patch.filter((op) => op.op === 'del')).toEqual([]);
    expect((await next('moderator@fairdesk.demo')).patch.filter((op) => op.op === 'del')).toEqual([]);
  });
});
