import { Like } from 'typeorm';
import {
  PRE_APPLICATION_WORKING_DAYS,
  dayInCentre,
  describeDay,
  isBeforePreApplicationDeadline,
  lastDayForPreApplication,
} from '../../shared/domain/deadlines';
import { canTransition, nextPreApplicationNumber, numberDay } from '../../shared/domain/preApplicationRules';
import type { MutationArgs } from '../../shared/sync/mutations';
import { CareerCentre, Company, Fair, PreApplication, type User } from '../db/entities';
import { queuePreApplicationDecisionMails } from '../mail/decisionMail';
import { rooms } from '../realtime/rooms';
import type { ChangeContext } from './baseVersion';
import { requireEmployer, requireModerator } from './guards';
import { ParticipationService } from './participationService';
import { MutationRejected, type Applied } from './rejection';
import { describeInstant } from './wording';

/**
 * Employers' pre-applications (SPEC "Pre-application"): created by the employer's admin or
 * managers for their own companies, withdrawn by them while under review, decided by the
 * addressed centre's moderators while under review. Every rule is checked before anything is
 * written; every written row carries the transaction's version.
 */
export class PreApplicationService {
  constructor(private readonly ctx: ChangeContext) {}

  async createPreApplication(actor: User, args: MutationArgs<'createPreApplication'>): Promise<Applied> {
    const employerId = requireEmployer(actor, 'apply to fairs');
    const { manager, version, now } = this.ctx;
    const company = await manager.findOneBy(Company, { id: args.companyId });
    if (!company || company.employerId !== employerId) {
      throw new MutationRejected('not_found', 'Choose one of your own companies for the application.', args.id);
    }
    if (await manager.existsBy(PreApplication, { id: args.id })) {
      throw new MutationRejected('invalid', 'An application with this id already exists.', args.id);
    }
    const placement = args.way === 2 ? await this.fairPlacement(args) : await this.regionPlacement(args);
    const { centre } = placement;
    const day = numberDay(now, centre.timeZone);
    const issued = await manager.find(PreApplication, { select: { number: true }, where: { number: Like(`${day}-%`) } });
    await manager.insert(PreApplication, {
      id: args.id,
      number: nextPreApplicationNumber(day, issued.map((p) => p.number)),
      employerId,
      companyId: company.id,
      companyName: company.legalName,
      centreId: centre.id,
      way: args.way,
      fairId: placement.fair?.id ?? null,
      fairTitle: placement.fair?.title ?? null,
      region: centre.region,
      desiredFrom: placement.desiredFrom,
      desiredTo: placement.desiredTo,
      companyInfo: args.companyInfo,
      vacantPlaces: args.vacantPlaces,
      professions: args.professions,
      contactName: args.contactName,
      contactPhone: args.contactPhone,
      contactEmail: args.contactEmail,
      consentSalaryShown: args.consentSalaryShown,
      consentChatDuringFair: args.consentChatDuringFair,
      wantsVideoInterviews: args.wantsVideoInterviews,
      status: 'under_review',
      rejectionReason: null,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      createdAt: now,
      updatedAt: now,
      statusChangedAt: now,
      version,
    });
    return { recordId: args.id, rooms: [rooms.centre(centre.id), rooms.employer(employerId)] };
  }

  async withdrawPreApplication(actor: User, args: MutationArgs<'withdrawPreApplication'>): Promise<Applied> {
    const employerId = requireEmployer(actor, 'withdraw applications');
    const { manager, version, now } = this.ctx;
    const app = await manager.findOneBy(PreApplication, { id: args.id });
    if (!app || app.employerId !== employerId) {
      throw new MutationRejected('not_found', 'This application does not exist (any more).', args.id);
    }
    if (!canTransition(app.status, 'withdrawn')) {
      throw new MutationRejected('state_changed', await this.whatHappened(app, actor), app.id);
    }
    await manager.update(
      PreApplication,
      { id: app.id },
      { status: 'withdrawn', statusChangedAt: now, updatedAt: now, version },
    );
    return { recordId: app.id, rooms: [rooms.centre(app.centreId), rooms.employer(app.employerId)] };
  }

  async decidePreApplication(actor: User, args: MutationArgs<'decidePreApplication'>): Promise<Applied> {
    const centreId = requireModerator(actor, 'decide on applications');
    const { manager, version, now } = this.ctx;
    const app = await manager.findOneBy(PreApplication, { id: args.id });
    // Another centre's application is outside the moderator's scope: it does not exist for them.
    if (!app || app.centreId !== centreId) {
      throw new MutationRejected('not_found', 'This application does not exist (any more) in your centre.', args.id);
    }
    const to = args.decision === 'approve' ? 'approved' : 'rejected';
    if (app.status !== args.expectedStatus || !canTransition(app.status, to)) {
      throw new MutationRejected('state_changed', await this.whatHappened(app, actor), app.id);
    }
    let placement: Partial<PreApplication> = {};
    if (to === 'approved' && Number(app.way) === 1) {
      if (!args.fairId) throw new MutationRejected('invalid', 'Choose the fair this application is approved for.', app.id);
      const fair = await manager.findOneBy(Fair, { id: args.fairId });
      if (!fair || fair.centreId !== app.centreId) {
        throw new MutationRejected('invalid', 'Choose one of your centre’s fairs for this application.', app.id);
      }
      placement = { fairId: fair.id, fairTitle: fair.title, desiredFrom: fair.startsOn, desiredTo: fair.endsOn };
    }
    await manager.update(
      PreApplication,
      { id: app.id },
      {
        ...placement,
        status: to,
        rejectionReason: to === 'rejected' ? args.reason : null,
        decidedBy: actor.id,
        decidedByName: actor.displayName,
        decidedAt: now,
        statusChangedAt: now,
        updatedAt: now,
        version,
      },
    );
    const decided = await manager.findOneByOrFail(PreApplication, { id: app.id });
    // An approval opens the participation info in the same transaction: one never exists without the other.
    await new ParticipationService(this.ctx).createDraft(decided);
    // In this transaction: a decision that rolls back sends nothing.
    await queuePreApplicationDecisionMails(manager, now, decided);
    return { recordId: app.id, rooms: [rooms.centre(app.centreId), rooms.employer(app.employerId)] };
  }

  /** Way 2: the fair must exist and its deadline (3 working days before) must not have passed. */
  private async fairPlacement(args: MutationArgs<'createPreApplication'>) {
    const { manager, now } = this.ctx;
    if (!args.fairId) throw new MutationRejected('invalid', 'Choose the fair you are applying to.', args.id);
    const fair = await manager.findOneBy(Fair, { id: args.fairId });
    if (!fair) throw new MutationRejected('not_found', 'This fair does not exist (any more).', args.id);
    const centre = await manager.findOneByOrFail(CareerCentre, { id: fair.centreId });
    if (!isBeforePreApplicationDeadline(fair.startsOn, centre, now)) {
      const lastDay = describeDay(lastDayForPreApplication(fair.startsOn, centre));
      throw new MutationRejected(
        'deadline_passed',
        `Applications to this fair closed on ${lastDay} (${PRE_APPLICATION_WORKING_DAYS} working days before the fair).`,
        args.id,
      );
    }
    return { centre, fair, desiredFrom: null, desiredTo: null };
  }

  /** Way 1: a centre (its region) and a desired period that has not started yet. */
  private async regionPlacement(args: MutationArgs<'createPreApplication'>) {
    const { manager, now } = this.ctx;
    if (!args.centreId) throw new MutationRejected('invalid', 'Choose the region you want to take part in.', args.id);
    const centre = await manager.findOneBy(CareerCentre, { id: args.centreId });
    if (!centre) throw new MutationRejected('not_found', 'This region’s career centre does not exist (any more).', args.id);
    const { desiredFrom, desiredTo } = args;
    if (!desiredFrom || !desiredTo) throw new MutationRejected('invalid', 'Give the period you would like to take part in.', args.id);
    if (desiredFrom > desiredTo) throw new MutationRejected('invalid', 'The desired period ends before it starts.', args.id);
    if (desiredFrom < dayInCentre(now, centre)) {
      throw new MutationRejected('invalid', 'The desired period cannot start in the past.', args.id);
    }
    return { centre, fair: null, desiredFrom, desiredTo };
  }

  /** Why a status change is no longer possible, told from the actor's side: who did what, when. */
  private async whatHappened(app: PreApplication, actor: User): Promise<string> {
    const centre = await this.ctx.manager.findOneByOrFail(CareerCentre, { id: app.centreId });
    const when = describeInstant(app.statusChangedAt, centre.timeZone, this.ctx.now);
    if (app.status === 'withdrawn') {
      return actor.role === 'moderator'
        ? `The employer withdrew this application ${when}.`
        : `This application was already withdrawn ${when}.`;
    }
    const verb = app.status === 'approved' ? 'approved' : 'rejected';
    const reason = app.status === 'rejected' && app.rejectionReason ? ` Reason: ${app.rejectionReason}` : '';
    if (actor.role !== 'moderator') return `The career centre already ${verb} this application ${when}.${reason}`;
    if (app.decidedBy === actor.id) return `You already ${verb} this application ${when} (from another device).`;
    return `Another moderator (${app.decidedByName ?? 'unknown'}) ${verb} it first ${when}.`;
  }
}
