import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { Accounts1000000000001 } from './1000000000001-Accounts';
import { Uploads1000000000006 } from './1000000000006-Uploads';

describe.each(databaseKindsUnderTest())('migration 1000000000006 Uploads on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new Uploads1000000000006();
  const employerId = crypto.randomUUID();

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    // The table only references employers and users, which migration 1 creates.
    await new Accounts1000000000001().up(q);
    await q.query(`INSERT INTO employers (id, name, created_at) VALUES ('${employerId}', 'E', 1)`);
    await migration.up(q);
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  const insert = (employer: string | null, uploadedBy: string | null = null) =>
    q.query(
      `INSERT INTO uploads (id, kind, mime, size, sha256, original_name, width, height, employer_id, candidate_id, uploaded_by, created_at)
       VALUES ('${crypto.randomUUID()}', 'image', 'image/png', 10, '${'a'.repeat(64)}', 'logo.png', 3, 2,
               ${employer === null ? 'NULL' : `'${employer}'`}, NULL, ${uploadedBy === null ? 'NULL' : `'${uploadedBy}'`}, 1)`,
    );

  it('creates uploads with indexes on sha256 and employer', async () => {
    const table = await q.getTable('uploads');
    expect(table?.columns.map((c) => c.name)).toEqual([
      'id', 'kind', 'mime', 'size', 'sha256', 'original_name', 'width', 'height', 'employer_id', 'candidate_id', 'uploaded_by', 'created_at',
    ]);
    expect(table?.indices.map((i) => i.columnNames.join(','))).toEqual(expect.arrayContaining(['sha256', 'employer_id']));
  });

  it('lets several rows share one file, and ties rows to existing employers and users only', async () => {
    await insert(employerId);
    await insert(employerId);
    await insert(null);
    await expect(insert(crypto.randomUUID())).rejects.toThrow();
    await expect(insert(employerId, crypto.randomUUID())).rejects.toThrow();
    const rows: Array<{ n: string | number }> = await q.query(`SELECT COUNT(*) AS n FROM uploads WHERE sha256 = '${'a'.repeat(64)}'`);
    expect(Number(rows[0]?.n)).toBe(3);
  });

  it('down() drops the table', async () => {
    await migration.down(q);
    expect(await q.hasTable('uploads')).toBe(false);
  });
});
