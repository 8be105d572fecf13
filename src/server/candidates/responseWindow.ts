import { DateTime } from 'luxon';
import type { PortalResponseWindow } from '../../shared/api/portal';
import { responseWindow, responsesCloseAt, responsesOpenAt } from '../../shared/domain/participation/participationRules';
import type { CareerCentre, Fair } from '../db/entities';
import { ServerError } from '../errors';

/** The fair's response window as the portal API reports it (shared rules, centre's time zone). */
export function windowOf(fair: Fair, centre: CareerCentre, now: number): PortalResponseWindow {
  return {
    state: responseWindow(fair, centre, now),
    opensAt: responsesOpenAt(fair, centre),
    closesAt: responsesCloseAt(fair, centre),
  };
}

/** `14 March 2026, 00:00 (Asia/Almaty time)`: moments in refusals, in the fair's own zone. */
export function describeMoment(epochMs: number, timeZone: string): string {
  const local = DateTime.fromMillis(epochMs, { zone: timeZone });
  const at = local.isValid ? local : DateTime.fromMillis(epochMs, { zone: 'utc' });
  return `${at.setLocale('en').toFormat('d MMMM yyyy, HH:mm')} (${at.zoneName ?? 'UTC'} time)`;
}

/**
 * Throws the refusal for acting on full vacancies outside the window: before it opens (saying
 * when it opens) or after the fair (saying when it closed).
 */
export function assertWindowOpen(window: PortalResponseWindow, timeZone: string, doing: string): void {
  if (window.state === 'not_yet') {
    throw new ServerError('forbidden', 403, `${doing} opens on ${describeMoment(window.opensAt, timeZone)}, one day before the fair.`);
  }
  if (window.state === 'closed') {
    throw new ServerError('forbidden', 403, `${doing} closed on ${describeMoment(window.closesAt, timeZone)}, when the fair ended.`);
  }
}
