import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child started by the launcher, with its JSON log lines turned into readable output. */
export interface ManagedChild {
  name: string;
  proc: ChildProcess;
  /** Resolves with the first log line whose `msg` matches, e.g. the server's "listening". */
  waitForLog(msg: string, timeoutMs: number): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited (immediately if it already has). */
  exited: Promise<number | null>;
}

type LogLine = Record<string, unknown> & { msg?: string; level?: number };

function parseJsonLine(line: string): LogLine | null {
  if (!line.startsWith('{')) return null;
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return null;
  }
}

/**
 * Spawns a Node script or binary and relays its output: pino JSON lines are shortened to
 * `[name] message` (request logs are dropped unless FAIRDESK_VERBOSE is set), anything else is
 * printed as is, so banners such as the demo accounts reach the user unchanged.
 */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ManagedChild {
  const proc = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const waiters: Array<{ msg: string; resolve: (line: LogLine) => void }> = [];
  const verbose = Boolean(process.env.FAIRDESK_VERBOSE);

  const relay = (stream: NodeJS.ReadableStream, sink: NodeJS.WriteStream): void => {
    createInterface({ input: stream }).on('line', (line) => {
      const json = parseJsonLine(line);
      if (!json) {
        sink.write(`${line}\n`);
        return;
      }
      for (const waiter of waiters.filter((w) => w.msg === json.msg)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(json);
      }
      const isRequestLog = 'req' in json || 'statusCode' in json || json.msg === 'request';
      if (!verbose && isRequestLog) return;
      const level = typeof json.level === 'number' ? json.level : 30;
      const text = `[${name}] ${json.msg ?? line}${typeof json.err === 'object' && json.err ? ` — ${JSON.stringify(json.err)}` : ''}`;
      (level >= 50 ? process.stderr : sink).write(`${text}\n`);
    });
  };
  if (proc.stdout) relay(proc.stdout, process.stdout);
  if (proc.stderr) relay(proc.stderr, process.stderr);

  const exited = new Promise<number | null>((resolve) => {
    proc.once('exit', (code) => resolve(code));
    proc.once('error', (error) => {
      process.stderr.write(`[${name}] could not start: ${error.message}\n`);
      resolve(1);
    });
  });

  const waitForLog = (msg: string, timeoutMs: number): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not report "${msg}" within ${timeoutMs / 1000} s`)), timeoutMs);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (code ${code}) before it was ready`));
      });
      waiters.push({
        msg,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });

  return { name, proc, waitForLog, exited };
}

/** Asks a child to stop, and kills it if it has not exited after `graceMs`. */
export async function stopChild(child: ManagedChild, graceMs = 5000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
