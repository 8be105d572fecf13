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
import { CacheOutboxAndRejections0003 } from './0003-outbox-and-rejections';

describe('cache migration 0003 (outbox and rejections)', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await emptyCacheDatabase();
    await applyMigration(db, CacheMetaAndSession0001);
    await applyMigration(db, CacheScopeRecords0002);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('creates the outbox and rejections tables with their indexes', async () => {
    await applyMigration(db, CacheOutboxAndRejections0003);
    expect(await tableNames(db)).toEqual(['centres', 'companies', 'fairs', 'meta', 'outbox', 'pre_applications', 'rejections', 'session']);
    expect((await tableColumns(db, 'outbox')).map((c) => [c.name, c.type, c.notNull, c.primaryKey])).toEqual([
      ['mutation_id', 'integer', true, true],
      ['name', 'text', true, false],
      ['args_json', 'text', true, false],
      ['created_at', 'integer', true, false],
      ['record_entity', 'text', true, false],
      ['record_id', 'text', true, false],
      ['record_label', 'text', true, false],
    ]);
    expect((await tableColumns(db, 'rejections')).map((c) => [c.name, c.notNull])).toEqual([
      ['mutation_id', true],
      ['mutation_name', true],
      ['code', true],
      ['message', true],
      ['record_id', false],
      ['record_label', true],
      ['decided_at', true],
      ['dismissed_at', false],
    ]);
    expect(await indexNames(db, 'outbox')).toEqual(['idx_outbox_record']);
    expect(await indexNames(db, 'rejections')).toEqual(['idx_rejections_record']);
  });

  it('adds version and rollback bookkeeping to fairs and pre-applications, keeping their rows', async () => {
    await db.query(
      `INSERT INTO fairs (id, centre_id, title, region, city, starts_on, ends_on, description, updated_at)
       VALUES ('f1', 'c1', 'Spring', 'Almaty', 'Almaty', '2030-04-10', '2030-04-10', '', 1)`,
    );
    await applyMigration(db, CacheOutboxAndRejections0003);
    const fairColumns = (await tableColumns(db, 'fairs')).map((c) => c.name);
    expect(fairColumns.slice(-3)).toEqual(['version', 'optimistic', 'server_json']);
    const applicationColumns = (await tableColumns(db, 'pre_applications')).map((c) => c.name);
    expect(applicationColumns.slice(-5)).toEqual(['version', 'optimistic', 'server_json', 'decided_by_name', 'decided_at']);
    expect(await db.query(`SELECT id, title, version, optimistic, server_json FROM fairs`)).toEqual([
      { id: 'f1', title: 'Spring', version: 0, optimistic: 0, server_json: null },
    ]);
  });

  it('starts the mutation counter at 1, keeps the client id, and forgets the pull cookie (rows lack versions)', async () => {
    await db.query(`INSERT INTO meta (key, value) VALUES ('clientId', 'c-1'), ('pullCookie', '42')`);
    await applyMigration(db, CacheOutboxAndRejections0003);
    expect(await db.query(`SELECT key, value FROM meta ORDER BY key`)).toEqual([
      { key: 'clientId', value: 'c-1' },
      { key: 'lastMutationId', value: '0' },
      { key: 'nextMutationId', value: '1' },
      { key: 'resultsAfter', value: '0' },
    ]);
  });

  it('refuses a mutation id of 0 or a duplicate one', async () => {
    await applyMigration(db, CacheOutboxAndRejections0003);
    const insert = `INSERT INTO outbox (mutation_id, name, args_json, created_at, record_entity, record_id, record_label) VALUES (?, 'n', '{}', 1, 'fair', 'f', 'l')`;
    await expect(db.query(insert, [0])).rejects.toThrow(/CHECK constraint failed/);
    await db.query(insert, [1]);
    await expect(db.query(insert, [1])).rejects.toThrow(/UNIQUE constraint failed/);
  });

  it('reverts to the 0002 schema', async () => {
    await applyMigration(db, CacheOutboxAndRejections0003);
    await revertMigration(db, CacheOutboxAndRejections0003);
    expect(await tableNames(db)).toEqual(['centres', 'companies', 'fairs', 'meta', 'pre_applications', 'session']);
    expect(await tableColumns(db, 'fairs')).toHaveLength(9);
    expect(await tableColumns(db, 'pre_applications')).toHaveLength(27);
  });
});
