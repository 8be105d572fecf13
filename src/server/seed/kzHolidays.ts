import { DateTime } from 'luxon';

/** Kazakhstan's public holidays as [month, day]; religious ones are listed per year below. */
const FIXED_HOLIDAYS: ReadonlyArray<readonly [number, number]> = [
  [1, 1], [1, 2], // New Year
  [3, 8], // International Women's Day
  [3, 21], [3, 22], [3, 23], // Nauryz
  [5, 1], // Unity of the People of Kazakhstan
  [5, 7], // Defender of the Fatherland Day
  [5, 9], // Victory Day
  [7, 6], // Capital Day
  [8, 30], // Constitution Day
  [10, 25], // Republic Day
  [12, 16], // Independence Day
];

/** Religious holidays (no weekend carry-over): Orthodox Christmas and the first day of Kurban Ait. */
const RELIGIOUS_HOLIDAYS: Record<number, string[]> = {
  2026: ['2026-01-07', '2026-05-27'],
  2027: ['2027-01-07', '2027-05-16'],
};

/**
 * Days off for `year`: the public holidays, plus the Labour Code's carry-over — a secular holiday
 * falling on a weekend moves the day off to the next working day. Government decrees that swap
 * further days are not modelled; a centre edits its own list.
 */
export function kazakhstanHolidays(year: number): string[] {
  const days = new Set<string>();
  const fixed = FIXED_HOLIDAYS.map(([month, day]) => DateTime.utc(year, month, day));
  for (const d of fixed) days.add(d.toISODate() ?? '');
  for (const d of RELIGIOUS_HOLIDAYS[year] ?? []) days.add(d);
  for (const d of fixed) {
    if (d.weekday < 6) continue;
    let substitute = d.plus({ days: 1 });
    while (substitute.weekday >= 6 || days.has(substitute.toISODate() ?? '')) {
      substitute = substitute.plus({ days: 1 });
    }
    days.add(substitute.toISODate() ?? '');
  }
  days.delete('');
  return [...days].sort();
}
