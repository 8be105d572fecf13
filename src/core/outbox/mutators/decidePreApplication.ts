import { canDecide } from '../../../shared/domain/preApplicationRules';
import type { PreApplicationStatus } from '../../../shared/domain/records';
import { FairRow, PreApplicationRow } from '../../cache/entities';
import { RpcError } from '../../rpc/handlerTable';
import { touchPreApplication } from '../optimisticRows';
import type { Mutator } from './mutator';
import { preApplicationLabel } from './mutator';

/**
 * Moderator: approves (way 1 with the fair it goes to) or rejects (with a reason) an application
 * of the own centre that is under review. Recorded with who decided and when.
 */
export const decidePreApplication: Mutator<'decidePreApplication'> = {
  entities: ['preApplication'],
  async check(m, args, { actor }) {
    const row = await m.findOneBy(PreApplicationRow, { id: args.id });
    if (!row) throw new RpcError('not_found', 'This application is no longer in your queue.');
    const status = row.status as PreApplicationStatus;
    if (actor.role !== 'moderator' || actor.centreId !== row.centreId) {
      throw new RpcError('forbidden', 'Only a moderator of the career centre it was sent to can decide on this application.');
    }
    if (!canDecide({ status, centreId: row.centreId }, actor)) {
      throw new RpcError('conflict', `This application is already ${status.replace('_', ' ')}; it can no longer be decided.`);
    }
    if (args.decision === 'reject' && !args.reason) {
      throw new RpcError('bad_request', 'A rejection needs a reason the employer can act on.', [{ path: 'reason', message: 'Give a reason.' }]);
    }
    if (args.decision === 'approve' && row.way === 1) {
      const fair = args.fairId ? await m.findOneBy(FairRow, { id: args.fairId }) : null;
      if (!fair) throw new RpcError('bad_request', 'Choose the fair this application goes to.', [{ path: 'fairId', message: 'Choose a fair.' }]);
      if (fair.centreId !== row.centreId) throw new RpcError('forbidden', 'Choose one of your own centre’s fairs.');
    }
    return { entity: 'preApplication', id: row.id, label: preApplicationLabel(row) };
  },
  async apply(m, args, { actor, now }) {
    const row = await m.findOneBy(PreApplicationRow, { id: args.id });
    if (!row) return;
    const approved = args.decision === 'approve';
    const fair = approved && row.way === 1 && args.fairId ? await m.findOneBy(FairRow, { id: args.fairId }) : null;
    await m.save(PreApplicationRow, {
      ...touchPreApplication(row),
      status: approved ? 'approved' : 'rejected',
      rejectionReason: approved ? null : args.reason,
      ...(fair ? { fairId: fair.id, fairTitle: fair.title } : {}),
      decidedBy: actor.id,
      decidedByName: actor.displayName,
      decidedAt: now,
      updatedAt: now,
      statusChangedAt: now,
    });
  },
};
