import { startServer, type RunningServer } from '../integration/support/serverProcess';

/**
 * The real sync server as a child process (the built out/node/server/main.js) on one data
 * directory that outlives it: `kill()` is a SIGKILL (no shutdown hooks, a transaction may be cut
 * in half), `restart()` starts a new process on the same data, as an operator would.
 */
export class SimServer {
  kills = 0;
  restarts = 0;
  private current: RunningServer | null = null;
  private killing: Promise<void> | null = null;
  /** Last lines of every process that ran, for diagnostics. */
  private readonly history: string[][] = [];

  constructor(
    private readonly dataDir: string,
    private readonly databaseUrl: string | undefined,
  ) {}

  /** The live server's base URL, or null while it is down. */
  get url(): string | null {
    return this.current?.url ?? null;
  }

  get isUp(): boolean {
    return this.current !== null;
  }

  async start(): Promise<void> {
    if (this.current) return;
    this.current = await startServer({
      dataDir: this.dataDir,
      databaseUrl: this.databaseUrl,
      // Seeds the demo world into the empty database of the first start; a no-op afterwards.
      seed: true,
    });
    this.history.push(this.current.output);
  }

  async kill(): Promise<void> {
    if (this.killing) return this.killing;
    const running = this.current;
    if (!running) return;
    this.killing = (async () => {
      running.kill('SIGKILL');
      await running.exited;
      this.current = null;
      this.kills += 1;
    })().finally(() => {
      this.killing = null;
    });
    return this.killing;
  }

  async restart(): Promise<void> {
    await this.killing;
    if (this.current) return;
    await this.start();
    this.restarts += 1;
  }

  async stop(): Promise<void> {
    await this.killing;
    const running = this.current;
    this.current = null;
    if (running) await running.stop();
  }

  /** The last lines the server processes wrote (errors of a failed run). */
  tail(lines = 40): string {
    return this.history.flat().slice(-lines).join('\n');
  }
}
