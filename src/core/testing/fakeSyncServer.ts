import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import type { ApiError } from '../../shared/api/errors';
import type { PullResponse } from '../../shared/api/http';
import type { UserDto } from '../../shared/domain/roles';

/**
 * A tiny stand-in for the sync server, for core tests: the real HTTP routes and socket.io
 * handshake of src/shared/api/http.ts on 127.0.0.1:0, with state a test can inspect and bend.
 * It is NOT the server's logic; integration tests against src/server cover that.
 */
export interface FakeAccount {
  password: string;
  user: UserDto;
}

interface IssuedToken {
  user: UserDto;
  expiresAt: number;
  revoked: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export class FakeSyncServer {
  readonly requests: RecordedRequest[] = [];
  readonly tokens = new Map<string, IssuedToken>();
  /** What `/api/sync/pull` answers for a user (default: an empty snapshot). */
  pullAnswer: (user: UserDto, cookie: string | null) => PullResponse = () => ({
    cookie: 'c1',
    lastMutationId: 0,
    reset: true,
    patch: [],
  });
  /** When set, `/api/sync/pull` fails with this status and body instead. */
  pullFailure: { status: number; error: ApiError } | null = null;
  /** Sessions last this long (ms). */
  sessionTtlMs = 3_600_000;

  private readonly accounts = new Map<string, FakeAccount>();
  private readonly http: http.Server;
  private readonly io: SocketServer;
  private readonly openSockets = new Set<Socket>();
  private pullWaiters: Array<() => void> = [];

  private constructor() {
    this.http = http.createServer((req, res) => void this.route(req, res));
    this.http.on('connection', (socket) => {
      this.openSockets.add(socket);
      socket.on('close', () => this.openSockets.delete(socket));
    });
    this.io = new SocketServer(this.http, { serveClient: false });
    this.io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const issued = typeof token === 'string' ? this.validToken(token) : null;
      if (!issued) return next(new Error('unauthenticated'));
      next();
    });
  }

  static async start(accounts: FakeAccount[] = []): Promise<FakeSyncServer> {
    const server = new FakeSyncServer();
    for (const account of accounts) server.addAccount(account);
    await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    const { port } = this.http.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  addAccount(account: FakeAccount): void {
    this.accounts.set(account.user.email, account);
  }

  /** Emits the data-less "pull now" poke to every connected client. */
  poke(): void {
    this.io.emit('poke');
  }

  connectedSockets(): number {
    return this.io.of('/').sockets.size;
  }

  /** Closes every socket.io client on purpose (what a server does on restart or revocation). */
  disconnectClients(): void {
    this.io.disconnectSockets(true);
  }

  /** Cuts every TCP connection without a goodbye (a network blip). */
  cutConnections(): void {
    for (const socket of this.openSockets) socket.destroy();
  }

  pulls(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/api/sync/pull');
  }

  /** Resolves when the number of pulls received reaches `count`. */
  waitForPulls(count: number): Promise<void> {
    if (this.pulls().length >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.pulls().length >= count) resolve();
        else this.pullWaiters.push(check);
      };
      this.pullWaiters.push(check);
    });
  }

  async close(): Promise<void> {
    this.io.disconnectSockets(true);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    for (const socket of this.openSockets) socket.destroy();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private validToken(token: string): IssuedToken | null {
    const issued = this.tokens.get(token);
    if (!issued || issued.revoked || issued.expiresAt <= Date.now()) return null;
    return issued;
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    this.requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
    const send = (status: number, payload?: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const fail = (status: number, code: ApiError['code'], message: string): void => send(status, { error: { code, message } });
    const bearer = (): IssuedToken | null => {
      const header = req.headers.authorization ?? '';
      return header.startsWith('Bearer ') ? this.validToken(header.slice(7)) : null;
    };

    const key = `${req.method} ${path}`;
    if (key === 'GET /api/health') return send(200, { ok: true, version: 'fake', database: 'sqlite', serverTime: Date.now() });
    if (key === 'POST /api/auth/login') {
      const { email, password } = body as { email: string; password: string };
      const account = this.accounts.get(email.trim().toLowerCase());
      if (!account || account.password !== password) return fail(401, 'invalid_credentials', 'Wrong e-mail or password.');
      const token = randomUUID();
      const expiresAt = Date.now() + this.sessionTtlMs;
      this.tokens.set(token, { user: account.user, expiresAt, revoked: false });
      return send(200, { token, expiresAt, user: account.user });
    }
    if (key === 'POST /api/auth/logout') {
      const header = req.headers.authorization ?? '';
      const issued = this.tokens.get(header.slice(7));
      if (issued) issued.revoked = true;
      return send(204);
    }
    if (key === 'GET /api/auth/me') {
      const issued = bearer();
      if (!issued) return fail(401, 'session_expired', 'Your session has expired. Sign in again.');
      return send(200, { user: issued.user, expiresAt: issued.expiresAt });
    }
    if (key === 'POST /api/sync/pull') {
      try {
        const issued = bearer();
        if (!issued) return fail(401, 'session_expired', 'Your session has expired. Sign in again.');
        if (this.pullFailure) return send(this.pullFailure.status, { error: this.pullFailure.error });
        const { cookie } = body as { cookie: string | null };
        return send(200, this.pullAnswer(issued.user, cookie));
      } finally {
        const waiters = this.pullWaiters;
        this.pullWaiters = [];
        for (const waiter of waiters) waiter();
      }
    }
    fail(404, 'not_found', `No route ${key}.`);
  }
}
