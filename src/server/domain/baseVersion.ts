import type { WriteContext } from '../db/transactions';

/**
 * A domain change's context: its write transaction and the sync client that pushed it (null or
 * absent for server-side work: the seed, tests calling a service directly).
 */
export type ChangeContext = WriteContext & { clientId?: string | null };

/** The parts of a row the baseVersion rule reads. */
export interface BaseVersioned {
  version: number;
  lastClientId: string | null;
}

/**
 * The baseVersion rule of edits (saveStand, saveVacancy, updateParticipation, updateFair): an edit
 * lands when it starts from the row's current version, OR when the row's last change came from
 * the same sync client — that client's own earlier edits, applied meanwhile, are what its later
 * offline edits were built on, so two offline edits in a row both land. Anyone else's change since
 * `baseVersion` makes it a conflict.
 */
export function editIsCurrent(row: BaseVersioned, baseVersion: number | null, clientId: string | null | undefined): boolean {
  if (baseVersion !== null && row.version === baseVersion) return true;
  return clientId !== null && clientId !== undefined && row.lastClientId === clientId;
}
