import fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempSqliteFile, type TestDatabase } from './testDatabases';

/**
 * The server's own connection keeps SQLite's automatic checkpoint: the backstop that bounds the
 * WAL should BackgroundCheckpoints' worker stop or fall behind (that worker is tested on its own).
 */
describe('server SQLite file', () => {
  let temp: TestDatabase & { file: string };
  let file: string;
  let db: DataSource;

  beforeEach(async () => {
    temp = await openTempSqliteFile();
    ({ db, file } = temp);
    await db.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  });
  afterEach(() => temp.dispose());

  it('runs in WAL mode with automatic checkpoints on', async () => {
    const [mode] = (await db.query('PRAGMA journal_mode')) as Array<{ journal_mode: string }>;
    const [setting] = (await db.query('PRAGMA wal_autocheckpoint')) as Array<{ wal_autocheckpoint: number }>;
    expect(mode?.journal_mode).toBe('wal');
    expect(setting?.wal_autocheckpoint).toBeGreaterThan(0);
  });

  it('keeps the WAL bounded: commits well past the checkpoint threshold reuse it instead of growing it', async () => {
    const [pageSize] = (await db.query('PRAGMA page_size')) as Array<{ page_size: number }>;
    const [setting] = (await db.query('PRAGMA wal_autocheckpoint')) as Array<{ wal_autocheckpoint: number }>;
    const threshold = (pageSize?.page_size ?? 4096) * (setting?.wal_autocheckpoint ?? 1000);
    // Each commit writes at least two pages (an overflowing row), so this is ~3× the threshold.
    const body = 'x'.repeat(6000);
    let written = 0;
    for (let i = 0; i < 1500; i += 1) {
      await db.query('INSERT INTO filler (body) VALUES (?)', [body]);
      written += body.length;
    }
    expect(written).toBeGreaterThan(2 * threshold);
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(1.5 * threshold);
    const [count] = (await db.query('SELECT COUNT(*) AS n FROM filler')) as Array<{ n: number }>;
    expect(count?.n).toBe(1500);
  });
});
