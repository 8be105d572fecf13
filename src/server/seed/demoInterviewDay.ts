import { DateTime } from 'luxon';
import { INTERVIEW_MINUTES, MAX_INTERVIEWS_PER_MANAGER } from '../../shared/domain/participation/interviewPlan';

// Free of database imports (as demoCandidates.ts), so end-to-end specs can compute it too.

const MINUTE_MS = 60_000;

/** When the demo's interview series runs, in the centre's zone. */
export interface DemoInterviewDay {
  /** The interview day `YYYY-MM-DD` (the fair ends the day before). */
  day: string;
  /** The series' wall-clock start, `HH:mm`. */
  startTime: string;
  /** Slots in the series: as many 20-minute ones as fit before the day's midnight, at most 10. */
  count: number;
  /** The first slot's start (epoch ms). */
  firstStartsAt: number;
}

/**
 * The series the demo books: from `now + 3 minutes` rounded up to the minute. Plans end by
 * midnight, so late in the evening the first slot moves to the day's last full slot (when it has
 * not begun yet) or to midnight itself; either way *Join* (open 10 minutes before) opens within
 * 10 minutes of `now`.
 */
export function demoInterviewDay(now: number, timeZone: string): DemoInterviewDay {
  const soon = DateTime.fromMillis(now + 3 * MINUTE_MS, { zone: timeZone });
  let start = soon.startOf('minute');
  if (start < soon) start = start.plus({ minutes: 1 });
  const midnight = start.startOf('day').plus({ days: 1 });
  const lastOfDay = midnight.minus({ minutes: INTERVIEW_MINUTES });
  if (start > lastOfDay) start = lastOfDay.toMillis() > now ? lastOfDay : midnight;
  const end = start.startOf('day').plus({ days: 1 });
  const fits = Math.floor(end.diff(start, 'minutes').minutes / INTERVIEW_MINUTES);
  return {
    day: start.toISODate() ?? '',
    startTime: start.toFormat('HH:mm'),
    count: Math.min(MAX_INTERVIEWS_PER_MANAGER, fits),
    firstStartsAt: start.toMillis(),
  };
}
