import { z } from 'zod';
import { DateTime } from 'luxon';
import type { Actor } from '../preApplicationRules';
import {
  changesDeadline,
  describeDay,
  lastDayForChanges,
  lastDayForPreApplication,
  preApplicationDeadline,
  type CentreCalendar,
} from '../deadlines';

/**
 * Participation info (SPEC "Participation info"): after its pre-application is approved, the
 * employer attaches a stand, adds vacancies and plans video interviews, then sends it to the
 * moderator. These rules are pure so the server enforces exactly what the clients show.
 *
 * Deadlines (all in the centre's zone, see ../deadlines.ts):
 * - sending (and re-opening) until the end of the 3rd working day before the fair;
 * - after approval, stand, vacancy and interview-plan changes until the end of the day before the fair;
 * - candidates see full vacancies and respond from the start of the day before the fair until
 *   the end of its last day.
 */
export const ParticipationStatus = z.enum(['draft', 'sent', 'approved', 'rejected', 'withdrawn']);
export type ParticipationStatus = z.infer<typeof ParticipationStatus>;

/**
 * Legal moves. Unlike a pre-application, a rejection or a withdrawal is not the end: the employer
 * may re-open the info as a draft, fix what the moderator asked for and send it again (before the
 * submission deadline) — otherwise one rejected stand would cost the employer the whole fair.
 * An approved info may be withdrawn (the employer leaves the fair) while changes are still allowed.
 */
export const PARTICIPATION_TRANSITIONS: Readonly<Record<ParticipationStatus, readonly ParticipationStatus[]>> = {
  draft: ['sent'],
  sent: ['approved', 'rejected', 'withdrawn'],
  approved: ['withdrawn'],
  rejected: ['draft'],
  withdrawn: ['draft'],
};

export function canTransitionParticipation(from: ParticipationStatus, to: ParticipationStatus): boolean {
  return PARTICIPATION_TRANSITIONS[from].includes(to);
}

/** The parts of a participation info an employer edits separately. */
export type ParticipationPart = 'stand' | 'vacancies' | 'interviewPlan';

/** What the employer or moderator wants to do. */
export type ParticipationAction = 'edit' | 'send' | 'withdraw' | 'reopen' | 'approve' | 'reject';

/** The fair's days, as these rules need them. */
export interface FairDays {
  startsOn: string;
  endsOn: string;
}

/** The participation info, as these rules need it. */
export interface ParticipationState {
  status: ParticipationStatus;
  employerId: string;
  centreId: string;
  hasStand: boolean;
  vacancyCount: number;
}

export type RuleRefusal = {
  ok: false;
  /** For logic (maps to a sync rejection / API error). */
  code: 'forbidden' | 'wrong_status' | 'deadline_passed' | 'incomplete';
  /** For the user (English; the clients show it as is or localise by code). */
  message: string;
};
export type RuleResult = { ok: true } | RuleRefusal;

const ok: RuleResult = { ok: true };
const refuse = (code: RuleRefusal['code'], message: string): RuleRefusal => ({ ok: false, code, message });

// ---- deadlines ------------------------------------------------------------------------------

/** The last day participation info for the fair may be sent (3 working days before, SPEC). */
export const lastDayForSubmission = (fair: FairDays, centre: CentreCalendar): string => lastDayForPreApplication(fair.startsOn, centre);

/** First instant (epoch ms) at which sending participation info is too late. */
export const submissionDeadline = (fair: FairDays, centre: CentreCalendar): number => preApplicationDeadline(fair.startsOn, centre);

/** First instant (epoch ms) at which an approved stand, its vacancies and interview plan are frozen. */
export const participationChangesDeadline = (fair: FairDays, centre: Pick<CentreCalendar, 'timeZone'>): number =>
  changesDeadline(fair.startsOn, centre);

const zoneOf = (timeZone: string): string => (DateTime.local({ zone: timeZone }).isValid ? timeZone : 'utc');
const startOfDay = (day: string, timeZone: string): number => DateTime.fromISO(day, { zone: zoneOf(timeZone) }).startOf('day').toMillis();

/** When candidates may start to see full vacancies and respond: the start of the day before the fair. */
export const responsesOpenAt = (fair: FairDays, centre: Pick<CentreCalendar, 'timeZone'>): number =>
  startOfDay(lastDayForChanges(fair.startsOn), centre.timeZone);

/** When responding ends: the end of the fair's last day (employers keep working with responses after). */
export const responsesCloseAt = (fair: FairDays, centre: Pick<CentreCalendar, 'timeZone'>): number =>
  DateTime.fromMillis(startOfDay(fair.endsOn, centre.timeZone), { zone: zoneOf(centre.timeZone) }).plus({ days: 1 }).toMillis();

export type ResponseWindow = 'not_yet' | 'open' | 'closed';

/** Whether candidates may respond at `now` (the portal says "from …" while `not_yet`). */
export function responseWindow(fair: FairDays, centre: Pick<CentreCalendar, 'timeZone'>, now: number): ResponseWindow {
  if (now < responsesOpenAt(fair, centre)) return 'not_yet';
  return now < responsesCloseAt(fair, centre) ? 'open' : 'closed';
}

// ---- permissions ----------------------------------------------------------------------------

const isEmployerOf = (info: ParticipationState, actor: Actor): boolean =>
  (actor.role === 'employer_admin' || actor.role === 'employer_manager') && actor.employerId === info.employerId;
const isModeratorOf = (info: ParticipationState, actor: Actor): boolean => actor.role === 'moderator' && actor.centreId === info.centreId;

const STATUS_WORDS: Record<ParticipationStatus, string> = {
  draft: 'a draft',
  sent: 'waiting for the moderator',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

/** Everything a rule check needs to know besides the info itself. */
export interface RuleContext {
  actor: Actor;
  fair: FairDays;
  centre: CentreCalendar;
  now: number;
}

/**
 * May `part` of the info be changed now? Drafts: yes, until the submission deadline (after it the
 * draft can never be sent, so editing it would only mislead). Sent: no — the moderator is looking
 * at it; withdraw it first. Approved: yes until the end of the day before the fair (SPEC's
 * "1 calendar day before"), without a new review. Rejected / withdrawn: re-open as a draft first.
 * Note that SPEC's two "1 calendar day" rules overlap on the day before the fair: candidates may
 * already respond while the employer still polishes the stand.
 */
export function checkEdit(info: ParticipationState, part: ParticipationPart, ctx: RuleContext): RuleResult {
  if (!isEmployerOf(info, ctx.actor)) return refuse('forbidden', 'Only the employer’s own managers may change its participation info.');
  const what = part === 'interviewPlan' ? 'The video-interview plan' : part === 'stand' ? 'The stand' : 'The vacancies';
  switch (info.status) {
    case 'draft':
      return ctx.now < submissionDeadline(ctx.fair, ctx.centre)
        ? ok
        : refuse(
            'deadline_passed',
            `Participation info for this fair had to be sent by the end of ${describeDay(lastDayForSubmission(ctx.fair, ctx.centre))}.`,
          );
    case 'approved':
      return ctx.now < participationChangesDeadline(ctx.fair, ctx.centre)
        ? ok
        : refuse('deadline_passed', `${what} could be changed until the end of ${describeDay(lastDayForChanges(ctx.fair.startsOn))}.`);
    case 'sent':
      return refuse('wrong_status', `${what} cannot change while the moderator reviews the participation info; withdraw it to edit.`);
    case 'rejected':
    case 'withdrawn':
      return refuse('wrong_status', `The participation info is ${STATUS_WORDS[info.status]}; re-open it as a draft to edit.`);
  }
}

/** Problems that keep a draft from being sent, in the order a user would fix them. */
export function missingForSubmission(info: Pick<ParticipationState, 'hasStand' | 'vacancyCount'>): string[] {
  const missing: string[] = [];
  if (!info.hasStand) missing.push('Attach a stand.');
  if (info.vacancyCount < 1) missing.push('Add at least one vacancy.');
  return missing;
}

/** May the actor perform `action` now? The server runs this on every push; the clients before offering the button. */
export function checkAction(info: ParticipationState, action: ParticipationAction, ctx: RuleContext): RuleResult {
  if (action === 'edit') return checkEdit(info, 'stand', ctx);
  const employerAction = action === 'send' || action === 'withdraw' || action === 'reopen';
  if (employerAction && !isEmployerOf(info, ctx.actor)) return refuse('forbidden', 'Only the employer’s own managers may do this.');
  if (!employerAction && !isModeratorOf(info, ctx.actor)) {
    return refuse('forbidden', 'Only a moderator of the fair’s career centre may decide on participation info.');
  }
  const target: ParticipationStatus =
    action === 'send' ? 'sent' : action === 'withdraw' ? 'withdrawn' : action === 'reopen' ? 'draft' : action === 'approve' ? 'approved' : 'rejected';
  if (!canTransitionParticipation(info.status, target)) {
    return refuse('wrong_status', `This cannot be done: the participation info is ${STATUS_WORDS[info.status]}.`);
  }
  const submissionDay = describeDay(lastDayForSubmission(ctx.fair, ctx.centre));
  if ((action === 'send' || action === 'reopen') && ctx.now >= submissionDeadline(ctx.fair, ctx.centre)) {
    return refuse('deadline_passed', `Participation info for this fair had to be sent by the end of ${submissionDay}.`);
  }
  if (action === 'send') {
    const missing = missingForSubmission(info);
    if (missing.length > 0) return refuse('incomplete', missing.join(' '));
  }
  if (action === 'withdraw' && info.status === 'approved' && ctx.now >= participationChangesDeadline(ctx.fair, ctx.centre)) {
    // By then candidates have been responding for a day; leaving now would strand their responses.
    return refuse('deadline_passed', `An approved participation could be withdrawn until the end of ${describeDay(lastDayForChanges(ctx.fair.startsOn))}.`);
  }
  // A moderator may still decide after the submission deadline: what was sent in time deserves an answer.
  return ok;
}
