import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createCacheDataSource, IN_MEMORY } from '../cache/openCache';

/** Test helpers for cache migrations: build a schema step by step in an in-memory database. */

export interface ColumnInfo {
  name: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
}

/** An empty in-memory cache database with no migrations applied. */
export async function emptyCacheDatabase(): Promise<DataSource> {
  const dataSource = createCacheDataSource(IN_MEMORY, []);
  await dataSource.initialize();
  return dataSource;
}

/** Runs `migration.up` in a transaction, the way TypeORM's runner would (without recording it). */
export async function applyMigration(dataSource: DataSource, migration: new () => MigrationInterface): Promise<void> {
  await runInTransaction(dataSource, (q) => new migration().up(q));
}

export async function revertMigration(dataSource: DataSource, migration: new () => MigrationInterface): Promise<void> {
  await runInTransaction(dataSource, (q) => new migration().down(q));
}

export async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'typeorm_migrations' ORDER BY name`,
  );
  return rows.map((r) => r.name);
}

export async function indexNames(dataSource: DataSource, table: string): Promise<string[]> {
  const rows: Array<{ name: string }> = await dataSource.query(
    `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    [table],
  );
  return rows.map((r) => r.name);
}

export async function tableColumns(dataSource: DataSource, table: string): Promise<ColumnInfo[]> {
  const rows: Array<{ name: string; type: string; notnull: number; pk: number }> = await dataSource.query(
    `PRAGMA table_info("${table}")`,
  );
  return rows.map((r) => ({ name: r.name, type: r.type.toLowerCase(), notNull: r.notnull === 1, primaryKey: r.pk > 0 }));
}

async function runInTransaction(
  dataSource: DataSource,
  work: (q: QueryRunner) => Promise<void>,
): Promise<void> {
  const q = dataSource.createQueryRunner();
  await q.startTransaction();
  try {
    await work(q);
    await q.commitTransaction();
  } catch (error) {
    await q.rollbackTransaction();
    throw error;
  } finally {
    await q.release();
  }
}
