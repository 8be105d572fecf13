import type { Locale } from '../domain/roles';

/**
 * Locale-aware formatting of the values FairDesk shows (desktop app and portal alike), as pure
 * functions of the UI language.
 * Instants (epoch ms) show in the device's time zone for now; the centre's zone comes with the
 * working-day rules. Calendar dates (`YYYY-MM-DD`) are formatted as dates, never shifted by a zone.
 */

const intlLocales: Record<Locale, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };
/** Kazakhstan's other official language, read by every Kazakh-speaking user. */
const fallbackTag = 'ru-RU';
const usable = new Map<string, boolean>();

/**
 * Some Chromium builds ship Kazakh without its calendar names and print "2026 M11 22"; a date
 * in Russian reads better than that. Checked once per tag, on the runtime that will format.
 */
function hasMonthNames(tag: string): boolean {
  let known = usable.get(tag);
  if (known === undefined) {
    const month = new Intl.DateTimeFormat(tag, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 15));
    known = !/^M?\d+$/.test(month.trim());
    usable.set(tag, known);
  }
  return known;
}

export function intlLocale(locale: Locale): string {
  const tag = intlLocales[locale];
  return hasMonthNames(tag) ? tag : fallbackTag;
}

export function formatDateTime(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}

/** Numeric date and time for dense tables: "22.11.2026, 19:33". */
export function formatShortDateTime(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'short', timeStyle: 'short' }).format(epochMs);
}

export function formatTime(epochMs: number, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short' }).format(epochMs);
}

/** `HH:mm` for today, a short date and time otherwise: what a status line wants. */
export function formatMoment(epochMs: number, locale: Locale, now: number): string {
  const sameDay = new Date(epochMs).toDateString() === new Date(now).toDateString();
  return sameDay
    ? formatTime(epochMs, locale)
    : new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(epochMs);
}

function calendarDateToUtc(isoDate: string): number {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

const calendarOptions: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };

export function formatCalendarDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), calendarOptions).format(calendarDateToUtc(isoDate));
}

const shortCalendarOptions: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };

/**
 * "14–15 May 2031"; a single date when both ends are the same day. `short` abbreviates months
 * ("22 Dec 2026 – 6 Jan 2027") for tables.
 */
export function formatCalendarRange(from: string, to: string, locale: Locale, short = false): string {
  const format = new Intl.DateTimeFormat(intlLocale(locale), short ? shortCalendarOptions : calendarOptions);
  if (from === to) return format.format(calendarDateToUtc(from));
  return format.formatRange(calendarDateToUtc(from), calendarDateToUtc(to));
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(value);
}
