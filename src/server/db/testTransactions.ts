import type { EntityManager } from 'typeorm';
import type { TransactionRunner } from './transactions';

class DeliberateRollback extends Error {}

const QUEUED_ACTION_GRACE_MS = 300;

/**
 * Test support: starts `action` while another write transaction is open (having done
 * `doomedWork`, if given), then rolls that transaction back, and answers what `action` answered.
 *
 * On SQLite TypeORM runs every statement on one connection, so a write that bypasses the
 * TransactionRunner lands inside the open transaction and disappears with its rollback, and a read
 * on that connection sees `doomedWork`'s rows. A service whose writes queue properly comes out of
 * this with its write intact; one that reads through `tx.reads` never sees the doomed rows.
 */
export async function duringRolledBackTransaction<T>(tx: TransactionRunner, action: () => Promise<T>, doomedWork?: (manager: EntityManager) => Promise<unknown>): Promise<T> {
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const doomed = tx.write(async ({ manager }) => {
    await doomedWork?.(manager);
    opened();
    await released;
    throw new DeliberateRollback('rolled back on purpose');
  });
  await open;
  const result = action();
  // An un-queued action finishes inside the open transaction; a queued one waits for it to end, so
  // give up waiting after a while (long enough for file I/O such as an upload's) and roll back.
  let gaveUp: NodeJS.Timeout | undefined;
  await Promise.race([result.catch(() => undefined), new Promise<void>((resolve) => (gaveUp = setTimeout(resolve, QUEUED_ACTION_GRACE_MS)))]);
  clearTimeout(gaveUp);
  release();
  await doomed.catch((err: unknown) => {
    if (!(err instanceof DeliberateRollback)) throw err;
  });
  return result;
}
