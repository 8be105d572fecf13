import { canWithdraw } from '../../../shared/domain/preApplicationRules';
import type { PreApplicationStatus } from '../../../shared/domain/records';
import { PreApplicationRow } from '../../cache/entities';
import { RpcError } from '../../rpc/handlerTable';
import { touchPreApplication } from '../optimisticRows';
import type { Mutator } from './mutator';
import { preApplicationLabel } from './mutator';

/** Employer: withdraws an own application while it is under review. */
export const withdrawPreApplication: Mutator<'withdrawPreApplication'> = {
  entities: ['preApplication'],
  async check(m, args, { actor }) {
    const row = await m.findOneBy(PreApplicationRow, { id: args.id });
    if (!row) throw new RpcError('not_found', 'This application is no longer in your list.');
    const status = row.status as PreApplicationStatus;
    if (actor.employerId !== row.employerId) throw new RpcError('forbidden', 'Only the employer who applied can withdraw this application.');
    if (!canWithdraw({ status, employerId: row.employerId }, actor)) {
      throw new RpcError('conflict', `This application is already ${status.replace('_', ' ')} and can no longer be withdrawn.`);
    }
    return { entity: 'preApplication', id: row.id, label: preApplicationLabel(row) };
  },
  async apply(m, args, { now }) {
    const row = await m.findOneBy(PreApplicationRow, { id: args.id });
    if (!row) return;
    await m.save(PreApplicationRow, { ...touchPreApplication(row), status: 'withdrawn', updatedAt: now, statusChangedAt: now });
  },
};
