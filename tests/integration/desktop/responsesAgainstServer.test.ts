import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFair, LocalParticipation, LocalResponse, LocalVacancy } from '../../../src/shared/contract/ipc';
import type { FairOverview } from '../../../src/shared/domain/participation/records';
import type { CentreDto } from '../../../src/shared/domain/records';
import { samplePdf } from '../../../src/server/uploads/sampleFiles';
import type { CoreUnderTest } from '../../../src/core/testing/coreHarness';
import { signedInCore, syncDrained } from '../support/desktopCores';
import { startServer, type RunningServer } from '../support/serverProcess';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtpSink';

/**
 * Responses reach the employer's desktop through the REAL core and a REAL server: the moderator
 * approves Steppe Foods' participation info and moves the fair to tomorrow (the response window
 * opens the day before); a candidate signs in on the portal with the mailed link, uploads a PDF
 * resume and responds; the employer's core pulls the response, reads the resume once and still
 * reads it with the server down; the moderator's overview counts the response (online) and says
 * "not known" for it offline.
 */
const EMPLOYER = 'admin@steppefoods.demo';
const MODERATOR = 'moderator@fairdesk.demo';

describe('responses through the desktop core against the real sync server (SQLite)', () => {
  let dataDir: string;
  let sink: SmtpSink;
  let server: RunningServer;
  const cores: CoreUnderTest[] = [];

  const openCore = async (email: string): Promise<CoreUnderTest> => (await signedInCore(cores, server.url, email)).core;
  const drained = syncDrained;
  const portal = async (p: string, init: { method?: string; cookie?: string; json?: unknown; headers?: Record<string, string>; body?: Uint8Array } = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.cookie) headers['cookie'] = init.cookie;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${p}`, {
      method: init.method ?? 'POST',
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body ? { body: new Uint8Array(init.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-responses-int-'));
    sink = await startSmtpSink();
    server = await startServer({ dataDir, env: { FAIRDESK_SMTP_URL: sink.url, NODE_ENV: 'test' } });
  });
  afterAll(async () => {
    for (const core of cores) await core.core.close();
    await server?.stop();
    await sink?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a candidate responds on the portal; the employer reads it and the resume, also offline; the moderator counts it', async () => {
    // The moderator approves Steppe Foods, then moves the fair to tomorrow: responses open today.
    const moderator = await openCore(MODERATOR);
    const info = (await moderator.call<LocalParticipation[]>('participations.list', { status: 'sent' })).find((p) => p.companyName === 'Steppe Foods JSC');
    expect(info, 'the demo world has Steppe Foods’ info waiting for Almaty').toBeDefined();
    if (!info) return;
    await moderator.call('participations.decide', { id: info.id, decision: 'approve' });
    await drained(moderator);
    const centre = (await moderator.call<CentreDto[]>('centres.list')).find((c) => c.id === info.centreId);
    const tomorrow = DateTime.now().setZone(centre?.timeZone ?? 'Asia/Almaty').plus({ days: 1 }).toISODate() ?? '';
    await moderator.call('fairs.update', { id: info.fairId, fields: { startsOn: tomorrow, endsOn: tomorrow } });
    await drained(moderator);
    expect((await moderator.call<LocalFair[]>('fairs.list')).find((f) => f.id === info.fairId)).toMatchObject({ startsOn: tomorrow, sync: { state: 'synced' } });

    const employer = await openCore(EMPLOYER);
    const vacancy = (await employer.call<LocalVacancy[]>('vacancies.list', { participationId: info.id }))[0];
    expect(vacancy).toBeDefined();
    if (!vacancy) return;
    expect(await employer.call('responses.list')).toEqual([]);

    // The candidate: e-mailed sign-in link, profile, PDF resume, response.
    const email = 'aliya.desk@example.kz';
    const before = sink.received.length;
    expect((await portal('/api/portal/login-link', { json: { email, locale: 'en' } })).status).toBe(202);
    let mail: ReceivedMail | undefined;
    for (let count = before + 1; !mail; count++) mail = (await sink.waitFor(count)).slice(before).find((m) => m.rcptTo.includes(email));
    const token = decodeURIComponent(/#token=([A-Za-z0-9_%-]+)/.exec(mail.text)?.[1] ?? '');
    const signedIn = await portal('/api/portal/sign-in', { json: { token } });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await portal('/api/portal/me', { method: 'PUT', cookie, json: { name: 'Aliya Nurova', phone: '+7 701 000 11 22' } })).status).toBe(200);
    const pdf = samplePdf('Aliya Nurova — CV');
    const uploaded = await portal('/api/uploads/resume', { cookie, headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Aliya CV.pdf') }, body: pdf });
    expect(uploaded.status).toBe(201);
    const resumeId = (uploaded.body as { id: string }).id;
    const responded = await portal('/api/portal/responses', { cookie, json: { vacancyId: vacancy.id, resumeUploadId: resumeId, wantsVideoInterview: true, coverNote: 'Ready to start' } });
    expect(responded.status, JSON.stringify(responded.body)).toBe(201);

    // The employer's core pulls it (a poke, or at the latest this sync).
    await expect
      .poll(async () => {
        await employer.call('sync.now');
        return (await employer.call<LocalResponse[]>('responses.list')).length;
      }, { timeout: 15_000, interval: 200 })
      .toBe(1);
    const [response] = await employer.call<LocalResponse[]>('responses.list', { fairId: info.fairId, wantsVideoInterview: true });
    expect(response).toMatchObject({
      participationId: info.id, vacancyId: vacancy.id, vacancyTitle: vacancy.title, candidateName: 'Aliya Nurova', candidateEmail: email,
      candidatePhone: '+7 701 000 11 22', resumeUploadId: resumeId, resumeFileName: 'Aliya CV.pdf', coverNote: 'Ready to start', resumeCached: false,
    });
    const read = await employer.call<{ dataBase64: string; upload: { mime: string } }>('uploads.read', { id: resumeId });
    expect(read.upload.mime).toBe('application/pdf');
    expect(Buffer.from(read.dataBase64, 'base64').equals(pdf)).toBe(true);
    expect((await employer.call<LocalResponse[]>('responses.list'))[0]?.resumeCached).toBe(true);

    // The moderator's overview counts it (and holds no personal data).
    const online = await moderator.call<FairOverview>('fairs.overview', { fairId: info.fairId });
    expect(online.employers.find((e) => e.participationId === info.id)).toMatchObject({ status: 'approved', responseCount: 1, videoResponseCount: 1 });
    expect(online.totals.responses).toBe(1);
    expect(online.countedAt).toEqual(expect.any(Number));
    expect(JSON.stringify(online)).not.toContain('Aliya');
    expect(await moderator.call('responses.list')).toEqual([]);

    // The server goes away: the employer still has the response and the resume; the overview is the cache's.
    await server.stop();
    expect((await employer.call<LocalResponse[]>('responses.list')).map((r) => r.id)).toEqual([response?.id]);
    const offline = await employer.call<{ dataBase64: string }>('uploads.read', { id: resumeId });
    expect(Buffer.from(offline.dataBase64, 'base64').equals(pdf)).toBe(true);
    const cached = await moderator.call<FairOverview>('fairs.overview', { fairId: info.fairId });
    expect(cached.countedAt).toBeNull();
    expect(cached.totals.responses).toBeNull();
    expect(cached.employers.find((e) => e.participationId === info.id)).toMatchObject({ status: 'approved', responseCount: null, vacancyCount: online.employers.find((e) => e.participationId === info.id)?.vacancyCount });
  });
});
