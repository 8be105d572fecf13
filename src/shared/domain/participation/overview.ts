import type { InterviewPlanEntry } from './interviewPlan';
import type { FairOverview, FairOverviewEmployer } from './records';

/**
 * The fair overview's arithmetic, shared by the server (which counts responses) and the desktop
 * core (which computes the rest from its cache when offline).
 */

/** Interview slots a plan offers (the sum of its counts). */
export function plannedSlots(plan: readonly Pick<InterviewPlanEntry, 'count'>[]): number {
  return plan.reduce((sum, entry) => sum + entry.count, 0);
}

/** Totals over the employers' lines; response and interest totals are null when any line does not know them. */
export function overviewTotals(employers: readonly FairOverviewEmployer[]): FairOverview['totals'] {
  const sum = (pick: (e: FairOverviewEmployer) => number): number => employers.reduce((total, e) => total + pick(e), 0);
  const known = (pick: (e: FairOverviewEmployer) => number | null): number | null => {
    let total = 0;
    for (const e of employers) {
      const value = pick(e);
      if (value === null) return null;
      total += value;
    }
    return total;
  };
  return {
    employers: employers.length,
    approvedEmployers: employers.filter((e) => e.status === 'approved').length,
    vacancies: sum((e) => e.vacancyCount),
    places: sum((e) => e.placeCount),
    responses: known((e) => e.responseCount),
    interests: known((e) => e.interestCount),
    plannedSlots: sum((e) => e.plannedSlots),
    unansweredChats: known((e) => e.unansweredChats),
  };
}
