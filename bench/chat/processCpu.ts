import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second of the CPU times in /proc (USER_HZ; 100 on Linux almost everywhere). */
const ticksPerSecond = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time a process has used so far (user + system, every thread: the event loop, the checkpoint
 * worker, libuv's pool), in ms at USER_HZ resolution; null where there is no /proc (not Linux).
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it, where
    // field 3 is index 0, so utime (field 14) and stime (field 15) are indexes 11 and 12.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks / ticksPerSecond) * 1000 : null;
  } catch {
    return null;
  }
}
