import type { EntityManager } from 'typeorm';
import type { ParticipationState, RuleContext, RuleRefusal, RuleResult } from '../../shared/domain/participation/participationRules';
import type { RejectionCode } from '../../shared/sync/mutations';
import { CareerCentre, Fair, type Participation, type User, Vacancy } from '../db/entities';
import { MutationRejected } from './rejection';

/**
 * The bridge between the shared participation rules (pure, also run by the clients) and the
 * server's services: the rules' inputs read from the database, and their refusals as sync rejections.
 */

/** How a rule refusal reads as a sync rejection code. */
const CODES: Record<RuleRefusal['code'], RejectionCode> = {
  forbidden: 'forbidden',
  wrong_status: 'state_changed',
  deadline_passed: 'deadline_passed',
  incomplete: 'invalid',
};

/** Throws the rule's refusal as a rejection; does nothing when the rule allows. */
export function enforce(result: RuleResult, recordId: string, hint = ''): void {
  if (!result.ok) throw new MutationRejected(CODES[result.code], `${result.message}${hint}`, recordId);
}

/** The fair, the centre and the clock a rule check about `participation` needs. */
export async function ruleContext(manager: EntityManager, actor: User, participation: Participation, now: number): Promise<RuleContext & { fairRow: Fair; centreRow: CareerCentre }> {
  const fairRow = await manager.findOneByOrFail(Fair, { id: participation.fairId });
  const centreRow = await manager.findOneByOrFail(CareerCentre, { id: participation.centreId });
  return {
    actor,
    fair: { startsOn: fairRow.startsOn, endsOn: fairRow.endsOn },
    centre: { timeZone: centreRow.timeZone, holidays: centreRow.holidays },
    now,
    fairRow,
    centreRow,
  };
}

/** The participation as the rules see it (counting its vacancies). */
export async function ruleState(manager: EntityManager, participation: Participation): Promise<ParticipationState> {
  return {
    status: participation.status,
    employerId: participation.employerId,
    centreId: participation.centreId,
    hasStand: participation.standId !== null,
    vacancyCount: await manager.countBy(Vacancy, { participationId: participation.id }),
  };
}
