import { DateTime } from 'luxon';
import type { Locale } from '../../../shared/domain/roles';
import type { DigestVacancy, MailFormat } from './types';

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

/**
 * One vacancy of a digest: `Driver — 2: Aida Nur (wants a video interview), Bolat Sek, and 3 more`.
 * Names are the candidates' own; the words come from the locale.
 */
export function vacancyLine(
  vacancy: DigestVacancy,
  f: MailFormat,
  words: { video: string; more: (n: number) => string },
): string {
  const names = vacancy.candidates.map((c) => (c.wantsVideoInterview ? `${c.name} (${words.video})` : c.name));
  const hidden = vacancy.count - vacancy.candidates.length;
  if (hidden > 0) names.push(words.more(hidden));
  return `${vacancy.title} — ${f.count(vacancy.count)}: ${names.join(', ')}`;
}
