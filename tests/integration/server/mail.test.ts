import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailOutbox } from '../../../src/server/db/entities';
import { openDump } from '../support/dbDump';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtpSink';
import { loginAs, mutation, newClientId, pullAll, push, putsOf, type Session } from '../support/syncClient';

const REASON = 'Нет подтверждения БИН <b>& "печати"</b>';

/** A pre-application by KazLogistics' admin to the Almaty fair, its contact being the Kazakh-speaking manager. */
async function apply(url: string, admin: Session, clientId: string, mutationId: number): Promise<{ id: string; fairId: string }> {
  const world = await pullAll(url, admin.token, { clientId: newClientId(), cookie: null });
  const fair = putsOf(world.patch, 'fair').find((f) => f.region === 'Almaty');
  const company = putsOf(world.patch, 'company').find((c) => c.legalName === 'KazLogistics LLP');
  if (!fair || !company) throw new Error('demo world lacks the Almaty fair or KazLogistics LLP');
  const id = crypto.randomUUID();
  const done = await push(url, admin.token, {
    clientId,
    mutations: [
      mutation(mutationId, 'createPreApplication', {
        id, way: 2, companyId: company.id, centreId: null, fairId: fair.id, desiredFrom: null, desiredTo: null,
        companyInfo: company.info, vacantPlaces: 2, professions: ['Driver'], contactName: 'Timur Akhmetov',
        contactPhone: '+7 701 000 00 00', contactEmail: 'manager1@kazlogistics.demo',
        consentSalaryShown: true, consentChatDuringFair: true, wantsVideoInterviews: false,
      }),
    ],
  });
  expect(done.results).toEqual([]);
  return { id, fairId: fair.id };
}

const byRecipient = (mails: ReceivedMail[]): Map<string, ReceivedMail[]> => {
  const map = new Map<string, ReceivedMail[]>();
  for (const m of mails) for (const to of m.rcptTo) map.set(to, [...(map.get(to) ?? []), m]);
  return map;
};
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** E-mail end to end: a real server process sending through a real SMTP server. */
describe.each(serverDatabaseKinds())('decision e-mail through SMTP (%s)', (kind) => {
  let sink: SmtpSink;
  let env: ServerOnDatabase;
  let direct: Awaited<ReturnType<typeof openDump>>;
  let portalDir: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // A stand-in portal build, so the server answers the portal's pages (the SPA fallback) as in production.
    portalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-portal-'));
    fs.writeFileSync(path.join(portalDir, 'index.html'), '<!doctype html><title>FairDesk portal</title>');
    env = await startServerOn(kind, { env: { FAIRDESK_SMTP_URL: sink.url, FAIRDESK_MAIL_FROM: 'Almaty Career Centre <fairs@career.example.kz>', FAIRDESK_PORTAL_DIR: portalDir } });
    direct = await openDump(env.target);
  });
  afterAll(async () => {
    await direct?.close();
    await env?.dispose();
    await sink?.stop();
    if (portalDir) fs.rmSync(portalDir, { recursive: true, force: true });
  });

  it('a rejection pushed by the moderator reaches the admin and the contact once each, in their language, with the reason and a working link; a replay sends nothing', async () => {
    const url = env.server.url;
    const admin = await loginAs(url, 'admin@kazlogistics.demo');
    const moderator = await loginAs(url, 'moderator@fairdesk.demo');
    const app = await apply(url, admin, newClientId(), 1);
    expect(sink.received).toEqual([]);

    const decision = { clientId: newClientId(), mutations: [mutation(1, 'decidePreApplication', { id: app.id, decision: 'reject', reason: REASON, fairId: null, expectedStatus: 'under_review' })] };
    expect((await push(url, moderator.token, decision)).results).toEqual([]);
    await sink.waitFor(2);
    await settle(1_500);
    const mails = byRecipient(sink.received);
    expect([...mails.keys()].sort()).toEqual(['admin@kazlogistics.demo', 'manager1@kazlogistics.demo']);
    const [toAdmin] = mails.get('admin@kazlogistics.demo') ?? [];
    const [toContact] = mails.get('manager1@kazlogistics.demo') ?? [];
    expect(sink.received).toHaveLength(2);
    expect(toAdmin?.subject).toMatch(/^Предварительная заявка \d{8}-\d+ отклонена$/);
    expect(toContact?.subject).toMatch(/^\d{8}-\d+ алдын ала өтінім қабылданбады$/);
    expect(toAdmin?.headers.get('from')).toBe('Almaty Career Centre <fairs@career.example.kz>');
    expect(sink.received.every((m) => m.mailFrom === 'fairs@career.example.kz')).toBe(true);
    for (const mail of [toAdmin, toContact]) {
      expect(mail?.text).toContain(REASON);
      expect(mail?.html).toContain('Нет подтверждения БИН &lt;b&gt;&amp; &quot;печати&quot;&lt;/b&gt;');
      expect(mail?.html).not.toContain('<b>');
      const link = /https?:\/\/\S+\/fairs\/[0-9a-f-]{36}/.exec(mail?.text ?? '')?.[0];
      expect(link).toBe(`${url}/fairs/${app.fairId}`);
      const page = await fetch(link ?? '');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('FairDesk portal');
    }
    expect(toAdmin?.text).toContain('Здравствуйте, Dana Omarova!');
    expect(toContact?.text).toContain('Сәлеметсіз бе, Timur Akhmetov!');

    // A replayed push (lost response) changes nothing and sends nothing.
    expect(await push(url, moderator.token, decision)).toEqual({ lastMutationId: 1, results: [] });
    await settle(2_000);
    expect(sink.received).toHaveLength(2);
    const rows = await direct.db.getRepository(MailOutbox).findBy({ template: 'preApplicationRejected' });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('while the SMTP server is down the mail waits and is retried; it is delivered once the server is back', async () => {
    const url = env.server.url;
    const before = sink.received.length;
    const admin = await loginAs(url, 'admin@kazlogistics.demo');
    const moderator = await loginAs(url, 'moderator@fairdesk.demo');
    const app = await apply(url, admin, newClientId(), 1);
    await sink.stop();
    await push(url, moderator.token, {
      clientId: newClientId(),
      mutations: [mutation(1, 'decidePreApplication', { id: app.id, decision: 'approve', reason: null, fairId: null, expectedStatus: 'under_review' })],
    });
    const repo = direct.db.getRepository(MailOutbox);
    const failedOnce = async (): Promise<MailOutbox[]> => {
      for (let i = 0; i < 100; i++) {
        const rows = await repo.findBy({ template: 'preApplicationApproved' });
        if (rows.length === 2 && rows.every((r) => r.attempts >= 1 && r.lastError)) return rows;
        await settle(100);
      }
      throw new Error('the dispatcher never tried the approval mails');
    };
    const waiting = await failedOnce();
    expect(waiting.map((r) => r.status)).toEqual(['queued', 'queued']);
    expect(waiting.every((r) => r.nextAttemptAt > Date.now() + 30_000)).toBe(true);
    expect(waiting[0]?.lastError).not.toContain('secret-pass');

    await sink.start();
    // Time passes: the retry is due now (the backoff itself is unit-tested).
    await repo.update({ template: 'preApplicationApproved' }, { nextAttemptAt: 0 });
    const all = await sink.waitFor(before + 2, 20_000);
    const approvals = all.slice(before);
    expect(approvals.flatMap((m) => m.rcptTo).sort()).toEqual(['admin@kazlogistics.demo', 'manager1@kazlogistics.demo']);
    expect(approvals.every((m) => /одобрена|мақұлданды/.test(m.subject))).toBe(true);
    await settle(1_000);
    expect(sink.received).toHaveLength(before + 2);
    expect((await repo.findBy({ template: 'preApplicationApproved' })).map((r) => r.status)).toEqual(['sent', 'sent']);
  });
});
