import type { Rejection } from '../../../shared/contract/ipc';

/**
 * `rejection` added to `list`, newest first, one entry per mutation: the same rejection can arrive
 * both live (`sync.rejected`) and in a re-read list, and must show once.
 */
export function mergeRejection(list: readonly Rejection[], rejection: Rejection): Rejection[] {
  const rest = list.filter((r) => r.mutationId !== rejection.mutationId);
  return [rejection, ...rest].sort((a, b) => b.decidedAt - a.decidedAt || b.mutationId - a.mutationId);
}
