import crypto from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Candidate } from './entities';
import { openTempSqliteFile, type TestDatabase } from './testDatabases';
import { aWhile, watch } from './testPromises';
import { TransactionRunner } from './transactions';
import { moveWalSyncsOffTheLoop, WalFlusher } from './walFlusher';

const fdatasync = promisify(fs.fdatasync);
const NOW = Date.UTC(2026, 10, 23, 9);

const newCandidate = (): Candidate =>
  Object.assign(new Candidate(), { id: crypto.randomUUID(), email: `${crypto.randomUUID()}@candidate.kz`, name: 'Flush Test', phone: '+7 700 000 00 00', locale: 'en', createdAt: NOW, updatedAt: NOW });

/** A sync the test lets finish (with the real fdatasync) or fail, one call at a time. */
interface HeldSync {
  fd: number;
  release(): void;
  fail(error: Error): void;
}

function heldSyncs(): { sync: (fd: number) => Promise<void>; calls: HeldSync[]; call(n: number): Promise<HeldSync> } {
  const calls: HeldSync[] = [];
  const sync = (fd: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      calls.push({ fd, release: () => void fdatasync(fd).then(resolve, reject), fail: reject });
    });
  const call = async (n: number): Promise<HeldSync> => {
    await vi.waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(n));
    const held = calls[n - 1];
    if (!held) throw new Error(`no sync call ${n}`);
    return held;
  };
  return { sync, calls, call };
}

const candidateCount = (tx: TransactionRunner): Promise<number> => tx.db.getRepository(Candidate).count();

describe('WalFlusher: SQLite commits answered only once the WAL is on disk, synced off the event loop', () => {
  let database: TestDatabase & { file: string };
  let flusher: WalFlusher;
  let tx: TransactionRunner;
  let syncs: ReturnType<typeof heldSyncs>;

  beforeEach(async () => {
    database = await openTempSqliteFile();
    syncs = heldSyncs();
    flusher = new WalFlusher(database.file, syncs.sync);
    tx = new TransactionRunner(database.db, () => NOW, undefined, flusher);
  });
  afterEach(async () => {
    syncs.calls.forEach((held) => held.release());
    await flusher.close();
    await database.dispose();
  });

  it('answers a commit after a sync of the WAL file that began after it, not before', async () => {
    const job = watch(tx.job((manager) => manager.insert(Candidate, newCandidate())));
    const first = await syncs.call(1);
    expect(fs.fstatSync(first.fd).ino).toBe(fs.statSync(`${database.file}-wal`).ino);
    // Committed (the server's connection sees it) but not answered while the sync is held.
    expect(await candidateCount(tx)).toBe(1);
    await aWhile();
    expect(job.settled()).toBe(false);
    first.release();
    await job.done;
    expect(syncs.calls).toHaveLength(1);
  });

  it('lets the next transactions commit during a sync, and answers all of them with one more sync', async () => {
    const first = watch(tx.job((manager) => manager.insert(Candidate, newCandidate())));
    const sync1 = await syncs.call(1);
    const more = Array.from({ length: 9 }, () => watch(tx.job((manager) => manager.insert(Candidate, newCandidate()))));
    await vi.waitFor(async () => expect(await candidateCount(tx)).toBe(10));
    await aWhile();
    expect([first, ...more].some((job) => job.settled())).toBe(false);

    sync1.release();
    await first.done;
    // Sync 1 may have begun before the other nine commits: they wait for the next, one for all nine.
    const sync2 = await syncs.call(2);
    await aWhile();
    expect(more.some((job) => job.settled())).toBe(false);
    sync2.release();
    await Promise.all(more.map((job) => job.done));
    expect(syncs.calls).toHaveLength(2);
  });

  it('holds a read that may have seen a commit until that commit is synced; syncs nothing when nothing was committed', async () => {
    expect(await tx.read((manager) => manager.count(Candidate))).toBe(0);
    expect(syncs.calls).toHaveLength(0);

    const job = watch(tx.job((manager) => manager.insert(Candidate, newCandidate())));
    const sync = await syncs.call(1);
    const read = watch(tx.read((manager) => manager.count(Candidate)));
    await aWhile();
    expect(read.settled()).toBe(false);
    sync.release();
    expect(await read.done).toBe(1);
    await job.done;
    expect(syncs.calls).toHaveLength(1);
  });

  it('answers a failed sync with its error, and the next commit syncs again and succeeds', async () => {
    const candidate = newCandidate();
    const failed = watch(tx.job((manager) => manager.insert(Candidate, candidate)));
    (await syncs.call(1)).fail(new Error('EIO: i/o error, fdatasync'));
    await expect(failed.done).rejects.toThrow(/EIO/);
    // The row is committed; what the caller learns is that it may not be on disk, so it retries
    // (every write of the server is idempotent by its client id).
    expect(await tx.db.getRepository(Candidate).existsBy({ id: candidate.id })).toBe(true);

    const next = watch(tx.job((manager) => manager.insert(Candidate, newCandidate())));
    (await syncs.call(2)).release();
    await next.done;
  });

  it('close lets the sync under way and the queued one answer their commits; later commits are refused an answer rather than answered unsynced', async () => {
    const first = watch(tx.job((manager) => manager.insert(Candidate, newCandidate())));
    const sync1 = await syncs.call(1);
    const second = watch(tx.job((manager) => manager.insert(Candidate, newCandidate())));
    await vi.waitFor(async () => expect(await candidateCount(tx)).toBe(2));
    const closing = watch(flusher.close());
    sync1.release();
    await first.done;
    (await syncs.call(2)).release();
    await second.done;
    await closing.done;
    await expect(tx.job((manager) => manager.insert(Candidate, newCandidate()))).rejects.toThrow(/closed/);
  });
});

describe('moveWalSyncsOffTheLoop', () => {
  let database: TestDatabase & { file: string };
  afterEach(async () => database.dispose());

  it('sets synchronous=NORMAL on a SQLite file and answers a flusher that really syncs its WAL', async () => {
    database = await openTempSqliteFile();
    const flusher = await moveWalSyncsOffTheLoop(database.db, { kind: 'sqlite', file: database.file });
    expect(flusher).toBeInstanceOf(WalFlusher);
    const [row] = (await database.db.query('PRAGMA synchronous')) as Array<{ synchronous: number }>;
    expect(row?.synchronous).toBe(1);
    const tx = new TransactionRunner(database.db, () => NOW, undefined, flusher ?? undefined);
    await tx.job((manager) => manager.insert(Candidate, newCandidate()));
    await flusher?.close();
  });

  it('leaves PostgreSQL and :memory: alone (durable at commit, or nothing to sync)', async () => {
    database = await openTempSqliteFile();
    expect(await moveWalSyncsOffTheLoop(database.db, { kind: 'sqlite', file: ':memory:' })).toBeNull();
    expect(await moveWalSyncsOffTheLoop(database.db, { kind: 'postgres', url: 'postgres://unused' })).toBeNull();
    const [row] = (await database.db.query('PRAGMA synchronous')) as Array<{ synchronous: number }>;
    // better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1: a WAL database opened by it
    // is NORMAL already — which is why the server needs the flusher at all.
    expect(row?.synchronous).toBe(1);
  });
});
