import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger';
import { Candidate } from './entities';
import { openServerStorage, type ServerStorage } from './serverStorage';

/** Every fdatasync our code makes (better-sqlite3's own syncs are native and not seen here). */
const syncs = vi.hoisted(() => [] as Array<{ inode: number; done: boolean }>);

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  const fdatasync = (fd: number, callback: (err: NodeJS.ErrnoException | null) => void): void => {
    const call = { inode: actual.fstatSync(fd).ino, done: false };
    syncs.push(call);
    actual.fdatasync(fd, (err) => {
      call.done = true;
      callback(err);
    });
  };
  return { ...actual, fdatasync, default: { ...actual, fdatasync } };
});

const NOW = Date.UTC(2026, 10, 24, 9);
const newCandidate = (): Candidate =>
  Object.assign(new Candidate(), { id: crypto.randomUUID(), email: `${crypto.randomUUID()}@candidate.kz`, name: 'Storage Test', phone: '+7 700 000 00 00', locale: 'en', createdAt: NOW, updatedAt: NOW });

describe('openServerStorage: the database the server runs on', () => {
  let storage: ServerStorage | null = null;
  let dir: string | null = null;
  afterEach(async () => {
    await storage?.close();
    storage = null;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    syncs.length = 0;
  });

  it('on a SQLite file: a commit is answered only after its WAL was synced, reads outside transactions use their own connection, close closes both', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-storage-'));
    const file = path.join(dir, 'server.sqlite');
    storage = await openServerStorage({ kind: 'sqlite', file }, createLogger('silent'));
    const { db, tx } = storage;

    const before = syncs.length;
    await tx.job((manager) => manager.insert(Candidate, newCandidate()));
    const mine = syncs.slice(before);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.every((call) => call.done)).toBe(true);
    expect(mine.map((call) => call.inode)).toContain(fs.statSync(`${file}-wal`).ino);

    expect(tx.reads).not.toBe(db);
    expect(await tx.reads.getRepository(Candidate).count()).toBe(1);

    const reads = tx.reads;
    await storage.close();
    storage = null;
    expect(db.isInitialized).toBe(false);
    expect(reads.isInitialized).toBe(false);
  });

  it('in memory: no WAL to sync and no second connection', async () => {
    storage = await openServerStorage({ kind: 'sqlite', file: ':memory:' }, createLogger('silent'));
    await storage.tx.job((manager) => manager.insert(Candidate, newCandidate()));
    expect(syncs).toHaveLength(0);
    expect(storage.tx.reads).toBe(storage.db);
  });
});
