import crypto from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MailOutbox } from '../db/entities';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { TransactionRunner } from '../db/transactions';
import { openTestWorld, type TestWorld } from '../sync/testWorld';
import { MailDispatcher } from './dispatcher';
import { enqueueMails, type MailRequest } from './outbox';
import { MailSendError, type MailTransport, type OutgoingMail } from './transport';

const silent = pino({ level: 'silent' });
const T0 = Date.UTC(2026, 8, 10, 3, 0);

function request(to: string, dedupeKey: string | null = null): MailRequest {
  return {
    template: 'candidateSignIn',
    vars: { signInUrl: 'https://fairs.example.kz/sign-in#token=t', validMinutes: 30 },
    locale: 'en',
    to: { address: to, name: null },
    centreId: null,
    employerId: null,
    dedupeKey,
  };
}

/** A transport that records what it was given and fails while `failWith` is set. */
class FakeTransport implements MailTransport {
  sent: OutgoingMail[] = [];
  failWith: MailSendError | null = null;
  send(mail: OutgoingMail): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.sent.push(mail);
    return Promise.resolve();
  }
  close(): void {}
}

describe.each(databaseKindsUnderTest())('mail outbox and dispatcher on %s', (kind) => {
  let w: TestWorld;
  let tx: TransactionRunner;
  const clock = { now: T0 };

  beforeAll(async () => {
    w = await openTestWorld(kind, T0);
    tx = new TransactionRunner(w.t.db, () => clock.now);
  });
  afterAll(async () => {
    await w?.dispose();
  });
  beforeEach(async () => {
    clock.now = T0;
    await w.t.db.getRepository(MailOutbox).clear();
  });
  const rows = async () => (await w.t.db.getRepository(MailOutbox).find()).sort((a, b) => a.toAddress.toLowerCase().localeCompare(b.toAddress.toLowerCase()));
  const dispatcher = (transport: MailTransport | null, batchSize = 10) =>
    new MailDispatcher(tx, { transport, logger: silent, clock: () => clock.now, batchSize });

  it('queues inside the caller’s transaction: a rollback leaves nothing, a dedupe key only once', async () => {
    await expect(
      tx.write(async (ctx) => {
        await enqueueMails(ctx.manager, ctx.now, [request('a@x.kz')]);
        throw new Error('decision failed');
      }),
    ).rejects.toThrow('decision failed');
    expect(await rows()).toEqual([]);
    const added = await tx.write((ctx) => enqueueMails(ctx.manager, ctx.now, [request('a@x.kz', 'k1'), request('b@x.kz', 'k2'), request('c@x.kz')]));
    const again = await tx.write((ctx) => enqueueMails(ctx.manager, ctx.now, [request('a@x.kz', 'k1'), request('b@x.kz', 'k2')]));
    expect([added, again]).toEqual([3, 0]);
    expect((await rows()).map((r) => [r.toAddress, r.status, r.attempts, r.subject])).toEqual([
      ['a@x.kz', 'queued', 0, 'Your sign-in link for the job fair'],
      ['b@x.kz', 'queued', 0, 'Your sign-in link for the job fair'],
      ['c@x.kz', 'queued', 0, 'Your sign-in link for the job fair'],
    ]);
  });

  it('claims due mails once: concurrent claims never share a row; a claimed row waits out its lease', async () => {
    await tx.write((ctx) => enqueueMails(ctx.manager, ctx.now, Array.from({ length: 25 }, (_, i) => request(`r${String(i).padStart(2, '0')}@x.kz`))));
    const a = dispatcher(new FakeTransport(), 10);
    const b = dispatcher(new FakeTransport(), 10);
    const claims = await Promise.all([a.claim(), b.claim(), a.claim()]);
    const ids = claims.flat().map((m) => m.id);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(claims.flat().every((m) => m.attempts === 1)).toBe(true);
    expect(await a.claim()).toEqual([]);
    clock.now += 5 * 60_000;
    expect(await b.claim()).toHaveLength(10);
  });

  it('sends, retries with backoff after a failure, gives up after the last attempt', async () => {
    await tx.write((ctx) => enqueueMails(ctx.manager, ctx.now, [request('a@x.kz')]));
    const transport = new FakeTransport();
    const d = dispatcher(transport);
    transport.failWith = new MailSendError('connect ECONNREFUSED 127.0.0.1:2525', false);
    expect(await d.round()).toBe(1);
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: T0 + 60_000, lastError: 'connect ECONNREFUSED 127.0.0.1:2525' });
    expect(await d.round()).toBe(0);
    clock.now = T0 + 60_000;
    await d.round();
    [row] = await rows();
    expect(row).toMatchObject({ status: 'queued', attempts: 2, nextAttemptAt: T0 + 60_000 + 120_000 });
    transport.failWith = null;
    clock.now = T0 + 180_000;
    await d.round();
    [row] = await rows();
    expect(row).toMatchObject({ status: 'sent', attempts: 3, sentAt: T0 + 180_000, lastError: null });
    expect(transport.sent.map((m) => [m.id, m.to.address])).toEqual([[row?.id, 'a@x.kz']]);

    await tx.write((ctx) => enqueueMails(ctx.manager, ctx.now, [request('b@x.kz')]));
    transport.failWith = new MailSendError('timeout', false);
    for (let i = 0; i < 8; i++) {
      clock.now += 3_600_000;
      await d.round();
    }
    expect((await rows()).find((r) => r.toAddress === 'b@x.kz')).toMatchObject({ status: 'failed', attempts: 8, lastError: 'timeout' });
  });

  it('gives up at once when the server refuses the mail for good (5xx)', async () => {
    await tx.write((ctx) => enqueueMails(ctx.manager, ctx.now, [request('nobody@x.kz')]));
    const transport = new FakeTransport();
    transport.failWith = new MailSendError('550 no such user', true);
    await dispatcher(transport).round();
    expect(await rows()).toMatchObject([{ status: 'failed', attempts: 1, lastError: '550 no such user' }]);
  });

  it('without SMTP holds queued mails in the outbox', async () => {
    await tx.write((ctx) => enqueueMails(ctx.manager, ctx.now, [request('a@x.kz'), request('b@x.kz')]));
    await dispatcher(null).round();
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([['held', 0], ['held', 0]]);
  });

  it('a pre-application decision queues one mail per address, in each recipient’s locale, and none for a rolled-back one', async () => {
    const admin = await w.user('admin@kazlogistics.demo');
    const moderator = await w.user('moderator@fairdesk.demo');
    const company = await w.company('KazLogistics LLP');
    const fair = await w.fair('Almaty');
    const args = { ...w.application(company, { fairId: fair.id }), contactEmail: 'Manager1@KazLogistics.demo', contactName: 'Timur' };
    expect(await w.run(({ applications }) => applications.createPreApplication(admin, args))).toBe('applied');
    // Rolled back after the decision: no mail.
    await w.run(async ({ applications }) => {
      await applications.decidePreApplication(moderator, { id: args.id, decision: 'reject', reason: 'Nope', fairId: null, expectedStatus: 'under_review' });
      throw new Error('crash before commit');
    }).catch(() => undefined);
    expect(await rows()).toEqual([]);
    const reason = 'Company <not> verified & "BIN" missing';
    expect(
      await w.run(({ applications }) =>
        applications.decidePreApplication(moderator, { id: args.id, decision: 'reject', reason, fairId: null, expectedStatus: 'under_review' }),
      ),
    ).toBe('applied');
    const mails = await rows();
    expect(mails.map((m) => [m.toAddress, m.locale, m.template, m.dedupeKey, m.centreId, m.employerId])).toEqual([
      ['admin@kazlogistics.demo', 'ru', 'preApplicationRejected', `decision:${args.id}:rejected:admin@kazlogistics.demo`, moderator.centreId, admin.employerId],
      ['Manager1@KazLogistics.demo', 'kk', 'preApplicationRejected', `decision:${args.id}:rejected:manager1@kazlogistics.demo`, moderator.centreId, admin.employerId],
    ]);
    expect(mails[0]?.textBody).toContain(reason);
    expect(mails[0]?.htmlBody).toContain('Company &lt;not&gt; verified &amp; &quot;BIN&quot; missing');
    expect(mails[1]?.subject).toContain('қабылданбады');
    expect(mails[0]?.textBody).toContain(`http://127.0.0.1:4400/fairs/${fair.id}`);
    void crypto;
  });
});
