import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigration,
  emptyCacheDatabase,
  indexNames,
  revertMigration,
  tableColumns,
  tableNames,
} from '../../testing/migrationHarness';
import { CacheMetaAndSession0001 } from './0001-meta-and-session';
import { CacheScopeRecords0002 } from './0002-scope-records';

describe('cache migration 0002 (scope records)', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await emptyCacheDatabase();
    await applyMigration(db, CacheMetaAndSession0001);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('creates the four scope tables with their indexes', async () => {
    await applyMigration(db, CacheScopeRecords0002);
    expect(await tableNames(db)).toEqual(['centres', 'companies', 'fairs', 'meta', 'pre_applications', 'session']);
    expect(await indexNames(db, 'fairs')).toEqual(['idx_fairs_starts_on']);
    expect(await indexNames(db, 'pre_applications')).toEqual([
      'idx_pre_applications_created_at',
      'idx_pre_applications_status',
    ]);
    const preApplication = await tableColumns(db, 'pre_applications');
    expect(preApplication).toHaveLength(27);
    const nullable = preApplication.filter((c) => !c.notNull).map((c) => c.name);
    expect(nullable).toEqual(['fair_id', 'fair_title', 'desired_from', 'desired_to', 'rejection_reason', 'decided_by']);
    expect((await tableColumns(db, 'centres')).map((c) => c.name)).toEqual([
      'id',
      'name',
      'region',
      'time_zone',
      'holidays_json',
    ]);
  });

  it('keeps what 0001 stored (client id, session)', async () => {
    await db.query(`INSERT INTO meta (key, value) VALUES ('clientId', 'c-1')`);
    await db.query(
      `INSERT INTO session (id, user_json, server_url, expires_at, signed_in_at) VALUES (1, '{"id":"u"}', 'http://s', 5, 4)`,
    );
    await applyMigration(db, CacheScopeRecords0002);
    expect(await db.query(`SELECT key, value FROM meta`)).toEqual([{ key: 'clientId', value: 'c-1' }]);
    expect(await db.query(`SELECT user_json, server_url, expires_at FROM session`)).toEqual([
      { user_json: '{"id":"u"}', server_url: 'http://s', expires_at: 5 },
    ]);
  });

  it('has no foreign keys between scope tables (a partial scope must never wedge sync)', async () => {
    await applyMigration(db, CacheScopeRecords0002);
    for (const table of ['centres', 'fairs', 'companies', 'pre_applications']) {
      expect(await db.query(`PRAGMA foreign_key_list("${table}")`)).toEqual([]);
    }
  });

  it('reverts to the 0001 schema', async () => {
    await applyMigration(db, CacheScopeRecords0002);
    await revertMigration(db, CacheScopeRecords0002);
    expect(await tableNames(db)).toEqual(['meta', 'session']);
  });
});
