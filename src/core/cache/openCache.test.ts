import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheEntities } from './entities';
import { cacheMigrations } from './migrations';
import { CACHE_FILE_NAME, IN_MEMORY, openCacheDataSource } from './openCache';
import { tableColumns } from '../testing/migrationHarness';

describe('openCacheDataSource', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs every migration once, in order, and records it', async () => {
    const db = await openCacheDataSource(IN_MEMORY);
    const ran: Array<{ name: string }> = await db.query(`SELECT name FROM typeorm_migrations ORDER BY id`);
    expect(ran.map((r) => r.name)).toEqual(cacheMigrations.map((m) => new m().name));
    await db.destroy();
  });

  it('maps every entity column onto the migrated schema (entities and migrations cannot drift)', async () => {
    const db = await openCacheDataSource(IN_MEMORY);
    for (const entity of cacheEntities) {
      const metadata = db.getMetadata(entity);
      const actual = await tableColumns(db, metadata.tableName);
      const expected = metadata.columns.map((c) => ({
        name: c.databaseName,
        notNull: !c.isNullable,
        primaryKey: c.isPrimary,
      }));
      expect(actual.map(({ name, notNull, primaryKey }) => ({ name, notNull, primaryKey }))).toEqual(
        expect.arrayContaining(expected),
      );
      expect(actual).toHaveLength(expected.length);
    }
    await db.destroy();
  });

  it('creates a WAL-mode file in the data directory and reopens it without re-running migrations', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-cache-'));
    dirs.push(dir);
    const dataDir = path.join(dir, 'nested', 'data');
    const first = await openCacheDataSource(dataDir);
    expect(await first.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await first.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    await first.query(`INSERT INTO meta (key, value) VALUES ('clientId', 'kept')`);
    await first.destroy();
    expect(fs.existsSync(path.join(dataDir, CACHE_FILE_NAME))).toBe(true);

    const second = await openCacheDataSource(dataDir);
    expect(await second.query(`SELECT count(*) AS n FROM typeorm_migrations`)).toEqual([{ n: cacheMigrations.length }]);
    expect(await second.query(`SELECT value FROM meta WHERE key = 'clientId'`)).toEqual([{ value: 'kept' }]);
    await second.destroy();
  });
});
