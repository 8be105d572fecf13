import { isEmployerRole } from '../../../shared/domain/roles';
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

/**
 * Employer: the note after the call. The desktop holds no interviews (their state is the
 * server's), so only what the args show can be checked here — an employer user, the note's length
 * (by the shared schema, before this runs); whether the interview was held or missed and whether
 * this user invited to it is the server's to say, and a refusal arrives as a sync rejection. No
 * local effect: the renderer shows the queued note until `videoInterviews.list` carries it.
 */
export const saveVideoNote: Mutator<'saveVideoNote'> = {
  entities: [],
  async check(_m, args, { actor }) {
    if (!isEmployerRole(actor.role) || !actor.employerId) throw new RpcError('forbidden', 'Only an employer’s staff can write notes on video interviews.');
    // No candidate name here (see above): the rejection's headline names the note, the list row shows it in place.
    return { entity: 'videoInterview', id: args.id, label: 'Note on a video interview' };
  },
  async apply() {
    // No local effect (see the doc comment).
  },
};
