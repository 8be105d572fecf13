import { DateTime } from 'luxon';
import { MoreThanOrEqual, type DataSource } from 'typeorm';
import type { z } from 'zod';
import type { PublicFairsResponse } from '../../shared/api/http';
import { CareerCentre, Fair } from '../db/entities';
import { toFairDto } from '../dto';

type PublicFair = z.infer<typeof PublicFairsResponse>['fairs'][number];

/** Today's date (`YYYY-MM-DD`) in an IANA zone; falls back to UTC for an unknown zone. */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  const local = DateTime.fromMillis(now, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromMillis(now, { zone: 'utc' })).toISODate() ?? '1970-01-01';
}

/** Fairs not yet finished in their own centre's time zone, soonest first, for the public portal. */
export async function listPublicFairs(db: DataSource, now: number = Date.now()): Promise<PublicFair[]> {
  const centres = await db.getRepository(CareerCentre).find();
  const byId = new Map(centres.map((c) => [c.id, c]));
  // Every zone's "today" is within a day of UTC's, so this cheap filter keeps all candidates.
  const earliest = DateTime.fromMillis(now, { zone: 'utc' }).minus({ days: 1 }).toISODate() ?? '1970-01-01';
  const fairs = await db.getRepository(Fair).find({
    where: { endsOn: MoreThanOrEqual(earliest) },
    order: { startsOn: 'ASC', title: 'ASC' },
  });
  const result: PublicFair[] = [];
  for (const fair of fairs) {
    const centre = byId.get(fair.centreId);
    if (!centre) continue;
    if (fair.endsOn >= todayIn(centre.timeZone, now)) {
      result.push({ ...toFairDto(fair), centreName: centre.name });
    }
  }
  return result;
}
