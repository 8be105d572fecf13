import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { Candidates1000000000008 } from './1000000000008-Candidates';
import { serverMigrations } from './index';

describe.each(databaseKindsUnderTest())('migration 1000000000008 Candidates on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new Candidates1000000000008();
  const ids = { candidate: crypto.randomUUID(), employer: crypto.randomUUID(), centre: crypto.randomUUID(), fair: crypto.randomUUID() };

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    // Everything this migration references comes from the earlier ones.
    for (const M of serverMigrations) {
      const earlier = new M();
      if (earlier.name === migration.name) break;
      await earlier.up(q);
    }
    await migration.up(q);
    await q.query(`INSERT INTO candidates (id, email, name, phone, locale, created_at, updated_at) VALUES ('${ids.candidate}', 'a@b.kz', '', '', 'ru', 1, 1)`);
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  it('creates the five tables with their columns', async () => {
    const columns = async (name: string): Promise<string[]> => (await q.getTable(name))?.columns.map((c) => c.name) ?? [];
    expect(await columns('candidates')).toEqual(['id', 'email', 'name', 'phone', 'locale', 'created_at', 'updated_at']);
    expect(await columns('candidate_login_links')).toEqual(['id', 'token_hash', 'email', 'locale', 'return_to', 'created_at', 'expires_at', 'used_at']);
    expect(await columns('candidate_sessions')).toEqual(['id', 'token_hash', 'candidate_id', 'created_at', 'expires_at', 'revoked_at']);
    expect(await columns('vacancy_responses')).toContain('vacancy_title');
    expect(await columns('employer_interests')).toEqual(['id', 'candidate_id', 'participation_id', 'fair_id', 'employer_id', 'created_at', 'version']);
  });

  it('keeps one account per e-mail and one row per token hash', async () => {
    await expect(
      q.query(`INSERT INTO candidates (id, email, name, phone, locale, created_at, updated_at) VALUES ('${crypto.randomUUID()}', 'a@b.kz', '', '', 'en', 1, 1)`),
    ).rejects.toThrow();
    const link = (hash: string) =>
      q.query(`INSERT INTO candidate_login_links (id, token_hash, email, locale, return_to, created_at, expires_at, used_at) VALUES ('${crypto.randomUUID()}', '${hash}', 'a@b.kz', 'ru', NULL, 1, 2, NULL)`);
    await link('h'.repeat(43));
    await expect(link('h'.repeat(43))).rejects.toThrow();
  });

  it('ties sessions to existing candidates and drops them with the candidate', async () => {
    const session = (candidate: string, hash: string) =>
      q.query(`INSERT INTO candidate_sessions (id, token_hash, candidate_id, created_at, expires_at, revoked_at) VALUES ('${crypto.randomUUID()}', '${hash}', '${candidate}', 1, 2, NULL)`);
    await expect(session(crypto.randomUUID(), 's'.repeat(43))).rejects.toThrow();
    const other = crypto.randomUUID();
    await q.query(`INSERT INTO candidates (id, email, name, phone, locale, created_at, updated_at) VALUES ('${other}', 'c@d.kz', '', '', 'kk', 1, 1)`);
    await session(other, 't'.repeat(43));
    if (kind === 'sqlite') await q.query('PRAGMA foreign_keys = ON');
    await q.query(`DELETE FROM candidates WHERE id = '${other}'`);
    const rows: Array<{ n: string | number }> = await q.query(`SELECT COUNT(*) AS n FROM candidate_sessions WHERE candidate_id = '${other}'`);
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('refuses a response or interest pointing at a participation that does not exist', async () => {
    await expect(
      q.query(
        `INSERT INTO employer_interests (id, candidate_id, participation_id, fair_id, employer_id, created_at, version) VALUES ('${crypto.randomUUID()}', '${ids.candidate}', '${crypto.randomUUID()}', '${ids.fair}', '${ids.employer}', 1, 0)`,
      ),
    ).rejects.toThrow();
  });

  it('down() drops every table it created', async () => {
    await migration.down(q);
    for (const table of ['candidates', 'candidate_login_links', 'candidate_sessions', 'vacancy_responses', 'employer_interests']) {
      expect(await q.hasTable(table)).toBe(false);
    }
  });
});
