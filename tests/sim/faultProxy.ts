import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Prng } from './prng';
import type { Exchange, ExchangeLog, FaultKind } from './exchangeLog';

/** Probabilities, per sync request (push or pull), of each fault; the rest pass untouched. */
export interface FaultRates {
  dropRequest: number;
  dropResponse: number;
  duplicate: number;
  delay: number;
  reorder: number;
}

export type ServerKillMode = 'mid_push' | 'before_response';

export interface FaultProxyOptions {
  /** The client this proxy stands in front of (used in the log). */
  client: string;
  log: ExchangeLog;
  /** This proxy's own stream: its fault decisions do not depend on the other proxies. */
  prng: Prng;
  /** Base URL of the live server, or null while it is down. */
  upstream: () => string | null;
  /** SIGKILLs the server and resolves once it has exited. */
  killServer: () => Promise<void>;
  /** Longest delay the `delay` fault adds (ms). */
  maxDelayMs?: number;
  /** How long a re-ordered request may be held back at most (ms). */
  maxHoldMs?: number;
}

interface Upstream {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

const SYNC_PATH = /^\/api\/sync\//;
const UPSTREAM_TIMEOUT_MS = 20_000;

/**
 * One client's network, made hostile on purpose: an HTTP proxy on 127.0.0.1 that forwards the
 * client's requests to the sync server, and — per a seeded plan — drops requests, drops responses
 * after the server has acted on them, sends requests twice (one after the other or at once),
 * delays them, holds one back until a later one has been answered (re-ordering), and kills the
 * server in the middle of a push. It can also take the client offline (every connection refused or
 * cut, the poke WebSocket included).
 *
 * Only `/api/sync/*` requests are faulted; login and the socket.io upgrade pass through (the
 * WebSocket is cut when the client goes offline or the server dies).
 */
export class FaultProxy {
  /** False: every new connection is cut at once, like a network cable pulled out. */
  online = true;
  /** Null: no faults (quiescence). */
  rates: FaultRates | null = null;
  /** Sync requests this proxy has seen. */
  requests = 0;

  private armedKill: ServerKillMode | null = null;
  private readonly server: http.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly completionWaiters = new Set<() => void>();
  private readonly maxDelayMs: number;
  private readonly maxHoldMs: number;

  private constructor(private readonly options: FaultProxyOptions) {
    this.maxDelayMs = options.maxDelayMs ?? 600;
    this.maxHoldMs = options.maxHoldMs ?? 2_500;
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => this.track(socket));
    this.server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => this.tunnel(req, socket, head));
  }

  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const proxy = new FaultProxy(options);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next push this proxy forwards kills the server (see ServerKillMode). */
  armServerKill(mode: ServerKillMode): void {
    this.armedKill = mode;
  }

  get serverKillArmed(): boolean {
    return this.armedKill !== null;
  }

  disarm(): void {
    this.armedKill = null;
  }

  setOnline(online: boolean): void {
    this.online = online;
    if (!online) this.cutConnections();
  }

  /** Cuts every open connection of this client (HTTP keep-alive and the poke WebSocket). */
  cutConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.cutConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private tunnel(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    this.track(socket);
    const base = this.options.upstream();
    if (!this.online || base === null) {
      socket.destroy();
      return;
    }
    const target = new URL(base);
    const upstream = net.connect(Number(target.port), target.hostname);
    this.track(upstream);
    upstream.on('connect', () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] ?? '';
        lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : (req.rawHeaders[i + 1] ?? '')}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!this.online) {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const log = this.options.log;
    const requestSeq = log.nextSeq();
    let requestBody: unknown;
    try {
      requestBody = body.length > 0 ? (JSON.parse(body.toString('utf8')) as unknown) : undefined;
    } catch {
      requestBody = body.toString('utf8');
    }
    const base: Omit<Exchange, 'seq' | 'status' | 'responseBody' | 'delivered' | 'injected' | 'faults'> = {
      requestSeq,
      client: this.options.client,
      method: req.method ?? 'GET',
      path,
      authorization: req.headers.authorization,
      requestBody,
    };
    const forward = (): Promise<Upstream | null> => this.forward(req, path, body);
    const record = (answer: Upstream | null, delivered: boolean, faults: FaultKind[], injected = false): void => {
      log.add({ ...base, status: answer?.status ?? null, responseBody: parseJson(answer), delivered, injected, faults });
      for (const fault of faults) if (!injected) log.countFault(fault);
    };
    const deliver = (answer: Upstream | null): boolean => {
      if (answer === null || !this.online || res.destroyed || req.socket.destroyed) {
        req.socket.destroy();
        return false;
      }
      res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
      res.end(answer.body);
      return true;
    };

    if (!SYNC_PATH.test(path)) {
      const answer = await forward();
      record(answer, deliver(answer), []);
      return;
    }

    this.requests += 1;
    try {
      if (path === '/api/sync/push' && this.armedKill !== null) {
        await this.killDuringPush(this.armedKill, req, path, body, record);
        this.armedKill = null;
        return;
      }
      const fault = this.pickFault();
      switch (fault) {
        case null: {
          const answer = await forward();
          record(answer, deliver(answer), []);
          return;
        }
        case 'drop_request':
          req.socket.destroy();
          record(null, false, ['drop_request']);
          return;
        case 'drop_response': {
          const answer = await forward();
          req.socket.destroy();
          record(answer, false, ['drop_response']);
          return;
        }
        case 'duplicate': {
          const first = await forward();
          record(first, false, [], true);
          const second = await forward();
          record(second, deliver(second), ['duplicate']);
          return;
        }
        case 'duplicate_concurrent': {
          const [first, second] = await Promise.all([forward(), forward()]);
          record(first, false, [], true);
          record(second, deliver(second), ['duplicate_concurrent']);
          return;
        }
        case 'delay': {
          await sleep(this.options.prng.between(20, this.maxDelayMs));
          const answer = await forward();
          record(answer, deliver(answer), ['delay']);
          return;
        }
        case 'reorder': {
          // Held back until a later request of this client has been answered (the client has
          // usually timed out and retried by then), then sent: it reaches the server out of order.
          await this.nextCompletionOrTimeout(this.options.prng.between(200, this.maxHoldMs));
          const answer = await forward();
          record(answer, deliver(answer), ['reorder']);
          return;
        }
        default:
          throw new Error(`unhandled fault ${String(fault)}`);
      }
    } finally {
      this.notifyCompletion();
    }
  }

  private pickFault(): FaultKind | null {
    const rates = this.rates;
    if (rates === null) return null;
    const prng = this.options.prng;
    const r = prng.next();
    let acc = 0;
    const table: Array<[FaultKind, number]> = [
      ['drop_request', rates.dropRequest],
      ['drop_response', rates.dropResponse],
      ['duplicate', rates.duplicate / 2],
      ['duplicate_concurrent', rates.duplicate / 2],
      ['delay', rates.delay],
      ['reorder', rates.reorder],
    ];
    for (const [kind, p] of table) {
      acc += p;
      if (r < acc) return kind;
    }
    return null;
  }

  private async killDuringPush(
    mode: ServerKillMode,
    req: http.IncomingMessage,
    path: string,
    body: Buffer,
    record: (answer: Upstream | null, delivered: boolean, faults: FaultKind[]) => void,
  ): Promise<void> {
    if (mode === 'before_response') {
      // The server has committed the push; its answer is lost with it.
      const answer = await this.forward(req, path, body);
      await this.options.killServer();
      req.socket.destroy();
      record(answer, false, ['server_kill_before_response']);
      return;
    }
    // The request is on its way (or being applied) when the process dies.
    const pending = this.forward(req, path, body);
    await sleep(this.options.prng.between(0, 15));
    await this.options.killServer();
    const answer = await pending;
    req.socket.destroy();
    record(answer, false, ['server_kill_mid_push']);
  }

  private forward(req: http.IncomingMessage, path: string, body: Buffer): Promise<Upstream | null> {
    const base = this.options.upstream();
    if (base === null) return Promise.resolve(null);
    const target = new URL(base);
    const headers: http.OutgoingHttpHeaders = {};
    for (const name of ['content-type', 'authorization', 'accept']) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    headers['content-length'] = String(body.length);
    return new Promise((resolve) => {
      const upstream = http.request(
        { host: target.hostname, port: Number(target.port), method: req.method, path, headers, agent: false, timeout: UPSTREAM_TIMEOUT_MS },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 0, contentType: answer.headers['content-type'], body: Buffer.concat(chunks) }),
          );
          answer.on('error', () => resolve(null));
          answer.on('aborted', () => resolve(null));
        },
      );
      upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
      upstream.on('error', () => resolve(null));
      upstream.end(body);
    });
  }

  private nextCompletionOrTimeout(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.completionWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.completionWaiters.add(done);
    });
  }

  private notifyCompletion(): void {
    for (const waiter of [...this.completionWaiters]) waiter();
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

function parseJson(answer: Upstream | null): unknown {
  if (answer === null || answer.body.length === 0) return undefined;
  try {
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  } catch {
    return answer.body.toString('utf8');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
