import type { FieldError } from './formErrors';

export type Decision = 'approve' | 'reject';

/** Same limit as `decidePreApplication.reason` in shared/sync/mutations.ts. */
export const MAX_REASON_LENGTH = 2000;
/** A reason the employer can act on is more than a word or two. */
export const MIN_REASON_LENGTH = 10;

/** A rejection must say why, in words the employer can act on. */
export function validateRejectionReason(reason: string): FieldError | 'tooShort' | undefined {
  const text = reason.trim();
  if (!text) return 'required';
  if (text.length < MIN_REASON_LENGTH) return 'tooShort';
  if (text.length > MAX_REASON_LENGTH) return 'tooLong';
  return undefined;
}
