/**
 * A fair as employers and candidates see it: *Soon* before its first day, *Live* on its days,
 * *Finished* after. Dates are calendar dates (`YYYY-MM-DD`) compared as such, so `today` must be
 * the calendar date where the fair happens (the centre's time zone; see `calendarDateOf`).
 */
export type FairPhase = 'soon' | 'live' | 'finished';

export function fairPhase(fair: { startsOn: string; endsOn: string }, today: string): FairPhase {
  // ISO calendar dates order correctly as strings.
  if (today < fair.startsOn) return 'soon';
  if (today > fair.endsOn) return 'finished';
  return 'live';
}

/**
 * The `YYYY-MM-DD` calendar date of `instant` in `timeZone` (an IANA zone such as `Asia/Almaty`),
 * or in the runtime's own zone when none is given.
 */
export function calendarDateOf(instant: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: 'year' | 'month' | 'day'): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
