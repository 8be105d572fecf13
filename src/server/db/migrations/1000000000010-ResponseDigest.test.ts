import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { seedDemoWorld } from '../../seed/demoWorld';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { ResponseDigest1000000000010 } from './1000000000010-ResponseDigest';
import { serverMigrations } from './index';

describe.each(databaseKindsUnderTest())('migration 1000000000010 ResponseDigest on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new ResponseDigest1000000000010();
  let withResponses = '';
  let employers: string[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    for (const M of serverMigrations) {
      const earlier = new M();
      if (earlier.name === migration.name) break;
      await earlier.up(q);
    }
    // Data from before the upgrade: the demo world, and two responses (versions 7 and 9) to one employer.
    // The world as it was before the video tables: this schema predates them.
    await seedDemoWorld(t.db, Date.now(), { videoInterviews: false });
    const [info] = (await q.query('SELECT id, employer_id, fair_id FROM participations ORDER BY id')) as Array<{ id: string; employer_id: string; fair_id: string }>;
    if (!info) throw new Error('the demo world has no participation');
    withResponses = info.employer_id;
    employers = ((await q.query('SELECT id FROM employers')) as Array<{ id: string }>).map((e) => e.id);
    const candidate = crypto.randomUUID();
    await q.query(`INSERT INTO candidates (id, email, name, phone, locale, created_at, updated_at) VALUES ('${candidate}', 'a@b.kz', 'A', '', 'ru', 1, 1)`);
    const resume = crypto.randomUUID();
    await q.query(
      `INSERT INTO uploads (id, kind, mime, size, sha256, original_name, width, height, employer_id, candidate_id, uploaded_by, created_at)
       VALUES ('${resume}', 'resume', 'application/pdf', 1, '${'a'.repeat(64)}', 'cv.pdf', NULL, NULL, NULL, '${candidate}', NULL, 1)`,
    );
    for (const version of [7, 9]) {
      await q.query(
        `INSERT INTO vacancy_responses (id, candidate_id, vacancy_id, participation_id, fair_id, employer_id, vacancy_title, company_name, resume_upload_id, wants_video_interview, cover_note, created_at, version)
         VALUES ('${crypto.randomUUID()}', '${candidate}', '${crypto.randomUUID()}', '${info.id}', '${info.fair_id}', '${info.employer_id}', 'V', 'C', '${resume}', ${kind === 'postgres' ? 'true' : '1'}, '', 1, ${version})`,
      );
    }
    await migration.up(q);
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  it('starts every existing employer at the newest version of its responses: history is never mailed as new', async () => {
    const rows = (await q.query('SELECT employer_id, last_version, last_digest_at FROM response_digests')) as Array<{
      employer_id: string;
      last_version: string | number;
      last_digest_at: unknown;
    }>;
    expect(employers.length).toBeGreaterThan(1);
    expect(new Map(rows.map((r) => [r.employer_id, [Number(r.last_version), r.last_digest_at]]))).toEqual(
      new Map(employers.map((id) => [id, [id === withResponses ? 9 : 0, null]])),
    );
  });

  it('keeps one watermark per employer, of an existing employer only', async () => {
    await expect(q.query(`INSERT INTO response_digests (employer_id, last_version) VALUES ('${withResponses}', 1)`)).rejects.toThrow();
    await expect(q.query(`INSERT INTO response_digests (employer_id, last_version) VALUES ('${crypto.randomUUID()}', 1)`)).rejects.toThrow();
  });

  it('down() drops the table', async () => {
    await migration.down(q);
    expect(await q.hasTable('response_digests')).toBe(false);
  });
});
