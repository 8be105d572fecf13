import type { EntityManager } from 'typeorm';
import { FairDto, PreApplicationDto } from '../../shared/domain/records';
import { FairRow, PreApplicationRow } from '../cache/entities';
import { fairFromRow, fairToRow, preApplicationFromRow, preApplicationToRow } from '../cache/recordMapping';

/**
 * The bookkeeping that makes optimistic effects reversible. The first local change to a server
 * row keeps the server's version in `server_json` and sets `optimistic`; further changes leave
 * that copy alone. A row created locally is optimistic with no server copy. Rolling back restores
 * every server copy and deletes every locally created row — all the rebase needs.
 */

/** Marks a fair as locally changed (keeping the server's version once) before a change is made to it. */
export function touchFair(row: FairRow): FairRow {
  if (row.optimistic === 1) return row;
  return { ...row, optimistic: 1, serverJson: JSON.stringify(fairFromRow(row)) };
}

export function touchPreApplication(row: PreApplicationRow): PreApplicationRow {
  if (row.optimistic === 1) return row;
  return { ...row, optimistic: 1, serverJson: JSON.stringify(preApplicationFromRow(row)) };
}

/** The version the server last sent for this row (the base of an `updateFair`). */
export function serverVersionOfFair(row: FairRow): number | null {
  if (row.optimistic === 0) return row.version;
  return row.serverJson === null ? null : FairDto.parse(JSON.parse(row.serverJson)).version;
}

/** Undoes every optimistic effect: the tables then hold exactly what the server last sent. */
export async function rollbackOptimisticRows(m: EntityManager): Promise<void> {
  for (const row of await m.find(FairRow, { where: { optimistic: 1 } })) {
    if (row.serverJson === null) await m.delete(FairRow, { id: row.id });
    else await m.save(FairRow, fairToRow(FairDto.parse(JSON.parse(row.serverJson))));
  }
  for (const row of await m.find(PreApplicationRow, { where: { optimistic: 1 } })) {
    if (row.serverJson === null) await m.delete(PreApplicationRow, { id: row.id });
    else await m.save(PreApplicationRow, preApplicationToRow(PreApplicationDto.parse(JSON.parse(row.serverJson))));
  }
}
