import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { IpcEventName, RpcResult } from '../../src/shared/contract/ipc';
import type { DriverCommand, DriverMessage, MemoryReport } from './driverProtocol';

/** tests/sim/driver.mjs: runs the BUILT core (out/node/core). */
export const DRIVER = path.join(__dirname, 'driver.mjs');
const BUILT_CORE = path.resolve(__dirname, '../../out/node/core/createCore.js');

export function assertCoreBuilt(): void {
  if (!fs.existsSync(BUILT_CORE)) {
    throw new Error('The built desktop core is missing (out/node/core). Build it first: `npx tsc -p tsconfig.node.json` (or `npm run build`).');
  }
}

export interface ClientProcessOptions {
  label: string;
  dataDir: string;
  /** What the core talks to: the client's fault proxy. */
  serverUrl: string;
  serverTimeoutMs?: number;
  syncIntervalMs?: number;
  /** Core log lines on stderr (SIM_DEBUG=1). */
  debug?: boolean;
  onEvent?: (event: IpcEventName, payload: unknown) => void;
  startTimeoutMs?: number;
  /** Node flags for the client process, e.g. `--expose-gc` (the driver then samples the live heap). */
  execArgv?: string[];
}

/** The call could not complete because the process died (killed on purpose, or crashed). */
export class ClientGone extends Error {
  constructor(label: string) {
    super(`client ${label} is gone`);
    this.name = 'ClientGone';
  }
}

/**
 * One desktop core in its own Node process (driver.mjs), driven over the IPC channel.
 * `kill()` is a real SIGKILL: whatever the core was doing stops mid-way, like a power cut.
 */
export class ClientProcess {
  readonly exited: Promise<number | null>;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: DriverMessage) => void; reject: (e: Error) => void }>();
  private alive = true;
  private readonly stderr: string[] = [];
  private readonly eventWaiters = new Set<(event: IpcEventName, payload: unknown) => void>();

  private constructor(
    readonly options: ClientProcessOptions,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        this.alive = false;
        for (const { reject } of this.pending.values()) reject(new ClientGone(options.label));
        this.pending.clear();
        resolve(code);
      }),
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      this.stderr.push(text);
      if (this.stderr.length > 200) this.stderr.shift();
      if (options.debug) process.stderr.write(text);
    });
    child.on('message', (raw) => this.receive(raw as DriverMessage));
  }

  static async start(options: ClientProcessOptions): Promise<ClientProcess> {
    assertCoreBuilt();
    const child = fork(DRIVER, [], {
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {
        ...process.env,
        SIM_DATA_DIR: options.dataDir,
        SIM_SERVER_URL: options.serverUrl,
        SIM_SERVER_TIMEOUT_MS: String(options.serverTimeoutMs ?? 2_000),
        SIM_SYNC_INTERVAL_MS: String(options.syncIntervalMs ?? 3_600_000),
        SIM_DEBUG: options.debug ? '1' : '0',
      },
    });
    const client = new ClientProcess(options, child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`client ${options.label} did not start in time:\n${client.stderr.join('')}`));
      }, options.startTimeoutMs ?? 30_000);
      child.on('message', (raw) => {
        if ((raw as DriverMessage).kind === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      void client.exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`client ${options.label} exited (${String(code)}) before it was ready:\n${client.stderr.join('')}`));
      });
    });
    return client;
  }

  get label(): string {
    return this.options.label;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Calls an IPC method of the core; rejects with ClientGone if the process dies first. */
  async call(method: string, input?: unknown): Promise<RpcResult> {
    const answer = await this.request({ kind: 'call', id: 0, method, input });
    if (answer.kind !== 'result') throw new Error(`unexpected answer ${answer.kind}`);
    return answer.result;
  }

  /** Calls a method that must succeed and returns its value. */
  async value<T>(method: string, input?: unknown): Promise<T> {
    const result = await this.call(method, input);
    if (!result.ok) throw new Error(`${this.label}: ${method} failed: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }

  async memory(resetPeak = false): Promise<MemoryReport> {
    const answer = await this.request({ kind: resetPeak ? 'resetPeak' : 'memory', id: 0 });
    if (answer.kind !== 'memory') throw new Error(`unexpected answer ${answer.kind}`);
    return answer;
  }

  /** SIGKILL, and waits until the process is gone. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Closes the core cleanly (sync stopped, cache closed) and waits for the exit. */
  async close(): Promise<void> {
    if (!this.alive) return;
    try {
      await this.request({ kind: 'close', id: 0 });
    } catch (error) {
      if (!(error instanceof ClientGone)) throw error;
    }
    await this.exited;
  }

  /** Resolves with the payload of the next event `event` that satisfies `predicate` (failure guard: `timeoutMs`). */
  nextEvent<T>(event: IpcEventName, predicate: (payload: T) => boolean, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter = (name: IpcEventName, payload: unknown): void => {
        if (name !== event || !predicate(payload as T)) return;
        done();
        resolve(payload as T);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.label}: no ${event} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.eventWaiters.delete(waiter);
      };
      this.eventWaiters.add(waiter);
      void this.exited.then(() => {
        done();
        reject(new ClientGone(this.label));
      });
    });
  }

  recentStderr(): string {
    return this.stderr.join('');
  }

  private request(command: DriverCommand): Promise<DriverMessage> {
    if (!this.alive) return Promise.reject(new ClientGone(this.label));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...command, id }, (error) => {
        if (error) {
          this.pending.delete(id);
          reject(this.alive ? error : new ClientGone(this.label));
        }
      });
    });
  }

  private receive(message: DriverMessage): void {
    if (message.kind === 'event') {
      this.options.onEvent?.(message.event, message.payload);
      for (const waiter of [...this.eventWaiters]) waiter(message.event, message.payload);
      return;
    }
    if (message.kind === 'ready') return;
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    waiter.resolve(message);
  }
}
