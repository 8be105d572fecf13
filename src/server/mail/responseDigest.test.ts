import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Candidate, Company, Employer, MailOutbox, Participation, ResponseDigest, Upload, User, VacancyResponse } from '../db/entities';
import { createServerDataSource } from '../db/dataSource';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { TransactionRunner } from '../db/transactions';
import { openTestWorld, type TestWorld } from '../sync/testWorld';
import { runResponseDigest } from './responseDigest';

const NOW = Date.UTC(2026, 10, 18, 6, 0, 0);

describe.each(databaseKindsUnderTest())('response digest on %s', (kind) => {
  let w: TestWorld;
  let kazLogistics: Participation;
  let steppe: Participation;

  beforeAll(async () => {
    w = await openTestWorld(kind, NOW);
    const participationOf = async (legalName: string): Promise<Participation> => {
      const company = await w.t.db.getRepository(Company).findOneByOrFail({ legalName });
      return w.t.db.getRepository(Participation).findOneByOrFail({ employerId: company.employerId });
    };
    kazLogistics = await participationOf('KazLogistics LLP');
    steppe = await participationOf('Steppe Foods JSC');
  });
  afterAll(async () => {
    await w?.dispose();
  });
  afterEach(async () => {
    // Each test starts with every response digested and an empty outbox.
    await runResponseDigest(w.tx, { now: () => w.clock.now });
    await w.t.db.getRepository(MailOutbox).clear();
  });

  /** A candidate responding, written as the portal writes it: one write transaction at a new change version. */
  const respond = async (info: Participation, vacancy: { id: string; title: string }, candidateName: string, wantsVideoInterview = false): Promise<void> => {
    w.clock.now += 1_000;
    await w.tx.write(async ({ manager, version, now }) => {
      const candidateId = crypto.randomUUID();
      const email = `${candidateName.toLowerCase().replace(/\W+/g, '.')}.${candidateId.slice(0, 6)}@example.kz`;
      await manager.insert(Candidate, { id: candidateId, email, name: candidateName, phone: '', locale: 'ru', createdAt: now, updatedAt: now });
      const resumeId = crypto.randomUUID();
      await manager.insert(Upload, {
        id: resumeId, kind: 'resume', mime: 'application/pdf', size: 10, sha256: crypto.createHash('sha256').update(resumeId).digest('hex'),
        originalName: 'cv.pdf', width: null, height: null, employerId: null, candidateId, uploadedBy: null, createdAt: now,
      });
      await manager.insert(VacancyResponse, {
        id: crypto.randomUUID(), candidateId, vacancyId: vacancy.id, participationId: info.id, fairId: info.fairId, employerId: info.employerId,
        vacancyTitle: vacancy.title, companyName: info.companyName, resumeUploadId: resumeId, resumeFileName: 'cv.pdf',
        candidateName, candidateEmail: email, candidatePhone: '', wantsVideoInterview, coverNote: '', createdAt: now, version,
      });
    });
  };
  const driver = { id: crypto.randomUUID(), title: 'Long-haul driver' };
  const storekeeper = { id: crypto.randomUUID(), title: 'Storekeeper' };
  const technologist = { id: crypto.randomUUID(), title: 'Dairy technologist' };
  const outbox = () => w.t.db.getRepository(MailOutbox).find({ order: { toAddress: 'ASC' } });

  it('queues exactly one mail per active admin and manager of each employer with new responses, in their language, listing them by fair and vacancy', async () => {
    await respond(kazLogistics, driver, 'Aida Nurlanova', true);
    await respond(kazLogistics, storekeeper, 'Bolat Serikov');
    await respond(steppe, technologist, 'Chingiz Aliev');

    const result = await runResponseDigest(w.tx, { now: () => w.clock.now });
    expect(result).toEqual({ employers: 2, mails: 4 });
    const mails = await outbox();
    expect(mails.map((m) => [m.toAddress, m.locale, m.template, m.status])).toEqual([
      ['admin@kazlogistics.demo', 'ru', 'responsesDigest', 'queued'],
      ['admin@steppefoods.demo', 'en', 'responsesDigest', 'queued'],
      ['manager1@kazlogistics.demo', 'kk', 'responsesDigest', 'queued'],
      ['manager2@kazlogistics.demo', 'ru', 'responsesDigest', 'queued'],
    ]);
    const [kazAdmin, steppeAdmin, kazManager] = mails;
    expect(kazAdmin?.subject).toBe(`2 новых отклика: ${kazLogistics.fairTitle}`);
    expect(kazAdmin?.textBody).toContain('Здравствуйте, Dana Omarova!');
    expect(kazAdmin?.textBody).toContain(`${kazLogistics.fairTitle}: 2 отклика\n- Long-haul driver — 1: Aida Nurlanova (хочет видеособеседование)\n- Storekeeper — 1: Bolat Serikov\n`);
    expect(kazAdmin?.textBody).not.toContain('Chingiz');
    expect(kazManager?.subject).toBe(`2 жаңа өтініш: ${kazLogistics.fairTitle}`);
    expect(kazManager?.textBody).toContain('Aida Nurlanova (бейнесұхбат қалайды)');
    expect(steppeAdmin?.subject).toBe(`1 new response: ${steppe.fairTitle}`);
    expect(steppeAdmin?.textBody).toContain('Dairy technologist — 1: Chingiz Aliev\n');
    expect(steppeAdmin?.textBody).not.toMatch(/Aida|Bolat/);
    expect(steppeAdmin?.textBody).toContain(`/fairs/${steppe.fairId}`);
    const employerOf = await w.t.db.getRepository(Employer).findOneByOrFail({ id: steppe.employerId });
    expect(steppeAdmin?.employerId).toBe(employerOf.id);
  });

  it('sends nothing when nothing is new, and next time only what came since', async () => {
    await respond(kazLogistics, driver, 'Dana Keller');
    expect((await runResponseDigest(w.tx, { now: () => w.clock.now })).mails).toBe(3);
    await w.t.db.getRepository(MailOutbox).clear();

    expect(await runResponseDigest(w.tx, { now: () => w.clock.now })).toEqual({ employers: 0, mails: 0 });
    expect(await outbox()).toEqual([]);

    // A deactivated manager hears nothing; the admin gets only the response that is new.
    await w.t.db.getRepository(User).update({ email: 'manager2@kazlogistics.demo' }, { active: false });
    await respond(kazLogistics, driver, 'Erlan Tokayev', true);
    expect(await runResponseDigest(w.tx, { now: () => w.clock.now })).toEqual({ employers: 1, mails: 2 });
    const mails = await outbox();
    expect(mails.map((m) => m.toAddress)).toEqual(['admin@kazlogistics.demo', 'manager1@kazlogistics.demo']);
    expect(mails[0]?.textBody).toContain('Long-haul driver — 1: Erlan Tokayev (хочет видеособеседование)');
    expect(mails[0]?.textBody).not.toContain('Dana Keller');
    await w.t.db.getRepository(User).update({ email: 'manager2@kazlogistics.demo' }, { active: true });
  });

  it('keeps the watermark when the transaction fails, so the next run sends the digest', async () => {
    await respond(steppe, technologist, 'Farida Omar');
    // No mail may be queued without the watermark moving, and vice versa: break the outbox insert.
    const failing = new TransactionRunner(w.t.db, () => w.clock.now);
    const job = failing.job.bind(failing);
    failing.job = (work) => job(async (m) => {
      const out = await work(m);
      throw new Error(`crash after queuing ${String(out)}`);
    });
    await expect(runResponseDigest(failing, { now: () => w.clock.now })).rejects.toThrow(/crash/);
    expect(await outbox()).toEqual([]);
    expect((await runResponseDigest(w.tx, { now: () => w.clock.now })).mails).toBe(1);
    expect((await outbox())[0]?.textBody).toContain('Farida Omar');
  });

  it('run twice at the same time (two server processes), still queues one mail per person', async () => {
    await respond(kazLogistics, storekeeper, 'Gulnara Ismailova');
    await respond(steppe, technologist, 'Hassan Ali');
    // A second process: its own connection pool on PostgreSQL (on SQLite one process owns the file).
    const other = kind === 'postgres' ? createServerDataSource({ kind: 'postgres', url: pgUrlOf(w) }, { runMigrations: false }) : null;
    if (other) await other.initialize();
    try {
      const second = other ? new TransactionRunner(other, () => w.clock.now) : w.tx;
      const runs = await Promise.all([
        runResponseDigest(w.tx, { now: () => w.clock.now }),
        runResponseDigest(second, { now: () => w.clock.now }),
        runResponseDigest(w.tx, { now: () => w.clock.now }),
      ]);
      expect(runs.reduce((n, r) => n + r.mails, 0)).toBe(4);
      const mails = await outbox();
      expect(mails.map((m) => m.toAddress)).toEqual([
        'admin@kazlogistics.demo',
        'admin@steppefoods.demo',
        'manager1@kazlogistics.demo',
        'manager2@kazlogistics.demo',
      ]);
      const marks = await w.t.db.getRepository(ResponseDigest).find();
      expect(marks.every((m) => m.lastDigestAt === w.clock.now)).toBe(true);
    } finally {
      await other?.destroy();
    }
  });
});

function pgUrlOf(w: TestWorld): string {
  const options = w.t.db.options as { url?: string };
  if (!options.url) throw new Error('the PostgreSQL test database has no URL');
  return options.url;
}
