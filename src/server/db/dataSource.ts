import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { serverEntities } from './entities';
import { serverMigrations } from './migrations';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Where the server keeps its data: a SQLite file (or `:memory:` in tests), or a PostgreSQL URL. */
export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

export const SQLITE_FILE_NAME = 'fairdesk.sqlite';

/** The SQLite file a target names, or null for PostgreSQL and `:memory:` (nothing on disk). */
export function sqliteFileOf(target: DatabaseTarget): string | null {
  return target.kind === 'sqlite' && target.file !== ':memory:' ? target.file : null;
}

export function databaseTarget(config: { databaseUrl: string | null; dataDir: string }): DatabaseTarget {
  return config.databaseUrl === null
    ? { kind: 'sqlite', file: path.join(config.dataDir, SQLITE_FILE_NAME) }
    : { kind: 'postgres', url: config.databaseUrl };
}

/**
 * Builds (does not open) the server's DataSource. Both databases get the same entities and the
 * same numbered migrations; the schema only ever changes through migrations.
 */
export function createServerDataSource(target: DatabaseTarget, options: { runMigrations?: boolean; readOnly?: boolean } = {}): DataSource {
  const common = {
    entities: serverEntities,
    migrations: serverMigrations,
    migrationsRun: options.runMigrations ?? true,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    logging: false,
  } as const;
  if (target.kind === 'sqlite') {
    // better-sqlite3, not node-sqlite3: its calls run on the event loop, so a chat send's five
    // statements cost microseconds instead of five trips through libuv's thread pool (bench/chat).
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: target.file,
      readonly: options.readOnly ?? false,
      // WAL lets readers (pulls) proceed while a writer commits; foreign keys are always on. (A
      // read-only connection leaves the mode alone: the writer set it, and it is stored in the file.)
      enableWAL: target.file !== ':memory:' && !options.readOnly,
      timeout: 5000,
      // Only ever opened through better-sqlite3 (here, and by BackgroundCheckpoints' worker): a
      // connection through node-sqlite3 would be a second copy of SQLite in this process, and
      // POSIX locks do not separate two copies in one process, so their checkpoints and writes
      // could corrupt the file (sqlite.org/howtocorrupt.html, "multiple copies of SQLite linked into
      // the same application"). SQLite's automatic checkpoint stays on here as the backstop.
    });
  }
  return new DataSource({ ...common, type: 'postgres', url: target.url, poolSize: 10 });
}

/** Opens the database (creating the SQLite data directory first) and runs pending migrations. */
export async function openServerDatabase(target: DatabaseTarget): Promise<DataSource> {
  const file = sqliteFileOf(target);
  if (file !== null) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  const dataSource = createServerDataSource(target);
  await dataSource.initialize();
  return dataSource;
}

/**
 * Opens a read-only connection to the server's SQLite file, for TransactionRunner.reads: it sees
 * only committed rows, where the server's own connection also sees those of the transaction open
 * on it. Null for PostgreSQL and `:memory:` (there `db` serves those reads). Open it after the
 * server's connection has run the migrations; it runs none itself.
 */
export async function openCommittedReads(target: DatabaseTarget): Promise<DataSource | null> {
  if (sqliteFileOf(target) === null) return null;
  const reads = createServerDataSource(target, { runMigrations: false, readOnly: true });
  await reads.initialize();
  return reads;
}
