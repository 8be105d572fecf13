import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalPreApplication, SessionInfo, SyncStatus } from '../shared/contract/ipc';
import type { PreApplicationDto } from '../shared/domain/records';
import { SCHEMA_VERSION } from '../shared/api/http';
import { MemorySecretStore } from './secrets/secretStore';
import { FakeSyncServer } from './testing/fakeSyncServer';
import { makeFair, makePreApplication, makeUser, seedWorld } from './testing/fixtures';
import { startCore, type CoreUnderTest } from './testing/coreHarness';

const moderator = makeUser({ email: 'moderator@demo.test', role: 'moderator' });
const manager = makeUser({ email: 'manager@demo.test', role: 'employer_manager', centreId: null, employerId: crypto.randomUUID() });
const queue = [
  makePreApplication({ number: '20300101-1', createdAt: 1, companyName: 'Alpha' }),
  makePreApplication({ number: '20300101-2', createdAt: 2, companyName: 'Beta', status: 'approved' }),
];
const fair = makeFair();

describe('desktop core (handler table over the in-memory transport)', () => {
  let server: FakeSyncServer;
  let app: CoreUnderTest;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeEach(async () => {
    server = await FakeSyncServer.start([
      { password: 'demo-pass', user: moderator },
      { password: 'demo-pass', user: manager },
    ]);
    seedWorld(server.world, { preApplications: queue, fairs: [fair] });
    app = await startCore();
    cleanups.push(() => app.core.close());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await server.close();
  });

  const login = (email = moderator.email, password = 'demo-pass'): Promise<SessionInfo> =>
    app.call<SessionInfo>('session.login', { serverUrl: server.url.replace('http://', ''), email, password });

  it('answers app.info and starts signed out', async () => {
    expect(await app.call('app.info')).toEqual({
      version: '0.0.0-test',
      host: 'browser',
      platform: process.platform,
      defaultServerUrl: 'http://127.0.0.1:4400',
    });
    expect(await app.call('session.current')).toBeNull();
    expect(await app.call<SyncStatus>('sync.status')).toEqual({
      state: 'signed_out',
      lastSyncedAt: null,
      pending: 0,
      rejections: 0,
      upgradeRequired: false,
      message: null,
    });
    expect(await app.call<SyncStatus>('sync.now')).toMatchObject({ state: 'signed_out' });
    expect(await app.call('preApplications.list')).toEqual([]);
  });

  it('refuses bad input with bad_request and unknown methods with not_found', async () => {
    expect(await app.invoke('preApplications.list', { status: 'lost' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', issues: [expect.objectContaining({ path: 'status' })] },
    });
    expect(await app.invoke('session.login', { serverUrl: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.invoke('session.login', { serverUrl: server.url, email: 'not-an-email', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await app.invoke('applications.explode')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('logs in, announces the session, pulls the scope and serves it from the cache', async () => {
    const session = await login();
    expect(session).toMatchObject({ user: moderator, serverUrl: server.url });
    await app.syncState('idle');
    expect(app.transport.events.find((e) => e.event === 'session.changed')?.payload).toEqual(session);
    expect(await app.call('session.current')).toEqual(session);
    expect(await app.secrets.get()).toBe([...server.tokens.keys()][0]);

    const listed = await app.call<PreApplicationDto[]>('preApplications.list');
    expect(listed.map((p) => p.number)).toEqual(['20300101-2', '20300101-1']);
    expect(await app.call('preApplications.list', { status: 'approved', search: 'bet' })).toHaveLength(1);
    expect(await app.call('fairs.list')).toEqual([{ ...fair, version: expect.any(Number), sync: { state: 'synced', rejection: null } }]);

    const pull = server.pulls()[0]?.body as { clientId: string; schemaVersion: number; cookie: string | null };
    expect(pull).toMatchObject({ schemaVersion: SCHEMA_VERSION, cookie: null });
    expect(pull.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await app.call('app.info')).toMatchObject({ defaultServerUrl: server.url });
  });

  it('shows the server message for a wrong password and for an unreachable server', async () => {
    expect(await app.invoke('session.login', { serverUrl: server.url, email: moderator.email, password: 'wrong' })).toEqual({
      ok: false,
      error: { code: 'invalid_credentials', message: 'Wrong e-mail or password.' },
    });
    const closed = await FakeSyncServer.start();
    const closedUrl = closed.url;
    await closed.close();
    const result = await app.invoke('session.login', { serverUrl: closedUrl, email: moderator.email, password: 'demo-pass' });
    expect(result).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    expect(await app.call('session.current')).toBeNull();
  });

  it('pulls again when the server pokes, and on sync.now', async () => {
    await login();
    await app.syncState('idle');
    await expect.poll(() => server.connectedSockets()).toBe(1);
    const before = server.pulls().length;
    server.poke();
    await server.waitForPulls(before + 1);
    const status = await app.call<SyncStatus>('sync.now');
    expect(status.state).toBe('idle');
    expect(server.pulls().length).toBeGreaterThanOrEqual(before + 2);
  });

  it.each([
    ['the network drops', (s: FakeSyncServer) => s.cutConnections()],
    ['the server closes the connection', (s: FakeSyncServer) => s.disconnectClients()],
  ])('goes offline when %s and catches up when the connection returns', async (_case, drop) => {
    await login();
    await app.syncState('idle');
    await expect.poll(() => server.connectedSockets()).toBe(1);
    const mark = app.transport.events.length;
    const pullsBefore = server.pulls().length;
    drop(server);
    const offline = await app.syncState('offline', mark);
    expect((offline.payload as SyncStatus).message).toMatch(/connection to the server was lost/i);
    await app.syncState('idle', mark);
    expect(server.pulls().length).toBeGreaterThan(pullsBefore);
    await expect.poll(() => server.connectedSockets()).toBe(1);
  });

  it('is offline, not failing, when the server is gone; the cache still answers', async () => {
    await login();
    await app.syncState('idle');
    const mark = app.transport.events.length;
    await server.close();
    const status = await app.call<SyncStatus>('sync.now');
    expect(status.state).toBe('offline');
    expect(status.message).toMatch(/Cannot reach the server/);
    await app.syncState('offline', mark);
    expect(await app.call('preApplications.list')).toHaveLength(2);
    expect(await app.call('session.current')).toMatchObject({ user: moderator });
    server = await FakeSyncServer.start(); // afterEach closes it
  });

  it('logs out: revokes the token, forgets it and the cached data', async () => {
    await login();
    await app.syncState('idle');
    const [token] = [...server.tokens.keys()];
    await app.call('session.logout');
    expect(server.tokens.get(token ?? '')?.revoked).toBe(true);
    expect(await app.secrets.get()).toBeNull();
    expect(await app.call('session.current')).toBeNull();
    expect(await app.call('preApplications.list')).toEqual([]);
    expect(await app.call<SyncStatus>('sync.status')).toMatchObject({ state: 'signed_out' });
    expect(app.transport.events.filter((e) => e.event === 'session.changed').at(-1)?.payload).toBeNull();
    await expect.poll(() => server.connectedSockets()).toBe(0);
  });

  it('logs out locally even when the server cannot be reached', async () => {
    await login();
    await app.syncState('idle');
    await server.close();
    await app.call('session.logout');
    expect(await app.call('session.current')).toBeNull();
    expect(await app.secrets.get()).toBeNull();
    server = await FakeSyncServer.start();
  });

  it('drops the previous account’s data when another user signs in', async () => {
    await login();
    await app.syncState('idle');
    expect(await app.call('preApplications.list')).toHaveLength(2);
    const mark = app.transport.events.length;
    await login(manager.email);
    await app.syncState('idle', mark);
    expect(await app.call('preApplications.list')).toEqual([]);
    expect(await app.call('session.current')).toMatchObject({ user: manager });
    // The first user's token was revoked, not left valid.
    expect([...server.tokens.values()].filter((t) => t.revoked).map((t) => t.user.id)).toEqual([moderator.id]);
  });

  it('returns to the login screen when the server says the session expired, hiding the cache', async () => {
    await login();
    await app.syncState('idle');
    for (const token of server.tokens.values()) token.revoked = true;
    const mark = app.transport.events.length;
    const status = await app.call<SyncStatus>('sync.now');
    expect(status).toMatchObject({ state: 'signed_out', pending: 0, message: 'Your session has expired. Sign in again.' });
    await app.transport.waitForEvent((e) => e.event === 'session.changed' && e.payload === null, mark);
    expect(await app.call('session.current')).toBeNull();
    expect(await app.secrets.get()).toBeNull();
    expect(await app.call('preApplications.list')).toEqual([]);
  });

  it('reports a server refusal other than auth as an error state with its message, and recovers', async () => {
    await login();
    await app.syncState('idle');
    server.pullFailure = { status: 409, error: { code: 'conflict', message: 'The server is busy migrating.' } };
    expect(await app.call<SyncStatus>('sync.now')).toMatchObject({ state: 'error', message: 'The server is busy migrating.' });
    server.pullFailure = null;
    expect(await app.call<SyncStatus>('sync.now')).toMatchObject({ state: 'idle', message: null });
  });

  it('stops syncing for good when the server requires a newer app, and says so', async () => {
    await login();
    await app.syncState('idle');
    server.pullFailure = { status: 426, error: { code: 'upgrade_required', message: 'Update FairDesk to keep syncing.' } };
    const status = await app.call<SyncStatus>('sync.now');
    expect(status).toMatchObject({ state: 'error', upgradeRequired: true, message: expect.stringMatching(/too old.*Update the app/) });
    server.pullFailure = null;
    const pulls = server.pulls().length;
    expect(await app.call<SyncStatus>('sync.now')).toMatchObject({ state: 'error', upgradeRequired: true });
    expect(server.pulls()).toHaveLength(pulls);
    // Still usable offline.
    expect(await app.call('preApplications.list')).toHaveLength(2);
  });
});

describe('desktop core across restarts', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores the session and cache offline, and drops an expired session at start-up', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-core-'));
    dirs.push(dataDir);
    const secretStore = new MemorySecretStore();
    const server = await FakeSyncServer.start([{ password: 'p', user: moderator }]);
    seedWorld(server.world, { preApplications: queue });

    const first = await startCore({ dataDir, secretStore });
    await first.call('session.login', { serverUrl: server.url, email: moderator.email, password: 'p' });
    await first.syncState('idle');
    await first.core.close();
    await server.close();

    // Server gone: the app still opens signed in, with its data, and says it is offline.
    const second = await startCore({ dataDir, secretStore, serverTimeoutMs: 2_000 });
    expect(await second.call('session.current')).toMatchObject({ user: moderator });
    expect(await second.call('preApplications.list')).toHaveLength(2);
    const offline = await second.syncState('offline');
    expect((offline.payload as SyncStatus).lastSyncedAt).toEqual(expect.any(Number));
    // Decisions queue offline, and survive another restart.
    const decided = await second.call<LocalPreApplication>('preApplications.decide', { id: queue[0]?.id, decision: 'reject', reason: 'Offline' });
    expect(decided).toMatchObject({ status: 'rejected', sync: { state: 'pending', rejection: null } });
    await expect.poll(async () => second.call<SyncStatus>('sync.status')).toMatchObject({ state: 'offline', pending: 1 });
    await second.core.close();
    const reopened = await startCore({ dataDir, secretStore, serverTimeoutMs: 2_000 });
    expect(await reopened.call<SyncStatus>('sync.status')).toMatchObject({ pending: 1 });
    expect((await reopened.call<LocalPreApplication[]>('preApplications.list')).find((p) => p.id === queue[0]?.id)).toMatchObject({ status: 'rejected', sync: { state: 'pending' } });
    await reopened.core.close();

    // Token lost (e.g. OS keychain reset): opens signed out, showing nothing; the cache and the
    // waiting change are kept for the same user's next sign-in.
    await secretStore.clear();
    const third = await startCore({ dataDir, secretStore });
    expect(await third.call('session.current')).toBeNull();
    expect(await third.call('preApplications.list')).toEqual([]);
    await third.core.close();
  });
});
