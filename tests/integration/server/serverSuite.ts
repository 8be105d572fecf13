import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { ApiErrorBody } from '../../../src/shared/api/errors';
import {
  HealthResponse,
  LoginResponse,
  MeResponse,
  PublicFairsResponse,
  SCHEMA_VERSION,
  routes,
  type PatchOp,
} from '../../../src/shared/api/http';
import { SyncPullResponse } from '../../../src/shared/sync/protocol';
import { pullAll } from '../support/syncClient';
import { createServerDataSource, type DatabaseTarget } from '../../../src/server/db/dataSource';
import { User } from '../../../src/server/db/entities';
import { DEMO_PASSWORD } from '../../../src/server/seed/demoAccounts';
import { startServer, type RunningServer, type StartServerOptions } from '../support/serverProcess';

export interface SuiteDatabase {
  kind: 'sqlite' | 'postgres';
  /** Server options selecting the database (a PostgreSQL URL, or nothing for SQLite). */
  serverOptions: StartServerOptions;
  /** How the test itself reaches the same database, for set-up the API cannot do yet. */
  target(server: RunningServer): DatabaseTarget;
  cleanup(): Promise<void>;
}

type Put = Extract<PatchOp, { op: 'put' }>;
type PutValue<E extends Put['entity']> = Extract<Put, { entity: E }>['value'];

const CLIENT_ID = '6f1c1d7e-5c1a-4b7e-9d3a-0a1b2c3d4e5f';

/**
 * The sync server's black-box suite: a real `out/node/server/main.js` process, reached over
 * HTTP and socket.io only. Registered once per database by server.test.ts.
 */
export function describeServer(title: string, openDatabase: () => Promise<SuiteDatabase>): void {
  describe(title, () => {
    let db: SuiteDatabase;
    let server: RunningServer;

    const call = async (method: string, path: string, init: { token?: string; body?: string; json?: unknown; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers['authorization'] = `Bearer ${init.token}`;
      let body = init.body;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(`${server.url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: res.status, headers: res.headers, body: parsed };
    };
    const expectError = (res: { status: number; body: unknown }, status: number, code: string) => {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(ApiErrorBody.parse(res.body).error.code).toBe(code);
    };
    const login = async (email: string, password = DEMO_PASSWORD) => {
      const res = await call('POST', routes.login.path, { json: { email, password, clientName: 'integration test' } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return LoginResponse.parse(res.body);
    };
    /** A complete first sync (all snapshot pages). */
    const pull = async (token: string): Promise<SyncPullResponse> => {
      const res = await pullAll(server.url, token, { clientId: CLIENT_ID, cookie: null });
      return SyncPullResponse.parse(res);
    };
    const values = <E extends Put['entity']>(patch: PatchOp[], entity: E): Array<PutValue<E>> =>
      patch.flatMap((op) => (op.op === 'put' && op.entity === entity ? [op.value as PutValue<E>] : []));

    beforeAll(async () => {
      db = await openDatabase();
      server = await startServer({ ...db.serverOptions, seed: true });
    });
    afterAll(async () => {
      if (server) expect(await server.stop()).toBe(0);
      await db?.cleanup();
    });

    it(`answers health and reports ${'the database in use'}`, async () => {
      const res = await call('GET', routes.health.path);
      expect(res.status).toBe(200);
      expect(HealthResponse.parse(res.body)).toMatchObject({ ok: true, database: db.kind });
    });

    it('sends security headers and no x-powered-by', async () => {
      const res = await call('GET', routes.health.path);
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('signs in a demo moderator and answers /me', async () => {
      const session = await login('moderator@fairdesk.demo');
      expect(session.user).toMatchObject({ role: 'moderator', displayName: 'Aigerim Sadykova', locale: 'ru' });
      const me = await call('GET', routes.me.path, { token: session.token });
      expect(me.status).toBe(200);
      expect(MeResponse.parse(me.body).user).toEqual(session.user);
    });

    it('answers a wrong password and an unknown e-mail with the same 401', async () => {
      const wrong = await call('POST', routes.login.path, { json: { email: 'moderator@fairdesk.demo', password: 'nope' } });
      const unknown = await call('POST', routes.login.path, { json: { email: 'nobody@fairdesk.demo', password: 'nope' } });
      expectError(wrong, 401, 'invalid_credentials');
      expectError(unknown, 401, 'invalid_credentials');
      expect(unknown.body).toEqual(wrong.body);
    });

    it('refuses a deactivated account, at login and for its existing sessions', async () => {
      const before = await login('manager2@kazlogistics.demo');
      const direct = createServerDataSource(db.target(server), { runMigrations: false });
      await direct.initialize();
      try {
        await direct.getRepository(User).update({ email: 'manager2@kazlogistics.demo' }, { active: false });
      } finally {
        await direct.destroy();
      }
      expectError(
        await call('POST', routes.login.path, { json: { email: 'manager2@kazlogistics.demo', password: DEMO_PASSWORD } }),
        403,
        'account_inactive',
      );
      expectError(await call('GET', routes.me.path, { token: before.token }), 401, 'account_inactive');
    });

    it('requires a valid bearer token', async () => {
      expectError(await call('GET', routes.me.path), 401, 'unauthenticated');
      expectError(await call('GET', routes.me.path, { token: 'x'.repeat(43) }), 401, 'unauthenticated');
      expectError(await call('POST', routes.pull.path, { json: {} }), 401, 'unauthenticated');
    });

    it('logs out: the token stops working', async () => {
      const session = await login('admin@steppefoods.demo');
      const res = await call('POST', routes.logout.path, { token: session.token });
      expect(res.status).toBe(204);
      expectError(await call('GET', routes.me.path, { token: session.token }), 401, 'unauthenticated');
    });

    it('pulls only the moderator’s own centre (tenant isolation between centres)', async () => {
      const almaty = await login('moderator@fairdesk.demo');
      const astana = await login('moderator.astana@fairdesk.demo');
      const a = await pull(almaty.token);
      const b = await pull(astana.token);
      expect(a).toMatchObject({ reset: true, lastMutationId: 0 });
      expect(a.cookie).toMatch(/^\d+\.0$/);
      expect(values(a.patch, 'centre').map((c) => c.id)).toEqual([almaty.user.centreId]);
      // The demo world: 3 under review, Steppe Foods' approved one and KazLogistics Retail's approved one.
      expect(values(a.patch, 'preApplication')).toHaveLength(5);
      expect(values(a.patch, 'participation').every((p) => p.centreId === almaty.user.centreId)).toBe(true);
      expect(values(a.patch, 'participation').length).toBeGreaterThan(0);
      expect(values(b.patch, 'participation').every((p) => p.centreId === astana.user.centreId)).toBe(true);
      expect(values(a.patch, 'preApplication').every((p) => p.centreId === almaty.user.centreId)).toBe(true);
      expect(values(b.patch, 'preApplication').map((p) => p.centreId)).toEqual([astana.user.centreId]);
      expect(JSON.stringify(b)).not.toContain(almaty.user.centreId ?? 'none');
      expect(JSON.stringify(a)).not.toContain(astana.user.centreId ?? 'none');
    });

    it('pulls an employer’s own companies and applications plus public fairs (isolation between employers)', async () => {
      const kaz = await login('admin@kazlogistics.demo');
      const steppeSession = await login('admin@steppefoods.demo');
      const k = await pull(kaz.token);
      const s = await pull(steppeSession.token);
      expect(values(k.patch, 'centre')).toHaveLength(2);
      expect(values(k.patch, 'fair')).toHaveLength(2);
      expect(values(k.patch, 'company').map((c) => c.legalName).sort()).toEqual(['KazLogistics LLP', 'KazLogistics Retail LLP']);
      expect(values(k.patch, 'preApplication').every((p) => p.employerId === kaz.user.employerId)).toBe(true);
      expect(values(k.patch, 'preApplication')).toHaveLength(4);
      for (const entity of ['stand', 'vacancy', 'participation'] as const) {
        expect(values(k.patch, entity).length, entity).toBeGreaterThan(0);
        expect(values(k.patch, entity).every((r) => r.employerId === kaz.user.employerId), entity).toBe(true);
      }
      expect(JSON.stringify(k)).not.toContain(steppeSession.user.employerId ?? 'none');
      expect(JSON.stringify(s)).not.toContain(kaz.user.employerId ?? 'none');
    });

    it('asks outdated or too new clients to upgrade', async () => {
      const { token } = await login('moderator@fairdesk.demo');
      for (const schemaVersion of [0, SCHEMA_VERSION + 1]) {
        const res = await call('POST', routes.pull.path, { token, json: { clientId: CLIENT_ID, schemaVersion, cookie: null } });
        expectError(res, 426, 'upgrade_required');
      }
    });

    it('lists upcoming fairs publicly', async () => {
      const res = await call('GET', routes.publicFairs.path);
      expect(res.status).toBe(200);
      const { fairs } = PublicFairsResponse.parse(res.body);
      expect(fairs.map((f) => f.centreName).sort()).toEqual(['Almaty City Career Centre', 'Astana Career Centre']);
    });

    it('answers bad input with 4xx errors, never 5xx', async () => {
      const { token } = await login('moderator@fairdesk.demo');
      const json = { 'content-type': 'application/json' };
      expectError(await call('POST', routes.login.path, { body: '{"email":', headers: json }), 400, 'bad_request');
      expectError(await call('POST', routes.login.path, { body: 'x'.repeat(1_100_000), headers: json }), 413, 'payload_too_large');
      const wrongTypes = await call('POST', routes.login.path, { json: { email: 5, password: ['x'] } });
      expectError(wrongTypes, 400, 'bad_request');
      expect(ApiErrorBody.parse(wrongTypes.body).error.issues?.map((i) => i.path).sort()).toEqual(['email', 'password']);
      expectError(await call('POST', routes.login.path, { body: 'email=a', headers: { 'content-type': 'text/plain' } }), 400, 'bad_request');
      expectError(await call('POST', routes.pull.path, { token, json: { clientId: 'nope', schemaVersion: '1', cookie: 7 } }), 400, 'bad_request');
      expectError(await call('POST', routes.pull.path, { token, json: [] }), 400, 'bad_request');
      expectError(await call('GET', '/api/does-not-exist'), 404, 'not_found');
      expectError(await call('DELETE', routes.login.path), 404, 'not_found');
    });

    it('throttles repeated failed sign-ins', async () => {
      const attempt = () => call('POST', routes.login.path, { json: { email: 'guesser@nowhere.demo', password: 'guess' } });
      for (let i = 0; i < 10; i++) expectError(await attempt(), 401, 'invalid_credentials');
      const blocked = await attempt();
      expectError(blocked, 429, 'forbidden');
      expect(ApiErrorBody.parse(blocked.body).error.message).toMatch(/Too many failed sign-in attempts/);
    });

    describe('socket.io', () => {
      const sockets: Socket[] = [];
      const open = (token: unknown): Socket => {
        const socket = connectSocket(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(socket);
        return socket;
      };
      const connected = (socket: Socket) =>
        new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', (err) => reject(err));
        });
      const refused = (socket: Socket) =>
        new Promise<string>((resolve, reject) => {
          socket.once('connect', () => reject(new Error('connected with a bad token')));
          socket.once('connect_error', (err) => resolve(err.message));
        });
      afterAll(() => {
        for (const s of sockets) s.close();
      });

      it('accepts a valid session token', async () => {
        const { token } = await login('admin@kazlogistics.demo');
        await connected(open(token));
      });

      it('refuses a bad or missing token with the error code', async () => {
        expect(await refused(open('x'.repeat(43)))).toBe('unauthenticated');
        expect(await refused(open(undefined))).toBe('unauthenticated');
      });

      it('disconnects the sockets of a session that logs out', async () => {
        const { token } = await login('manager1@kazlogistics.demo');
        const socket = open(token);
        await connected(socket);
        const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
        expect((await call('POST', routes.logout.path, { token })).status).toBe(204);
        expect(await disconnected).toBe('io server disconnect');
      });
    });

    it('logs one JSON line per request without secrets', () => {
      const requests = server.output
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry['msg'] === 'request');
      expect(requests.length).toBeGreaterThan(10);
      expect(requests.find((r) => r['path'] === routes.me.path && r['status'] === 200)).toMatchObject({
        method: 'GET',
        userId: expect.any(String) as unknown,
        ms: expect.any(Number) as unknown,
      });
      const all = server.output.join('\n');
      expect(all).not.toContain(DEMO_PASSWORD);
      expect(all).not.toMatch(/Bearer /);
    });
  });
}

