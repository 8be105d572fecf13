import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTempPgDatabase as createTempDatabaseOn } from '../../../src/server/db/tempPostgres';
import { CLOCK_SET_MESSAGE, SET_CLOCK_MESSAGE } from '../../../src/server/serverClock';

/** Repository root (this file is tests/integration/support/serverProcess.ts). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
/** The BUILT server entry the suites run (never the TypeScript source). */
export const SERVER_MAIN = path.join(REPO_ROOT, 'out/node/server/main.js');
/** A production-grade secret for test servers (not the public dev secret). */
export const TEST_SECRET = 'integration-test-secret-0123456789-abcdefghijklmnop';

/** Throws a message saying how to build when the server has not been built. */
export function assertServerBuilt(): void {
  if (!fs.existsSync(SERVER_MAIN)) {
    throw new Error(
      `The built sync server is missing (${path.relative(REPO_ROOT, SERVER_MAIN)}). ` +
        'Build it first: `npx tsc -p tsconfig.node.json` (or `npm run build`).',
    );
  }
}

export interface StartServerOptions {
  /** `--dev` mode (dev secret allowed, demo seed, banner). Default false: production mode. */
  dev?: boolean;
  /** PostgreSQL URL; otherwise a SQLite file in `dataDir`. */
  databaseUrl?: string;
  /** Data directory; a fresh temp directory (removed by `stop()`) when omitted. */
  dataDir?: string;
  /** Seeds the demo world (`FAIRDESK_SEED=demo`). Default true. */
  seed?: boolean;
  secret?: string;
  /** Extra or overriding environment variables; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  /** Give up waiting for the `listening` line after this long (failure guard only). */
  startTimeoutMs?: number;
  /**
   * Start with FAIRDESK_TEST_CLOCK=ipc and an IPC channel, so `setClock` can move the video
   * interviews' clock (src/server/serverClock.ts). Default false: the system clock.
   */
  clockControl?: boolean;
  /**
   * Where that clock starts (FAIRDESK_TEST_CLOCK_AT, epoch ms): the demo seed books its interviews
   * from it. Implies `clockControl`. Default: the system time.
   */
  clockStartsAt?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` taken from the server's own `listening` log line. */
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Every stdout/stderr line so far, for diagnostics and log assertions. */
  output: string[];
  /** SIGTERM, waits for exit, removes a temp data dir; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Sends a signal without waiting (e.g. `SIGKILL` to simulate a crash). */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves when the process has exited, with its exit code. */
  exited: Promise<number | null>;
  /**
   * Sets the server's video-interview clock to read `at` (epoch ms) now, running on from there;
   * resolves when the server confirms. Only for a server started with `clockControl`.
   */
  setClock(at: number): Promise<void>;
}

/** Whether the server gets the settable clock and the IPC channel it is set over. */
const wantsClock = (options: StartServerOptions): boolean => Boolean(options.clockControl) || options.clockStartsAt !== undefined;

function serverEnv(options: StartServerOptions, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FAIRDESK_HOST: '127.0.0.1',
    FAIRDESK_PORT: '0',
    FAIRDESK_DATA_DIR: dataDir,
    FAIRDESK_SECRET: options.secret ?? TEST_SECRET,
    LOG_LEVEL: 'info',
  };
  delete env['DATABASE_URL'];
  delete env['FAIRDESK_SEED'];
  delete env['FAIRDESK_TEST_CLOCK'];
  if (options.databaseUrl) env['DATABASE_URL'] = options.databaseUrl;
  if (options.seed ?? true) env['FAIRDESK_SEED'] = 'demo';
  delete env['FAIRDESK_TEST_CLOCK_AT'];
  if (wantsClock(options)) env['FAIRDESK_TEST_CLOCK'] = 'ipc';
  if (options.clockStartsAt !== undefined) env['FAIRDESK_TEST_CLOCK_AT'] = String(Math.round(options.clockStartsAt));
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * Spawns `node out/node/server/main.js` (FAIRDESK_PORT=0) and resolves once it logs its
 * `listening` line; rejects with the server's output if it exits or times out first.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  assertServerBuilt();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-server-'));
  const proc = spawn(process.execPath, [SERVER_MAIN, ...(options.dev ? ['--dev'] : [])], {
    cwd: REPO_ROOT,
    env: serverEnv(options, dataDir),
    stdio: wantsClock(options) ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const { stdout, stderr } = proc;
  if (!stdout || !stderr) throw new Error('unreachable: the server is spawned with piped stdout and stderr');
  const output: string[] = [];
  // 'close', not 'exit': only then has everything the process wrote to stdout and stderr been read
  // (its last log lines, e.g. "stopped", can still be in the pipe at 'exit').
  const exited = new Promise<number | null>((resolve) => proc.once('close', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not log "listening" within ${options.startTimeoutMs ?? 30_000} ms:\n${output.join('\n')}`));
    }, options.startTimeoutMs ?? 30_000);
    const onLine = (line: string): void => {
      output.push(line);
      const entry = parseJsonLine(line);
      if (entry?.['msg'] === 'listening' && typeof entry['url'] === 'string') {
        clearTimeout(timer);
        resolve(entry['url']);
      }
    };
    forEachLine(stdout, onLine);
    forEachLine(stderr, (line) => output.push(line));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${String(code)} before listening:\n${output.join('\n')}`));
    });
  });

  const removeDataDir = (): void => {
    if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    proc,
    output,
    exited,
    kill: (signal = 'SIGTERM') => {
      proc.kill(signal);
    },
    setClock: (at) => setServerClock(proc, at, wantsClock(options)),
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const code = await exited;
      removeDataDir();
      return code;
    },
  };
}

function setServerClock(proc: ChildProcess, at: number, enabled: boolean): Promise<void> {
  if (!enabled || !proc.send) return Promise.reject(new Error('setClock needs a server started with { clockControl: true }'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.off('message', onMessage);
      reject(new Error('the server did not confirm the clock within 5 s'));
    }, 5_000);
    const onMessage = (message: unknown): void => {
      const reply = message as { type?: unknown; at?: unknown };
      if (reply.type !== CLOCK_SET_MESSAGE || reply.at !== at) return;
      clearTimeout(timer);
      proc.off('message', onMessage);
      resolve();
    };
    proc.on('message', onMessage);
    proc.send?.({ type: SET_CLOCK_MESSAGE, at });
  });
}

/** Runs the server expecting it to exit by itself (e.g. refusing its configuration). */
export async function runServerToExit(
  options: StartServerOptions & { args?: string[] } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  assertServerBuilt();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-server-'));
  const proc = spawn(process.execPath, [SERVER_MAIN, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: serverEnv(options, dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once('close', (c) => resolve(c)));
  if (options.dataDir === undefined) fs.rmSync(dataDir, { recursive: true, force: true });
  return { code, stdout, stderr };
}

/**
 * A fresh PostgreSQL database on the server of `DATABASE_URL`, for one suite or run; `drop()`
 * removes it. Throws when `DATABASE_URL` is not set.
 */
export async function createTempPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env['DATABASE_URL'];
  if (!adminUrl) throw new Error('createTempPgDatabase() needs DATABASE_URL');
  return createTempDatabaseOn(adminUrl);
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
    }
  });
  stream.on('end', () => {
    if (buffered) onLine(buffered);
  });
}
