import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger';

/** How often the worker copies the WAL into the database file: the WAL stays a few hundred pages even at the bench's top rate. */
export const CHECKPOINT_INTERVAL_MS = 50;

/** Checkpoint passes per tick at most, while commits keep arriving. */
const MAX_PASSES = 4;

/**
 * What the worker posts: once opened; after each tick that found a WAL to copy, how many of its
 * frames are now in the database file; and on failure.
 */
type WorkerReport = { kind: 'ready' } | { kind: 'checkpointed'; frames: number } | { kind: 'failed'; message: string };

// A string, not a module file: the worker must run the same from `out/` (tsc) and from `src/`
// (Vitest), and a `.ts` worker file would not load in plain Node. It takes better-sqlite3 by the
// path the main thread resolved, so it opens the file through the very module the server uses.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
} catch (err) {
  parentPort.postMessage({ kind: 'failed', message: String(err && err.message || err) });
  process.exit(1);
}
parentPort.postMessage({ kind: 'ready' });
let failures = 0;
const timer = setInterval(() => {
  try {
    // Again while commits arrived during the last pass (SQLite reports the WAL's length as the pass
    // began): it rewinds the WAL only for a commit that finds all of it copied, and each further
    // pass has only the pages of those commits to copy.
    let last = null;
    for (let pass = 0; pass < workerData.maxPasses; pass += 1) {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      if (!result || result.log === 0 || (last && result.log === last.log)) break;
      last = result;
    }
    if (last) parentPort.postMessage({ kind: 'checkpointed', frames: last.checkpointed });
    failures = 0;
  } catch (err) {
    // One report per run of failures: a busy file recovers by itself on a later tick.
    if (failures++ === 0) parentPort.postMessage({ kind: 'failed', message: String(err && err.message || err) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints the server's SQLite WAL on a worker thread, so that copying WAL pages into the
 * database file, and the fsyncs that go with it, never hold the event loop. On the committing
 * connection (SQLite's automatic checkpoint) each one stalled every send and delivery behind it:
 * bench/chat's p99 was 9 ms at 500 msg/s with them, 3.9 ms without.
 *
 * Safe beside the server's own connection because it is the same better-sqlite3, hence the same
 * copy of SQLite: connections of one copy share its lock bookkeeping (unlike a second driver; see
 * dataSource.ts). PASSIVE checkpoints never block the writer or readers and never wait for them.
 * The server's connection keeps SQLite's automatic checkpoint as the backstop: should this worker
 * stop or fall behind, the WAL is still bounded — it only then costs the loop again.
 */
export class BackgroundCheckpoints {
  private constructor(
    private readonly worker: Worker,
    /** Settles when the worker thread has ended, for whatever reason. */
    private readonly exited: Promise<void>,
  ) {}

  /** Starts the worker on `file` (an existing database in WAL mode); resolves once it has opened it. */
  static start(file: string, logger: Logger, options: { intervalMs?: number; onCheckpoint?: (frames: number) => void } = {}): Promise<BackgroundCheckpoints> {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file, intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS, maxPasses: MAX_PASSES },
    });
    // Never what keeps the process alive: `stop()` ends it, and an exit without it loses nothing.
    worker.unref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    return new Promise((resolve, reject) => {
      let opened = false;
      worker.on('message', (report: WorkerReport) => {
        if (report.kind === 'ready') {
          opened = true;
          resolve(new BackgroundCheckpoints(worker, exited));
        } else if (report.kind === 'checkpointed') {
          options.onCheckpoint?.(report.frames);
        } else if (!opened) {
          reject(new Error(`the checkpoint worker could not open ${file}: ${report.message}`));
        } else {
          logger.warn({ reason: report.message }, 'background WAL checkpoint failed; SQLite checkpoints on the server connection meanwhile');
        }
      });
      worker.once('error', (err) => {
        if (!opened) reject(err);
        else logger.error({ err }, 'the WAL checkpoint worker stopped; SQLite checkpoints on the server connection from now on');
      });
      worker.once('exit', (code) => {
        if (!opened) reject(new Error(`the checkpoint worker exited (code ${code}) before opening ${file}`));
      });
    });
  }

  /** Ends the worker after its current checkpoint and closes its connection. Idempotent. */
  stop(): Promise<void> {
    // Referenced again while we wait for it: otherwise, with the server's sockets already closed,
    // the event loop could empty and the process exit before the worker does, skipping whatever
    // the caller does after stop() (closing the database, logging "stopped").
    this.worker.ref();
    // Posting to a thread that has already ended is a no-op; `exited` has settled then.
    this.worker.postMessage('stop');
    return this.exited;
  }
}
