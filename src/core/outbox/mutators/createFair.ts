import { RpcError } from '../../rpc/handlerTable';
import { CentreRow, FairRow } from '../../cache/entities';
import type { Mutator } from './mutator';

/** Moderator: a new fair of the own centre; it appears at once and is sent when online. */
export const createFair: Mutator<'createFair'> = {
  entities: ['fair'],
  async check(m, args, { actor }) {
    if (actor.role !== 'moderator' || !actor.centreId) throw new RpcError('forbidden', 'Only a career centre moderator can create fairs.');
    if (args.endsOn < args.startsOn) {
      throw new RpcError('bad_request', 'A fair cannot end before it starts.', [{ path: 'endsOn', message: 'Ends before the start date.' }]);
    }
    if (await m.existsBy(FairRow, { id: args.id })) throw new RpcError('conflict', 'This fair already exists.');
    return { entity: 'fair', id: args.id, label: args.title };
  },
  async apply(m, args, { actor, now }) {
    const centreId = actor.centreId ?? '';
    const centre = await m.findOneBy(CentreRow, { id: centreId });
    await m.insert(FairRow, {
      id: args.id,
      centreId,
      title: args.title,
      region: centre?.region ?? '',
      city: args.city,
      startsOn: args.startsOn,
      endsOn: args.endsOn,
      description: args.description,
      updatedAt: now,
      version: 0,
      optimistic: 1,
      serverJson: null,
    });
  },
};
