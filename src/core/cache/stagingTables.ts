import type { EntityManager } from 'typeorm';
import { scopeEntities, type ScopeEntityName } from './entities';
import { scopeTableName } from './patch';

/**
 * Staging copies of the scope tables for a paged initial snapshot. Pages land here, each in its
 * own short transaction, while the live tables keep serving the old cache; the last page swaps
 * them in within the rebase transaction. A crash mid-way leaves stale staging tables (dropped by
 * the next snapshot) and the old cache untouched.
 */

const PREFIX = 'staging_';

export function stagingTableNames(m: EntityManager): Record<ScopeEntityName, string> {
  const names = {} as Record<ScopeEntityName, string>;
  for (const entity of Object.keys(scopeEntities) as ScopeEntityName[]) names[entity] = PREFIX + scopeTableName(m, entity);
  return names;
}

/** (Re)creates empty staging tables with the live tables' exact definitions (columns, order, primary key). */
export async function createStagingTables(m: EntityManager): Promise<void> {
  const staging = stagingTableNames(m);
  for (const entity of Object.keys(scopeEntities) as ScopeEntityName[]) {
    const live = scopeTableName(m, entity);
    const rows: Array<{ sql: string }> = await m.query(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, [live]);
    const ddl = rows[0]?.sql;
    const head = `CREATE TABLE "${live}"`;
    if (!ddl?.startsWith(head)) throw new Error(`cannot derive a staging table from the definition of "${live}"`);
    await m.query(`DROP TABLE IF EXISTS "${staging[entity]}"`);
    await m.query(`CREATE TABLE "${staging[entity]}"${ddl.slice(head.length)}`);
  }
}

/**
 * Replaces every live scope table with its staging copy: drops the live table (and its indexes),
 * renames the staging copy in its place and recreates the live table's indexes on it. Call inside
 * a transaction: SQLite's DROP/ALTER TABLE RENAME are transactional, so a crash mid-way rolls
 * back to the old cache. Renaming avoids copying every row (`INSERT … SELECT`), and building each
 * index once over the loaded rows is cheaper than maintaining it row by row.
 */
export async function swapInStagingTables(m: EntityManager): Promise<void> {
  const staging = stagingTableNames(m);
  for (const entity of Object.keys(scopeEntities) as ScopeEntityName[]) {
    const live = scopeTableName(m, entity);
    // Explicit indexes only (`sql` is NULL for the primary key's automatic index, which comes with the table).
    const indexes: Array<{ sql: string }> = await m.query(
      `SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`,
      [live],
    );
    await m.query(`DROP TABLE "${live}"`);
    await m.query(`ALTER TABLE "${staging[entity]}" RENAME TO "${live}"`);
    for (const index of indexes) await m.query(index.sql);
  }
}

export async function dropStagingTables(m: EntityManager): Promise<void> {
  for (const name of Object.values(stagingTableNames(m))) await m.query(`DROP TABLE IF EXISTS "${name}"`);
}
