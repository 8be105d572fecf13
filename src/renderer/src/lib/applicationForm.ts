import type { IpcInput } from '../../../shared/contract/ipc';
import type { CompanyDto } from '../../../shared/domain/records';
import type { UserDto } from '../../../shared/domain/roles';
import { isIsoDate, type FieldErrors } from './formErrors';

/** What the "New application" form edits, as the inputs hold it (the places count is still text). */
export interface ApplicationDraft {
  way: 1 | 2;
  companyId: string | null;
  /** Way 1: the centre of the chosen region. */
  centreId: string | null;
  /** Way 2: the chosen fair. */
  fairId: string | null;
  desiredFrom: string;
  desiredTo: string;
  companyInfo: string;
  vacantPlaces: string;
  professions: string[];
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  consentSalaryShown: boolean;
  consentChatDuringFair: boolean;
  wantsVideoInterviews: boolean;
}
export type ApplicationField = keyof ApplicationDraft;
export const applicationFields: readonly ApplicationField[] = [
  'way',
  'companyId',
  'centreId',
  'fairId',
  'desiredFrom',
  'desiredTo',
  'companyInfo',
  'vacantPlaces',
  'professions',
  'contactName',
  'contactPhone',
  'contactEmail',
  'consentSalaryShown',
  'consentChatDuringFair',
  'wantsVideoInterviews',
];

/** A new draft with the contact person pre-filled from the signed-in user and the only company chosen. */
export function newApplicationDraft(user: Pick<UserDto, 'displayName' | 'email'> | null, companies: readonly CompanyDto[]): ApplicationDraft {
  const only = companies.length === 1 ? companies[0] : undefined;
  return {
    way: 2,
    companyId: only?.id ?? null,
    centreId: null,
    fairId: null,
    desiredFrom: '',
    desiredTo: '',
    companyInfo: only?.info ?? '',
    vacantPlaces: '',
    professions: [],
    contactName: user?.displayName ?? '',
    contactPhone: '',
    contactEmail: user?.email ?? '',
    consentSalaryShown: false,
    consentChatDuringFair: false,
    wantsVideoInterviews: false,
  };
}

/**
 * "Driver, warehouse operator; cook" → three professions: commas, semicolons and new lines separate;
 * blanks and repeats (ignoring case) are dropped, the first spelling wins.
 */
export function splitProfessions(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    for (const part of value.split(/[,;\n]/)) {
      const name = part.trim().replace(/\s+/g, ' ');
      const key = name.toLocaleLowerCase();
      if (!name || seen.has(key)) continue;
      seen.add(key);
      result.push(name);
    }
  }
  return result;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Digits with the usual separators; at least five digits (the server's minimum length is 5). */
const PHONE = /^\+?[\d\s()-]{5,40}$/;

export interface ApplicationRules {
  /** Today's calendar date where the application is reviewed (`YYYY-MM-DD`). */
  today: string;
  /** Whether a way-2 fair still accepts pre-applications (its deadline has not passed). */
  fairOpen(fairId: string): boolean;
}

/** Same limits as `mutationArgs.createPreApplication` in shared/sync/mutations.ts. */
export function validateApplicationDraft(draft: ApplicationDraft, rules: ApplicationRules): FieldErrors<ApplicationField> {
  const errors: FieldErrors<ApplicationField> = {};
  if (!draft.companyId) errors.companyId = 'required';
  if (draft.way === 1) {
    if (!draft.centreId) errors.centreId = 'required';
    for (const field of ['desiredFrom', 'desiredTo'] as const) {
      if (!draft[field]) errors[field] = 'required';
      else if (!isIsoDate(draft[field])) errors[field] = 'badDate';
    }
    if (!errors.desiredFrom && draft.desiredFrom < rules.today) errors.desiredFrom = 'inPast';
    if (!errors.desiredFrom && !errors.desiredTo && draft.desiredTo < draft.desiredFrom) errors.desiredTo = 'endBeforeStart';
  } else if (!draft.fairId) {
    errors.fairId = 'required';
  } else if (!rules.fairOpen(draft.fairId)) {
    errors.fairId = 'fairClosed';
  }
  if (draft.companyInfo.trim().length > 5000) errors.companyInfo = 'tooLong';
  const places = Number(draft.vacantPlaces.trim());
  if (!draft.vacantPlaces.trim()) errors.vacantPlaces = 'required';
  else if (!Number.isInteger(places) || places < 1 || places > 10_000) errors.vacantPlaces = 'badNumber';
  const professions = splitProfessions(draft.professions);
  if (professions.length === 0) errors.professions = 'required';
  else if (professions.length > 100 || professions.some((p) => p.length > 120)) errors.professions = 'tooLong';
  if (!draft.contactName.trim()) errors.contactName = 'required';
  else if (draft.contactName.trim().length > 200) errors.contactName = 'tooLong';
  if (!draft.contactPhone.trim()) errors.contactPhone = 'required';
  else if (!PHONE.test(draft.contactPhone.trim()) || draft.contactPhone.replace(/\D/g, '').length < 5) {
    errors.contactPhone = 'badPhone';
  }
  if (!draft.contactEmail.trim()) errors.contactEmail = 'required';
  else if (!EMAIL.test(draft.contactEmail.trim()) || draft.contactEmail.trim().length > 254) errors.contactEmail = 'badEmail';
  if (!draft.consentSalaryShown) errors.consentSalaryShown = 'consentRequired';
  if (!draft.consentChatDuringFair) errors.consentChatDuringFair = 'consentRequired';
  return errors;
}

/** The `preApplications.create` input of a valid draft (call `validateApplicationDraft` first). */
export function createInputOf(draft: ApplicationDraft): IpcInput<'preApplications.create'> {
  const way1 = draft.way === 1;
  return {
    way: draft.way,
    companyId: draft.companyId ?? '',
    centreId: way1 ? draft.centreId : null,
    fairId: way1 ? null : draft.fairId,
    desiredFrom: way1 ? draft.desiredFrom : null,
    desiredTo: way1 ? draft.desiredTo : null,
    companyInfo: draft.companyInfo.trim(),
    vacantPlaces: Number(draft.vacantPlaces.trim()),
    professions: splitProfessions(draft.professions),
    contactName: draft.contactName.trim(),
    contactPhone: draft.contactPhone.trim(),
    contactEmail: draft.contactEmail.trim(),
    // Both consents are validated as given before this is called; the schema wants the literal `true`.
    consentSalaryShown: true,
    consentChatDuringFair: true,
    wantsVideoInterviews: draft.wantsVideoInterviews,
  };
}
