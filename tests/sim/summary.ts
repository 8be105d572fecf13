import type { Violation } from './invariants';
import type { SimulationSummary } from './simulation';

/** The human-readable report of a run, printed by the test and by `npm run soak`. */
export function formatSummary(s: SimulationSummary): string {
  const kinds = Object.entries(s.opsByKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, t]) => `    ${kind.padEnd(22)} done ${String(t.done).padStart(4)}  skipped ${String(t.skipped).padStart(4)}  refused ${String(t.refused).padStart(4)}`);
  const list = (record: Record<string, number | undefined>): string =>
    Object.entries(record)
      .filter(([, n]) => (n ?? 0) > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} ${String(n)}`)
      .join(', ') || 'none';
  return [
    `sync simulation — seed ${s.seed}, ${s.plannedOps} operations (plan ${s.planFingerprint}), ${(s.durationMs / 1000).toFixed(1)} s`,
    '  operations:',
    ...kinds,
    `  faults injected:   ${list(s.faults)}`,
    `  kills:             clients ${s.clientKills}; server mid-push ${s.serverKills.mid_push}, before its answer ${s.serverKills.before_response}`,
    `  rejections:        ${list(s.rejectionsByCode)}`,
    `  traffic:           ${s.pushes} pushes, ${s.pulls} pulls, ${s.mutations} distinct mutations`,
    `  checked:           ${s.checks.pullsReplayed} pull answers replayed, ${s.checks.pullStatesChecked} states checked against lastMutationId, ` +
      `${s.checks.contestedRecords} contested applications (${s.checks.lostRaces} losing changes)`,
  ].join('\n');
}

export function formatViolations(violations: readonly Violation[], limit = 40): string {
  if (violations.length === 0) return 'all ten invariants hold';
  const lines = violations.slice(0, limit).map((v) => `  [invariant ${v.invariant}] ${v.message}`);
  if (violations.length > limit) lines.push(`  … and ${violations.length - limit} more`);
  return `${violations.length} invariant violations:\n${lines.join('\n')}`;
}
