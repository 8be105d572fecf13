import { intlLocale } from '../shared/i18n/format';
import type { Locale } from '../shared/domain/roles';

/**
 * A moment in the fair's own time zone with the zone named ("14 Mar 2026, 00:00 GMT+5"): a
 * candidate abroad must not read the opening time in their own zone as the fair's.
 */
export function formatInZone(epochMs: number, locale: Locale, timeZone: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, so the parts are spelled out.
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone }).format(epochMs);
  } catch {
    // An unknown zone name: the reader's own zone, still named.
    return new Intl.DateTimeFormat(intlLocale(locale), options).format(epochMs);
  }
}

/** What to show for a failed call: the server's message when it wrote one, else a generic line. */
export function errorText(error: unknown, t: (key: string) => string): string {
  if (typeof error === 'object' && error !== null && 'reason' in error && 'message' in error) {
    const { reason, message } = error as { reason: string; message: string };
    if (reason === 'server') return message;
    if (reason === 'network') return t('errors.network');
  }
  return t('errors.unexpected');
}
