import { DEMO_CANDIDATES, DEMO_TIME_ZONE } from '../../../src/server/seed/demoCandidates';
import { demoInterviewDay } from '../../../src/server/seed/demoInterviewDay';
import { joinOpensAt } from '../../../src/shared/domain/video/rules';

const MINUTE_MS = 60_000;
/** How far the clock goes back when the day is too short: well inside the same evening. */
const STEP_BACK_MS = 2 * 60 * MINUTE_MS;

/**
 * Where a video e2e server's clock should start (`startServer({ clockStartsAt })`) so the demo seed
 * books BOTH demo candidates, the first on a slot whose *Join* is open at once. An interview day
 * ends at midnight in Almaty, so in the last ~45 minutes of it only one slot is left, or the first
 * opens later: then the server's clock starts two hours earlier. The rest of the day, the real time.
 */
export function demoVideoClockStart(now: number = Date.now()): number {
  // The server seeds a moment after this runs: the plan a minute on is the later one it can get.
  const roomy = (at: number): boolean => {
    const plan = demoInterviewDay(at + MINUTE_MS, DEMO_TIME_ZONE);
    return plan.count >= DEMO_CANDIDATES.length && joinOpensAt(plan.firstStartsAt) <= at;
  };
  return roomy(now) ? now : now - STEP_BACK_MS;
}
