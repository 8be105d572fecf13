import { In } from 'typeorm';
import { checkEdit } from '../../shared/domain/participation/participationRules';
import type { MutationArgs } from '../../shared/sync/mutations';
import { Company, Participation, Vacancy, type User } from '../db/entities';
import { rooms } from '../realtime/rooms';
import { recordDeletion } from '../sync/tombstones';
import { editIsCurrent, type ChangeContext } from './baseVersion';
import { requireEmployer } from './guards';
import { enforce, ruleContext, ruleState } from './participationRules';
import { MutationRejected, type Applied } from './rejection';

/**
 * Vacancies (SPEC "Vacancy"): a company's library (free to edit) and each participation info's
 * own (its edit rules and deadlines apply: `checkEdit(…, 'vacancies')`). A vacancy never moves
 * between the library and a participation: importing copies it. Imports are all or nothing.
 */
export class VacancyService {
  constructor(private readonly ctx: ChangeContext) {}

  /** Create (`baseVersion` null) or edit; the baseVersion rule applies to edits. */
  async saveVacancy(actor: User, args: MutationArgs<'saveVacancy'>): Promise<Applied> {
    const employerId = requireEmployer(actor, 'edit vacancies');
    const { manager, version, now } = this.ctx;
    const existing = await manager.findOneBy(Vacancy, { id: args.id });
    if (existing && existing.employerId !== employerId) throw new MutationRejected('not_found', 'This vacancy does not exist (any more).', args.id);
    if (!existing && args.baseVersion !== null) throw new MutationRejected('not_found', 'This vacancy does not exist (any more).', args.id);
    if (existing && !editIsCurrent(existing, args.baseVersion, this.ctx.clientId)) {
      if (args.baseVersion === null) throw new MutationRejected('invalid', 'A vacancy with this id already exists.', args.id);
      throw new MutationRejected(
        'version_conflict',
        'Someone else changed this vacancy while you were editing it. Your changes were not saved: look at the current version and make them again.',
        args.id,
      );
    }
    if (existing && (existing.participationId !== args.participationId || existing.companyId !== args.companyId)) {
      throw new MutationRejected('invalid', 'A vacancy cannot move to another company or participation; copy it there instead.', args.id);
    }
    const company = await manager.findOneBy(Company, { id: args.companyId });
    if (!company || company.employerId !== employerId) throw new MutationRejected('invalid', 'Choose one of your own companies for the vacancy.', args.id);
    const info = args.participationId === null ? null : await this.editableInfo(actor, employerId, args.participationId, args.id);
    if (info && info.companyId !== company.id) {
      throw new MutationRejected('invalid', `This participation info is ${info.companyName}’s: its vacancies are that company’s.`, args.id);
    }
    const row = { ...args.fields, active: args.active, updatedAt: now, version, lastClientId: this.ctx.clientId ?? null };
    if (existing) await manager.update(Vacancy, { id: existing.id }, row);
    else {
      await manager.insert(Vacancy, { ...row, id: args.id, employerId, companyId: company.id, participationId: args.participationId, createdAt: now });
    }
    return { recordId: args.id, rooms: this.roomsOf(employerId, info) };
  }

  async deleteVacancy(actor: User, args: MutationArgs<'deleteVacancy'>): Promise<Applied> {
    const employerId = requireEmployer(actor, 'delete vacancies');
    const { manager } = this.ctx;
    const vacancy = await manager.findOneBy(Vacancy, { id: args.id });
    if (!vacancy || vacancy.employerId !== employerId) throw new MutationRejected('not_found', 'This vacancy does not exist (any more).', args.id);
    const info = vacancy.participationId === null ? null : await this.editableInfo(actor, employerId, vacancy.participationId, args.id);
    await manager.delete(Vacancy, { id: vacancy.id });
    // The centre id sends the delete to the moderators who saw the vacancy through its participation.
    await recordDeletion(this.ctx, 'vacancy', vacancy.id, { centreId: info?.centreId ?? null, employerId });
    return { recordId: vacancy.id, rooms: this.roomsOf(employerId, info) };
  }

  /** Adds every vacancy to the participation info, or none: each is checked before the first is written. */
  async importVacancies(actor: User, args: MutationArgs<'importVacancies'>): Promise<Applied> {
    const employerId = requireEmployer(actor, 'import vacancies');
    const { manager, version, now } = this.ctx;
    const info = await this.editableInfo(actor, employerId, args.participationId, args.participationId);
    const ids = args.vacancies.map((v) => v.id);
    if (new Set(ids).size !== ids.length) throw new MutationRejected('invalid', 'The import lists the same vacancy twice; nothing was imported.', info.id);
    const taken = await manager.countBy(Vacancy, { id: In(ids) });
    if (taken > 0) throw new MutationRejected('invalid', 'Some of these vacancies exist already; nothing was imported.', info.id);
    const rows = args.vacancies.map((v) => ({
      ...v.fields,
      id: v.id,
      employerId,
      companyId: info.companyId,
      participationId: info.id,
      active: true,
      createdAt: now,
      updatedAt: now,
      version,
      lastClientId: this.ctx.clientId ?? null,
    }));
    // Chunks keep each statement under SQLite's bound-parameter limit (≈ 20 columns per row).
    for (let i = 0; i < rows.length; i += 40) {
      await manager.createQueryBuilder().insert().into(Vacancy).values(rows.slice(i, i + 40)).updateEntity(false).execute();
    }
    return { recordId: info.id, rooms: this.roomsOf(employerId, info) };
  }

  /** The employer's own participation info, when its vacancies may change now. */
  private async editableInfo(actor: User, employerId: string, participationId: string, recordId: string): Promise<Participation> {
    const { manager, now } = this.ctx;
    const info = await manager.findOneBy(Participation, { id: participationId });
    if (!info || info.employerId !== employerId) throw new MutationRejected('not_found', 'This participation info does not exist (any more).', recordId);
    enforce(checkEdit(await ruleState(manager, info), 'vacancies', await ruleContext(manager, actor, info, now)), recordId);
    return info;
  }

  private roomsOf(employerId: string, info: Participation | null): string[] {
    return info ? [rooms.employer(employerId), rooms.centre(info.centreId)] : [rooms.employer(employerId)];
  }
}
