/** Attempts after which a mail is given up (status `failed`). */
export const MAX_MAIL_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 3_600_000;

/**
 * Wait before the next attempt after `attempts` failed ones: 1, 2, 4, 8, 16, 32 minutes, then
 * hourly — short outages of the mail server cost minutes, long ones do not hammer it.
 */
export function retryDelayMs(attempts: number): number {
  const doublings = Math.max(0, attempts - 1);
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(doublings, 20));
}

/** What to do after a failed attempt: retry at a time, or give up. */
export function afterFailure(attempts: number, now: number, permanent: boolean): { status: 'queued'; nextAttemptAt: number } | { status: 'failed' } {
  if (permanent || attempts >= MAX_MAIL_ATTEMPTS) return { status: 'failed' };
  return { status: 'queued', nextAttemptAt: now + retryDelayMs(attempts) };
}
