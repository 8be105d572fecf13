import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { Accounts1000000000001 } from './1000000000001-Accounts';

describe.each(databaseKindsUnderTest())('migration 1000000000001 Accounts on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new Accounts1000000000001();

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    await migration.up(q);
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  it('creates the tenant, account and session tables', async () => {
    for (const table of ['career_centres', 'employers', 'companies', 'users', 'sessions', 'server_meta']) {
      expect(await q.hasTable(table), table).toBe(true);
    }
    const users = await q.getTable('users');
    expect(users?.columns.map((c) => c.name).sort()).toEqual(
      ['active', 'centre_id', 'created_at', 'display_name', 'email', 'employer_id', 'id', 'locale', 'password_hash', 'role'].sort(),
    );
  });

  it('starts the change version at 0', async () => {
    const rows: Array<{ version: string | number }> = await q.query('SELECT version FROM server_meta WHERE id = 1');
    expect(rows.map((r) => Number(r.version))).toEqual([0]);
  });

  it('keeps e-mails and token hashes unique and sessions tied to existing users', async () => {
    const userId = crypto.randomUUID();
    const insertUser = (id: string) =>
      q.query(
        `INSERT INTO users (id, email, password_hash, display_name, role, centre_id, employer_id, active, locale, created_at)
         VALUES ('${id}', 'a@b.kz', 'h', 'A', 'moderator', NULL, NULL, true, 'ru', 1)`,
      );
    await insertUser(userId);
    await expect(insertUser(crypto.randomUUID())).rejects.toThrow();
    const insertSession = (id: string, user: string, hash: string) =>
      q.query(
        `INSERT INTO sessions (id, token_hash, user_id, client_name, created_at, expires_at, last_seen_at, revoked_at)
         VALUES ('${id}', '${hash}', '${user}', 'test', 1, 2, 1, NULL)`,
      );
    await insertSession(crypto.randomUUID(), userId, 'h1');
    await expect(insertSession(crypto.randomUUID(), userId, 'h1')).rejects.toThrow();
    await expect(insertSession(crypto.randomUUID(), crypto.randomUUID(), 'h2')).rejects.toThrow();
  });

  it('stores epoch milliseconds beyond 32 bits', async () => {
    const id = crypto.randomUUID();
    await q.query(`INSERT INTO employers (id, name, created_at) VALUES ('${id}', 'E', 1795379180084)`);
    const rows: Array<{ created_at: string | number }> = await q.query(`SELECT created_at FROM employers WHERE id = '${id}'`);
    expect(Number(rows[0]?.created_at)).toBe(1795379180084);
  });

  it('down() removes everything it created', async () => {
    await migration.down(q);
    for (const table of ['career_centres', 'employers', 'companies', 'users', 'sessions', 'server_meta']) {
      expect(await q.hasTable(table), table).toBe(false);
    }
  });
});
