import type { EntityManager } from 'typeorm';
import type { PatchOp } from '../../shared/api/http';
import { bulkUpsert } from './bulkUpsert';
import { scopeEntities, type ScopeEntityName } from './entities';
import {
  centreToRow,
  companyToRow,
  fairToRow,
  participationToRow,
  preApplicationToRow,
  standToRow,
  vacancyToRow,
} from './recordMapping';
import { interestToRow, responseToRow } from './responseRecords';

/** Writing a pull's patch into the scope tables, inside the caller's transaction. */

type PutOp = Extract<PatchOp, { op: 'put' }>;

/** Table name of each scope entity, from the entity metadata. */
export function scopeTableName(m: EntityManager, entity: ScopeEntityName): string {
  return m.connection.getMetadata(scopeEntities[entity]).tableName;
}

export async function clearScopeTables(m: EntityManager): Promise<void> {
  for (const entity of Object.keys(scopeEntities) as ScopeEntityName[]) {
    await m.query(`DELETE FROM "${scopeTableName(m, entity)}"`);
  }
}

/**
 * Applies `patch` (the last op per row wins) with one chunked delete and one multi-row upsert per
 * table. With `tables` the puts go to those tables instead (a snapshot's staging copies).
 */
export async function applyOps(
  m: EntityManager,
  patch: readonly PatchOp[],
  tables?: Readonly<Record<ScopeEntityName, string>>,
): Promise<void> {
  const last = new Map<string, PatchOp>();
  for (const op of patch) {
    const id = op.op === 'put' ? op.value.id : op.id;
    last.set(`${op.entity}:${id}`, op);
  }
  const deletes = Object.fromEntries(Object.keys(scopeEntities).map((entity) => [entity, [] as string[]])) as Record<ScopeEntityName, string[]>;
  const puts: PutOp[] = [];
  for (const op of last.values()) {
    if (op.op === 'del') deletes[op.entity].push(op.id);
    else puts.push(op);
  }

  for (const [entity, ids] of Object.entries(deletes) as Array<[ScopeEntityName, string[]]>) {
    const table = tables?.[entity] ?? scopeTableName(m, entity);
    // Chunked: one `IN (…)` list must stay under SQLite's parameter limit.
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      await m.query(`DELETE FROM "${table}" WHERE "id" IN (${chunk.map(() => '?').join(', ')})`, chunk);
    }
  }
  // DTOs, mapped to rows statement by statement inside bulkUpsert: a page's rows are never all alive at once.
  await bulkUpsert(m, scopeEntities.centre, puts.flatMap((op) => (op.entity === 'centre' ? [op.value] : [])), centreToRow, tables?.centre);
  await bulkUpsert(m, scopeEntities.fair, puts.flatMap((op) => (op.entity === 'fair' ? [op.value] : [])), fairToRow, tables?.fair);
  await bulkUpsert(m, scopeEntities.company, puts.flatMap((op) => (op.entity === 'company' ? [op.value] : [])), companyToRow, tables?.company);
  await bulkUpsert(
    m,
    scopeEntities.preApplication,
    puts.flatMap((op) => (op.entity === 'preApplication' ? [op.value] : [])),
    preApplicationToRow,
    tables?.preApplication,
  );
  await bulkUpsert(m, scopeEntities.stand, puts.flatMap((op) => (op.entity === 'stand' ? [op.value] : [])), standToRow, tables?.stand);
  await bulkUpsert(m, scopeEntities.vacancy, puts.flatMap((op) => (op.entity === 'vacancy' ? [op.value] : [])), vacancyToRow, tables?.vacancy);
  await bulkUpsert(
    m,
    scopeEntities.participation,
    puts.flatMap((op) => (op.entity === 'participation' ? [op.value] : [])),
    participationToRow,
    tables?.participation,
  );
  await bulkUpsert(m, scopeEntities.response, puts.flatMap((op) => (op.entity === 'response' ? [op.value] : [])), responseToRow, tables?.response);
  await bulkUpsert(m, scopeEntities.interest, puts.flatMap((op) => (op.entity === 'interest' ? [op.value] : [])), interestToRow, tables?.interest);
}

/** Which scope entities a patch touches (for `cache.changed`). */
export function touchedEntities(patch: readonly PatchOp[]): ScopeEntityName[] {
  return [...new Set(patch.map((op) => op.entity))];
}
