import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { BackgroundCheckpoints } from './backgroundCheckpoints';
import { openTempSqliteFile, type TestDatabase } from './testDatabases';

/** SQLite's default automatic checkpoint threshold, in pages: the WAL size these tests measure against. */
const DEFAULT_THRESHOLD_PAGES = 1000;

describe('BackgroundCheckpoints', () => {
  const logger = createLogger('silent');
  let temp: TestDatabase & { file: string };
  let file: string;
  let db: DataSource;
  let threshold: number;

  beforeEach(async () => {
    temp = await openTempSqliteFile();
    ({ db, file } = temp);
    await db.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    // Only the worker may checkpoint here: the server connection's own checkpoints are switched off.
    await db.query('PRAGMA wal_autocheckpoint = 0');
    const [pageSize] = (await db.query('PRAGMA page_size')) as Array<{ page_size: number }>;
    threshold = (pageSize?.page_size ?? 4096) * DEFAULT_THRESHOLD_PAGES;
  });
  afterEach(() => temp.dispose());

  /** ~3× the threshold in bursts of commits with pauses between them, as a server's traffic comes. */
  async function writeBursts(): Promise<number> {
    const body = 'x'.repeat(6000);
    let written = 0;
    for (let burst = 0; burst < 30; burst += 1) {
      for (let i = 0; i < 50; i += 1) {
        await db.query('INSERT INTO filler (body) VALUES (?)', [body]);
        written += body.length;
      }
      await sleep(25);
    }
    return written;
  }

  it('copies the WAL into the database file from its own thread, so the WAL is reused instead of growing', async () => {
    let frames = 0;
    const checkpoints = await BackgroundCheckpoints.start(file, logger, { intervalMs: 10, onCheckpoint: (n) => (frames += n) });
    try {
      const written = await writeBursts();
      expect(written).toBeGreaterThan(2 * threshold);
      expect(frames).toBeGreaterThan(0);
      expect(fs.statSync(`${file}-wal`).size).toBeLessThan(1.5 * threshold);
    } finally {
      await checkpoints.stop();
    }
    const [count] = (await db.query('SELECT COUNT(*) AS n FROM filler')) as Array<{ n: number }>;
    expect(count?.n).toBe(1500);
  });

  it('is what keeps the WAL small in that test: without the worker the same writes grow it past the threshold', async () => {
    await writeBursts();
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(2 * threshold);
  });

  it('leaves the server connection working after stop, and stop may be called again', async () => {
    const checkpoints = await BackgroundCheckpoints.start(file, logger, { intervalMs: 10 });
    await checkpoints.stop();
    await checkpoints.stop();
    await db.query('INSERT INTO filler (body) VALUES (?)', ['after']);
    const [count] = (await db.query('SELECT COUNT(*) AS n FROM filler')) as Array<{ n: number }>;
    expect(count?.n).toBe(1);
  });

  it('refuses to start on a file that does not exist, saying which, and creates nothing', async () => {
    const missing = path.join(path.dirname(file), 'missing.sqlite');
    await expect(BackgroundCheckpoints.start(missing, logger)).rejects.toThrow(/could not open .*missing\.sqlite/);
    expect(fs.existsSync(missing)).toBe(false);
  });
});
