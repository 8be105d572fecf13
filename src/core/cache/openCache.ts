import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type MigrationInterface } from 'typeorm';
import { cacheEntities } from './entities';
import { cacheMigrations } from './migrations';

/** The cache file inside the host's data directory. */
export const CACHE_FILE_NAME = 'fairdesk-cache.sqlite';
/** Pass as `dataDir` to keep the cache in memory (tests). */
export const IN_MEMORY = ':memory:';

/**
 * Builds (does not open) the cache DataSource. Exposed separately so migration tests can run a
 * prefix of the migration list against an in-memory database.
 */
export function createCacheDataSource(
  database: string,
  migrations: Array<new () => MigrationInterface> = cacheMigrations,
): DataSource {
  return new DataSource({
    type: 'sqlite',
    database,
    entities: cacheEntities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // WAL: a crash mid-write leaves the last committed state; the TypeORM sqlite driver also
    // turns `PRAGMA foreign_keys = ON` on for every connection (later tables rely on it).
    enableWAL: database !== IN_MEMORY,
    busyTimeout: 5000,
  });
}

/**
 * Opens (creating if needed) the cache in `dataDir` and runs pending migrations, each in its own
 * transaction, so an interrupted upgrade resumes from the last completed migration.
 */
export async function openCacheDataSource(dataDir: string): Promise<DataSource> {
  let database = IN_MEMORY;
  if (dataDir !== IN_MEMORY) {
    // The cache holds personal data (contact names, phones): keep it private to this OS user.
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    database = path.join(dataDir, CACHE_FILE_NAME);
  }
  const dataSource = createCacheDataSource(database);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
