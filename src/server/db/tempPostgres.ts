import crypto from 'node:crypto';
import { DataSource } from 'typeorm';

/** A throw-away PostgreSQL database for one test file or run. */
export interface TempPgDatabase {
  /** Connection URL of the new database (same server and credentials as the admin URL). */
  url: string;
  name: string;
  /** Drops the database, disconnecting anything still attached. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database `fairdesk_t_<random>` on the server `adminUrl` points at, so tests
 * never touch the admin database's own schema. Used by the test suites only.
 */
export async function createTempPgDatabase(adminUrl: string): Promise<TempPgDatabase> {
  const name = `fairdesk_t_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (admin: DataSource) => Promise<T>): Promise<T> {
  const admin = new DataSource({ type: 'postgres', url: adminUrl, poolSize: 1 });
  await admin.initialize();
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}
