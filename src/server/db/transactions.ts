import type { DataSource, EntityManager } from 'typeorm';
import { bumpVersion } from './changeVersion';
import { DURABLE_AT_COMMIT, type CommitDurability } from './walFlusher';

/** A write transaction's context: its manager, the change version it writes rows with, and its clock. */
export interface WriteContext {
  manager: EntityManager;
  /** The new global change version, taken (and locked) at the start of the transaction. */
  version: number;
  /** Epoch ms; one value per transaction so every row it touches carries the same time. */
  now: number;
}

/**
 * Runs the server's sync transactions with the guarantees push and pull rely on:
 * - `write` advances the global change version FIRST (locking its row until commit), so writers
 *   are serialised and versions are assigned in commit order: a reader that sees version v has
 *   seen every commit ≤ v;
 * - `read` is one consistent snapshot (REPEATABLE READ, read-only on PostgreSQL).
 *
 * On SQLite TypeORM shares ONE connection between all "query runners", so two concurrent
 * `db.transaction` calls would interleave their statements inside one BEGIN. Here every
 * transaction queues behind the previous one instead (SQLite serialises writers anyway).
 *
 * Every transaction's result is handed out only once its commit — and, for `read`, every commit it
 * could have seen — is on disk (`durability`; see WalFlusher): the next transaction need not wait
 * for that, so on SQLite one WAL sync off the event loop covers every commit made meanwhile.
 *
 * Reads outside a transaction (sign-in, session checks, portal pages, access checks) go through
 * `reads`, never `db`: on that shared SQLite connection they would see the rows of whatever
 * transaction is open on it — rows that may yet be rolled back.
 */
export class TransactionRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  /** True on SQLite: one transaction at a time, so a transaction needs no row locks of its own. */
  get serialises(): boolean {
    return this.serialise;
  }

  /**
   * For reads outside a transaction: sees only committed rows, and answers only once they are on
   * disk (openServerStorage). On a SQLite file a second, read-only connection (WAL: it never waits
   * for the writer); on PostgreSQL `db` itself, whose pool gives every such read its own
   * connection. `db` again where no second connection can exist (`:memory:`, tests only).
   */
  readonly reads: DataSource;

  constructor(
    readonly db: DataSource,
    private readonly clock: () => number = Date.now,
    reads?: DataSource,
    private readonly durability: CommitDurability = DURABLE_AT_COMMIT,
  ) {
    this.serialise = db.options.type === 'better-sqlite3';
    this.reads = reads ?? db;
  }

  /** One write transaction at a new change version. Throwing rolls everything back (the version too). */
  write<T>(work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return this.committing(() =>
      this.db.transaction(async (manager) => {
        const version = await bumpVersion(manager);
        return work({ manager, version, now: this.clock() });
      }),
    );
  }

  /**
   * A write transaction that takes no change version: background jobs (the mail outbox) whose
   * rows clients never pull. On SQLite it still queues behind the other transactions.
   */
  job<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.committing(() => this.db.transaction((manager) => work(manager)));
  }

  /** One consistent read-only snapshot. */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.serialise) {
      const result = await this.exclusive(() => this.db.transaction((manager) => work(manager)));
      // It may have read commits whose sync is still under way: answer with nothing a crash could take back.
      await this.durability.durable();
      return result;
    }
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    });
  }

  /** A transaction that commits: reported as soon as it has, answered once it is durable. */
  private async committing<T>(transaction: () => Promise<T>): Promise<T> {
    const result = await this.exclusive(async () => {
      const value = await transaction();
      this.durability.committed();
      return value;
    });
    await this.durability.durable();
    return result;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialise) return work();
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * True for failures worth retrying as they are: lock timeouts, serialization failures,
 * deadlocks, lost connections, a busy SQLite file. A push answers these with 503 "try again".
 */
export function isTransientDatabaseError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = String(e.driverError?.code ?? e.code ?? '');
  return (
    ['40001', '40P01', '55P03', '57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'SQLITE_BUSY', 'SQLITE_LOCKED'].includes(code) ||
    code.startsWith('08')
  );
}
