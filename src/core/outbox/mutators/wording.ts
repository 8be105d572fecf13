import { DateTime } from 'luxon';

/**
 * How refusals name times: in the centre's zone, labelled by its city ("at 14:02 (Almaty time)"),
 * with the date when it was not today there — worded as the server words its rejections, so an
 * offline refusal reads the same as the one the server would send later.
 */
export function describeInstant(instant: number, timeZone: string, now: number): string {
  const zone = DateTime.local({ zone: timeZone }).isValid ? timeZone : 'utc';
  const at = DateTime.fromMillis(instant, { zone }).setLocale('en');
  const today = DateTime.fromMillis(now, { zone }).toISODate();
  const time = at.toFormat('HH:mm');
  const when = at.toISODate() === today ? `at ${time}` : `on ${at.toFormat('d LLLL')} at ${time}`;
  const city = (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
  return `${when} (${city} time)`;
}
