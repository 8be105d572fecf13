import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type {
  ConnectRequest,
  ConnectResult,
  GeneratorRequest,
  GeneratorResponse,
  StepRequest,
  StepResult,
} from './generatorProtocol';

const GENERATOR = path.join(__dirname, 'loadGenerator.mjs');

/** The load generator (loadGenerator.mjs) in its own process, called request by request. */
export class GeneratorProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  private readonly stderr: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    child.on('message', (raw) => {
      const message = raw as GeneratorResponse;
      if (message.kind !== 'result') return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.value);
      else waiter?.reject(new Error(message.error));
    });
    child.once('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`load generator exited (${String(code)}):\n${this.stderr.join('')}`));
      this.pending.clear();
    });
  }

  static async start(): Promise<GeneratorProcess> {
    // execArgv: []: not the test runner's flags (fork() would pass them on by default).
    const child = fork(GENERATOR, [], { execArgv: [], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    const generator = new GeneratorProcess(child);
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`load generator exited (${String(code)}) before it was ready:\n${generator.stderr.join('')}`)));
      child.on('message', (raw) => {
        if ((raw as GeneratorResponse).kind === 'ready') resolve();
      });
    });
    return generator;
  }

  connect(request: Omit<ConnectRequest, 'kind'>): Promise<ConnectResult> {
    return this.call({ kind: 'connect', ...request }) as Promise<ConnectResult>;
  }

  step(request: Omit<StepRequest, 'kind'>): Promise<StepResult> {
    return this.call({ kind: 'step', ...request }) as Promise<StepResult>;
  }

  /** Disconnects every client and ends the process. */
  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.exitCode === null) {
      await this.call({ kind: 'close' }).catch(() => undefined);
      await exited;
    }
  }

  private call(request: DistributiveOmit<GeneratorRequest, 'id'>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...request, id });
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
