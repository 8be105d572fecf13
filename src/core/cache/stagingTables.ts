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

/** Replaces every live scope table with its staging copy and drops the copies. Call inside a transaction. */
export async function swapInStagingTables(m: EntityManager): Promise<void> {
  const staging = stagingTableNames(m);
  for (const entity of Object.keys(scopeEntities) as ScopeEntityName[]) {
    const live = scopeTableName(m, entity);
    await m.query(`DELETE FROM "${live}"`);
    // Same DDL, so the same column order: the SQLite engine copies without the binding's per-row cost.
    await m.query(`INSERT INTO "${live}" SELECT * FROM "${staging[entity]}"`);
    await m.query(`DROP TABLE "${staging[entity]}"`);
  }
}

export async function dropStagingTables(m: EntityManager): Promise<void> {
  for (const name of Object.values(stagingTableNames(m))) await m.query(`DROP TABLE IF EXISTS "${name}"`);
}
