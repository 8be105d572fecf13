import { describe, expect, it } from 'vitest';
import type { Actor } from '../preApplicationRules';
import {
  ParticipationStatus,
  canTransitionParticipation,
  checkAction,
  checkEdit,
  lastDayForSubmission,
  missingForSubmission,
  participationChangesDeadline,
  responseWindow,
  responsesCloseAt,
  responsesOpenAt,
  submissionDeadline,
  type ParticipationState,
  type RuleContext,
} from './participationRules';

const CENTRE = '11111111-1111-4111-8111-111111111111';
const EMPLOYER = '22222222-2222-4222-8222-222222222222';
const moderator: Actor = { role: 'moderator', centreId: CENTRE, employerId: null };
const otherModerator: Actor = { role: 'moderator', centreId: '33333333-3333-4333-8333-333333333333', employerId: null };
const manager: Actor = { role: 'employer_manager', centreId: null, employerId: EMPLOYER };
const otherEmployer: Actor = { role: 'employer_admin', centreId: null, employerId: '44444444-4444-4444-8444-444444444444' };

/** Monday 14 December 2026, two days; centre in Almaty (UTC+5) with a holiday on Wednesday 9th. */
const fair = { startsOn: '2026-12-14', endsOn: '2026-12-15' };
const centre = { timeZone: 'Asia/Almaty', holidays: ['2026-12-09'] };
/** Epoch ms of a wall-clock time in Almaty. */
const almaty = (day: number, hour: number, minute = 0) => Date.UTC(2026, 11, day, hour - 5, minute);

const info = (over: Partial<ParticipationState> = {}): ParticipationState => ({
  status: 'draft',
  employerId: EMPLOYER,
  centreId: CENTRE,
  hasStand: true,
  vacancyCount: 2,
  ...over,
});
const ctx = (actor: Actor, now: number): RuleContext => ({ actor, fair, centre, now });
const early = almaty(1, 12);

describe('participation state machine', () => {
  it('allows exactly the documented moves', () => {
    const legal: string[] = [];
    for (const from of ParticipationStatus.options) {
      for (const to of ParticipationStatus.options) if (canTransitionParticipation(from, to)) legal.push(`${from}→${to}`);
    }
    expect(legal.sort()).toEqual([
      'approved→withdrawn',
      'draft→sent',
      'rejected→draft',
      'sent→approved',
      'sent→rejected',
      'sent→withdrawn',
      'withdrawn→draft',
    ]);
  });

  it('lets the own employer send, withdraw and re-open; the own centre’s moderator decide', () => {
    expect(checkAction(info(), 'send', ctx(manager, early))).toEqual({ ok: true });
    expect(checkAction(info({ status: 'sent' }), 'withdraw', ctx(manager, early))).toEqual({ ok: true });
    expect(checkAction(info({ status: 'rejected' }), 'reopen', ctx(manager, early))).toEqual({ ok: true });
    expect(checkAction(info({ status: 'sent' }), 'approve', ctx(moderator, early))).toEqual({ ok: true });
    expect(checkAction(info({ status: 'sent' }), 'reject', ctx(moderator, early))).toEqual({ ok: true });

    expect(checkAction(info(), 'send', ctx(otherEmployer, early))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkAction(info(), 'send', ctx(moderator, early))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkAction(info({ status: 'sent' }), 'approve', ctx(otherModerator, early))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkAction(info({ status: 'sent' }), 'approve', ctx(manager, early))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses moves from the wrong status, saying which status it is', () => {
    expect(checkAction(info({ status: 'approved' }), 'approve', ctx(moderator, early))).toEqual({
      ok: false,
      code: 'wrong_status',
      message: 'This cannot be done: the participation info is approved.',
    });
    expect(checkAction(info({ status: 'withdrawn' }), 'reject', ctx(moderator, early))).toMatchObject({ code: 'wrong_status' });
    expect(checkAction(info({ status: 'draft' }), 'withdraw', ctx(manager, early))).toMatchObject({ code: 'wrong_status' });
  });

  it('needs a stand and a vacancy to send', () => {
    expect(missingForSubmission({ hasStand: false, vacancyCount: 0 })).toEqual(['Attach a stand.', 'Add at least one vacancy.']);
    expect(checkAction(info({ hasStand: false }), 'send', ctx(manager, early))).toEqual({ ok: false, code: 'incomplete', message: 'Attach a stand.' });
    expect(checkAction(info({ vacancyCount: 0 }), 'send', ctx(manager, early))).toMatchObject({ code: 'incomplete' });
  });
});

describe('submission deadline (3 working days before the fair)', () => {
  it('skips weekends and the centre’s holidays', () => {
    // Fair Monday 14th: Fri 11, Thu 10, (Wed 9 is a holiday), Tue 8.
    expect(lastDayForSubmission(fair, centre)).toBe('2026-12-08');
    expect(submissionDeadline(fair, centre)).toBe(almaty(9, 0));
  });

  it('is enforced at midnight in Almaty, not in the machine’s UTC', () => {
    const lastMinute = almaty(8, 23, 59); // 18:59 UTC on the 8th
    const tooLate = almaty(9, 0, 0); // still the 8th in UTC (19:00)
    expect(new Date(tooLate).getUTCDate()).toBe(8);
    expect(checkAction(info(), 'send', ctx(manager, lastMinute))).toEqual({ ok: true });
    expect(checkAction(info(), 'send', ctx(manager, tooLate))).toEqual({
      ok: false,
      code: 'deadline_passed',
      message: 'Participation info for this fair had to be sent by the end of Tuesday 8 December.',
    });
    expect(checkAction(info({ status: 'rejected' }), 'reopen', ctx(manager, tooLate))).toMatchObject({ code: 'deadline_passed' });
    expect(checkEdit(info(), 'vacancies', ctx(manager, tooLate))).toMatchObject({ code: 'deadline_passed' });
  });

  it('still lets the moderator decide what was sent in time', () => {
    expect(checkAction(info({ status: 'sent' }), 'approve', ctx(moderator, almaty(12, 10)))).toEqual({ ok: true });
  });
});

describe('edits', () => {
  it('are open on a draft, closed while sent, rejected or withdrawn', () => {
    expect(checkEdit(info(), 'stand', ctx(manager, early))).toEqual({ ok: true });
    expect(checkEdit(info({ status: 'sent' }), 'vacancies', ctx(manager, early))).toEqual({
      ok: false,
      code: 'wrong_status',
      message: 'The vacancies cannot change while the moderator reviews the participation info; withdraw it to edit.',
    });
    expect(checkEdit(info({ status: 'rejected' }), 'stand', ctx(manager, early))).toMatchObject({ code: 'wrong_status', message: expect.stringMatching(/re-open/) });
    expect(checkEdit(info({ status: 'withdrawn' }), 'interviewPlan', ctx(manager, early))).toMatchObject({ code: 'wrong_status' });
    expect(checkEdit(info(), 'stand', ctx(otherEmployer, early))).toMatchObject({ code: 'forbidden' });
    expect(checkEdit(info(), 'stand', ctx(moderator, early))).toMatchObject({ code: 'forbidden' });
    expect(checkAction(info(), 'edit', ctx(manager, early))).toEqual({ ok: true });
  });

  it('after approval, are open until the end of the day before the fair (weekends count), in Almaty', () => {
    const approved = info({ status: 'approved' });
    expect(participationChangesDeadline(fair, centre)).toBe(almaty(14, 0));
    // Sunday 13th, 23:59 in Almaty — after the submission deadline, still fine for an approved stand.
    expect(checkEdit(approved, 'stand', ctx(manager, almaty(13, 23, 59)))).toEqual({ ok: true });
    expect(checkEdit(approved, 'vacancies', ctx(manager, almaty(14, 0)))).toEqual({
      ok: false,
      code: 'deadline_passed',
      message: 'The vacancies could be changed until the end of Sunday 13 December.',
    });
  });

  it('lets an approved participation be withdrawn only while changes are allowed', () => {
    const approved = info({ status: 'approved' });
    expect(checkAction(approved, 'withdraw', ctx(manager, almaty(13, 12)))).toEqual({ ok: true });
    expect(checkAction(approved, 'withdraw', ctx(manager, almaty(14, 0)))).toMatchObject({ code: 'deadline_passed' });
  });
});

describe('responses window (from 1 calendar day before the fair)', () => {
  it('opens at the start of the day before, closes at the end of the last fair day, in Almaty', () => {
    expect(responsesOpenAt(fair, centre)).toBe(almaty(13, 0));
    expect(responsesCloseAt(fair, centre)).toBe(almaty(16, 0));
    expect(responseWindow(fair, centre, almaty(12, 23, 59))).toBe('not_yet');
    expect(responseWindow(fair, centre, almaty(13, 0))).toBe('open');
    expect(responseWindow(fair, centre, almaty(15, 23, 59))).toBe('open');
    expect(responseWindow(fair, centre, almaty(16, 0))).toBe('closed');
  });

  it('uses the centre’s midnight: 20:00 UTC on the 12th is already the 13th in Almaty', () => {
    expect(responseWindow(fair, centre, Date.UTC(2026, 11, 12, 20, 0))).toBe('open');
    expect(responseWindow(fair, { timeZone: 'UTC' }, Date.UTC(2026, 11, 12, 20, 0))).toBe('not_yet');
  });
});
