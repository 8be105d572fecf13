import type { EntityManager } from 'typeorm';
import type { CentreCalendar } from '../../../shared/domain/deadlines';
import type { ParticipationState, RuleContext, RuleResult } from '../../../shared/domain/participation/participationRules';
import type { UserDto } from '../../../shared/domain/roles';
import { CentreRow, FairRow, ParticipationRow, VacancyRow } from '../../cache/entities';
import { RpcError } from '../../rpc/handlerTable';

/**
 * What the shared participation rules (`checkEdit`, `checkAction`) need, read from the cache, and
 * their refusals as the errors the UI shows at once — the same words the server would send later.
 */

export interface LoadedParticipation {
  row: ParticipationRow;
  state: ParticipationState;
  ctx: RuleContext;
  centre: CentreCalendar;
  fair: FairRow;
}

/** "20300101-1 KazLogistics · Spring fair": how a rejection names the info. */
export const participationLabel = (row: Pick<ParticipationRow, 'number' | 'companyName' | 'fairTitle'>): string =>
  `${row.number} ${row.companyName} · ${row.fairTitle}`;

/** Live vacancies of a participation info (a queued delete no longer counts). */
export const vacancyCount = (m: EntityManager, participationId: string): Promise<number> =>
  m.countBy(VacancyRow, { participationId, deleted: 0 });

/**
 * The info with its fair and centre. Both are always in the scope of whoever sees the info (the
 * employer sees every fair, the moderator its centre's); a missing one means the cache is not
 * complete yet, and deciding without the deadlines would be guessing.
 */
export async function loadParticipation(m: EntityManager, id: string, actor: UserDto, now: number): Promise<LoadedParticipation> {
  const row = await m.findOneBy(ParticipationRow, { id });
  if (!row) throw new RpcError('not_found', 'This participation info is no longer in your list.');
  const fair = await m.findOneBy(FairRow, { id: row.fairId });
  const centreRow = await m.findOneBy(CentreRow, { id: row.centreId });
  if (!fair || !centreRow) {
    throw new RpcError('conflict', 'The fair of this participation info is not in the local copy yet. Sync, then try again.');
  }
  const centre: CentreCalendar = { timeZone: centreRow.timeZone, holidays: JSON.parse(centreRow.holidaysJson) as string[] };
  const state: ParticipationState = {
    status: row.status as ParticipationState['status'],
    employerId: row.employerId,
    centreId: row.centreId,
    hasStand: row.standId !== null,
    vacancyCount: await vacancyCount(m, row.id),
  };
  return { row, state, fair, centre, ctx: { actor, fair: { startsOn: fair.startsOn, endsOn: fair.endsOn }, centre, now } };
}

/**
 * Throws a rule's refusal as an RpcError: `forbidden` stays, a wrong status or a passed deadline
 * is a `conflict` (the state of things, not the input), a missing stand or vacancy a `bad_request`.
 */
export function enforce(result: RuleResult): void {
  if (result.ok) return;
  const code = result.code === 'forbidden' ? 'forbidden' : result.code === 'incomplete' ? 'bad_request' : 'conflict';
  throw new RpcError(code, result.message);
}
