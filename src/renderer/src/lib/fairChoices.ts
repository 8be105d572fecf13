import { calendarDateOf } from '../../../shared/domain/fairPhase';
import { dayInCentre, isBeforePreApplicationDeadline, lastDayForPreApplication } from '../../../shared/domain/deadlines';
import type { CentreDto, FairDto } from '../../../shared/domain/records';

/** A fair offered to an employer for way 2, with its last day for pre-applications. */
export interface FairChoice<F extends FairDto = FairDto> {
  fair: F;
  /** Last calendar day (`YYYY-MM-DD`, centre's time zone) a pre-application is accepted; null while the centre is unknown. */
  lastDay: string | null;
  /** False once that day has ended where the centre is: the fair is shown, disabled, with the reason. */
  open: boolean;
}

/**
 * Way-2 choices for an employer: fairs that have not started yet, soonest first, each with the
 * last day for pre-applications (3 working days before the fair, the centre's holidays and zone:
 * shared/domain/deadlines.ts, the same rule the server enforces) and whether it has passed.
 */
export function preApplicationFairChoices<F extends FairDto>(
  fairs: readonly F[],
  centres: readonly CentreDto[],
  now: number,
): FairChoice<F>[] {
  const centreById = new Map(centres.map((c) => [c.id, c]));
  const choices: FairChoice<F>[] = [];
  for (const fair of fairs) {
    const centre = centreById.get(fair.centreId);
    const today = centre ? dayInCentre(now, centre) : calendarDateOf(new Date(now));
    if (fair.startsOn <= today) continue;
    // Without the centre (not synced yet) the rule cannot be computed here: the server decides.
    choices.push(
      centre
        ? { fair, lastDay: lastDayForPreApplication(fair.startsOn, centre), open: isBeforePreApplicationDeadline(fair.startsOn, centre, now) }
        : { fair, lastDay: null, open: true },
    );
  }
  return choices.sort((a, b) => a.fair.startsOn.localeCompare(b.fair.startsOn));
}

/**
 * Fairs a moderator may assign when approving a way-1 application: the application's centre's
 * fairs that have not finished, soonest first.
 */
export function approvalFairChoices<F extends FairDto>(
  fairs: readonly F[],
  centre: CentreDto | undefined,
  centreId: string,
  now: number,
): F[] {
  const today = centre ? dayInCentre(now, centre) : calendarDateOf(new Date(now));
  return fairs
    .filter((fair) => fair.centreId === centreId && fair.endsOn >= today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}
