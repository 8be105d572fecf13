import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { serverMigrations } from './index';
import { Participation1000000000007 } from './1000000000007-Participation';

describe.each(databaseKindsUnderTest())('migration 1000000000007 Participation on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new Participation1000000000007();
  const ids = { centre: crypto.randomUUID(), employer: crypto.randomUUID(), company: crypto.randomUUID(), fair: crypto.randomUUID() };
  const approved = crypto.randomUUID();
  const underReview = crypto.randomUUID();

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    await q.beforeMigration();
    for (const M of serverMigrations.slice(0, 6)) await new M().up(q);
    await q.query('UPDATE server_meta SET version = 7 WHERE id = 1');
    await q.query(`INSERT INTO career_centres (id, name, region, time_zone, holidays) VALUES ('${ids.centre}', 'C', 'Almaty', 'Asia/Almaty', '[]')`);
    await q.query(`INSERT INTO employers (id, name, created_at) VALUES ('${ids.employer}', 'E', 1)`);
    await q.query(
      `INSERT INTO companies (id, employer_id, legal_name, bin, address, website, info, verified_at)
       VALUES ('${ids.company}', '${ids.employer}', 'E LLP', '123456789012', '', '', '', NULL)`,
    );
    await q.query(
      `INSERT INTO fairs (id, centre_id, title, region, city, starts_on, ends_on, description, created_at, updated_at)
       VALUES ('${ids.fair}', '${ids.centre}', 'Autumn fair', 'Almaty', 'Almaty', '2026-10-01', '2026-10-01', '', 1, 1)`,
    );
    const app = (id: string, number: string, status: string, decidedAt: string) =>
      q.query(
        `INSERT INTO pre_applications (id, number, employer_id, company_id, company_name, centre_id, way, fair_id, fair_title, region,
           desired_from, desired_to, company_info, vacant_places, professions, contact_name, contact_phone, contact_email,
           consent_salary_shown, consent_chat_during_fair, wants_video_interviews, status, rejection_reason, decided_by,
           created_at, updated_at, status_changed_at, decided_at, decided_by_name)
         VALUES ('${id}', '${number}', '${ids.employer}', '${ids.company}', 'E LLP', '${ids.centre}', 2, '${ids.fair}', 'Autumn fair', 'Almaty',
           NULL, NULL, '', 1, '[]', 'A', '1', 'a@b.kz', true, true, false, '${status}', NULL, NULL, 1, 1, 5, ${decidedAt}, NULL)`,
      );
    await app(approved, '20260901-1', 'approved', '4');
    await app(underReview, '20260901-2', 'under_review', 'NULL');
    await migration.up(q);
    await q.afterMigration();
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  it('back-fills one draft per approved pre-application, at a new change version', async () => {
    const rows: Array<Record<string, unknown>> = await q.query('SELECT * FROM participations');
    expect(rows.map((r) => [r['pre_application_id'], r['number'], r['status'], r['stand_id'], r['interview_plan'], r['fair_title']])).toEqual([
      [approved, '20260901-1', 'draft', null, '[]', 'Autumn fair'],
    ]);
    expect(Number(rows[0]?.['version'])).toBe(8);
    expect(Number(rows[0]?.['created_at'])).toBe(4);
    const meta: Array<{ version: string | number }> = await q.query('SELECT version FROM server_meta WHERE id = 1');
    expect(Number(meta[0]?.version)).toBe(8);
  });

  it('keeps one participation per pre-application and ties vacancies to existing participations', async () => {
    const insert = () =>
      q.query(
        `INSERT INTO participations (id, pre_application_id, number, employer_id, company_id, company_name, centre_id, fair_id, fair_title,
           stand_id, interview_plan, status, created_at, updated_at, status_changed_at)
         VALUES ('${crypto.randomUUID()}', '${approved}', 'n', '${ids.employer}', '${ids.company}', 'E', '${ids.centre}', '${ids.fair}', 'F',
           NULL, '[]', 'draft', 1, 1, 1)`,
      );
    await expect(insert()).rejects.toThrow();
    const vacancy = (participation: string) =>
      q.query(
        `INSERT INTO vacancies (id, employer_id, company_id, participation_id, title, profession, salary_from, salary_to, currency, places,
           location, description, requirements, employment_type, active, created_at, updated_at)
         VALUES ('${crypto.randomUUID()}', '${ids.employer}', '${ids.company}', '${participation}', 'T', 'P', 1, 2, 'KZT', 1, '', '', '',
           'full_time', true, 1, 1)`,
      );
    await expect(vacancy(crypto.randomUUID())).rejects.toThrow();
  });

  it('adds last_client_id to every base-versioned table', async () => {
    for (const table of ['fairs', 'stands', 'vacancies', 'participations']) {
      expect((await q.getTable(table))?.columns.map((c) => c.name), table).toContain('last_client_id');
    }
  });

  it('down() restores the previous schema', async () => {
    await q.beforeMigration();
    await migration.down(q);
    await q.afterMigration();
    for (const table of ['stands', 'vacancies', 'participations']) expect(await q.hasTable(table), table).toBe(false);
    expect((await q.getTable('fairs'))?.columns.map((c) => c.name)).not.toContain('last_client_id');
  });
});
