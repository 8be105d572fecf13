import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import type { ApiError } from '../../shared/api/errors';
import type { UserDto } from '../../shared/domain/roles';
import { PushRequest, SyncPullRequest } from '../../shared/sync/protocol';
import { FakeSyncError, FakeSyncWorld } from './fakeSyncWorld';

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
  /** The data and the protocol state behind push and pull. */
  readonly world = new FakeSyncWorld();
  /** When set, `/api/sync/pull` fails with this status and body instead. */
  pullFailure: { status: number; error: ApiError } | null = null;
  /** When set, `/api/sync/push` fails with this status and body instead (nothing applied). */
  pushFailure: { status: number; error: ApiError } | null = null;
  /** When set, `PUT /api/uploads/…` fails with this status and body instead (nothing stored). */
  uploadFailure: { status: number; error: ApiError } | null = null;
  /** Applies the next N pushes, then cuts the connection instead of answering (a lost response). */
  dropPushResponses = 0;
  /** Sessions last this long (ms). */
  sessionTtlMs = 3_600_000;
  /** Accounts listed as inactive by `GET /api/employer/members` (they can still sign in here). */
  readonly inactiveUsers = new Set<string>();

  private readonly accounts = new Map<string, FakeAccount>();
  private http: http.Server;
  private io: SocketServer;
  private port = 0;
  private readonly openSockets = new Set<Socket>();
  private pullWaiters: Array<() => void> = [];

  private constructor() {
    [this.http, this.io] = this.createListeners();
  }

  private createListeners(): [http.Server, SocketServer] {
    const server = http.createServer((req, res) => void this.route(req, res));
    server.on('connection', (socket) => {
      this.openSockets.add(socket);
      socket.on('close', () => this.openSockets.delete(socket));
    });
    const io = new SocketServer(server, { serveClient: false });
    io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      const issued = typeof token === 'string' ? this.validToken(token) : null;
      if (!issued) return next(new Error('unauthenticated'));
      next();
    });
    return [server, io];
  }

  static async start(accounts: FakeAccount[] = []): Promise<FakeSyncServer> {
    const server = new FakeSyncServer();
    for (const account of accounts) server.addAccount(account);
    await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
    server.port = (server.http.address() as AddressInfo).port;
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops answering (the server is down), keeping its state, tokens and port for `resume()`. */
  async suspend(): Promise<void> {
    await this.close();
  }

  /** Listens again on the same port with the same state (the server is back). */
  async resume(): Promise<void> {
    [this.http, this.io] = this.createListeners();
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.port, '127.0.0.1', () => resolve());
    });
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

  uploadPuts(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/api/uploads/'));
  }

  pushes(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/api/sync/push');
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
    const bytes = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isUpload = path.startsWith('/api/uploads/');
    const raw = isUpload ? '' : bytes.toString('utf8');
    const body: unknown = raw ? JSON.parse(raw) : undefined;
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
        const request = SyncPullRequest.safeParse(body);
        if (!request.success) return fail(400, 'bad_request', 'Malformed pull.');
        return send(200, this.world.pull(issued.user, request.data));
      } catch (error) {
        if (error instanceof FakeSyncError) return fail(error.status, error.code, error.message);
        throw error;
      } finally {
        const waiters = this.pullWaiters;
        this.pullWaiters = [];
        for (const waiter of waiters) waiter();
      }
    }
    if (key === 'POST /api/sync/push') {
      const issued = bearer();
      if (!issued) return fail(401, 'session_expired', 'Your session has expired. Sign in again.');
      if (this.pushFailure) return send(this.pushFailure.status, { error: this.pushFailure.error });
      const request = PushRequest.safeParse(body);
      if (!request.success) return fail(400, 'bad_request', 'Malformed push.');
      try {
        const answer = this.world.push(issued.user, request.data);
        if (this.dropPushResponses > 0) {
          this.dropPushResponses -= 1;
          req.socket.destroy();
          return;
        }
        return send(200, answer);
      } catch (error) {
        if (error instanceof FakeSyncError) return fail(error.status, error.code, error.message);
        throw error;
      }
    }
    const put = req.method === 'PUT' ? /^\/api\/uploads\/(image|resume)\/([0-9a-f-]{36})$/.exec(path) : null;
    if (put) {
      const issued = bearer();
      if (!issued) return fail(401, 'session_expired', 'Your session has expired. Sign in again.');
      if (this.uploadFailure) return send(this.uploadFailure.status, { error: this.uploadFailure.error });
      try {
        const stored = this.world.putUpload(issued.user, put[1] ?? '', put[2] ?? '', bytes, req.headers['content-type'] ?? 'application/octet-stream', decodeURIComponent(String(req.headers['x-file-name'] ?? 'file')));
        return send(201, stored);
      } catch (error) {
        if (error instanceof FakeSyncError) return fail(error.status, error.code, error.message);
        throw error;
      }
    }
    const overview = req.method === 'GET' ? /^\/api\/fairs\/([0-9a-f-]{36})\/overview$/.exec(path) : null;
    if (overview) {
      const issued = bearer();
      if (!issued) return fail(401, 'session_expired', 'Your session has expired. Sign in again.');
      try {
        return send(200, this.world.fairOverview(issued.user, overview[1] ?? '', Date.now()));
      } catch (error) {
        if (error instanceof FakeSyncError) return fail(error.status, error.code, error.message);
        throw error;
      }
    }
    if (key === 'GET /api/employer/members') {
      const issued = bearer();
      if (!issued) return fail(401, 'session_expired', 'Your session has expired. Sign in again.');
      const { role, employerId } = issued.user;
      if ((role !== 'employer_admin' && role !== 'employer_manager') || employerId === null) {
        return fail(403, 'forbidden', 'Only an employer’s admins and cabinet managers see the employer’s users.');
      }
      const members = [...this.accounts.values()]
        .map((a) => a.user)
        .filter((u) => u.employerId === employerId && (u.role === 'employer_admin' || u.role === 'employer_manager'))
        .map((u) => ({ id: u.id, displayName: u.displayName, email: u.email, role: u.role, active: !this.inactiveUsers.has(u.id) }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
      return send(200, { members });
    }
    const get = req.method === 'GET' ? /^\/api\/uploads\/([0-9a-f-]{36})$/.exec(path) : null;
    if (get) {
      if (!bearer()) return fail(401, 'session_expired', 'Your session has expired. Sign in again.');
      const stored = this.world.uploads.get(get[1] ?? '');
      if (!stored) return fail(404, 'not_found', 'There is no such file, or it is not yours to see.');
      res.writeHead(200, { 'content-type': stored.mime, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(stored.fileName)}` });
      res.end(stored.bytes);
      return;
    }
    fail(404, 'not_found', `No route ${key}.`);
  }
}
