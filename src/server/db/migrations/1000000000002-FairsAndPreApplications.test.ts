import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { Accounts1000000000001 } from './1000000000001-Accounts';
import { FairsAndPreApplications1000000000002 } from './1000000000002-FairsAndPreApplications';

describe.each(databaseKindsUnderTest())('migration 1000000000002 FairsAndPreApplications on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new FairsAndPreApplications1000000000002();
  const centreId = crypto.randomUUID();
  const employerId = crypto.randomUUID();
  const companyId = crypto.randomUUID();
  const fairId = crypto.randomUUID();

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    await new Accounts1000000000001().up(q);
    await migration.up(q);
    await q.query(
      `INSERT INTO career_centres (id, name, region, time_zone, holidays) VALUES ('${centreId}', 'C', 'Almaty', 'Asia/Almaty', '[]')`,
    );
    await q.query(`INSERT INTO employers (id, name, created_at) VALUES ('${employerId}', 'E', 1)`);
    await q.query(
      `INSERT INTO companies (id, employer_id, legal_name, bin, address, website, info, verified_at)
       VALUES ('${companyId}', '${employerId}', 'E LLP', '123456789012', 'a', 'w', 'i', NULL)`,
    );
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  const insertFair = (id: string, centre: string) =>
    q.query(
      `INSERT INTO fairs (id, centre_id, title, region, city, starts_on, ends_on, description, created_at, updated_at)
       VALUES ('${id}', '${centre}', 'Fair', 'Almaty', 'Almaty', '2026-10-01', '2026-10-01', '', 1, 1)`,
    );
  const insertPreApplication = (id: string, num: string, fair: string | null) =>
    q.query(
      `INSERT INTO pre_applications (id, number, employer_id, company_id, company_name, centre_id, way, fair_id, fair_title,
         region, desired_from, desired_to, company_info, vacant_places, professions, contact_name, contact_phone, contact_email,
         consent_salary_shown, consent_chat_during_fair, wants_video_interviews, status, rejection_reason, decided_by,
         created_at, updated_at, status_changed_at)
       VALUES ('${id}', '${num}', '${employerId}', '${companyId}', 'E LLP', '${centreId}', 2, ${fair === null ? 'NULL' : `'${fair}'`}, NULL,
         'Almaty', NULL, NULL, 'info', 3, '["Driver"]', 'N', '+7', 'n@e.kz', true, true, false, 'under_review', NULL, NULL, 1, 1, 1)`,
    );

  it('creates fairs that must belong to an existing centre', async () => {
    await insertFair(fairId, centreId);
    await expect(insertFair(crypto.randomUUID(), crypto.randomUUID())).rejects.toThrow();
  });

  it('creates pre-applications with unique numbers and a valid fair reference', async () => {
    await insertPreApplication(crypto.randomUUID(), '20261001-1', fairId);
    await expect(insertPreApplication(crypto.randomUUID(), '20261001-1', null)).rejects.toThrow();
    await expect(insertPreApplication(crypto.randomUUID(), '20261001-2', crypto.randomUUID())).rejects.toThrow();
    const rows: Array<{ professions: string; consent_salary_shown: boolean | number }> = await q.query(
      `SELECT professions, consent_salary_shown FROM pre_applications WHERE number = '20261001-1'`,
    );
    expect(JSON.parse(rows[0]?.professions ?? 'null')).toEqual(['Driver']);
    expect(Boolean(rows[0]?.consent_salary_shown)).toBe(true);
  });

  it('indexes the columns pulls filter by', async () => {
    const table = await q.getTable('pre_applications');
    const indexed = table?.indices.map((i) => i.columnNames.join(',')) ?? [];
    expect(indexed).toEqual(expect.arrayContaining(['centre_id', 'employer_id', 'fair_id']));
  });

  it('down() removes its tables and leaves the accounts schema', async () => {
    await migration.down(q);
    expect(await q.hasTable('fairs')).toBe(false);
    expect(await q.hasTable('pre_applications')).toBe(false);
    expect(await q.hasTable('companies')).toBe(true);
  });
});
