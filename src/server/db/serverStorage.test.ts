import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger';
import { Candidate } from './entities';
import { openServerStorage, type ServerStorage } from './serverStorage';
import { aWhile, watch } from './testPromises';

/** Every fdatasync our code makes (better-sqlite3's own syncs are native and not seen here). */
const syncs = vi.hoisted(() => [] as Array<{ inode: number; done: boolean }>);
/** While set, every fdatasync waits for it before it starts (a disk that has not flushed yet). */
const gate = vi.hoisted(() => ({ held: null as Promise<void> | null, release: (): void => undefined }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  const fdatasync = (fd: number, callback: (err: NodeJS.ErrnoException | null) => void): void => {
    const call = { inode: actual.fstatSync(fd).ino, done: false };
    syncs.push(call);
    const run = (): void =>
      actual.fdatasync(fd, (err) => {
        call.done = true;
        callback(err);
      });
    if (gate.held) void gate.held.then(run);
    else run();
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
    gate.release(); // a failed test must not leave the syncs, and so close, waiting
    await storage?.close();
    storage = null;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    syncs.length = 0;
  });

  /** Holds every WAL sync until the returned function is called. */
  function holdSyncs(): () => void {
    gate.held = new Promise<void>((resolve) => {
      gate.release = () => {
        gate.held = null;
        resolve();
      };
    });
    return gate.release;
  }

  async function openFileStorage(): Promise<{ storage: ServerStorage; file: string }> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-storage-'));
    const file = path.join(dir, 'server.sqlite');
    storage = await openServerStorage({ kind: 'sqlite', file }, createLogger('silent'));
    return { storage, file };
  }

  it('a read outside transactions answers a committed row only once the WAL holding it is synced', async () => {
    const { storage: opened } = await openFileStorage();
    const candidate = newCandidate();
    const release = holdSyncs();
    const before = syncs.length;
    const write = opened.tx.job((manager) => manager.insert(Candidate, candidate));
    // Committed once its sync is asked for; that sync is held, so the row is not yet on disk.
    await vi.waitFor(() => expect(syncs.length).toBeGreaterThan(before));
    // The read-only connection sees the row: neither the write nor the read may answer yet.
    const read = opened.tx.reads.getRepository(Candidate).findOneBy({ id: candidate.id });
    const [writing, reading] = [watch(write), watch(read)];
    await aWhile();
    expect(writing.settled()).toBe(false);
    expect(reading.settled()).toBe(false);
    release();
    await write;
    expect((await read)?.email).toBe(candidate.email);
    expect(syncs.every((call) => call.done)).toBe(true);
    // Nothing committed since: a read goes straight through, no sync.
    const after = syncs.length;
    expect(await opened.tx.reads.getRepository(Candidate).count()).toBe(1);
    expect(syncs.length).toBe(after);
  });

  it('writes made outside tx (migrations, the seed) are synced by syncDirectWrites', async () => {
    const { storage: opened, file } = await openFileStorage();
    await opened.db.getRepository(Candidate).insert(newCandidate());
    const before = syncs.length;
    const release = holdSyncs();
    const synced = opened.syncDirectWrites();
    const syncing = watch(synced);
    await aWhile();
    expect(syncing.settled()).toBe(false);
    release();
    await synced;
    const mine = syncs.slice(before);
    expect(mine.map((call) => call.inode)).toContain(fs.statSync(`${file}-wal`).ino);
    expect(mine.every((call) => call.done)).toBe(true);
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
    await storage.syncDirectWrites();
    expect(syncs).toHaveLength(0);
    expect(storage.tx.reads).toBe(storage.db);
  });
});
