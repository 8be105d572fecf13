import { z } from 'zod';
import { DateTime } from 'luxon';
import type { CentreCalendar } from '../deadlines';
import type { FairDays } from './participationRules';

/**
 * Video interviews planned in the participation info (SPEC "Video interviews"): per manager a start
 * time and a count (at most 10); each interview lasts up to 20 minutes, back to back from the start
 * time, on the day after the fair. Times are wall-clock times in the career centre's zone; slots are
 * computed as real instants (epoch ms), so a daylight-saving change on that day moves the labels,
 * never the 20-minute rhythm.
 */
export const INTERVIEW_MINUTES = 20;
export const MAX_INTERVIEWS_PER_MANAGER = 10;
/** More managers than any employer brings to one fair; keeps a hostile plan from being huge. */
export const MAX_PLANNED_MANAGERS = 50;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (hhmm: string): number => {
  const match = HH_MM.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
};

export const InterviewPlanEntry = z
  .object({
    /** The cabinet manager (or admin) who holds these interviews. */
    managerId: z.string().uuid('Choose the manager who holds these interviews.'),
    /** Wall-clock start in the centre's zone, `HH:mm` (24-hour). */
    startTime: z.string().regex(HH_MM, 'Enter the start time as HH:mm, e.g. 10:00.'),
    count: z
      .number({ error: 'Enter how many interviews as a number.' })
      .int('The number of interviews must be a whole number.')
      .min(1, 'Plan at least one interview, or remove the manager from the plan.')
      .max(MAX_INTERVIEWS_PER_MANAGER, `At most ${MAX_INTERVIEWS_PER_MANAGER} interviews per manager.`),
  })
  .refine((e) => !HH_MM.test(e.startTime) || minutesOf(e.startTime) + e.count * INTERVIEW_MINUTES <= 24 * 60, {
    message: 'The interviews must end the same day; start earlier or plan fewer.',
    path: ['count'],
  });
export type InterviewPlanEntry = z.output<typeof InterviewPlanEntry>;

/** A plan: one entry per manager (an empty plan means no video interviews). */
export const InterviewPlan = z
  .array(InterviewPlanEntry)
  .max(MAX_PLANNED_MANAGERS, `At most ${MAX_PLANNED_MANAGERS} managers in one plan.`)
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.forEach((entry, index) => {
      if (seen.has(entry.managerId)) {
        ctx.addIssue({ code: 'custom', path: [index, 'managerId'], message: 'This manager is already in the plan; change the existing line instead.' });
      }
      seen.add(entry.managerId);
    });
  });
export type InterviewPlan = z.output<typeof InterviewPlan>;

/** One planned interview slot. */
export interface InterviewSlot {
  managerId: string;
  /** 1-based position within the manager's series. */
  index: number;
  /** Epoch ms (inclusive start, exclusive end). */
  startsAt: number;
  endsAt: number;
  /** The interview day in the centre's zone, `YYYY-MM-DD`. */
  day: string;
  /** Wall-clock labels in the centre's zone, `HH:mm`. */
  startLabel: string;
  endLabel: string;
  /** The zone's offset at the start, in minutes east of UTC (tells the two 02:30s of a fall-back night apart). */
  utcOffsetMinutes: number;
}

/** A problem with a plan, in the centre's context (the schema checks the context-free rules). */
export interface InterviewPlanIssue {
  /** Index of the plan entry, or null for the plan as a whole. */
  entry: number | null;
  field: 'managerId' | 'startTime' | 'count' | null;
  message: string;
}

const zoneOf = (timeZone: string): string => (DateTime.local({ zone: timeZone }).isValid ? timeZone : 'utc');

/** The interview day: the day after the fair's last day (a calendar date, no zone involved). */
export function interviewDay(fair: Pick<FairDays, 'endsOn'>): string {
  const end = DateTime.fromISO(fair.endsOn, { zone: 'utc' });
  if (!end.isValid) throw new RangeError(`Not a calendar date: ${fair.endsOn}`);
  return end.plus({ days: 1 }).toISODate() ?? '';
}

/**
 * The instant `hh:mm` happens on `day` in `zone`, or null when that wall-clock time does not exist
 * there (skipped by a spring-forward change). On an ambiguous fall-back time luxon takes the
 * earlier instant, which is what "start at 02:30" means to a person.
 */
function wallClockInstant(day: string, hhmm: string, zone: string): DateTime | null {
  const minutes = minutesOf(hhmm);
  const local = DateTime.fromISO(day, { zone }).set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
  return local.hour * 60 + local.minute === minutes ? local : null;
}

interface SeriesBounds {
  start: DateTime;
  end: DateTime;
}

function seriesOf(entry: InterviewPlanEntry, day: string, zone: string): SeriesBounds | null {
  const start = wallClockInstant(day, entry.startTime, zone);
  return start ? { start, end: start.plus({ minutes: entry.count * INTERVIEW_MINUTES }) } : null;
}

/**
 * Every problem of `plan` for this fair and centre: the schema's rules, plus a start time that does
 * not exist on the interview day (clocks go forward) and a series that would run past midnight in
 * real time (a spring-forward day is 23 hours long).
 */
export function validateInterviewPlan(plan: readonly InterviewPlanEntry[], fair: Pick<FairDays, 'endsOn'>, centre: Pick<CentreCalendar, 'timeZone'>): InterviewPlanIssue[] {
  const parsed = InterviewPlan.safeParse(plan);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => {
      const [entry, field] = issue.path;
      return {
        entry: typeof entry === 'number' ? entry : null,
        field: field === 'managerId' || field === 'startTime' || field === 'count' ? field : null,
        message: issue.message,
      };
    });
  }
  const zone = zoneOf(centre.timeZone);
  const day = interviewDay(fair);
  const nextDay = DateTime.fromISO(day, { zone }).plus({ days: 1 }).startOf('day');
  const issues: InterviewPlanIssue[] = [];
  parsed.data.forEach((entry, index) => {
    const series = seriesOf(entry, day, zone);
    if (!series) {
      issues.push({ entry: index, field: 'startTime', message: `${entry.startTime} does not exist on ${day} in ${zone}: the clocks go forward that night. Choose another start time.` });
    } else if (series.end > nextDay) {
      issues.push({ entry: index, field: 'count', message: 'The interviews must end the same day; start earlier or plan fewer.' });
    }
  });
  return issues;
}

/** Thrown by {@link interviewSlots} for a plan that {@link validateInterviewPlan} refuses. */
export class InterviewPlanError extends Error {
  constructor(readonly issues: InterviewPlanIssue[]) {
    super(issues.map((i) => i.message).join(' '));
    this.name = 'InterviewPlanError';
  }
}

/**
 * The slots of a valid plan, 20 minutes back to back from each manager's start time on the day
 * after the fair, in the centre's zone; ordered by start, then by the plan's order of managers.
 * Throws {@link InterviewPlanError} when the plan is not valid (call `validateInterviewPlan` first to show why).
 */
export function interviewSlots(plan: readonly InterviewPlanEntry[], fair: Pick<FairDays, 'endsOn'>, centre: Pick<CentreCalendar, 'timeZone'>): InterviewSlot[] {
  const issues = validateInterviewPlan(plan, fair, centre);
  if (issues.length > 0) throw new InterviewPlanError(issues);
  const zone = zoneOf(centre.timeZone);
  const day = interviewDay(fair);
  const slots: { slot: InterviewSlot; order: number }[] = [];
  plan.forEach((entry, order) => {
    const series = seriesOf(entry, day, zone);
    if (!series) return; // unreachable: validated above
    for (let i = 0; i < entry.count; i++) {
      // Absolute arithmetic (plus minutes on an instant), never wall-clock, so DST cannot stretch a slot.
      const start = series.start.plus({ minutes: i * INTERVIEW_MINUTES });
      const end = start.plus({ minutes: INTERVIEW_MINUTES });
      slots.push({
        order,
        slot: {
          managerId: entry.managerId,
          index: i + 1,
          startsAt: start.toMillis(),
          endsAt: end.toMillis(),
          day,
          startLabel: start.toFormat('HH:mm'),
          endLabel: end.toFormat('HH:mm'),
          utcOffsetMinutes: start.offset,
        },
      });
    }
  });
  slots.sort((a, b) => a.slot.startsAt - b.slot.startsAt || a.order - b.order);
  return slots.map((s) => s.slot);
}

/** One manager's line of the timetable. */
export interface TimetableRow {
  managerId: string;
  managerName: string;
  /** First start and last end, `HH:mm` in the centre's zone. */
  from: string;
  to: string;
  slots: InterviewSlot[];
}

export interface Timetable {
  /** The interview day, `YYYY-MM-DD`, and the zone its times are in. */
  day: string;
  timeZone: string;
  totalSlots: number;
  /** Earliest start and latest end over all managers (epoch ms), null for an empty plan. */
  startsAt: number | null;
  endsAt: number | null;
  /** Per manager, ordered by first start, then name. */
  rows: TimetableRow[];
}

/**
 * The timetable to show under the plan (employer's preview, moderator's review): per manager the
 * series of slots. `managerNames` maps ids to display names; an unknown id shows as the id, so a
 * manager deactivated meanwhile still appears rather than silently vanishing.
 */
export function timetable(
  plan: readonly InterviewPlanEntry[],
  fair: Pick<FairDays, 'endsOn'>,
  centre: Pick<CentreCalendar, 'timeZone'>,
  managerNames: Readonly<Record<string, string>> = {},
): Timetable {
  const slots = interviewSlots(plan, fair, centre);
  const rows = new Map<string, TimetableRow>();
  for (const slot of slots) {
    let row = rows.get(slot.managerId);
    if (!row) {
      row = { managerId: slot.managerId, managerName: managerNames[slot.managerId] ?? slot.managerId, from: slot.startLabel, to: slot.endLabel, slots: [] };
      rows.set(slot.managerId, row);
    }
    row.slots.push(slot);
    row.to = slot.endLabel;
  }
  const ordered = [...rows.values()].sort(
    (a, b) => (a.slots[0]?.startsAt ?? 0) - (b.slots[0]?.startsAt ?? 0) || a.managerName.localeCompare(b.managerName),
  );
  return {
    day: interviewDay(fair),
    timeZone: zoneOf(centre.timeZone),
    totalSlots: slots.length,
    startsAt: slots.length > 0 ? Math.min(...slots.map((s) => s.startsAt)) : null,
    endsAt: slots.length > 0 ? Math.max(...slots.map((s) => s.endsAt)) : null,
    rows: ordered,
  };
}
