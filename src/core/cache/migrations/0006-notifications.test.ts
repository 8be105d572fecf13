import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigration, emptyCacheDatabase, indexNames, revertMigration, tableColumns, tableNames } from '../../testing/migrationHarness';
import { cacheMigrations } from './index';
import { CacheNotifications0006 } from './0006-notifications';

describe('cache migration 0006 (notifications)', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await emptyCacheDatabase();
    for (const migration of cacheMigrations) {
      if (migration === CacheNotifications0006) break;
      await applyMigration(db, migration);
    }
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('creates the notifications table: one row per kind, record and state', async () => {
    await applyMigration(db, CacheNotifications0006);
    expect(await tableNames(db)).toContain('notifications');
    expect((await tableColumns(db, 'notifications')).map((c) => [c.name, c.notNull])).toEqual([
      ['id', true], ['kind', true], ['record_id', false], ['params_json', true], ['dedupe_key', true], ['created_at', true], ['read_at', false],
    ]);
    expect(await indexNames(db, 'notifications')).toEqual(['idx_notifications_created_at', 'uq_notifications_dedupe_key']);
    const insert = (id: string): Promise<unknown> =>
      db.query(`INSERT INTO notifications (id, kind, record_id, params_json, dedupe_key, created_at, read_at) VALUES (?, 'newResponses', NULL, '{}', 'k1', 1, NULL)`, [id]);
    await insert('a');
    await expect(insert('b')).rejects.toThrow(/UNIQUE/);
  });

  it('reverts cleanly', async () => {
    await applyMigration(db, CacheNotifications0006);
    await revertMigration(db, CacheNotifications0006);
    expect(await tableNames(db)).not.toContain('notifications');
  });
});
