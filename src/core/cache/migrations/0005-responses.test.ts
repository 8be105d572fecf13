import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigration, emptyCacheDatabase, indexNames, revertMigration, tableColumns, tableNames } from '../../testing/migrationHarness';
import { CacheMetaAndSession0001 } from './0001-meta-and-session';
import { CacheScopeRecords0002 } from './0002-scope-records';
import { CacheOutboxAndRejections0003 } from './0003-outbox-and-rejections';
import { CacheParticipation0004 } from './0004-participation';
import { CacheResponses0005 } from './0005-responses';

describe('cache migration 0005 (responses and interests)', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await emptyCacheDatabase();
    for (const migration of [CacheMetaAndSession0001, CacheScopeRecords0002, CacheOutboxAndRejections0003, CacheParticipation0004]) {
      await applyMigration(db, migration);
    }
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('creates responses and interests with their indexes, all columns required, no optimistic bookkeeping', async () => {
    await applyMigration(db, CacheResponses0005);
    expect(await tableNames(db)).toEqual(expect.arrayContaining(['responses', 'interests']));
    expect(await indexNames(db, 'responses')).toEqual([
      'idx_responses_created_at',
      'idx_responses_fair_id',
      'idx_responses_participation_id',
      'idx_responses_vacancy_id',
    ]);
    expect(await indexNames(db, 'interests')).toEqual(['idx_interests_created_at', 'idx_interests_fair_id', 'idx_interests_participation_id']);
    const responses = await tableColumns(db, 'responses');
    expect(responses.map((c) => c.name)).toEqual([
      'id', 'employer_id', 'participation_id', 'fair_id', 'vacancy_id', 'vacancy_title', 'company_name', 'candidate_id', 'candidate_name',
      'candidate_email', 'candidate_phone', 'resume_upload_id', 'resume_file_name', 'wants_video_interview', 'cover_note', 'created_at', 'version',
    ]);
    expect(responses.every((c) => c.notNull)).toBe(true);
    const interests = await tableColumns(db, 'interests');
    expect(interests.map((c) => c.name)).toEqual([
      'id', 'employer_id', 'participation_id', 'fair_id', 'candidate_id', 'candidate_name', 'candidate_email', 'candidate_phone', 'created_at', 'version',
    ]);
    expect(interests.every((c) => c.notNull)).toBe(true);
  });

  it('keeps the outbox, participation data and uploads, and drops the pull cookie so the next pull is a snapshot', async () => {
    await db.query(`INSERT INTO meta (key, value) VALUES ('pullCookie', '42.0'), ('clientId', 'c-1')`);
    await db.query(
      `INSERT INTO outbox (mutation_id, name, args_json, created_at, record_entity, record_id, record_label) VALUES (1, 'saveStand', '{}', 5, 'stand', 's', 'Stand')`,
    );
    await db.query(`INSERT INTO uploads (id, kind, file_name, mime, size, state, sha256, created_at) VALUES ('u', 'resume', 'cv.pdf', 'application/pdf', 1, 'uploaded', 'x', 1)`);
    await applyMigration(db, CacheResponses0005);
    expect((await db.query(`SELECT key FROM meta ORDER BY key`)) as Array<{ key: string }>).not.toContainEqual({ key: 'pullCookie' });
    expect(await db.query(`SELECT value FROM meta WHERE key = 'clientId'`)).toEqual([{ value: 'c-1' }]);
    expect(await db.query(`SELECT mutation_id, name FROM outbox`)).toEqual([{ mutation_id: 1, name: 'saveStand' }]);
    expect(await db.query(`SELECT id FROM uploads`)).toEqual([{ id: 'u' }]);
  });

  it('reverts to the 0004 schema', async () => {
    const before = await tableNames(db);
    await applyMigration(db, CacheResponses0005);
    await revertMigration(db, CacheResponses0005);
    expect(await tableNames(db)).toEqual(before);
  });
});
