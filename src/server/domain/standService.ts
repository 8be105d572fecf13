import { In } from 'typeorm';
import { checkEdit } from '../../shared/domain/participation/participationRules';
import { standUploadIds } from '../../shared/domain/participation/stand';
import type { MutationArgs } from '../../shared/sync/mutations';
import { Company, Participation, Stand, Upload, type User } from '../db/entities';
import { recordDeletion } from '../sync/tombstones';
import { rooms } from '../realtime/rooms';
import { editIsCurrent, type ChangeContext } from './baseVersion';
import { requireEmployer } from './guards';
import { enforce, ruleContext, ruleState } from './participationRules';
import { MutationRejected, type Applied } from './rejection';

/** Participation statuses in which the stand is in front of the moderator or of candidates. */
const SHOWING = ['sent', 'approved'] as const;

/**
 * Employers' stands (SPEC "Stand"): created, edited and deleted by the employer's admin and
 * managers. A stand shown by a participation info under review cannot change (withdraw it first);
 * one shown by an approved participation can until the fair's changes deadline. Images must be
 * uploads of the same employer, already on the server.
 */
export class StandService {
  constructor(private readonly ctx: ChangeContext) {}

  /** Create (`baseVersion` null) or edit; the baseVersion rule applies to edits. */
  async saveStand(actor: User, args: MutationArgs<'saveStand'>): Promise<Applied> {
    const employerId = requireEmployer(actor, 'edit stands');
    const { manager, version, now } = this.ctx;
    const existing = await manager.findOneBy(Stand, { id: args.id });
    if (existing && existing.employerId !== employerId) {
      throw new MutationRejected('not_found', 'This stand does not exist (any more).', args.id);
    }
    if (existing && !editIsCurrent(existing, args.baseVersion, this.ctx.clientId)) {
      if (args.baseVersion === null) throw new MutationRejected('invalid', 'A stand with this id already exists.', args.id);
      throw new MutationRejected(
        'version_conflict',
        'Someone else changed this stand while you were editing it. Your changes were not saved: look at the current version and make them again.',
        args.id,
      );
    }
    if (!existing && args.baseVersion !== null) throw new MutationRejected('not_found', 'This stand does not exist (any more).', args.id);
    const company = await manager.findOneBy(Company, { id: args.fields.companyId });
    if (!company || company.employerId !== employerId) {
      throw new MutationRejected('invalid', 'Choose one of your own companies for the stand.', args.id);
    }
    await this.assertImages(employerId, standUploadIds(args.fields), args.id);
    if (existing) {
      for (const info of await this.showing(existing.id)) {
        const rules = await ruleContext(manager, actor, info, now);
        enforce(checkEdit(await ruleState(manager, info), 'stand', rules), args.id, info.status === 'approved' ? ' Duplicate the stand to make a new one.' : '');
      }
      await manager.update(Stand, { id: existing.id }, { ...args.fields, updatedAt: now, version, lastClientId: this.ctx.clientId ?? null });
      return { recordId: args.id, rooms: await this.roomsOf(employerId, existing.id) };
    }
    await manager.insert(Stand, {
      id: args.id,
      employerId,
      ...args.fields,
      createdAt: now,
      updatedAt: now,
      version,
      lastClientId: this.ctx.clientId ?? null,
    });
    return { recordId: args.id, rooms: [rooms.employer(employerId)] };
  }

  /** Refused while a sent or approved participation shows the stand; otherwise detaches it from the others. */
  async deleteStand(actor: User, args: MutationArgs<'deleteStand'>): Promise<Applied> {
    const employerId = requireEmployer(actor, 'delete stands');
    const { manager, version, now } = this.ctx;
    const stand = await manager.findOneBy(Stand, { id: args.id });
    if (!stand || stand.employerId !== employerId) throw new MutationRejected('not_found', 'This stand does not exist (any more).', args.id);
    const [showing] = await this.showing(stand.id);
    if (showing) {
      throw new MutationRejected(
        'state_changed',
        showing.status === 'sent'
          ? `The stand is shown by participation info ${showing.number} (${showing.fairTitle}), which the moderator is reviewing; withdraw it first.`
          : `The stand is shown by the approved participation info ${showing.number} (${showing.fairTitle}); attach another stand there first.`,
        args.id,
      );
    }
    const targetRooms = await this.roomsOf(employerId, stand.id);
    await manager.update(Participation, { standId: stand.id }, { standId: null, updatedAt: now, version });
    await manager.delete(Stand, { id: stand.id });
    // Moderators saw the stand only through participations, which now show none; the employer's clients drop it.
    await recordDeletion(this.ctx, 'stand', stand.id, { centreId: null, employerId });
    return { recordId: stand.id, rooms: targetRooms };
  }

  /** Every image must be an `image` upload of the same employer that reached the server. */
  private async assertImages(employerId: string, ids: string[], recordId: string): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.ctx.manager.findBy(Upload, { id: In(ids) });
    const usable = new Set(found.filter((u) => u.kind === 'image' && u.employerId === employerId).map((u) => u.id));
    if (ids.some((id) => !usable.has(id))) {
      throw new MutationRejected('invalid', 'An image of the stand is not on the server (or is not an image of your company); upload it again.', recordId);
    }
  }

  private showing(standId: string): Promise<Participation[]> {
    return this.ctx.manager.find(Participation, { where: { standId, status: In([...SHOWING]) }, order: { id: 'ASC' } });
  }

  /** The employer's room, and the centres whose moderators see the stand through a participation. */
  private async roomsOf(employerId: string, standId: string): Promise<string[]> {
    const infos = await this.ctx.manager.find(Participation, { select: { centreId: true }, where: { standId } });
    return [rooms.employer(employerId), ...new Set(infos.map((p) => rooms.centre(p.centreId)))];
  }
}
