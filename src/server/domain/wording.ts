import { DateTime } from 'luxon';

/**
 * How rejection messages name times: in the centre's zone, labelled by its city
 * ("14:02 (Almaty time)"), with the date when it was not today there.
 */
export function zoneLabel(timeZone: string): string {
  const city = timeZone.split('/').pop() ?? timeZone;
  return `${city.replace(/_/g, ' ')} time`;
}

export function describeInstant(instant: number, timeZone: string, now: number): string {
  const zone = DateTime.local({ zone: timeZone }).isValid ? timeZone : 'utc';
  const at = DateTime.fromMillis(instant, { zone }).setLocale('en');
  const today = DateTime.fromMillis(now, { zone }).toISODate();
  const time = at.toFormat('HH:mm');
  const when = at.toISODate() === today ? `at ${time}` : `on ${at.toFormat('d LLLL')} at ${time}`;
  return `${when} (${zoneLabel(timeZone)})`;
}
