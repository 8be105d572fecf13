import { createServerDataSource, type DatabaseTarget } from '../../../src/server/db/dataSource';
import type { DataSource } from 'typeorm';

/** Tables a sync request must never change when it is refused (sessions are left out: sign-ins touch them). */
export const DOMAIN_TABLES = [
  'career_centres', 'employers', 'companies', 'users', 'fairs', 'pre_applications', 'stands', 'vacancies', 'participations', 'deleted_rows', 'server_meta',
];
export const SYNC_TABLES = ['sync_clients', 'mutation_results'];

/**
 * A second connection to a running server's database, for before/after comparisons: `dump()`
 * returns every row of the named tables, sorted, as plain JSON-comparable values.
 */
export async function openDump(target: DatabaseTarget): Promise<{ db: DataSource; dump(tables?: string[]): Promise<Record<string, unknown[]>>; close(): Promise<void> }> {
  const db = createServerDataSource(target, { runMigrations: false });
  await db.initialize();
  return {
    db,
    async dump(tables = [...DOMAIN_TABLES, ...SYNC_TABLES]) {
      const out: Record<string, unknown[]> = {};
      for (const table of tables) {
        const rows: Array<Record<string, unknown>> = await db.query(`SELECT * FROM ${table}`);
        // Normalise driver differences (bigint as string on PostgreSQL, 0/1 booleans on SQLite).
        const normal = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? String(v) : v === null ? null : String(v)])));
        out[table] = normal.map((r) => JSON.stringify(r)).sort();
      }
      return out;
    },
    close: () => db.destroy(),
  };
}
