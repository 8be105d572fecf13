import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Company, Fair, MailOutbox, Participation, PreApplication, Vacancy } from '../../../src/server/db/entities';
import { samplePdf } from '../../../src/server/uploads/sampleFiles';
import { openDump } from '../support/dbDump';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtpSink';
import { buildPortalWorld, type PortalWorld } from '../portal/portalWorld';

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** FAIRDESK_DIGEST_INTERVAL_MINUTES of the server under test: a run every 3 seconds. */
const INTERVAL_MINUTES = '0.05';

/** An approved Steppe Foods participation with one vacancy on `fairId`, written straight into the database. */
async function steppeVacancy(db: DataSource, fairId: string): Promise<{ vacancyId: string; title: string }> {
  const company = await db.getRepository(Company).findOneByOrFail({ legalName: 'Steppe Foods JSC' });
  const fair = await db.getRepository(Fair).findOneByOrFail({ id: fairId });
  const now = Date.now();
  const preApplicationId = crypto.randomUUID();
  const number = `20990102-${Math.floor(Math.random() * 1000)}`;
  await db.getRepository(PreApplication).insert({
    id: preApplicationId, number, employerId: company.employerId, companyId: company.id, companyName: company.legalName,
    centreId: fair.centreId, way: 2, fairId, fairTitle: fair.title, region: fair.region, desiredFrom: null, desiredTo: null,
    companyInfo: '', vacantPlaces: 1, professions: ['Technologist'], contactName: 'A', contactPhone: '1', contactEmail: 'admin@steppefoods.demo',
    consentSalaryShown: true, consentChatDuringFair: true, wantsVideoInterviews: true, status: 'approved', rejectionReason: null,
    decidedBy: null, decidedAt: now, decidedByName: 'Moderator', createdAt: now, updatedAt: now, statusChangedAt: now, version: 0,
  });
  const participationId = crypto.randomUUID();
  await db.getRepository(Participation).insert({
    id: participationId, preApplicationId, number, employerId: company.employerId, companyId: company.id, companyName: company.legalName,
    centreId: fair.centreId, fairId, fairTitle: fair.title, standId: null, interviewPlan: [], status: 'approved', rejectionReason: null,
    decidedBy: null, decidedByName: null, decidedAt: now, sentAt: now, createdAt: now, updatedAt: now, statusChangedAt: now, version: 0, lastClientId: null,
  });
  const vacancyId = crypto.randomUUID();
  const title = 'Cheese maker';
  await db.getRepository(Vacancy).insert({
    id: vacancyId, employerId: company.employerId, companyId: company.id, participationId, title, profession: 'Technologist',
    salaryFrom: 300_000, salaryTo: 400_000, currency: 'KZT', places: 1, location: 'Almaty', description: '', requirements: '',
    employmentType: 'full_time', active: true, createdAt: now, updatedAt: now, version: 0, lastClientId: null,
  });
  return { vacancyId, title };
}

/** The response digest end to end: candidates respond through the portal API; the server's own job mails the employers through SMTP. */
describe.each(serverDatabaseKinds())('response digest through SMTP (%s)', (kind) => {
  let sink: SmtpSink;
  let env: ServerOnDatabase;
  let direct: Awaited<ReturnType<typeof openDump>>;
  let world: PortalWorld;
  let url: string;
  let portalDir: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    portalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-portal-'));
    fs.writeFileSync(path.join(portalDir, 'index.html'), '<!doctype html><title>FairDesk portal</title>');
    env = await startServerOn(kind, {
      env: { FAIRDESK_SMTP_URL: sink.url, FAIRDESK_PORTAL_DIR: portalDir, FAIRDESK_DIGEST_INTERVAL_MINUTES: INTERVAL_MINUTES, NODE_ENV: 'test' },
    });
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

  const call = async (method: string, p: string, init: { cookie?: string; json?: unknown; headers?: Record<string, string>; body?: Uint8Array } = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.cookie) headers['cookie'] = init.cookie;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${p}`, {
      method,
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body ? { body: new Uint8Array(init.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as unknown };
  };

  /**
   * Signs a candidate in through the mailed link, names them and uploads a resume; the returned
   * function sends the response (all three are sent together, so one digest run sees them all).
   */
  const prepare = async (email: string, name: string, vacancyId: string, wantsVideoInterview: boolean): Promise<() => Promise<void>> => {
    const before = sink.received.length;
    expect((await call('POST', '/api/portal/login-link', { json: { email, locale: 'en' } })).status).toBe(202);
    let mail: ReceivedMail | undefined;
    for (let count = before + 1; !mail; count++) mail = (await sink.waitFor(count)).slice(before).find((m) => m.rcptTo.includes(email));
    const token = decodeURIComponent(/#token=([A-Za-z0-9_%-]+)/.exec(mail.text)?.[1] ?? '');
    const signedIn = await call('POST', '/api/portal/sign-in', { json: { token } });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await call('PUT', '/api/portal/me', { cookie, json: { name, phone: '' } })).status).toBeLessThan(300);
    const resume = await call('POST', '/api/uploads/resume', {
      cookie,
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(`${name}.pdf`) },
      body: new Uint8Array(samplePdf(name)),
    });
    expect(resume.status).toBe(201);
    return async () => {
      const answer = await call('POST', '/api/portal/responses', {
        cookie,
        json: { vacancyId, resumeUploadId: (resume.body as { id: string }).id, wantsVideoInterview, coverNote: '' },
      });
      expect(answer.status).toBe(201);
    };
  };

  it('mails each KazLogistics and Steppe Foods user exactly one digest of their own responses; later runs send nothing', async () => {
    const steppe = await steppeVacancy(direct.db, world.open.fairId);
    const responses = [
      await prepare('aida@example.kz', 'Aida Nurlanova', world.open.vacancyId, true),
      await prepare('bolat@example.kz', 'Bolat Serikov', world.open.vacancyId, false),
      await prepare('chingiz@example.kz', 'Chingiz Aliev', steppe.vacancyId, false),
    ];
    const signInMails = sink.received.length;
    expect(await direct.db.getRepository(MailOutbox).countBy({ template: 'responsesDigest' })).toBe(0);
    await Promise.all(responses.map((send) => send()));

    const all = await sink.waitFor(signInMails + 4, 30_000);
    // Several more digest intervals pass: nothing new, nothing sent.
    await settle(8_000);
    const digests = sink.received.slice(signInMails);
    expect(digests).toHaveLength(4);
    expect(all.length).toBe(signInMails + 4);
    const to = new Map(digests.map((m) => [m.rcptTo.join(','), m]));
    expect([...to.keys()].sort()).toEqual(['admin@kazlogistics.demo', 'admin@steppefoods.demo', 'manager1@kazlogistics.demo', 'manager2@kazlogistics.demo']);

    const kazAdmin = to.get('admin@kazlogistics.demo');
    expect(kazAdmin?.subject).toMatch(/^2 новых отклика: /);
    const line = kazAdmin?.text.split('\n').find((l) => l.startsWith(`- ${world.open.vacancyTitle} — 2: `)) ?? '';
    expect(line).toContain('Aida Nurlanova (хочет видеособеседование)');
    expect(line).toMatch(/Bolat Serikov(,|$)/);
    expect(kazAdmin?.text).toContain(`${url}/fairs/${world.open.fairId}`);
    expect(kazAdmin?.text).not.toContain('Chingiz');
    expect(to.get('manager1@kazlogistics.demo')?.subject).toMatch(/^2 жаңа өтініш: /);
    const steppeAdmin = to.get('admin@steppefoods.demo');
    expect(steppeAdmin?.subject).toMatch(/^1 new response: /);
    expect(steppeAdmin?.text).toContain(`${steppe.title} — 1: Chingiz Aliev`);
    expect(steppeAdmin?.text).not.toMatch(/Aida|Bolat/);

    const rows = await direct.db.getRepository(MailOutbox).findBy({ template: 'responsesDigest' });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });
});
