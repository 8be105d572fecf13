import { ResponseRow } from '../../cache/entities';
import { RpcError } from '../../rpc/handlerTable';
import type { Mutator } from './mutator';

/**
 * Employer: *Invite to video interview* on a response whose candidate asked for one. The server
 * decides the rest (the inviting manager's slots, one invitation per response) and answers a
 * refusal in the push results. No optimistic effect: the invitation's state is the server's
 * (`videoInterviews.list`), and until the push lands the response shows the change as waiting.
 */
export const inviteToVideoInterview: Mutator<'inviteToVideoInterview'> = {
  entities: ['response'],
  async check(m, args, { actor }) {
    const row = await m.findOneBy(ResponseRow, { id: args.responseId });
    if (!row) throw new RpcError('not_found', 'This response is no longer in your list.');
    if (actor.employerId !== row.employerId) throw new RpcError('forbidden', 'Only the employer the candidate responded to can invite.');
    if (!row.wantsVideoInterview) throw new RpcError('conflict', 'This candidate did not ask for a video interview.');
    return { entity: 'response', id: row.id, label: `${row.candidateName} — ${row.vacancyTitle}` };
  },
  async apply() {
    // No local effect (see the doc comment).
  },
};
