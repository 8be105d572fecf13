// @ts-check
/**
 * `BENCH_CHAT_LOOP_LOG=<dir>`: preloaded into the servers (`NODE_OPTIONS=--import …`) — records
 * every event-loop stall of 5 ms or more (a 2 ms timer that fired late) and every GC pause of
 * 2 ms or more, with epoch-ms times, to `<dir>/<BENCH_CHAT_PROFILE_NAME>-<pid>.log`, one per line:
 * `stall <end> <ms> <cpu ms>` (the process's CPU time over the stall: near `ms` when it was busy
 * on its own work, far below when the OS gave the core to someone else) or
 * `gc <start> <ms> <minor|major|incremental|weak>` — and every `fs.fdatasync` the process makes
 * (FairDesk's WalFlusher syncing the WAL before it answers a commit), from call to callback:
 * `sync <start> <ms>`. The bench then counts them per measured step (loopReport.ts), so a tail
 * latency can be put down to GC, to the disk or to something else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';

const dir = process.env['BENCH_CHAT_LOOP_LOG'];
if (dir) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.env['BENCH_CHAT_PROFILE_NAME'] ?? 'server'}-${process.pid}.log`);
  /** @type {string[]} */
  const lines = [];
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration < 2) continue;
      const kind = /** @type {{ kind?: number } | undefined} */ (entry.detail)?.kind ?? -1;
      lines.push(`gc ${Math.round(performance.timeOrigin + entry.startTime)} ${entry.duration.toFixed(1)} ${kinds[kind] ?? 'other'}`);
    }
  }).observe({ entryTypes: ['gc'] });
  // Patched before the server's modules load, so the promisified copy they take is this one.
  const fdatasync = fs.fdatasync;
  fs.fdatasync = (fd, callback) => {
    const start = performance.now();
    fdatasync(fd, (err) => {
      lines.push(`sync ${Math.round(performance.timeOrigin + start)} ${(performance.now() - start).toFixed(2)}`);
      callback(err);
    });
  };
  const TICK_MS = 2;
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let last = performance.now();
  let lastCpu = cpuMs();
  setInterval(() => {
    const now = performance.now();
    const cpu = cpuMs();
    const late = now - last - TICK_MS;
    // cpuUsage counts every thread of the process (GC helpers, libuv's pool): an upper bound.
    if (late >= 5) lines.push(`stall ${Math.round(performance.timeOrigin + now)} ${late.toFixed(1)} ${Math.min(cpu - lastCpu, now - last).toFixed(1)}`);
    last = now;
    lastCpu = cpu;
  }, TICK_MS).unref();
  const flush = () => {
    if (lines.length > 0) fs.appendFileSync(file, lines.splice(0).join('\n') + '\n');
  };
  setInterval(flush, 500).unref();
  process.on('exit', flush);
}
