import { describe, expect, it } from 'vitest';
import { createTempPgDatabase } from '../integration/support/serverProcess';
import { runSimulation } from './simulation';
import { formatSummary, formatViolations } from './summary';

/**
 * The seeded sync simulation (ARCHITECTURE.md "Sync protocol", invariants 1–10). In `npm test` it
 * runs a fixed seed for a few hundred operations; `npm run soak -- --ops N --seed S` runs it longer
 * (through the same file, with SIM_OPS / SIM_SEED). Needs the build (out/node): the clients run the
 * built core, the server is the built server.
 *
 * SIM_POSTGRES=1 runs the server on a throw-away PostgreSQL database (created on DATABASE_URL's
 * server) instead of its SQLite file.
 * SIM_DEBUG=1 prints the cores' logs; SIM_KEEP=1 keeps the work directory.
 */
const seed = Number(process.env['SIM_SEED'] ?? 20_260_501);
const ops = Number(process.env['SIM_OPS'] ?? 300);
const timeoutMs = Number(process.env['SIM_TIMEOUT_MS'] ?? 240_000 + ops * 1_500);

describe('sync simulation', () => {
  it(
    `upholds all ten sync invariants under faults and crashes (seed ${seed}, ${ops} operations)`,
    async () => {
      const pg = process.env['SIM_POSTGRES'] === '1' ? await createTempPgDatabase() : null;
      const { summary, violations } = await runSimulation({
        seed,
        ops,
        databaseUrl: pg?.url,
        debug: process.env['SIM_DEBUG'] === '1',
        keepWorkDir: process.env['SIM_KEEP'] === '1',
        log: (line) => console.log(`[sim] ${line}`),
      }).finally(() => pg?.drop());
      console.log(formatSummary(summary));
      console.log(formatViolations(violations));
      expect(violations, formatViolations(violations)).toEqual([]);

      // The run must really have been hostile, or passing proves little.
      if (ops >= 200) {
        for (const fault of ['drop_request', 'drop_response', 'duplicate', 'delay', 'reorder'] as const) {
          expect(summary.faults[fault] ?? 0, `no ${fault} fault was injected`).toBeGreaterThan(0);
        }
        expect(summary.clientKills, 'no client was killed').toBeGreaterThan(0);
        expect(summary.serverKills.mid_push + summary.serverKills.before_response, 'the server was never killed mid-push').toBeGreaterThan(0);
        expect(Object.keys(summary.rejectionsByCode).length, 'no mutation was rejected').toBeGreaterThan(0);
        expect(summary.checks.contestedRecords, 'no application was contested').toBeGreaterThan(0);
      }
    },
    timeoutMs,
  );
});
