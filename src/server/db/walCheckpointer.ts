import sqlite3 from 'sqlite3';

/** How often the WAL is copied back into the database file. */
const DEFAULT_INTERVAL_MS = 1_000;

/**
 * Copies the server's SQLite write-ahead log back into the database file OFF the event loop.
 *
 * The server's own connection (better-sqlite3) is synchronous, so SQLite's automatic checkpoint —
 * run by whichever commit crosses 1,000 WAL pages — would stall every socket for the milliseconds
 * it takes to copy and fsync those pages (the p99 spikes of bench/chat). That connection therefore
 * runs with `wal_autocheckpoint = 0`, and this second connection, through node-sqlite3 and libuv's
 * thread pool, runs a PASSIVE checkpoint every second instead: it copies what no reader still
 * needs and never waits for, nor blocks, the writer. Durability is unchanged — a commit is in the
 * WAL (fsynced) before it returns; the checkpoint only bounds the WAL's size.
 */
export class WalCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Checkpoints that failed (the file busy with a truncation, a disk error); the next one retries. */
  failures = 0;

  private constructor(
    private readonly connection: sqlite3.Database,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.checkpoint(), intervalMs);
    this.timer.unref();
  }

  /** Opens the second connection to `file` (which must exist and be in WAL mode) and starts the timer. */
  static open(file: string, options: { intervalMs?: number } = {}): Promise<WalCheckpointer> {
    return new Promise((resolve, reject) => {
      const connection = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err) => {
        if (err) reject(err);
        else resolve(new WalCheckpointer(connection, options.intervalMs ?? DEFAULT_INTERVAL_MS));
      });
    });
  }

  /** One PASSIVE checkpoint now (after any running one); a failure is counted, not thrown. */
  checkpoint(): Promise<void> {
    if (this.stopped) return this.running;
    this.running = this.running.then(
      () =>
        new Promise<void>((resolve) => {
          this.connection.get('PRAGMA wal_checkpoint(PASSIVE)', (err) => {
            if (err) this.failures += 1;
            resolve();
          });
        }),
    );
    return this.running;
  }

  /** Stops the timer, lets a running checkpoint finish and closes the connection. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await new Promise<void>((resolve) => this.connection.close(() => resolve()));
  }
}
