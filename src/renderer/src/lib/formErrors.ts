import type { ApiError } from '../../../shared/api/errors';

/**
 * Why a form field is not acceptable, as a key the form translates (`forms.errors.<key>`). Checked in
 * the renderer so the user sees the problem at once; the core and the server check again.
 */
export type FieldError =
  | 'required'
  | 'tooLong'
  | 'badDate'
  | 'endBeforeStart'
  | 'inPast'
  | 'badNumber'
  | 'badEmail'
  | 'badPhone'
  | 'consentRequired'
  | 'fairClosed';

/** Field → problem; a field with no entry is fine. */
export type FieldErrors<F extends string> = Partial<Record<F, FieldError>>;

export function hasErrors(errors: Partial<Record<string, unknown>>): boolean {
  return Object.values(errors).some((value) => value !== undefined);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date as `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The core's and server's field problems (`issues[].path`, zod paths joined with dots) as messages
 * per top-level field of the form. `prefix` strips a wrapper, e.g. `fields` for `fairs.update`.
 * `professions.2` lands on `professions`. Issues on fields the form does not know are returned
 * under `''` so the form can still show them.
 */
export function serverIssuesByField(
  issues: NonNullable<ApiError['issues']>,
  knownFields: readonly string[],
  prefix?: string,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of issues) {
    let segments = issue.path.split('.').filter((s) => s !== '');
    if (prefix && segments[0] === prefix) segments = segments.slice(1);
    const field = segments[0] ?? '';
    const key = knownFields.includes(field) ? field : '';
    result[key] ??= issue.message;
  }
  return result;
}
