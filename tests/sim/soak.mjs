// @ts-check
/**
 * `npm run soak -- --ops N --seed S [--postgres] [--keep] [--debug]`
 * (--postgres: a throw-away database on DATABASE_URL's PostgreSQL server instead of SQLite)
 *
 * Runs the sync simulation (tests/sim/syncSimulation.test.ts) longer than `npm test` does, through
 * Vitest with SIM_OPS / SIM_SEED set, and exits with its status. Needs the build (out/node).
 * Without --seed a random seed is drawn and printed, so a failing soak can be replayed exactly.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {string} name */
function option(name) {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) return undefined;
  const arg = args[at] ?? '';
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (args[at + 1] ?? '');
}
const flag = (/** @type {string} */ name) => process.argv.slice(2).includes(`--${name}`);

const ops = Number(option('ops') ?? 2000);
const seed = Number(option('seed') ?? Math.floor(Math.random() * 2 ** 31));
if (!Number.isInteger(ops) || ops < 1 || !Number.isInteger(seed) || seed < 0) {
  process.stderr.write('usage: npm run soak -- --ops N --seed S [--postgres] [--keep] [--debug]\n');
  process.exit(2);
}
process.stdout.write(`soak: seed ${seed}, ${ops} operations (replay with: npm run soak -- --ops ${ops} --seed ${seed})\n`);

const child = spawn(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/sim/syncSimulation.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      SIM_OPS: String(ops),
      SIM_SEED: String(seed),
      SIM_POSTGRES: flag('postgres') ? '1' : (process.env.SIM_POSTGRES ?? '0'),
      SIM_KEEP: flag('keep') ? '1' : '0',
      SIM_DEBUG: flag('debug') ? '1' : '0',
    },
  },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
