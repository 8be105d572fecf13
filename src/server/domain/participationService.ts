import crypto from 'node:crypto';
import { In } from 'typeorm';
import { checkAction, checkEdit, type ParticipationAction } from '../../shared/domain/participation/participationRules';
import { validateInterviewPlan } from '../../shared/domain/participation/interviewPlan';
import type { MutationArgs } from '../../shared/sync/mutations';
import { Participation, type PreApplication, Stand, User } from '../db/entities';
import { queueParticipationDecisionMails } from '../mail/decisionMail';
import { rooms } from '../realtime/rooms';
import { editIsCurrent, type ChangeContext } from './baseVersion';
import { requireEmployer, requireModerator } from './guards';
import { enforce, ruleContext, ruleState } from './participationRules';
import { MutationRejected, type Applied } from './rejection';
import { describeInstant } from './wording';

/**
 * Participation infos (SPEC "Participation info"): created as drafts by the server when a
 * pre-application is approved; the employer's admin and managers attach a stand, plan interviews,
 * send, withdraw and re-open; the moderators of the fair's centre approve or reject. The state
 * machine and deadlines are the shared rules (`checkEdit`, `checkAction`), so clients show exactly
 * what the server enforces. Everything is checked before anything is written.
 */
export class ParticipationService {
  constructor(private readonly ctx: ChangeContext) {}

  /**
   * The draft participation info of a pre-application just approved for a fair; call in the
   * approval's transaction. Idempotent: a pre-application never gets a second one.
   */
  async createDraft(app: PreApplication): Promise<void> {
    const { manager, version, now } = this.ctx;
    if (app.status !== 'approved' || app.fairId === null) return;
    if (await manager.existsBy(Participation, { preApplicationId: app.id })) return;
    await manager.insert(Participation, {
      id: crypto.randomUUID(),
      preApplicationId: app.id,
      number: app.number,
      employerId: app.employerId,
      companyId: app.companyId,
      companyName: app.companyName,
      centreId: app.centreId,
      fairId: app.fairId,
      fairTitle: app.fairTitle ?? '',
      standId: null,
      interviewPlan: [],
      status: 'draft',
      rejectionReason: null,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      sentAt: null,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
      version,
      lastClientId: null,
    });
  }

  /** Attach a stand (or none) and set the interview plan; the baseVersion rule applies. */
  async updateParticipation(actor: User, args: MutationArgs<'updateParticipation'>): Promise<Applied> {
    const employerId = requireEmployer(actor, 'change participation info');
    const { manager, version, now } = this.ctx;
    const info = await this.ownInfo(employerId, args.id);
    if (!editIsCurrent(info, args.baseVersion, this.ctx.clientId)) {
      const centre = await ruleContext(manager, actor, info, now);
      throw new MutationRejected(
        'version_conflict',
        `Someone else changed this participation info ${describeInstant(info.updatedAt, centre.centreRow.timeZone, now)} while you were editing it. ` +
          'Your changes were not saved: look at the current version and make them again.',
        info.id,
      );
    }
    const rules = await ruleContext(manager, actor, info, now);
    const state = await ruleState(manager, info);
    const standChanged = args.standId !== info.standId;
    const planChanged = JSON.stringify(args.interviewPlan) !== JSON.stringify(info.interviewPlan);
    if (standChanged || !planChanged) enforce(checkEdit(state, 'stand', rules), info.id);
    if (planChanged) enforce(checkEdit(state, 'interviewPlan', rules), info.id);
    if (args.standId !== null) {
      const stand = await manager.findOneBy(Stand, { id: args.standId });
      if (!stand || stand.employerId !== employerId) throw new MutationRejected('invalid', 'Choose one of your own stands.', info.id);
      if (stand.companyId !== info.companyId) {
        throw new MutationRejected('invalid', `Choose a stand of ${info.companyName}: this participation is that company’s.`, info.id);
      }
    }
    const issues = validateInterviewPlan(args.interviewPlan, rules.fair, rules.centre);
    if (issues[0]) throw new MutationRejected('invalid', `The video-interview plan cannot be saved: ${issues[0].message}`, info.id);
    await this.assertPlannedManagers(employerId, args.interviewPlan.map((e) => e.managerId), info.id);

    await manager.update(
      Participation,
      { id: info.id },
      { standId: args.standId, interviewPlan: args.interviewPlan, updatedAt: now, version, lastClientId: this.ctx.clientId ?? null },
    );
    if (standChanged && args.standId !== null) {
      // Moderators see stands only through participations: touching the stand brings it to their incremental pulls.
      await manager.update(Stand, { id: args.standId }, { version });
    }
    return this.applied(info);
  }

  async sendParticipation(actor: User, args: MutationArgs<'sendParticipation'>): Promise<Applied> {
    return this.employerMove(actor, args.id, 'send');
  }

  async withdrawParticipation(actor: User, args: MutationArgs<'withdrawParticipation'>): Promise<Applied> {
    return this.employerMove(actor, args.id, 'withdraw');
  }

  async reopenParticipation(actor: User, args: MutationArgs<'reopenParticipation'>): Promise<Applied> {
    return this.employerMove(actor, args.id, 'reopen');
  }

  /** Approve (publishes the stand and vacancies on the fair) or reject with a reason; mails the employer. */
  async decideParticipation(actor: User, args: MutationArgs<'decideParticipation'>): Promise<Applied> {
    const centreId = requireModerator(actor, 'decide on participation info');
    const { manager, version, now } = this.ctx;
    const info = await manager.findOneBy(Participation, { id: args.id });
    // Another centre's participation is outside the moderator's scope: it does not exist for them.
    if (!info || info.centreId !== centreId) {
      throw new MutationRejected('not_found', 'This participation info does not exist (any more) in your centre.', args.id);
    }
    const rules = await ruleContext(manager, actor, info, now);
    if (info.status !== args.expectedStatus) throw new MutationRejected('state_changed', this.whatHappened(info, actor, rules.centreRow.timeZone), info.id);
    const action = args.decision === 'approve' ? 'approve' : 'reject';
    enforce(checkAction(await ruleState(manager, info), action, rules), info.id);
    const to = action === 'approve' ? 'approved' : 'rejected';
    await manager.update(
      Participation,
      { id: info.id },
      {
        status: to,
        rejectionReason: to === 'rejected' ? args.reason : null,
        decidedBy: actor.id,
        decidedByName: actor.displayName,
        decidedAt: now,
        statusChangedAt: now,
        updatedAt: now,
        version,
        lastClientId: this.ctx.clientId ?? null,
      },
    );
    // In this transaction: a decision that rolls back sends nothing.
    await queueParticipationDecisionMails(manager, now, await manager.findOneByOrFail(Participation, { id: info.id }));
    return this.applied(info);
  }

  /** send / withdraw / re-open: the employer's own moves, each checked by `checkAction`. */
  private async employerMove(actor: User, id: string, action: Extract<ParticipationAction, 'send' | 'withdraw' | 'reopen'>): Promise<Applied> {
    const employerId = requireEmployer(actor, action === 'send' ? 'send participation info' : action === 'withdraw' ? 'withdraw participation info' : 're-open participation info');
    const { manager, version, now } = this.ctx;
    const info = await this.ownInfo(employerId, id);
    const rules = await ruleContext(manager, actor, info, now);
    enforce(checkAction(await ruleState(manager, info), action, rules), info.id);
    const to = action === 'send' ? 'sent' : action === 'withdraw' ? 'withdrawn' : 'draft';
    await manager.update(
      Participation,
      { id: info.id },
      {
        status: to,
        ...(action === 'send' ? { sentAt: now } : {}),
        // A re-opened draft keeps the moderator's reason on show: it is what the employer fixes.
        statusChangedAt: now,
        updatedAt: now,
        version,
        lastClientId: this.ctx.clientId ?? null,
      },
    );
    return this.applied(info);
  }

  /** The employer's own participation info; another employer's does not exist for it. */
  private async ownInfo(employerId: string, id: string): Promise<Participation> {
    const info = await this.ctx.manager.findOneBy(Participation, { id });
    if (!info || info.employerId !== employerId) throw new MutationRejected('not_found', 'This participation info does not exist (any more).', id);
    return info;
  }

  /** Every planned interviewer must be an active admin or manager of the employer. */
  private async assertPlannedManagers(employerId: string, managerIds: string[], recordId: string): Promise<void> {
    if (managerIds.length === 0) return;
    const found = await this.ctx.manager.findBy(User, { id: In(managerIds), employerId, active: true, role: In(['employer_admin', 'employer_manager']) });
    const known = new Set(found.map((u) => u.id));
    const missing = managerIds.filter((m) => !known.has(m));
    if (missing.length > 0) {
      throw new MutationRejected('invalid', 'Only active managers of your company can hold video interviews; choose another manager in the plan.', recordId);
    }
  }

  private applied(info: Participation): Applied {
    return { recordId: info.id, rooms: [rooms.centre(info.centreId), rooms.employer(info.employerId)] };
  }

  /** Why a decision is no longer possible, told from the moderator's side: who did what, when. */
  private whatHappened(info: Participation, actor: User, timeZone: string): string {
    const when = describeInstant(info.statusChangedAt, timeZone, this.ctx.now);
    switch (info.status) {
      case 'withdrawn':
        return `The employer withdrew this participation info ${when}.`;
      case 'draft':
        return info.sentAt === null
          ? 'This participation info has not been sent for review yet.'
          : `The employer withdrew this participation info and re-opened it as a draft ${when}.`;
      case 'sent':
        return 'This participation info is waiting for a decision.';
      case 'approved':
      case 'rejected': {
        const verb = info.status;
        if (info.decidedBy === actor.id) return `You already ${verb} this participation info ${when} (from another device).`;
        return `Another moderator (${info.decidedByName ?? 'unknown'}) ${verb} it first ${when}.`;
      }
    }
  }
}
