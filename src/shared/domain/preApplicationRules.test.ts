import { describe, expect, it } from 'vitest';
import { PreApplicationStatus } from './records';
import {
  canDecide,
  canTransition,
  canWithdraw,
  isFinal,
  nextPreApplicationNumber,
  numberDay,
  parsePreApplicationNumber,
  type Actor,
} from './preApplicationRules';

const CENTRE = '11111111-1111-4111-8111-111111111111';
const EMPLOYER = '22222222-2222-4222-8222-222222222222';
const moderator: Actor = { role: 'moderator', centreId: CENTRE, employerId: null };
const otherModerator: Actor = { role: 'moderator', centreId: '33333333-3333-4333-8333-333333333333', employerId: null };
const admin: Actor = { role: 'employer_admin', centreId: null, employerId: EMPLOYER };
const manager: Actor = { role: 'employer_manager', centreId: null, employerId: EMPLOYER };
const otherEmployer: Actor = { role: 'employer_admin', centreId: null, employerId: '44444444-4444-4444-8444-444444444444' };

describe('pre-application state machine', () => {
  it('allows exactly under_review → approved | rejected | withdrawn', () => {
    const legal: string[] = [];
    for (const from of PreApplicationStatus.options) {
      for (const to of PreApplicationStatus.options) if (canTransition(from, to)) legal.push(`${from}→${to}`);
    }
    expect(legal.sort()).toEqual(['under_review→approved', 'under_review→rejected', 'under_review→withdrawn']);
    expect(PreApplicationStatus.options.filter(isFinal).sort()).toEqual(['approved', 'rejected', 'withdrawn']);
  });

  it('lets the own employer’s admin and managers withdraw only while under review', () => {
    const app = { status: 'under_review' as const, employerId: EMPLOYER };
    expect(canWithdraw(app, admin)).toBe(true);
    expect(canWithdraw(app, manager)).toBe(true);
    expect(canWithdraw(app, otherEmployer)).toBe(false);
    expect(canWithdraw(app, moderator)).toBe(false);
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) expect(canWithdraw({ ...app, status }, admin)).toBe(false);
  });

  it('lets only the own centre’s moderators decide, only while under review', () => {
    const app = { status: 'under_review' as const, centreId: CENTRE };
    expect(canDecide(app, moderator)).toBe(true);
    expect(canDecide(app, otherModerator)).toBe(false);
    expect(canDecide(app, admin)).toBe(false);
    for (const status of ['approved', 'rejected', 'withdrawn'] as const) expect(canDecide({ ...app, status }, moderator)).toBe(false);
  });
});

describe('pre-application numbers', () => {
  it('take the creation day in the centre’s zone', () => {
    // 23:30 UTC on 8 December is 9 December in Almaty.
    expect(numberDay(Date.UTC(2026, 11, 8, 23, 30), 'Asia/Almaty')).toBe('20261209');
    expect(numberDay(Date.UTC(2026, 11, 8, 23, 30), 'UTC')).toBe('20261208');
  });

  it('count per day from 1, after the highest issued (not the count)', () => {
    expect(nextPreApplicationNumber('20261209', [])).toBe('20261209-1');
    expect(nextPreApplicationNumber('20261209', ['20261209-1', '20261209-10', '20261209-2', '20261208-40'])).toBe('20261209-11');
  });

  it('parse only well-formed numbers', () => {
    expect(parsePreApplicationNumber('20261209-3')).toEqual({ day: '20261209', n: 3 });
    for (const bad of ['20261209-0', '2026129-1', '20261209-', 'x20261209-1', '20261209-01']) {
      expect(parsePreApplicationNumber(bad), bad).toBeNull();
    }
  });
});
