import type { EntityManager } from 'typeorm';
import { checkEdit } from '../../../shared/domain/participation/participationRules';
import type { VacancyFields } from '../../../shared/domain/participation/vacancy';
import { isEmployerRole, type UserDto } from '../../../shared/domain/roles';
import { CompanyRow, ParticipationRow, VacancyRow } from '../../cache/entities';
import { RpcError } from '../../rpc/handlerTable';
import { touchVacancy } from '../optimisticRows';
import type { Mutator, MutatorContext } from './mutator';
import { enforce, loadParticipation, participationLabel, type LoadedParticipation } from './participationContext';

/**
 * Vacancies (SPEC "Vacancy"): library ones (no participation info) are free to edit; those of a
 * participation info follow its edit rules and deadlines (`checkEdit(info, 'vacancies')`).
 */

function assertEmployer(actor: UserDto): string {
  if (!isEmployerRole(actor.role) || !actor.employerId) throw new RpcError('forbidden', 'Only an employer’s admin or manager can manage vacancies.');
  return actor.employerId;
}

async function ownVacancy(m: EntityManager, id: string, employerId: string): Promise<VacancyRow> {
  const row = await m.findOneBy(VacancyRow, { id });
  if (!row || row.deleted === 1) throw new RpcError('not_found', 'This vacancy is no longer in your list.');
  if (row.employerId !== employerId) throw new RpcError('forbidden', 'This vacancy belongs to another employer.');
  return row;
}

/** The info a vacancy belongs to, once its vacancies may change now. */
async function editableInfo(m: EntityManager, participationId: string, { actor, now }: MutatorContext): Promise<LoadedParticipation> {
  const loaded = await loadParticipation(m, participationId, actor, now);
  enforce(checkEdit(loaded.state, 'vacancies', loaded.ctx));
  return loaded;
}

const vacancyColumns = (fields: VacancyFields) => ({
  title: fields.title,
  profession: fields.profession,
  salaryFrom: fields.salaryFrom,
  salaryTo: fields.salaryTo,
  currency: fields.currency,
  places: fields.places,
  location: fields.location,
  description: fields.description,
  requirements: fields.requirements,
  employmentType: fields.employmentType,
});

/** Employer: create or edit a vacancy of the library or of a participation info. */
export const saveVacancy: Mutator<'saveVacancy'> = {
  entities: ['vacancy'],
  async check(m, args, ctx) {
    const employerId = assertEmployer(ctx.actor);
    const company = await m.findOneBy(CompanyRow, { id: args.companyId });
    if (!company || company.employerId !== employerId) {
      throw new RpcError('bad_request', 'Choose one of your own companies.', [{ path: 'companyId', message: 'Not one of your companies.' }]);
    }
    const existing = await m.findOneBy(VacancyRow, { id: args.id });
    if (existing || args.baseVersion !== null) {
      const row = await ownVacancy(m, args.id, employerId);
      if (row.participationId !== args.participationId) {
        throw new RpcError('bad_request', 'A vacancy cannot move between the library and a participation info; create a new one there.');
      }
    }
    if (args.participationId !== null) {
      const { row } = await editableInfo(m, args.participationId, ctx);
      if (row.companyId !== args.companyId) {
        throw new RpcError('bad_request', `The vacancies of ${participationLabel(row)} are ${row.companyName}’s.`, [
          { path: 'companyId', message: 'Not the company of this participation info.' },
        ]);
      }
    }
    return { entity: 'vacancy', id: args.id, label: args.fields.title };
  },
  async apply(m, args, { actor, now }) {
    const existing = await m.findOneBy(VacancyRow, { id: args.id });
    if (existing) {
      await m.save(VacancyRow, { ...touchVacancy(existing), ...vacancyColumns(args.fields), active: args.active ? 1 : 0, updatedAt: now });
      return;
    }
    await m.insert(VacancyRow, {
      id: args.id,
      employerId: actor.employerId ?? '',
      companyId: args.companyId,
      participationId: args.participationId,
      active: args.active ? 1 : 0,
      ...vacancyColumns(args.fields),
      createdAt: now,
      updatedAt: now,
      version: 0,
      optimistic: 1,
      serverJson: null,
      deleted: 0,
    });
  },
};

/** Employer: delete a vacancy (of a participation info: while its vacancies may change). */
export const deleteVacancy: Mutator<'deleteVacancy'> = {
  entities: ['vacancy'],
  async check(m, args, ctx) {
    const row = await ownVacancy(m, args.id, assertEmployer(ctx.actor));
    if (row.participationId !== null) await editableInfo(m, row.participationId, ctx);
    return { entity: 'vacancy', id: row.id, label: row.title };
  },
  async apply(m, args, { now }) {
    const row = await m.findOneBy(VacancyRow, { id: args.id });
    if (row) await m.save(VacancyRow, { ...touchVacancy(row), deleted: 1, updatedAt: now });
  },
};

/**
 * Employer: several vacancies into a participation info at once (CSV file, library), all or
 * nothing. One outbox entry about the info; each vacancy shows as pending through its own
 * optimistic flag.
 */
export const importVacancies: Mutator<'importVacancies'> = {
  entities: ['vacancy', 'participation'],
  async check(m, args, ctx) {
    assertEmployer(ctx.actor);
    const { row } = await editableInfo(m, args.participationId, ctx);
    for (const vacancy of args.vacancies) {
      if (await m.existsBy(VacancyRow, { id: vacancy.id })) throw new RpcError('conflict', 'These vacancies were imported already.');
    }
    return { entity: 'participation', id: row.id, label: participationLabel(row) };
  },
  async apply(m, args, { now }) {
    const row = await m.findOneBy(ParticipationRow, { id: args.participationId });
    if (!row) return;
    await m.insert(
      VacancyRow,
      args.vacancies.map((vacancy) => ({
        id: vacancy.id,
        employerId: row.employerId,
        companyId: row.companyId,
        participationId: row.id,
        active: 1,
        ...vacancyColumns(vacancy.fields),
        createdAt: now,
        updatedAt: now,
        version: 0,
        optimistic: 1,
        serverJson: null,
        deleted: 0,
      })),
    );
  },
};
