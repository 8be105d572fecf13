import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigration,
  emptyCacheDatabase,
  revertMigration,
  tableColumns,
  tableNames,
} from '../../testing/migrationHarness';
import { CacheMetaAndSession0001 } from './0001-meta-and-session';

describe('cache migration 0001 (meta and session)', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await emptyCacheDatabase();
    await applyMigration(db, CacheMetaAndSession0001);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('creates the meta key/value table and the one-row session table', async () => {
    expect(await tableNames(db)).toEqual(['meta', 'session']);
    expect(await tableColumns(db, 'meta')).toEqual([
      { name: 'key', type: 'text', notNull: true, primaryKey: true },
      { name: 'value', type: 'text', notNull: true, primaryKey: false },
    ]);
    expect((await tableColumns(db, 'session')).map((c) => [c.name, c.type, c.notNull])).toEqual([
      ['id', 'integer', true],
      ['user_json', 'text', true],
      ['server_url', 'text', true],
      ['expires_at', 'integer', true],
      ['signed_in_at', 'integer', true],
    ]);
  });

  it('has no column for the bearer token (it belongs in the SecretStore)', async () => {
    const names = (await tableColumns(db, 'session')).map((c) => c.name);
    expect(names.some((n) => n.includes('token'))).toBe(false);
  });

  it('allows only one session row', async () => {
    const insert = `INSERT INTO session (id, user_json, server_url, expires_at, signed_in_at) VALUES (?, '{}', 'http://x', 1, 1)`;
    await db.query(insert, [1]);
    await expect(db.query(insert, [2])).rejects.toThrow(/CHECK constraint failed/);
  });

  it('reverts cleanly', async () => {
    await revertMigration(db, CacheMetaAndSession0001);
    expect(await tableNames(db)).toEqual([]);
  });
});
