import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { Accounts1000000000001 } from './1000000000001-Accounts';
import { FairsAndPreApplications1000000000002 } from './1000000000002-FairsAndPreApplications';
import { SyncEngine1000000000003 } from './1000000000003-SyncEngine';

describe.each(databaseKindsUnderTest())('migration 1000000000003 SyncEngine on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new SyncEngine1000000000003();
  const centreId = crypto.randomUUID();
  const userId = crypto.randomUUID();
  const clientId = crypto.randomUUID();

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    await new Accounts1000000000001().up(q);
    await new FairsAndPreApplications1000000000002().up(q);
    // Rows written before the upgrade, at change version 7.
    await q.query('UPDATE server_meta SET version = 7 WHERE id = 1');
    await q.query(
      `INSERT INTO career_centres (id, name, region, time_zone, holidays) VALUES ('${centreId}', 'C', 'Almaty', 'Asia/Almaty', '[]')`,
    );
    await q.query(
      `INSERT INTO fairs (id, centre_id, title, region, city, starts_on, ends_on, description, created_at, updated_at)
       VALUES ('${crypto.randomUUID()}', '${centreId}', 'Fair', 'Almaty', 'Almaty', '2026-10-01', '2026-10-01', '', 1, 1)`,
    );
    await q.query(
      `INSERT INTO users (id, email, password_hash, display_name, role, centre_id, employer_id, active, locale, created_at)
       VALUES ('${userId}', 'm@c.kz', 'h', 'M', 'moderator', '${centreId}', NULL, true, 'ru', 1)`,
    );
    // As TypeORM's migration runner does: SQLite rebuilds a table to add a column, which needs FKs off meanwhile.
    await q.beforeMigration();
    await migration.up(q);
    await q.afterMigration();
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  it('gives existing rows the current change version and users scope epoch 0', async () => {
    const fairs: Array<{ version: string | number }> = await q.query('SELECT version FROM fairs');
    const centres: Array<{ version: string | number }> = await q.query('SELECT version FROM career_centres');
    expect([...fairs, ...centres].map((r) => Number(r.version))).toEqual([7, 7]);
    const users: Array<{ scope_epoch: string | number }> = await q.query('SELECT scope_epoch FROM users');
    expect(users.map((u) => Number(u.scope_epoch))).toEqual([0]);
  });

  it('adds version indexes and the decision columns', async () => {
    for (const table of ['career_centres', 'fairs', 'companies', 'pre_applications']) {
      const indexed = (await q.getTable(table))?.indices.map((i) => i.columnNames.join(',')) ?? [];
      expect(indexed, table).toContain('version');
    }
    const columns = (await q.getTable('pre_applications'))?.columns.map((c) => c.name) ?? [];
    expect(columns).toEqual(expect.arrayContaining(['decided_at', 'decided_by_name', 'version']));
  });

  it('keeps one bookkeeping row per client, tied to an existing user, and one result per mutation', async () => {
    const insertClient = (id: string, user: string) =>
      q.query(`INSERT INTO sync_clients (client_id, user_id, created_at, updated_at) VALUES ('${id}', '${user}', 1, 1)`);
    await insertClient(clientId, userId);
    await expect(insertClient(clientId, userId)).rejects.toThrow();
    await expect(insertClient(crypto.randomUUID(), crypto.randomUUID())).rejects.toThrow();
    const rows: Array<{ last_mutation_id: string | number }> = await q.query('SELECT last_mutation_id FROM sync_clients');
    expect(rows.map((r) => Number(r.last_mutation_id))).toEqual([0]);
    const insertResult = (client: string, id: number) =>
      q.query(
        `INSERT INTO mutation_results (client_id, mutation_id, code, message, record_id, decided_at)
         VALUES ('${client}', ${id}, 'forbidden', 'No.', NULL, 1)`,
      );
    await insertResult(clientId, 1);
    await expect(insertResult(clientId, 1)).rejects.toThrow();
    await expect(insertResult(crypto.randomUUID(), 2)).rejects.toThrow();
  });

  it('keeps one tombstone per (entity, id)', async () => {
    const id = crypto.randomUUID();
    const insert = () =>
      q.query(`INSERT INTO deleted_rows (entity, id, version, centre_id, employer_id) VALUES ('fair', '${id}', 9, '${centreId}', NULL)`);
    await insert();
    await expect(insert()).rejects.toThrow();
  });

  it('down() restores the previous schema', async () => {
    await q.beforeMigration();
    await migration.down(q);
    await q.afterMigration();
    for (const table of ['deleted_rows', 'sync_clients', 'mutation_results']) expect(await q.hasTable(table), table).toBe(false);
    expect((await q.getTable('fairs'))?.columns.map((c) => c.name)).not.toContain('version');
    expect((await q.getTable('users'))?.columns.map((c) => c.name)).not.toContain('scope_epoch');
  });
});
