import type { PreApplicationDto, PreApplicationStatus } from '../../../shared/domain/records';

/** A queue filter: one status, or every application. */
export type StatusFilter = PreApplicationStatus | 'all';

export const statusFilters: readonly StatusFilter[] = ['under_review', 'approved', 'rejected', 'withdrawn', 'all'];

/** The fields the queue's filtering needs; both cached (`LocalPreApplication`) and plain rows have them. */
type Listed = Pick<PreApplicationDto, 'id' | 'companyName' | 'number' | 'status' | 'createdAt'>;

/** Case-insensitive match on company name or number (`20310514-3`, or just `514-3`). */
export function matchesSearch(application: Listed, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return true;
  return (
    application.companyName.toLocaleLowerCase().includes(needle) || application.number.toLocaleLowerCase().includes(needle)
  );
}

/**
 * The rows a status filter shows. `pinned` ids pass the status filter regardless: an application
 * the moderator has just decided (or whose decision waits or was refused) must not vanish from the
 * "under review" list under their cursor — it stays, with its new status and sync badge.
 */
export function filterApplications<T extends Listed>(
  applications: readonly T[],
  status: StatusFilter,
  search: string,
  pinned: ReadonlySet<string> = new Set(),
): T[] {
  return applications.filter(
    (a) => (status === 'all' || a.status === status || pinned.has(a.id)) && matchesSearch(a, search),
  );
}

/** How many applications each filter chip would show, given the current search. */
export function countByStatus(applications: readonly Listed[], search: string): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { under_review: 0, approved: 0, rejected: 0, withdrawn: 0, all: 0 };
  for (const application of applications) {
    if (!matchesSearch(application, search)) continue;
    counts[application.status] += 1;
    counts.all += 1;
  }
  return counts;
}

/** Newest first: the order a queue is read in. */
export function newestFirst<T extends Listed>(applications: readonly T[]): T[] {
  return [...applications].sort((a, b) => b.createdAt - a.createdAt);
}

/** Only an application under review can be approved, rejected or withdrawn. */
export function isOpenForDecision(application: Pick<PreApplicationDto, 'status'>): boolean {
  return application.status === 'under_review';
}

/** A calendar period, both ends inclusive (`YYYY-MM-DD`); either end may be open. */
export interface PeriodFilter {
  from: string | null;
  to: string | null;
}

type Dated = Pick<PreApplicationDto, 'fairId' | 'desiredFrom' | 'desiredTo'>;

/**
 * The days an application is about: its fair's dates when it has a fair (way 2, or way 1 once
 * approved), else the employer's desired period (way 1). `null` when neither is known locally.
 */
export function applicationPeriod(
  application: Dated,
  fairDates: ReadonlyMap<string, { startsOn: string; endsOn: string }>,
): { from: string; to: string } | null {
  const fair = application.fairId ? fairDates.get(application.fairId) : undefined;
  if (fair) return { from: fair.startsOn, to: fair.endsOn };
  if (application.desiredFrom && application.desiredTo) return { from: application.desiredFrom, to: application.desiredTo };
  return null;
}

/** Whether the application's period overlaps the filter (ISO dates compare as strings). */
export function inPeriod(
  application: Dated,
  period: PeriodFilter,
  fairDates: ReadonlyMap<string, { startsOn: string; endsOn: string }>,
): boolean {
  if (!period.from && !period.to) return true;
  const own = applicationPeriod(application, fairDates);
  if (!own) return false;
  return (!period.to || own.from <= period.to) && (!period.from || own.to >= period.from);
}
