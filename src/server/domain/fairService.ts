import { dayInCentre } from '../../shared/domain/deadlines';
import type { MutationArgs } from '../../shared/sync/mutations';
import { CareerCentre, Fair, Participation, PreApplication, type User } from '../db/entities';
import { editIsCurrent, type ChangeContext } from './baseVersion';
import { rooms } from '../realtime/rooms';
import { requireModerator } from './guards';
import { MutationRejected, type Applied } from './rejection';
import { describeInstant } from './wording';

/**
 * Fairs of a career centre: created and edited by that centre's moderators only. Every method
 * checks all rules before writing, and stamps every row it writes with the transaction's version.
 */
export class FairService {
  constructor(private readonly ctx: ChangeContext) {}

  async createFair(actor: User, args: MutationArgs<'createFair'>): Promise<Applied> {
    const centreId = requireModerator(actor, 'create fairs');
    const { manager, version, now } = this.ctx;
    if (await manager.existsBy(Fair, { id: args.id })) {
      throw new MutationRejected('invalid', 'A fair with this id already exists.', args.id);
    }
    const centre = await manager.findOneByOrFail(CareerCentre, { id: centreId });
    checkDates(args, centre, now, args.id);
    await manager.insert(Fair, {
      id: args.id,
      centreId,
      title: args.title,
      region: centre.region,
      city: args.city,
      startsOn: args.startsOn,
      endsOn: args.endsOn,
      description: args.description,
      createdAt: now,
      updatedAt: now,
      version,
      lastClientId: this.ctx.clientId ?? null,
    });
    return { recordId: args.id, rooms: [rooms.centre(centreId), rooms.allEmployers] };
  }

  /**
   * Refused with `version_conflict` when someone else changed the fair on the server since
   * `baseVersion` (the same client's own earlier edits do not count: see `editIsCurrent`).
   */
  async updateFair(actor: User, args: MutationArgs<'updateFair'>): Promise<Applied> {
    const centreId = requireModerator(actor, 'edit fairs');
    const { manager, version, now } = this.ctx;
    const fair = await manager.findOneBy(Fair, { id: args.id });
    // Another centre's fair is outside a moderator's scope: it does not exist for them.
    if (!fair || fair.centreId !== centreId) {
      throw new MutationRejected('not_found', 'This fair does not exist (any more) in your centre.', args.id);
    }
    const centre = await manager.findOneByOrFail(CareerCentre, { id: centreId });
    if (!editIsCurrent(fair, args.baseVersion, this.ctx.clientId)) {
      throw new MutationRejected(
        'version_conflict',
        `Someone else changed this fair ${describeInstant(fair.updatedAt, centre.timeZone, now)} while you were editing it. ` +
          'Your changes were not saved: look at the current version and make them again.',
        fair.id,
      );
    }
    const next = { ...fair, ...definedFields(args.fields) };
    if (args.fields.startsOn !== undefined || args.fields.endsOn !== undefined) checkDates(next, centre, now, fair.id);
    else if (next.startsOn > next.endsOn) throw new MutationRejected('invalid', 'A fair cannot end before it starts.', fair.id);
    await manager.update(
      Fair,
      { id: fair.id },
      {
        title: next.title,
        city: next.city,
        startsOn: next.startsOn,
        endsOn: next.endsOn,
        description: next.description,
        updatedAt: now,
        version,
        lastClientId: this.ctx.clientId ?? null,
      },
    );
    if (next.title !== fair.title) {
      // Cards show the fair's title from the application and participation rows: keep every cache's copy current.
      await manager.update(PreApplication, { fairId: fair.id }, { fairTitle: next.title, version });
      await manager.update(Participation, { fairId: fair.id }, { fairTitle: next.title, version });
    }
    return { recordId: fair.id, rooms: [rooms.centre(centreId), rooms.allEmployers] };
  }
}

function definedFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkDates(fair: { startsOn: string; endsOn: string }, centre: CareerCentre, now: number, id: string): void {
  if (fair.startsOn > fair.endsOn) throw new MutationRejected('invalid', 'A fair cannot end before it starts.', id);
  if (fair.startsOn < dayInCentre(now, centre)) {
    throw new MutationRejected('invalid', 'A fair cannot start in the past.', id);
  }
}
