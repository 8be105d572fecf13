import type { z } from 'zod';
import { routes, PublicFairsResponse } from '../shared/api/http';
import { calendarDateOf, fairPhase, type FairPhase } from '../shared/domain/fairPhase';

export type PublicFair = z.infer<typeof PublicFairsResponse>['fairs'][number];
export interface ListedFair {
  fair: PublicFair;
  phase: Exclude<FairPhase, 'finished'>;
}

/** Why the fair list could not be shown; the page words each case for the candidate. */
export class PublicFairsError extends Error {
  constructor(
    readonly reason: 'network' | 'server' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'PublicFairsError';
  }
}

/**
 * Loads the public fair list from the server that served the portal and validates it with the
 * shared schema, so a server/portal mismatch shows as an error instead of a broken page.
 */
export async function fetchPublicFairs(fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<PublicFair[]> {
  let response: Response;
  try {
    response = await fetchImpl(routes.publicFairs.path, { headers: { accept: 'application/json' }, signal });
  } catch (error) {
    throw new PublicFairsError('network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new PublicFairsError('server', `The server answered ${response.status}.`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new PublicFairsError('unreadable', 'The server sent something that is not JSON.');
  }
  const parsed = PublicFairsResponse.safeParse(body);
  if (!parsed.success) throw new PublicFairsError('unreadable', 'The server sent a fair list in an unexpected shape.');
  return parsed.data.fairs;
}

/** Live fairs first, then upcoming by start date; finished ones are not shown to candidates. */
export function upcomingFairs(fairs: readonly PublicFair[], today: string = calendarDateOf(new Date())): ListedFair[] {
  const listed: ListedFair[] = [];
  for (const fair of fairs) {
    const phase = fairPhase(fair, today);
    if (phase !== 'finished') listed.push({ fair, phase });
  }
  return listed.sort((a, b) => {
    if (a.phase !== b.phase) return a.phase === 'live' ? -1 : 1;
    return a.fair.startsOn.localeCompare(b.fair.startsOn) || a.fair.title.localeCompare(b.fair.title);
  });
}
