import { DateTime } from 'luxon';

/**
 * Working-day and calendar-day deadlines of a fair, computed in the career centre's time zone.
 * Pure: the server enforces them, the clients show them before the user hits them.
 *
 * A "day" is a calendar date (`YYYY-MM-DD`) where the centre is. Working days exclude Saturdays,
 * Sundays and the centre's configured holidays. A deadline day is accepted until its END in the
 * centre's zone: `…Deadline()` returns the first instant that is too late (exclusive bound).
 */
export interface CentreCalendar {
  /** IANA zone, e.g. `Asia/Almaty`. An unknown zone falls back to UTC rather than failing. */
  timeZone: string;
  /** Days off (`YYYY-MM-DD`) besides weekends. */
  holidays: readonly string[];
}

/** Working days between the last day for a pre-application and the fair's first day (SPEC). */
export const PRE_APPLICATION_WORKING_DAYS = 3;
/** Calendar days before the fair after which approved stands and vacancies are frozen (SPEC). */
export const CHANGES_CALENDAR_DAYS = 1;

const zoneOf = (timeZone: string): string => (DateTime.local({ zone: timeZone }).isValid ? timeZone : 'utc');

function parseDay(day: string, timeZone: string): DateTime {
  const parsed = DateTime.fromISO(day, { zone: zoneOf(timeZone) });
  if (!parsed.isValid) throw new RangeError(`Not a calendar date: ${day}`);
  return parsed.startOf('day');
}

const isoOf = (d: DateTime): string => d.toISODate() ?? '';

/** True when `day` is neither a weekend nor one of the centre's holidays. */
export function isWorkingDay(day: string, centre: CentreCalendar): boolean {
  const d = parseDay(day, centre.timeZone);
  return d.weekday <= 5 && !centre.holidays.includes(isoOf(d));
}

/** The calendar date of `instant` (epoch ms) in the centre's zone. */
export function dayInCentre(instant: number, centre: Pick<CentreCalendar, 'timeZone'>): string {
  return isoOf(DateTime.fromMillis(instant, { zone: zoneOf(centre.timeZone) }));
}

/**
 * The last day a pre-application to a fair starting on `fairStartsOn` is accepted: counting back
 * from the day before the fair, the {@link PRE_APPLICATION_WORKING_DAYS}-th working day (the fair
 * day itself never counts). A fair on Monday → the Wednesday before.
 */
export function lastDayForPreApplication(fairStartsOn: string, centre: CentreCalendar): string {
  let day = parseDay(fairStartsOn, centre.timeZone);
  let counted = 0;
  // Bounded: a year of holidays cannot hide more than 366 days.
  for (let guard = 0; guard < 800 && counted < PRE_APPLICATION_WORKING_DAYS; guard++) {
    day = day.minus({ days: 1 });
    if (isWorkingDay(isoOf(day), centre)) counted++;
  }
  return isoOf(day);
}

/** The first instant (epoch ms) at which a pre-application to the fair is too late. */
export function preApplicationDeadline(fairStartsOn: string, centre: CentreCalendar): number {
  return endOfDay(lastDayForPreApplication(fairStartsOn, centre), centre.timeZone);
}

/** True while a pre-application to the fair is still accepted at `now`. */
export function isBeforePreApplicationDeadline(fairStartsOn: string, centre: CentreCalendar, now: number): boolean {
  return now < preApplicationDeadline(fairStartsOn, centre);
}

/** The last calendar day on which approved stands and vacancies may still change. */
export function lastDayForChanges(fairStartsOn: string): string {
  return isoOf(parseDay(fairStartsOn, 'utc').minus({ days: CHANGES_CALENDAR_DAYS }));
}

/** The first instant (epoch ms) at which changes to the fair's stands and vacancies are too late. */
export function changesDeadline(fairStartsOn: string, centre: Pick<CentreCalendar, 'timeZone'>): number {
  return endOfDay(lastDayForChanges(fairStartsOn), centre.timeZone);
}

/** True while stands and vacancies of the fair may still change at `now`. */
export function isBeforeChangesDeadline(fairStartsOn: string, centre: Pick<CentreCalendar, 'timeZone'>, now: number): boolean {
  return now < changesDeadline(fairStartsOn, centre);
}

/** Epoch ms of the start of the day after `day` in `timeZone` (the end of `day`, exclusive). */
function endOfDay(day: string, timeZone: string): number {
  return parseDay(day, timeZone).plus({ days: 1 }).toMillis();
}

/** "Wednesday 9 December" — a deadline day as users read it (English; clients localise their own). */
export function describeDay(day: string): string {
  return parseDay(day, 'utc').setLocale('en').toFormat('cccc d LLLL');
}
