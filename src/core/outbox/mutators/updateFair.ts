import { RpcError } from '../../rpc/handlerTable';
import { FairRow } from '../../cache/entities';
import { touchFair } from '../optimisticRows';
import type { Mutator } from './mutator';

/** Moderator: edits a fair of the own centre (the server refuses it if the fair changed since `baseVersion`). */
export const updateFair: Mutator<'updateFair'> = {
  entities: ['fair'],
  async check(m, args, { actor }) {
    const row = await m.findOneBy(FairRow, { id: args.id });
    if (!row) throw new RpcError('not_found', 'This fair is no longer in your list.');
    if (actor.role !== 'moderator' || actor.centreId !== row.centreId) {
      throw new RpcError('forbidden', 'Only a moderator of the fair’s career centre can edit it.');
    }
    const startsOn = args.fields.startsOn ?? row.startsOn;
    const endsOn = args.fields.endsOn ?? row.endsOn;
    if (endsOn < startsOn) {
      throw new RpcError('bad_request', 'A fair cannot end before it starts.', [{ path: 'endsOn', message: 'Ends before the start date.' }]);
    }
    return { entity: 'fair', id: row.id, label: args.fields.title ?? row.title };
  },
  async apply(m, args, { now }) {
    const row = await m.findOneBy(FairRow, { id: args.id });
    if (!row) return;
    const defined = Object.fromEntries(Object.entries(args.fields).filter(([, value]) => value !== undefined));
    await m.save(FairRow, { ...touchFair(row), ...defined, updatedAt: now });
  },
};
