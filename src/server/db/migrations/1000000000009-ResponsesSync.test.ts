import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { ResponsesSync1000000000009 } from './1000000000009-ResponsesSync';
import { serverMigrations } from './index';

describe.each(databaseKindsUnderTest())('migration 1000000000009 ResponsesSync on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new ResponsesSync1000000000009();
  const ids = {
    centre: crypto.randomUUID(), fair: crypto.randomUUID(), employer: crypto.randomUUID(), company: crypto.randomUUID(), app: crypto.randomUUID(),
    participation: crypto.randomUUID(), candidate: crypto.randomUUID(), upload: crypto.randomUUID(), response: crypto.randomUUID(), interest: crypto.randomUUID(),
  };
  const columns = async (name: string): Promise<string[]> => (await q.getTable(name))?.columns.map((c) => c.name) ?? [];
  const version = async (): Promise<number> => Number(((await q.query('SELECT version FROM server_meta WHERE id = 1')) as Array<{ version: string }>)[0]?.version);

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    for (const M of serverMigrations) {
      const earlier = new M();
      if (earlier.name === migration.name) break;
      await earlier.up(q);
    }
    // A response and an interest written before this migration (slice 1 of the portal).
    const rows: Array<[string, Record<string, unknown>]> = [
      ['career_centres', { id: ids.centre, name: 'C', region: 'Almaty', time_zone: 'Asia/Almaty', holidays: '[]' }],
      ['employers', { id: ids.employer, name: 'E', created_at: 1 }],
      ['companies', { id: ids.company, employer_id: ids.employer, legal_name: 'Co LLP', bin: '123456789012', address: '', website: '', info: '', verified_at: null, created_at: 1 }],
      ['fairs', { id: ids.fair, centre_id: ids.centre, title: 'F', region: 'Almaty', city: 'Almaty', starts_on: '2026-10-01', ends_on: '2026-10-02', description: '', updated_at: 1, version: 1 }],
    ];
    for (const [table, row] of rows) await insertLike(table, row);
    await insertLike('pre_applications', {
      id: ids.app, number: '20260901-1', employer_id: ids.employer, company_id: ids.company, company_name: 'Co LLP', centre_id: ids.centre, way: 2,
      fair_id: ids.fair, fair_title: 'F', region: 'Almaty', status: 'approved',
    });
    await insertLike('participations', {
      id: ids.participation, pre_application_id: ids.app, number: '20260901-1', employer_id: ids.employer, company_id: ids.company, company_name: 'Co LLP',
      centre_id: ids.centre, fair_id: ids.fair, fair_title: 'F', stand_id: null, interview_plan: '[]', status: 'approved',
    });
    await insertLike('candidates', { id: ids.candidate, email: 'a@b.kz', name: 'Aliya', phone: '+7 701', locale: 'ru', created_at: 1, updated_at: 1 });
    await insertLike('uploads', { id: ids.upload, kind: 'resume', mime: 'application/pdf', size: 1, sha256: 'a'.repeat(64), original_name: 'CV.pdf', employer_id: null, candidate_id: ids.candidate, uploaded_by: null });
    await insertLike('vacancy_responses', {
      id: ids.response, candidate_id: ids.candidate, vacancy_id: crypto.randomUUID(), participation_id: ids.participation, fair_id: ids.fair, employer_id: ids.employer,
      vacancy_title: 'Driver', company_name: 'Co LLP', resume_upload_id: ids.upload, wants_video_interview: false, cover_note: '', created_at: 1, version: 3,
    });
    await insertLike('employer_interests', { id: ids.interest, candidate_id: ids.candidate, participation_id: ids.participation, fair_id: ids.fair, employer_id: ids.employer, created_at: 1, version: 3 });
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  const param = (i: number): string => (kind === 'postgres' ? `$${i}` : '?');
  async function insert(table: string, row: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(row);
    // SQLite has no boolean type: its driver binds 0/1.
    const values = Object.values(row).map((v) => (kind === 'sqlite' && typeof v === 'boolean' ? Number(v) : v));
    await q.query(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((_, i) => param(i + 1)).join(', ')})`, values);
  }
  /** Inserts `row` (its keys that are columns of the table), filling every other NOT NULL column with a neutral value of its type. */
  async function insertLike(table: string, row: Record<string, unknown>): Promise<void> {
    const full: Record<string, unknown> = {};
    for (const c of (await q.getTable(table))?.columns ?? []) {
      if (c.name in row) full[c.name] = row[c.name];
      else if (!c.isNullable && c.default === undefined) full[c.name] = /int|bigint|numeric/.test(c.type) ? 1 : c.type === 'boolean' ? false : '';
    }
    await insert(table, full);
  }

  it('adds the copied contact columns and back-fills them at a new change version', async () => {
    const before = await version();
    await migration.up(q);
    expect(await columns('vacancy_responses')).toEqual(expect.arrayContaining(['candidate_name', 'candidate_email', 'candidate_phone', 'resume_file_name']));
    expect(await columns('employer_interests')).toEqual(expect.arrayContaining(['candidate_name', 'candidate_email', 'candidate_phone']));
    expect((await q.getTable('employer_interests'))?.indices.map((i) => i.name)).toContain('idx_employer_interests_version');
    expect(await version()).toBe(before + 1);
    const [response] = (await q.query(`SELECT candidate_name, candidate_email, candidate_phone, resume_file_name, version FROM vacancy_responses`)) as Array<Record<string, unknown>>;
    expect({ ...response, version: Number(response?.['version']) }).toEqual({ candidate_name: 'Aliya', candidate_email: 'a@b.kz', candidate_phone: '+7 701', resume_file_name: 'CV.pdf', version: before + 1 });
    const [interest] = (await q.query(`SELECT candidate_name, candidate_email, candidate_phone, version FROM employer_interests`)) as Array<Record<string, unknown>>;
    expect({ ...interest, version: Number(interest?.['version']) }).toEqual({ candidate_name: 'Aliya', candidate_email: 'a@b.kz', candidate_phone: '+7 701', version: before + 1 });
  });

  it('down() removes the columns and the index again', async () => {
    await migration.down(q);
    expect(await columns('vacancy_responses')).not.toContain('candidate_name');
    expect(await columns('vacancy_responses')).not.toContain('resume_file_name');
    expect(await columns('employer_interests')).toEqual(['id', 'candidate_id', 'participation_id', 'fair_id', 'employer_id', 'created_at', 'version']);
    expect((await q.getTable('employer_interests'))?.indices.map((i) => i.name)).not.toContain('idx_employer_interests_version');
    expect(await q.query('SELECT id FROM vacancy_responses')).toHaveLength(1);
  });
});
