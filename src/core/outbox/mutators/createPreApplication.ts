import { describeDay, isBeforePreApplicationDeadline, lastDayForPreApplication } from '../../../shared/domain/deadlines';
import { isEmployerRole } from '../../../shared/domain/roles';
import { CentreRow, CompanyRow, FairRow, PreApplicationRow } from '../../cache/entities';
import { RpcError } from '../../rpc/handlerTable';
import type { Mutator } from './mutator';
import { preApplicationLabel } from './mutator';

/**
 * Employer: a new pre-application, way 1 (a region's centre and a desired period) or way 2 (a
 * scheduled fair, until 3 working days before it). It shows at once with an empty number; the
 * server assigns `YYYYMMDD-N` when it accepts it.
 */
export const createPreApplication: Mutator<'createPreApplication'> = {
  entities: ['preApplication'],
  async check(m, args, { actor, now }) {
    if (!isEmployerRole(actor.role) || !actor.employerId) {
      throw new RpcError('forbidden', 'Only an employer’s admin or manager can apply to fairs.');
    }
    const company = await m.findOneBy(CompanyRow, { id: args.companyId });
    if (!company || company.employerId !== actor.employerId) {
      throw new RpcError('forbidden', 'Choose one of your own companies.', [{ path: 'companyId', message: 'Not one of your companies.' }]);
    }
    if (await m.existsBy(PreApplicationRow, { id: args.id })) throw new RpcError('conflict', 'This application already exists.');
    if (args.way === 1) {
      if (!args.centreId || !(await m.existsBy(CentreRow, { id: args.centreId }))) {
        throw new RpcError('bad_request', 'Choose the region whose career centre should review the application.', [
          { path: 'centreId', message: 'Choose a region.' },
        ]);
      }
      if (!args.desiredFrom || !args.desiredTo || args.desiredTo < args.desiredFrom) {
        throw new RpcError('bad_request', 'Give the desired period: a start date and an end date not before it.', [
          { path: 'desiredFrom', message: 'Give a valid period.' },
        ]);
      }
    } else {
      const fair = args.fairId ? await m.findOneBy(FairRow, { id: args.fairId }) : null;
      if (!fair) throw new RpcError('bad_request', 'Choose a scheduled fair.', [{ path: 'fairId', message: 'Choose a fair.' }]);
      const centre = await m.findOneBy(CentreRow, { id: fair.centreId });
      const calendar = { timeZone: centre?.timeZone ?? 'UTC', holidays: centre ? (JSON.parse(centre.holidaysJson) as string[]) : [] };
      if (!isBeforePreApplicationDeadline(fair.startsOn, calendar, now)) {
        const lastDay = lastDayForPreApplication(fair.startsOn, calendar);
        throw new RpcError(
          'conflict',
          `Applications to “${fair.title}” closed on ${describeDay(lastDay)} (3 working days before the fair).`,
        );
      }
    }
    return { entity: 'preApplication', id: args.id, label: preApplicationLabel({ number: '', companyName: company.legalName }) };
  },
  async apply(m, args, { actor, now }) {
    const company = await m.findOneBy(CompanyRow, { id: args.companyId });
    const fair = args.way === 2 && args.fairId ? await m.findOneBy(FairRow, { id: args.fairId }) : null;
    const centreId = fair?.centreId ?? args.centreId ?? '';
    const centre = await m.findOneBy(CentreRow, { id: centreId });
    await m.insert(PreApplicationRow, {
      id: args.id,
      number: '',
      employerId: actor.employerId ?? '',
      companyId: args.companyId,
      companyName: company?.legalName ?? '',
      centreId,
      way: args.way,
      fairId: fair?.id ?? null,
      fairTitle: fair?.title ?? null,
      region: fair?.region ?? centre?.region ?? '',
      desiredFrom: args.way === 1 ? args.desiredFrom : null,
      desiredTo: args.way === 1 ? args.desiredTo : null,
      companyInfo: args.companyInfo,
      vacantPlaces: args.vacantPlaces,
      professionsJson: JSON.stringify(args.professions),
      contactName: args.contactName,
      contactPhone: args.contactPhone,
      contactEmail: args.contactEmail,
      consentSalaryShown: 1,
      consentChatDuringFair: 1,
      wantsVideoInterviews: args.wantsVideoInterviews ? 1 : 0,
      status: 'under_review',
      rejectionReason: null,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
      version: 0,
      optimistic: 1,
      serverJson: null,
    });
  },
};
