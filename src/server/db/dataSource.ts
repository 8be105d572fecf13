import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { serverEntities } from './entities';
import { serverMigrations } from './migrations';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * TypeORM calls `sqlite3.verbose()`, which wraps every database call to capture a stack trace for
 * error messages — about a tenth of the server's CPU under chat load (bench/chat profile). The
 * same module without that wrapper; errors still carry SQLite's code and message.
 */
const sqliteWithoutTraces: unknown = Object.assign(Object.create(sqlite3) as object, { verbose: () => sqlite3 });

/** Where the server keeps its data: a SQLite file (or `:memory:` in tests), or a PostgreSQL URL. */
export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

export const SQLITE_FILE_NAME = 'fairdesk.sqlite';

export function databaseTarget(config: { databaseUrl: string | null; dataDir: string }): DatabaseTarget {
  return config.databaseUrl === null
    ? { kind: 'sqlite', file: path.join(config.dataDir, SQLITE_FILE_NAME) }
    : { kind: 'postgres', url: config.databaseUrl };
}

/**
 * Builds (does not open) the server's DataSource. Both databases get the same entities and the
 * same numbered migrations; the schema only ever changes through migrations.
 */
export function createServerDataSource(target: DatabaseTarget, options: { runMigrations?: boolean } = {}): DataSource {
  const common = {
    entities: serverEntities,
    migrations: serverMigrations,
    migrationsRun: options.runMigrations ?? true,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    logging: false,
  } as const;
  if (target.kind === 'sqlite') {
    return new DataSource({
      ...common,
      type: 'sqlite',
      database: target.file,
      // WAL lets readers (pulls) proceed while a writer commits; foreign keys are always on.
      enableWAL: target.file !== ':memory:',
      busyTimeout: 5000,
      driver: sqliteWithoutTraces,
    });
  }
  return new DataSource({ ...common, type: 'postgres', url: target.url, poolSize: 10 });
}

/** Opens the database (creating the SQLite data directory first) and runs pending migrations. */
export async function openServerDatabase(target: DatabaseTarget): Promise<DataSource> {
  if (target.kind === 'sqlite' && target.file !== ':memory:') {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
  }
  const dataSource = createServerDataSource(target);
  await dataSource.initialize();
  return dataSource;
}
