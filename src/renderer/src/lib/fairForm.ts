import type { FairDto } from '../../../shared/domain/records';
import { isIsoDate, type FieldErrors } from './formErrors';

/** What the fair dialog edits. Dates are `YYYY-MM-DD` in the centre's time zone. */
export interface FairDraft {
  title: string;
  city: string;
  startsOn: string;
  endsOn: string;
  description: string;
}
export type FairField = keyof FairDraft;
export const fairFields: readonly FairField[] = ['title', 'city', 'startsOn', 'endsOn', 'description'];

/** Same limits as the `FairFields` schema in shared/sync/mutations.ts. */
const MAX = { title: 200, city: 120, description: 5000 } as const;

export function emptyFairDraft(): FairDraft {
  return { title: '', city: '', startsOn: '', endsOn: '', description: '' };
}

export function fairDraftOf(fair: Pick<FairDto, FairField>): FairDraft {
  return { title: fair.title, city: fair.city, startsOn: fair.startsOn, endsOn: fair.endsOn, description: fair.description };
}

export function validateFairDraft(draft: FairDraft): FieldErrors<FairField> {
  const errors: FieldErrors<FairField> = {};
  for (const field of ['title', 'city'] as const) {
    const value = draft[field].trim();
    if (!value) errors[field] = 'required';
    else if (value.length > MAX[field]) errors[field] = 'tooLong';
  }
  if (draft.description.trim().length > MAX.description) errors.description = 'tooLong';
  for (const field of ['startsOn', 'endsOn'] as const) {
    if (!draft[field]) errors[field] = 'required';
    else if (!isIsoDate(draft[field])) errors[field] = 'badDate';
  }
  if (!errors.startsOn && !errors.endsOn && draft.endsOn < draft.startsOn) errors.endsOn = 'endBeforeStart';
  return errors;
}

/** The trimmed fields to send. */
export function fairFieldsOf(draft: FairDraft): FairDraft {
  return {
    title: draft.title.trim(),
    city: draft.city.trim(),
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    description: draft.description.trim(),
  };
}

/** Only what changed, for `fairs.update` (so an edit does not overwrite fields it did not touch). */
export function changedFairFields(before: FairDraft, after: FairDraft): Partial<FairDraft> {
  const changes: Partial<FairDraft> = {};
  for (const field of fairFields) if (before[field] !== after[field]) changes[field] = after[field];
  return changes;
}
