import type { EntityManager, EntityTarget } from 'typeorm';
import type { z } from 'zod';
import { ParticipationDto, StandDto, VacancyDto } from '../../shared/domain/participation/records';
import { FairDto, PreApplicationDto } from '../../shared/domain/records';
import { FairRow, ParticipationRow, PreApplicationRow, StandRow, VacancyRow } from '../cache/entities';
import type { OptimisticRow } from '../cache/entities/OptimisticRow';
import {
  fairFromRow,
  fairToRow,
  participationFromRow,
  participationToRow,
  preApplicationFromRow,
  preApplicationToRow,
  standFromRow,
  standToRow,
  vacancyFromRow,
  vacancyToRow,
} from '../cache/recordMapping';

/**
 * The bookkeeping that makes optimistic effects reversible. The first local change to a server
 * row keeps the server's version in `server_json` and sets `optimistic`; further changes leave
 * that copy alone. A row created locally is optimistic with no server copy. A row deleted locally
 * stays, marked `deleted` (stands, vacancies). Rolling back restores every server copy and deletes
 * every locally created row — all the rebase needs.
 */

function touch<R extends OptimisticRow>(row: R, fromRow: (row: R) => unknown): R {
  if (row.optimistic === 1) return row;
  return { ...row, optimistic: 1, serverJson: JSON.stringify(fromRow(row)) };
}

/** Marks a fair as locally changed (keeping the server's version once) before a change is made to it. */
export const touchFair = (row: FairRow): FairRow => touch(row, fairFromRow);
export const touchPreApplication = (row: PreApplicationRow): PreApplicationRow => touch(row, preApplicationFromRow);
export const touchStand = (row: StandRow): StandRow => touch(row, standFromRow);
export const touchVacancy = (row: VacancyRow): VacancyRow => touch(row, vacancyFromRow);
export const touchParticipation = (row: ParticipationRow): ParticipationRow => touch(row, participationFromRow);

/** The version the server last sent for this row; null for a row the server does not have yet. */
function serverVersion(row: OptimisticRow, schema: z.ZodType<{ version: number }>): number | null {
  if (row.optimistic === 0) return row.version;
  return row.serverJson === null ? null : schema.parse(JSON.parse(row.serverJson)).version;
}

/** The base of an `updateFair`. */
export const serverVersionOfFair = (row: FairRow): number | null => serverVersion(row, FairDto);
/** The bases of `saveStand`, `saveVacancy` and `updateParticipation` (null: created here, not sent yet). */
export const serverVersionOfStand = (row: StandRow): number | null => serverVersion(row, StandDto);
export const serverVersionOfVacancy = (row: VacancyRow): number | null => serverVersion(row, VacancyDto);
export const serverVersionOfParticipation = (row: ParticipationRow): number | null => serverVersion(row, ParticipationDto);

interface Reversible<R extends OptimisticRow> {
  target: EntityTarget<R>;
  restore(serverJson: string): R;
}

const reversible = <R extends OptimisticRow, D>(target: EntityTarget<R>, schema: z.ZodType<D>, toRow: (dto: D) => R): Reversible<R> => ({
  target,
  restore: (json) => toRow(schema.parse(JSON.parse(json))),
});

/** Every table local changes write to. */
const REVERSIBLE: ReadonlyArray<Reversible<OptimisticRow & { id: string }>> = [
  reversible(FairRow, FairDto, fairToRow),
  reversible(PreApplicationRow, PreApplicationDto, preApplicationToRow),
  reversible(StandRow, StandDto, standToRow),
  reversible(VacancyRow, VacancyDto, vacancyToRow),
  reversible(ParticipationRow, ParticipationDto, participationToRow),
] as ReadonlyArray<Reversible<OptimisticRow & { id: string }>>;

/** Undoes every optimistic effect: the tables then hold exactly what the server last sent. */
export async function rollbackOptimisticRows(m: EntityManager): Promise<void> {
  for (const { target, restore } of REVERSIBLE) {
    for (const row of await m.find(target, { where: { optimistic: 1 } })) {
      if (row.serverJson === null) await m.delete(target, { id: row.id });
      else await m.save(target, restore(row.serverJson));
    }
  }
}
