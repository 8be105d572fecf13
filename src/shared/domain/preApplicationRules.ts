import { DateTime } from 'luxon';
import type { PreApplicationStatus } from './records';
import type { UserRole } from './roles';

/**
 * The pre-application state machine (SPEC "Pre-application"): a new application is *under review*;
 * a moderator approves or rejects it, or the employer withdraws it. All three outcomes are final.
 */
export const PRE_APPLICATION_TRANSITIONS: Readonly<Record<PreApplicationStatus, readonly PreApplicationStatus[]>> = {
  under_review: ['approved', 'rejected', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
};

/** True when the state machine allows moving from `from` to `to`. */
export function canTransition(from: PreApplicationStatus, to: PreApplicationStatus): boolean {
  return PRE_APPLICATION_TRANSITIONS[from].includes(to);
}

/** True once nothing can change the application's status any more. */
export const isFinal = (status: PreApplicationStatus): boolean => PRE_APPLICATION_TRANSITIONS[status].length === 0;

/** Who is acting, as far as these rules care. */
export interface Actor {
  role: UserRole;
  centreId: string | null;
  employerId: string | null;
}

/** An employer admin or manager may withdraw their own employer's application while it is under review. */
export function canWithdraw(app: { status: PreApplicationStatus; employerId: string }, actor: Actor): boolean {
  return (
    (actor.role === 'employer_admin' || actor.role === 'employer_manager') &&
    actor.employerId === app.employerId &&
    canTransition(app.status, 'withdrawn')
  );
}

/** A moderator may approve or reject an application addressed to its own centre while it is under review. */
export function canDecide(app: { status: PreApplicationStatus; centreId: string }, actor: Actor): boolean {
  return actor.role === 'moderator' && actor.centreId === app.centreId && canTransition(app.status, 'approved');
}

/** `YYYYMMDD-N`: the creation day in the centre's zone and a per-day counter from 1. */
export const PRE_APPLICATION_NUMBER = /^(\d{8})-([1-9]\d*)$/;

/** The `YYYYMMDD` day part of a number created at `instant` in `timeZone`. */
export function numberDay(instant: number, timeZone: string): string {
  const local = DateTime.fromMillis(instant, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromMillis(instant, { zone: 'utc' })).toFormat('yyyyLLdd');
}

export function formatPreApplicationNumber(day: string, n: number): string {
  if (!/^\d{8}$/.test(day) || !Number.isInteger(n) || n < 1) throw new RangeError(`Bad number parts: ${day}, ${n}`);
  return `${day}-${n}`;
}

export function parsePreApplicationNumber(value: string): { day: string; n: number } | null {
  const match = PRE_APPLICATION_NUMBER.exec(value);
  return match?.[1] && match[2] ? { day: match[1], n: Number(match[2]) } : null;
}

/** The next number of `day`, given the numbers already issued that day (in any order). */
export function nextPreApplicationNumber(day: string, issuedThatDay: readonly string[]): string {
  let max = 0;
  for (const issued of issuedThatDay) {
    const parsed = parsePreApplicationNumber(issued);
    if (parsed?.day === day && parsed.n > max) max = parsed.n;
  }
  return formatPreApplicationNumber(day, max + 1);
}
