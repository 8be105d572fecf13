import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '../logger';
import { BackgroundCheckpoints } from './backgroundCheckpoints';
import { openCommittedReads, openServerDatabase, sqliteFileOf, type DatabaseTarget } from './dataSource';
import { TransactionRunner } from './transactions';
import { moveWalSyncsOffTheLoop, type CommitDurability, type WalFlusher } from './walFlusher';

/** The server's database as its services use it, and how to close all of it. */
export interface ServerStorage {
  /** The writing connection (for the seed; services go through `tx`). */
  db: DataSource;
  tx: TransactionRunner;
  /**
   * Makes what was written on `db` outside `tx` (migrations, the demo seed) durable: settles once
   * the WAL has been synced after the call. Such writes are never reported to the WAL flusher, so
   * until then even reads outside transactions could show rows that are not yet on disk.
   */
  syncDirectWrites(): Promise<void>;
  /** Stops the checkpoint worker, lets the last WAL syncs answer, closes both connections. */
  close(): Promise<void>;
}

/**
 * Opens the server's database with everything its guarantees rest on: migrations run; on a SQLite
 * file a read-only connection for reads outside transactions, the WAL synced before any commit is
 * answered (WalFlusher), and checkpoints on a worker thread. Whatever was opened is closed again if
 * a later step fails.
 */
export async function openServerStorage(target: DatabaseTarget, logger: Logger): Promise<ServerStorage> {
  const db = await openServerDatabase(target);
  let flusher: WalFlusher | null = null;
  let reads: DataSource | null = null;
  let checkpoints: BackgroundCheckpoints | null = null;
  const close = async (): Promise<void> => {
    await checkpoints?.stop();
    await flusher?.close();
    if (reads?.isInitialized) await reads.destroy();
    if (db.isInitialized) await db.destroy();
  };
  try {
    flusher = await moveWalSyncsOffTheLoop(db, target);
    reads = await openCommittedReads(target);
    if (reads && flusher) answerOnlyDurableRows(reads, flusher);
    const file = sqliteFileOf(target);
    if (file !== null) {
      // Without it SQLite still checkpoints, on the server's own connection: slower, never unsafe.
      checkpoints = await BackgroundCheckpoints.start(file, logger).catch((err: unknown) => {
        logger.warn({ err }, 'WAL checkpoints stay on the server connection: the checkpoint worker did not start');
        return null;
      });
    }
  } catch (err) {
    await close();
    throw err;
  }
  const syncDirectWrites = async (): Promise<void> => {
    flusher?.committed();
    await flusher?.durable();
  };
  return { db, tx: new TransactionRunner(db, undefined, reads ?? db, flusher ?? undefined), syncDirectWrites, close };
}

/**
 * Every query on the read-only connection answers only once every commit it could have seen is on
 * disk, as `tx.read` does: a page shown, a session accepted or a file served never rests on a row
 * a power cut could still take back. It waits only while a WAL sync is due (a fraction of a
 * millisecond at the median). TypeORM's SQLite drivers run every query of a DataSource through one
 * query runner, so wrapping that one covers them all (the test reads through a repository).
 */
function answerOnlyDurableRows(reads: DataSource, durability: CommitDurability): void {
  const runner = reads.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  const durableQuery = async (...args: unknown[]): Promise<unknown> => {
    const result = await query(...args);
    await durability.durable();
    return result;
  };
  Object.assign(runner, { query: durableQuery as QueryRunner['query'] });
}
