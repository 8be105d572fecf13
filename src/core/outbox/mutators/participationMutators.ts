import { checkAction, checkEdit, type ParticipationAction } from '../../../shared/domain/participation/participationRules';
import { validateInterviewPlan } from '../../../shared/domain/participation/interviewPlan';
import type { MutationName } from '../../../shared/sync/mutations';
import { ParticipationRow, StandRow } from '../../cache/entities';
import { RpcError } from '../../rpc/handlerTable';
import { touchParticipation } from '../optimisticRows';
import type { Mutator } from './mutator';
import { enforce, loadParticipation, participationLabel } from './participationContext';
import { describeInstant } from './wording';

/**
 * Participation infos (SPEC "Participation info"): the server creates them as drafts; here the
 * employer attaches a stand, plans interviews and moves them through their statuses, and the
 * moderator decides — each checked with the shared rules first, so an offline user hears "too
 * late" at once rather than after the next sync.
 */

/** Employer: attach a stand (or none) and set the interview plan. */
export const updateParticipation: Mutator<'updateParticipation'> = {
  entities: ['participation'],
  async check(m, args, { actor, now }) {
    const { row, state, ctx, fair, centre } = await loadParticipation(m, args.id, actor, now);
    const planChanged = row.interviewPlanJson !== JSON.stringify(args.interviewPlan);
    if (args.standId !== row.standId || !planChanged) enforce(checkEdit(state, 'stand', ctx));
    if (planChanged) enforce(checkEdit(state, 'interviewPlan', ctx));
    if (args.standId !== null) {
      const stand = await m.findOneBy(StandRow, { id: args.standId });
      if (!stand || stand.deleted === 1 || stand.employerId !== row.employerId) {
        throw new RpcError('bad_request', 'Choose one of your own stands.', [{ path: 'standId', message: 'Not one of your stands.' }]);
      }
    }
    const issues = validateInterviewPlan(args.interviewPlan, fair, centre);
    if (issues.length > 0) {
      throw new RpcError(
        'bad_request',
        issues[0]?.message ?? 'The interview plan is not valid.',
        issues.map((issue) => ({
          path: ['interviewPlan', ...(issue.entry === null ? [] : [String(issue.entry)]), ...(issue.field === null ? [] : [issue.field])].join('.'),
          message: issue.message,
        })),
      );
    }
    // Whether every manager is an active user of the employer only the server knows (users are not cached).
    return { entity: 'participation', id: row.id, label: participationLabel(row) };
  },
  async apply(m, args, { now }) {
    const row = await m.findOneBy(ParticipationRow, { id: args.id });
    if (!row) return;
    await m.save(ParticipationRow, {
      ...touchParticipation(row),
      standId: args.standId,
      interviewPlanJson: JSON.stringify(args.interviewPlan),
      updatedAt: now,
    });
  },
};

type StatusMutation = 'sendParticipation' | 'withdrawParticipation' | 'reopenParticipation';

/** An employer's status move: checked with `checkAction`, applied as the server applies it. */
function statusMove<N extends StatusMutation & MutationName>(
  action: Extract<ParticipationAction, 'send' | 'withdraw' | 'reopen'>,
  to: 'sent' | 'withdrawn' | 'draft',
): Mutator<N> {
  return {
    entities: ['participation'],
    async check(m, args, { actor, now }) {
      const { row, state, ctx } = await loadParticipation(m, args.id, actor, now);
      enforce(checkAction(state, action, ctx));
      return { entity: 'participation', id: row.id, label: participationLabel(row) };
    },
    async apply(m, args, { now }) {
      const row = await m.findOneBy(ParticipationRow, { id: args.id });
      if (!row) return;
      await m.save(ParticipationRow, {
        ...touchParticipation(row),
        status: to,
        ...(to === 'sent' ? { sentAt: now } : {}),
        updatedAt: now,
        statusChangedAt: now,
      });
    },
  };
}

/** Employer: send a draft to the moderator (a stand and at least one vacancy, before the submission deadline). */
export const sendParticipation = statusMove<'sendParticipation'>('send', 'sent');
/** Employer: withdraw a sent or approved info (an approved one until the changes deadline). */
export const withdrawParticipation = statusMove<'withdrawParticipation'>('withdraw', 'withdrawn');
/** Employer: re-open a rejected or withdrawn info as a draft (before the submission deadline). */
export const reopenParticipation = statusMove<'reopenParticipation'>('reopen', 'draft');

/**
 * Moderator: approve or reject (with a reason) an info of the own centre waiting for review. When
 * it is no longer waiting, the refusal says who did what and when, as the server's would.
 */
export const decideParticipation: Mutator<'decideParticipation'> = {
  entities: ['participation'],
  async check(m, args, { actor, now }) {
    const { row, state, ctx, centre } = await loadParticipation(m, args.id, actor, now);
    if (actor.role !== 'moderator' || actor.centreId !== row.centreId) {
      throw new RpcError('forbidden', 'Only a moderator of the fair’s career centre may decide on participation info.');
    }
    if (row.status !== 'sent') {
      const when = describeInstant(row.statusChangedAt, centre.timeZone, now);
      const message =
        row.status === 'withdrawn'
          ? `The employer withdrew this participation info ${when}.`
          : row.status === 'draft'
            ? row.sentAt === null
              ? 'This participation info has not been sent for review yet.'
              : `The employer withdrew this participation info and re-opened it as a draft ${when}.`
            : row.decidedBy === actor.id
              ? `You already ${row.status} this participation info ${when}.`
              : `Another moderator (${row.decidedByName ?? 'unknown'}) ${row.status} it first ${when}.`;
      throw new RpcError('conflict', message);
    }
    enforce(checkAction(state, args.decision, ctx));
    if (args.decision === 'reject' && !args.reason) {
      throw new RpcError('bad_request', 'A rejection needs a reason the employer can act on.', [{ path: 'reason', message: 'Give a reason.' }]);
    }
    return { entity: 'participation', id: row.id, label: participationLabel(row) };
  },
  async apply(m, args, { actor, now }) {
    const row = await m.findOneBy(ParticipationRow, { id: args.id });
    if (!row) return;
    const approved = args.decision === 'approve';
    await m.save(ParticipationRow, {
      ...touchParticipation(row),
      status: approved ? 'approved' : 'rejected',
      rejectionReason: approved ? null : args.reason,
      decidedBy: actor.id,
      decidedByName: actor.displayName,
      decidedAt: now,
      updatedAt: now,
      statusChangedAt: now,
    });
  },
};
