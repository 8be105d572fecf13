import { DateTime } from 'luxon';
import type { Locale } from '../../../shared/domain/roles';
import type { MailFormat } from './types';

/** Dates and numbers as a reader of `locale` writes them (`14 декабря 2026`, `14 December 2026`). */
export function mailFormat(locale: Locale): MailFormat {
  const day = (iso: string): string => {
    const parsed = DateTime.fromISO(iso, { zone: 'UTC' });
    return parsed.isValid ? parsed.setLocale(locale).toFormat('d MMMM yyyy') : iso;
  };
  const numbers = new Intl.NumberFormat(locale);
  return {
    day,
    days: (from, to) => (from === to ? day(from) : `${day(from)} – ${day(to)}`),
    count: (n) => numbers.format(n),
  };
}
