import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createServerDataSource, openServerDatabase, type DatabaseKind } from './dataSource';
import { createTempPgDatabase } from './tempPostgres';

/**
 * Databases the server's tests run against: in-memory SQLite always, PostgreSQL too when
 * `DATABASE_URL` is set (each opened database is a fresh throw-away one, dropped on dispose).
 */
export function databaseKindsUnderTest(): DatabaseKind[] {
  return process.env['DATABASE_URL'] ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  db: DataSource;
  dispose(): Promise<void>;
}

/** Opens an empty database of `kind`; with `runMigrations` (default) the schema is ready to use. */
export async function openTestDatabase(
  kind: DatabaseKind,
  options: { runMigrations?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const db = createServerDataSource({ kind: 'sqlite', file: ':memory:' }, options);
    await db.initialize();
    return { db, dispose: () => db.destroy() };
  }
  const adminUrl = process.env['DATABASE_URL'];
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const temp = await createTempPgDatabase(adminUrl);
  const db = createServerDataSource({ kind: 'postgres', url: temp.url }, options);
  try {
    await db.initialize();
  } catch (err) {
    await temp.drop();
    throw err;
  }
  return {
    db,
    dispose: async () => {
      if (db.isInitialized) await db.destroy();
      await temp.drop();
    },
  };
}

/** A server database in a SQLite file of its own (WAL mode, as deployed); dispose removes its directory. */
export async function openTempSqliteFile(): Promise<TestDatabase & { file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-sqlite-'));
  const file = path.join(dir, 'server.sqlite');
  const db = await openServerDatabase({ kind: 'sqlite', file });
  return {
    db,
    file,
    dispose: async () => {
      if (db.isInitialized) await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
