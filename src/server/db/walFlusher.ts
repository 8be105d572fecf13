import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { sqliteFileOf, type DatabaseTarget } from './dataSource';

const fdatasync = promisify(fs.fdatasync);
const fsync = promisify(fs.fsync);
const open = promisify(fs.open);
const close = promisify(fs.close);

/**
 * What TransactionRunner needs to answer only durable commits: told of each commit, it promises
 * when everything committed so far is on disk.
 */
export interface CommitDurability {
  /** A transaction has just committed on the writing connection. */
  committed(): void;
  /** Settles once every commit reported before the call is on disk; rejects if syncing failed. */
  durable(): Promise<void>;
}

/** For databases that are durable at commit by themselves (PostgreSQL, `:memory:`). */
export const DURABLE_AT_COMMIT: CommitDurability = { committed: () => undefined, durable: () => Promise.resolve() };

/**
 * Durable SQLite commits without an fsync on the event loop.
 *
 * With `synchronous=FULL` every COMMIT fsyncs the WAL inside better-sqlite3's synchronous call,
 * holding every send, ack and delivery behind the disk (on the build machine such a commit takes
 * 0.25 ms at the median, 1.6 ms at p99, up to 12 ms). The server's connection runs
 * `synchronous=NORMAL` instead (better-sqlite3's default for WAL databases) — a commit only
 * writes its WAL frames (SQLite: consistent after a crash, but the last commits may be lost on
 * power failure) — and this class makes them durable again before anyone is answered: it
 * fdatasyncs the WAL file on libuv's thread pool, one sync for every commit made before it
 * started, while the loop goes on (and the next transactions with it).
 *
 * The WAL file keeps its inode while the server's connection is open (checkpoints rewind it, never
 * replace it), and syncing any descriptor of a file flushes all of its written pages.
 *
 * One fsync stays on the loop, SQLite's own: the first commit after a checkpoint has copied the
 * whole WAL rewinds it and syncs the new WAL header before writing frames behind it (in NORMAL
 * mode too; without it a power cut could replay stale frames into the database). With checkpoints
 * every 50 ms that is up to ~20 a second at low load (README, Benchmarks: *WAL rewinds*).
 */
export class WalFlusher implements CommitDurability {
  private fd: number | null = null;
  private opening: Promise<number> | null = null;
  /** Commits reported so far, and how many of them are known to be on disk. */
  private reported = 0;
  private synced = 0;
  /** The sync under way and the commits it covers; the one queued behind it, shared by all who wait. */
  private running: { upTo: number; done: Promise<void> } | null = null;
  private queued: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly databaseFile: string,
    /** How a descriptor is synced: fdatasync (tests wrap it to count and pace the syncs). */
    private readonly syncFile: (fd: number) => Promise<void> = fdatasync,
  ) {}

  committed(): void {
    this.reported += 1;
  }

  durable(): Promise<void> {
    const target = this.reported;
    if (this.synced >= target) return Promise.resolve();
    if (this.running && this.running.upTo >= target) return this.running.done;
    if (!this.running) return this.startSync();
    // The running sync may have begun before this commit was written: wait for the next one.
    this.queued ??= this.running.done.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  /** Lets the syncs under way and queued finish (their commits are answered), then closes the WAL descriptor. */
  async close(): Promise<void> {
    for (let pending = this.queued ?? this.running?.done; pending; pending = this.queued ?? this.running?.done) {
      await pending.catch(() => undefined);
    }
    this.closed = true;
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) await close(fd);
  }

  private startQueued(): Promise<void> {
    this.queued = null;
    return this.startSync();
  }

  private startSync(): Promise<void> {
    const upTo = this.reported;
    const done = this.sync().then(() => {
      this.synced = Math.max(this.synced, upTo);
    });
    const running = { upTo, done };
    this.running = running;
    const clear = (): void => {
      if (this.running === running) this.running = null;
    };
    done.then(clear, clear);
    return done;
  }

  private async sync(): Promise<void> {
    if (this.closed) throw new Error('the WAL flusher is closed');
    await this.syncFile(this.fd ?? (await this.openWal()));
  }

  /**
   * Opened at the first sync: by then a commit has written the WAL, so it exists. Its directory is
   * synced once, too: a WAL created since the last checkpoint is otherwise not yet a name on disk.
   */
  private openWal(): Promise<number> {
    this.opening ??= (async () => {
      // Read-write (never written; no create, no truncate): Windows syncs only writable handles.
      const fd = await open(`${this.databaseFile}-wal`, 'r+');
      try {
        await syncDirectory(path.dirname(this.databaseFile));
      } catch (err) {
        await close(fd);
        throw err;
      }
      this.fd = fd;
      return fd;
    })();
    // A failed open is tried again by the next sync rather than remembered.
    this.opening.catch(() => {
      this.opening = null;
    });
    return this.opening;
  }
}

/** Makes a directory's entries durable. Windows has no such call (NTFS journals its directories). */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fd = await open(dir, 'r');
  try {
    await fsync(fd);
  } finally {
    await close(fd);
  }
}

/**
 * On a SQLite file: switches the server's writing connection to `synchronous=NORMAL` and answers
 * the WalFlusher that must then stand behind every answer (give it to the TransactionRunner).
 * Null elsewhere: PostgreSQL is durable at commit, and `:memory:` has no disk to reach.
 */
export async function moveWalSyncsOffTheLoop(db: DataSource, target: DatabaseTarget): Promise<WalFlusher | null> {
  const file = sqliteFileOf(target);
  if (file === null) return null;
  await db.query('PRAGMA synchronous = NORMAL');
  return new WalFlusher(file);
}
