import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { Accounts1000000000001 } from './1000000000001-Accounts';
import { FairsAndPreApplications1000000000002 } from './1000000000002-FairsAndPreApplications';
import { SyncEngine1000000000003 } from './1000000000003-SyncEngine';
import { SnapshotPaging1000000000004 } from './1000000000004-SnapshotPaging';
import { MailOutbox1000000000005 } from './1000000000005-MailOutbox';

describe.each(databaseKindsUnderTest())('migration 1000000000005 MailOutbox on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new MailOutbox1000000000005();
  const centreId = crypto.randomUUID();

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    await q.beforeMigration();
    for (const M of [Accounts1000000000001, FairsAndPreApplications1000000000002, SyncEngine1000000000003, SnapshotPaging1000000000004]) {
      await new M().up(q);
    }
    await q.query(`INSERT INTO career_centres (id, name, region, time_zone, holidays) VALUES ('${centreId}', 'C', 'Almaty', 'Asia/Almaty', '[]')`);
    await migration.up(q);
    await q.afterMigration();
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  const insert = (dedupeKey: string | null, centre: string | null = centreId) =>
    q.query(
      `INSERT INTO mail_outbox (id, template, locale, to_address, to_name, subject, text_body, html_body, status, next_attempt_at, centre_id, created_at, dedupe_key)
       VALUES ('${crypto.randomUUID()}', 'candidateSignIn', 'ru', 'a@b.kz', NULL, 'S', 'T', '<p>T</p>', 'queued', 5, ${centre ? `'${centre}'` : 'NULL'}, 5, ${dedupeKey ? `'${dedupeKey}'` : 'NULL'})`,
    );

  it('creates the outbox with zero attempts by default and the claim and listing indexes', async () => {
    await insert('k1');
    const rows: Array<{ attempts: string | number; status: string; sent_at: unknown; last_error: unknown }> = await q.query(
      'SELECT attempts, status, sent_at, last_error FROM mail_outbox',
    );
    expect(rows.map((r) => [Number(r.attempts), r.status, r.sent_at, r.last_error])).toEqual([[0, 'queued', null, null]]);
    const indexes = (await q.getTable('mail_outbox'))?.indices.map((i) => [i.name, i.columnNames.join(',')]) ?? [];
    expect(indexes).toEqual(expect.arrayContaining([
      ['idx_mail_outbox_due', 'status,next_attempt_at'],
      ['idx_mail_outbox_centre', 'centre_id,created_at'],
    ]));
  });

  it('keeps dedupe keys unique but allows any number of mails without one', async () => {
    await expect(insert('k1')).rejects.toThrow();
    await insert(null);
    await insert(null);
    const rows: Array<{ n: string | number }> = await q.query('SELECT COUNT(*) AS n FROM mail_outbox');
    expect(Number(rows[0]?.n)).toBe(3);
  });

  it('refuses a mail for a centre that does not exist', async () => {
    await expect(insert(null, crypto.randomUUID())).rejects.toThrow();
  });

  it('down() drops the table', async () => {
    await migration.down(q);
    expect(await q.hasTable('mail_outbox')).toBe(false);
  });
});
