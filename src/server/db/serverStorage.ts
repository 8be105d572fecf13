import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';
import { BackgroundCheckpoints } from './backgroundCheckpoints';
import { openCommittedReads, openServerDatabase, type DatabaseTarget } from './dataSource';
import { TransactionRunner } from './transactions';
import { moveWalSyncsOffTheLoop } from './walFlusher';

/** The server's database as its services use it, and how to close all of it. */
export interface ServerStorage {
  /** The writing connection (for the seed; services go through `tx`). */
  db: DataSource;
  tx: TransactionRunner;
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
  let checkpoints: BackgroundCheckpoints | null = null;
  let reads: DataSource | null = null;
  const flusher = await moveWalSyncsOffTheLoop(db, target).catch(async (err: unknown) => {
    await db.destroy();
    throw err;
  });
  const close = async (): Promise<void> => {
    await checkpoints?.stop();
    await flusher?.close();
    if (reads?.isInitialized) await reads.destroy();
    if (db.isInitialized) await db.destroy();
  };
  try {
    reads = await openCommittedReads(target);
    if (target.kind === 'sqlite' && target.file !== ':memory:') {
      // Without it SQLite still checkpoints, on the server's own connection: slower, never unsafe.
      checkpoints = await BackgroundCheckpoints.start(target.file, logger).catch((err: unknown) => {
        logger.warn({ err }, 'WAL checkpoints stay on the server connection: the checkpoint worker did not start');
        return null;
      });
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { db, tx: new TransactionRunner(db, undefined, reads ?? db, flusher ?? undefined), close };
}
