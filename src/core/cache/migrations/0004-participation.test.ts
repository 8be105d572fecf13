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
import { CacheParticipation0004 } from './0004-participation';

describe('cache migration 0004 (participation and uploads)', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await emptyCacheDatabase();
    for (const migration of [CacheMetaAndSession0001, CacheScopeRecords0002, CacheOutboxAndRejections0003]) await applyMigration(db, migration);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const bookkeeping = (columns: Array<{ name: string; notNull: boolean }>) =>
    columns.filter((c) => ['version', 'optimistic', 'server_json', 'deleted'].includes(c.name)).map((c) => [c.name, c.notNull]);

  it('creates stands, vacancies, participations and uploads with their indexes and bookkeeping columns', async () => {
    await applyMigration(db, CacheParticipation0004);
    expect(await tableNames(db)).toEqual([
      'centres',
      'companies',
      'fairs',
      'meta',
      'outbox',
      'participations',
      'pre_applications',
      'rejections',
      'session',
      'stands',
      'uploads',
      'vacancies',
    ]);
    expect(await indexNames(db, 'participations')).toEqual(['idx_participations_created_at', 'idx_participations_stand_id', 'idx_participations_status']);
    expect(await indexNames(db, 'vacancies')).toEqual(['idx_vacancies_participation_id']);
    expect(await indexNames(db, 'uploads')).toEqual(['idx_uploads_state']);
    const deletable = [['version', true], ['optimistic', true], ['server_json', false], ['deleted', true]];
    expect(bookkeeping(await tableColumns(db, 'stands'))).toEqual(deletable);
    expect(bookkeeping(await tableColumns(db, 'vacancies'))).toEqual(deletable);
    expect(bookkeeping(await tableColumns(db, 'participations'))).toEqual(deletable.slice(0, 3));
    const participation = await tableColumns(db, 'participations');
    expect(participation.filter((c) => !c.notNull).map((c) => c.name)).toEqual([
      'stand_id',
      'rejection_reason',
      'decided_by',
      'decided_by_name',
      'decided_at',
      'sent_at',
      'server_json',
    ]);
    expect((await tableColumns(db, 'uploads')).map((c) => c.name)).toEqual([
      'id',
      'kind',
      'file_name',
      'mime',
      'size',
      'width',
      'height',
      'state',
      'error',
      'sha256',
      'created_at',
    ]);
  });

  it('refuses an upload row with an unknown kind or state', async () => {
    await applyMigration(db, CacheParticipation0004);
    const insert = (kind: string, state: string) =>
      db.query(`INSERT INTO uploads (id, kind, file_name, mime, size, state, sha256, created_at) VALUES (?, ?, 'a.png', 'image/png', 1, ?, 'x', 1)`, [
        `${kind}-${state}`,
        kind,
        state,
      ]);
    await insert('image', 'queued');
    await expect(insert('video', 'queued')).rejects.toThrow(/CHECK/);
    await expect(insert('image', 'lost')).rejects.toThrow(/CHECK/);
  });

  it('keeps the outbox and pre-applications, and drops the pull cookie so the next pull is a snapshot', async () => {
    await db.query(`INSERT INTO meta (key, value) VALUES ('pullCookie', '42'), ('clientId', 'c-1')`);
    await db.query(
      `INSERT INTO outbox (mutation_id, name, args_json, created_at, record_entity, record_id, record_label) VALUES (1, 'createFair', '{}', 5, 'fair', 'f', 'Fair')`,
    );
    await applyMigration(db, CacheParticipation0004);
    expect(await db.query(`SELECT key, value FROM meta ORDER BY key`)).toEqual([
      { key: 'clientId', value: 'c-1' },
      { key: 'lastMutationId', value: '0' },
      { key: 'nextMutationId', value: '1' },
      { key: 'resultsAfter', value: '0' },
    ]);
    expect(await db.query(`SELECT mutation_id, name FROM outbox`)).toEqual([{ mutation_id: 1, name: 'createFair' }]);
  });

  it('reverts to the 0003 schema', async () => {
    await applyMigration(db, CacheParticipation0004);
    await revertMigration(db, CacheParticipation0004);
    expect(await tableNames(db)).toEqual(['centres', 'companies', 'fairs', 'meta', 'outbox', 'pre_applications', 'rejections', 'session']);
  });
});
