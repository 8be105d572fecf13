import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServerDatabase } from './dataSource';
import { WalCheckpointer } from './walCheckpointer';

/**
 * The server's SQLite file: its own connection never checkpoints (that would stall the event loop),
 * the WalCheckpointer's connection does. A WAL that was fully checkpointed is rewritten from its
 * start by the next commit, so its file stops growing; one that was not keeps growing.
 */
describe('WalCheckpointer', () => {
  let dir: string;
  let file: string;
  let db: DataSource;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-wal-'));
    file = path.join(dir, 'server.sqlite');
    db = await openServerDatabase({ kind: 'sqlite', file });
    await db.query('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  });
  afterEach(async () => {
    if (db.isInitialized) await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** 200 commits of ~4 KB each: well past SQLite's default auto-checkpoint of 1,000 pages. */
  async function writeBatch(): Promise<void> {
    for (let i = 0; i < 200; i += 1) await db.query('INSERT INTO filler (body) VALUES (?)', ['x'.repeat(4000)]);
  }
  const walBytes = (): number => fs.statSync(`${file}-wal`).size;

  it('the server connection leaves checkpoints to it: the WAL keeps growing on its own', async () => {
    const [setting] = (await db.query('PRAGMA wal_autocheckpoint')) as Array<{ wal_autocheckpoint: number }>;
    expect(setting?.wal_autocheckpoint).toBe(0);
    await writeBatch();
    const first = walBytes();
    await writeBatch();
    expect(walBytes()).toBeGreaterThan(first * 1.8);
  });

  it('a checkpoint moves the WAL into the database file, so the next commits reuse the WAL', async () => {
    const checkpointer = await WalCheckpointer.open(file, { intervalMs: 60_000 });
    try {
      await writeBatch();
      const first = walBytes();
      const before = fs.statSync(file).size;
      await checkpointer.checkpoint();
      expect(checkpointer.failures).toBe(0);
      expect(fs.statSync(file).size).toBeGreaterThan(before + 200 * 4000);
      await writeBatch();
      expect(walBytes()).toBeLessThanOrEqual(first * 1.05);
    } finally {
      await checkpointer.stop();
    }
    // Everything committed is readable, whichever file it now lives in.
    const [count] = (await db.query('SELECT COUNT(*) AS n FROM filler')) as Array<{ n: number }>;
    expect(count?.n).toBe(400);
  });

  it('stop is idempotent and a checkpoint after stop does nothing', async () => {
    const checkpointer = await WalCheckpointer.open(file);
    await checkpointer.stop();
    await checkpointer.stop();
    await checkpointer.checkpoint();
    expect(checkpointer.failures).toBe(0);
  });

  it('refuses to open a file that does not exist', async () => {
    await expect(WalCheckpointer.open(path.join(dir, 'missing.sqlite'))).rejects.toThrow(/unable to open/i);
  });
});
