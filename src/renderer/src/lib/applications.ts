import type { PreApplicationDto, PreApplicationStatus } from '../../../shared/domain/records';

/** A queue filter: one status, or every application. */
export type StatusFilter = PreApplicationStatus | 'all';

export const statusFilters: readonly StatusFilter[] = ['under_review', 'approved', 'rejected', 'withdrawn', 'all'];

/** Case-insensitive match on company name or number (`20310514-3`, or just `514-3`). */
export function matchesSearch(application: PreApplicationDto, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return true;
  return (
    application.companyName.toLocaleLowerCase().includes(needle) || application.number.toLocaleLowerCase().includes(needle)
  );
}

export function filterApplications(
  applications: readonly PreApplicationDto[],
  status: StatusFilter,
  search: string,
): PreApplicationDto[] {
  return applications.filter((a) => (status === 'all' || a.status === status) && matchesSearch(a, search));
}

/** How many applications each filter chip would show, given the current search. */
export function countByStatus(applications: readonly PreApplicationDto[], search: string): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { under_review: 0, approved: 0, rejected: 0, withdrawn: 0, all: 0 };
  for (const application of applications) {
    if (!matchesSearch(application, search)) continue;
    counts[application.status] += 1;
    counts.all += 1;
  }
  return counts;
}

/** Newest first: the order a queue is read in. */
export function newestFirst(applications: readonly PreApplicationDto[]): PreApplicationDto[] {
  return [...applications].sort((a, b) => b.createdAt - a.createdAt);
}
