import type { InterestDto, ResponseDto } from '../../../shared/domain/participation/records';

/** How the responses page orders its rows. */
export const RESPONSE_SORTS = ['newest', 'oldest', 'candidate', 'vacancy'] as const;
export type ResponseSort = (typeof RESPONSE_SORTS)[number];

export function isResponseSort(value: unknown): value is ResponseSort {
  return typeof value === 'string' && (RESPONSE_SORTS as readonly string[]).includes(value);
}

/** What the responses page narrows by; empty fields do not narrow. */
export interface ResponseFilter {
  fairId?: string | null;
  participationId?: string | null;
  vacancyId?: string | null;
  /** Only responses whose candidate wants a video interview. */
  videoOnly?: boolean;
  /** Candidate name, e-mail, phone or vacancy title contains this (case-insensitive). */
  search?: string | null;
}

type ResponseLike = Pick<
  ResponseDto,
  'fairId' | 'participationId' | 'vacancyId' | 'vacancyTitle' | 'candidateName' | 'candidateEmail' | 'candidatePhone' | 'wantsVideoInterview' | 'createdAt'
>;

export function filterResponses<T extends ResponseLike>(items: readonly T[], filter: ResponseFilter): T[] {
  const needle = (filter.search ?? '').trim().toLocaleLowerCase();
  return items.filter(
    (r) =>
      (!filter.fairId || r.fairId === filter.fairId) &&
      (!filter.participationId || r.participationId === filter.participationId) &&
      (!filter.vacancyId || r.vacancyId === filter.vacancyId) &&
      (!filter.videoOnly || r.wantsVideoInterview) &&
      (!needle ||
        [r.candidateName, r.candidateEmail, r.candidatePhone, r.vacancyTitle].some((text) => text.toLocaleLowerCase().includes(needle))),
  );
}

/** A new sorted array; ties fall back to newest first, so the order is stable across reloads. */
export function sortResponses<T extends ResponseLike & { id: string }>(items: readonly T[], sort: ResponseSort, locale?: string): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const newest = (a: T, b: T) => b.createdAt - a.createdAt || a.id.localeCompare(b.id);
  const compare: Record<ResponseSort, (a: T, b: T) => number> = {
    newest,
    oldest: (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
    candidate: (a, b) => collator.compare(a.candidateName, b.candidateName) || newest(a, b),
    vacancy: (a, b) => collator.compare(a.vacancyTitle, b.vacancyTitle) || newest(a, b),
  };
  return [...items].sort(compare[sort]);
}

/** How many items each key has (e.g. responses per vacancy id or per participation id). */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Counts of one participation info's responses and interests, for a "My fairs" card. */
export interface ParticipationActivity {
  responses: number;
  videoWanted: number;
  interests: number;
}

export function activityByParticipation(
  responses: readonly Pick<ResponseDto, 'participationId' | 'wantsVideoInterview'>[],
  interests: readonly Pick<InterestDto, 'participationId'>[],
): Map<string, ParticipationActivity> {
  const result = new Map<string, ParticipationActivity>();
  const entry = (id: string): ParticipationActivity => {
    let found = result.get(id);
    if (!found) {
      found = { responses: 0, videoWanted: 0, interests: 0 };
      result.set(id, found);
    }
    return found;
  };
  for (const r of responses) {
    const e = entry(r.participationId);
    e.responses++;
    if (r.wantsVideoInterview) e.videoWanted++;
  }
  for (const i of interests) entry(i.participationId).interests++;
  return result;
}

/** The vacancies responses were made to (title as copied when responding), with counts, by title. */
export function vacanciesOf(
  responses: readonly Pick<ResponseDto, 'vacancyId' | 'vacancyTitle'>[],
  locale?: string,
): { id: string; title: string; count: number }[] {
  const byId = new Map<string, { id: string; title: string; count: number }>();
  for (const r of responses) {
    const known = byId.get(r.vacancyId);
    if (known) known.count++;
    else byId.set(r.vacancyId, { id: r.vacancyId, title: r.vacancyTitle, count: 1 });
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return [...byId.values()].sort((a, b) => collator.compare(a.title, b.title));
}

/** Phone number as a `tel:` link target (digits and a leading plus only). */
export function telHref(phone: string): string | null {
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  return digits.replace('+', '').length >= 5 ? `tel:${digits}` : null;
}
