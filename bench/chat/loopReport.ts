import fs from 'node:fs';
import path from 'node:path';

/** A measured step's time window in one system (epoch ms), to count that system's stalls in. */
export interface StepWindow {
  system: string;
  /** The file-name prefix the system's preload wrote under (BENCH_CHAT_PROFILE_NAME). */
  logName: string;
  round: number;
  rate: number;
  from: number;
  to: number;
}

interface Pause {
  start: number;
  end: number;
  ms: number;
}

interface Stall extends Pause {
  /** The process's CPU time over the stall (all its threads). */
  cpuMs: number;
}

interface LoopLog {
  stalls: Stall[];
  gcs: Array<Pause & { kind: string }>;
  /** The process's fdatasync calls (FairDesk's WAL syncs, the durable relay's file syncs), call to callback. */
  syncs: Pause[];
}

/** Reads what loopStalls.mjs wrote for every process named `logName` in `dir`. */
function readLoopLog(dir: string, logName: string): LoopLog {
  const log: LoopLog = { stalls: [], gcs: [], syncs: [] };
  for (const file of fs.readdirSync(dir).filter((f) => f.startsWith(`${logName}-`) && f.endsWith('.log'))) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const [what, at, ms, extra] = line.split(' ');
      const time = Number(at);
      const duration = Number(ms);
      if (what === 'stall') log.stalls.push({ start: time - duration, end: time, ms: duration, cpuMs: Number(extra ?? Number.NaN) });
      else if (what === 'gc') log.gcs.push({ start: time, end: time + duration, ms: duration, kind: extra ?? 'other' });
      else if (what === 'sync') log.syncs.push({ start: time, end: time + duration, ms: duration });
    }
  }
  return log;
}

/** `n · p50 / p99 / max` of the syncs' durations, or a dash where there were none (the relay). */
function syncSummary(syncs: readonly Pause[]): string {
  if (syncs.length === 0) return '—';
  const sorted = syncs.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
  return `${sorted.length} · ${at(0.5)} / ${at(0.99)} / ${at(1)} ms`;
}

/**
 * Per measured step: how often each server's event loop stalled (≥ 5 ms, ≥ 10 ms, their sum),
 * how much of that time the process was on the CPU (the rest it waited for a core), how many of
 * those stalls overlap a GC pause of 2 ms or more, the GC pauses of 3 ms or more, and the WAL
 * syncs (how many, how long): a message waits for the sync under way when it commits, then for
 * its own, so the disk's tail shows up about twice in the delivery's.
 */
export function loopStallTable(dir: string, windows: readonly StepWindow[]): string {
  const logs = new Map<string, LoopLog>();
  const rows = windows.map((w) => {
    const log = logs.get(w.logName) ?? readLoopLog(dir, w.logName);
    logs.set(w.logName, log);
    const stalls = log.stalls.filter((s) => s.end >= w.from && s.end <= w.to);
    const gcs = log.gcs.filter((g) => g.start >= w.from && g.start <= w.to);
    const withGc = stalls.filter((s) => gcs.some((g) => g.start < s.end && g.end > s.start)).length;
    const long = stalls.filter((s) => s.ms >= 10).length;
    const total = stalls.reduce((sum, s) => sum + s.ms, 0);
    const onCpu = stalls.reduce((sum, s) => sum + s.cpuMs, 0);
    const minor = gcs.filter((g) => g.kind === 'minor' && g.ms >= 3).length;
    const major = gcs.filter((g) => g.kind === 'major').length;
    const syncs = syncSummary(log.syncs.filter((s) => s.start >= w.from && s.start <= w.to));
    return `| ${w.system} | ${w.round} | ${w.rate} | ${stalls.length} / ${long} | ${total.toFixed(0)} ms (${onCpu.toFixed(0)} on CPU) | ${withGc} | ${minor} / ${major} | ${syncs} |`;
  });
  return [
    'Event-loop stalls per measured step (BENCH_CHAT_LOOP_LOG):',
    '',
    '| system | round | rate (msg/s) | stalls ≥ 5 / ≥ 10 ms | stalled in all (on CPU) | stalls overlapping a GC | scavenges ≥ 3 ms / mark-compacts | fdatasyncs: n · p50 / p99 / max |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
