import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalPreApplication, Rejection, SyncStatus } from '../../shared/contract/ipc';
import type { PreApplicationDto } from '../../shared/domain/records';
import { startCore, type CoreUnderTest } from '../testing/coreHarness';
import { FakeSyncServer } from '../testing/fakeSyncServer';
import { makeCentre, makeCompany, makeFair, makePreApplication, makeUser, seedWorld } from '../testing/fixtures';

/**
 * The sync engine end to end against the protocol-faithful fake server: push then pull, rebase,
 * rejections, lost responses, transient stops, session expiry and sign-out with waiting changes.
 */
const moderator = makeUser({ email: 'moderator@demo.test', role: 'moderator', displayName: 'Aigerim' });
const other = makeUser({ email: 'other@demo.test', role: 'moderator', displayName: 'Nurlan' });
const fair = makeFair({ title: 'Spring fair' });
const appA = makePreApplication({ number: '20300101-1', companyName: 'Alpha', createdAt: 1, way: 2, fairId: fair.id, fairTitle: fair.title });
const appB = makePreApplication({ number: '20300101-2', companyName: 'Beta', createdAt: 2, way: 2, fairId: fair.id, fairTitle: fair.title });
const appC = makePreApplication({ number: '20300101-3', companyName: 'Gamma', createdAt: 3, way: 2, fairId: fair.id, fairTitle: fair.title });

describe('sync engine', () => {
  let server: FakeSyncServer;
  let app: CoreUnderTest;

  beforeEach(async () => {
    server = await FakeSyncServer.start([
      { password: 'p', user: moderator },
      { password: 'p', user: other },
    ]);
    seedWorld(server.world, { centres: [makeCentre()], companies: [makeCompany()], fairs: [fair], preApplications: [appA, appB, appC] });
    app = await startCore({ syncBackoff: { initialMs: 20, maxMs: 100 } });
    await app.call('session.login', { serverUrl: server.url, email: moderator.email, password: 'p' });
    await app.syncState('idle');
  });
  afterEach(async () => {
    await app.core.close();
    await server.close();
  });

  const list = (): Promise<LocalPreApplication[]> => app.call('preApplications.list');
  const byId = async (id: string): Promise<LocalPreApplication | undefined> => (await list()).find((p) => p.id === id);
  const status = (): Promise<SyncStatus> => app.call('sync.status');
  const rejectedEvents = (): Rejection[] => app.transport.events.filter((e) => e.event === 'sync.rejected').map((e) => e.payload as Rejection);
  const decide = (id: string, decision: 'approve' | 'reject', reason: string | null = null): Promise<LocalPreApplication> =>
    app.call('preApplications.decide', { id, decision, reason });
  /** The server moves on without poking anyone (another moderator, the employer). */
  const serverChanges = (value: PreApplicationDto): void => server.world.put('preApplication', value);

  it('pushes a decision, and the pull confirms it: synced, outbox empty', async () => {
    const optimistic = await decide(appA.id, 'approve');
    expect(optimistic).toMatchObject({ status: 'approved', decidedByName: 'Aigerim', sync: { state: 'pending' } });
    const after = await app.call<SyncStatus>('sync.now');
    expect(after).toMatchObject({ state: 'idle', pending: 0, rejections: 0 });
    expect(await byId(appA.id)).toMatchObject({ status: 'approved', decidedBy: moderator.id, sync: { state: 'synced', rejection: null } });
    expect(server.world.get<PreApplicationDto>('preApplication', appA.id)).toMatchObject({ status: 'approved', decidedByName: 'Aigerim' });
    expect(app.transport.events.some((e) => e.event === 'cache.changed')).toBe(true);
  });

  it('rolls a rejected decision back, shows the reason until dismissed, and announces it exactly once', async () => {
    serverChanges({ ...appA, status: 'withdrawn', statusChangedAt: 14_000, version: 0 });
    await server.suspend();
    await decide(appA.id, 'approve');
    await decide(appB.id, 'reject', 'No salary in the vacancies');
    await expect.poll(status).toMatchObject({ state: 'offline', pending: 2 });
    await server.resume();

    const after = await app.call<SyncStatus>('sync.now');
    expect(after).toMatchObject({ state: 'idle', pending: 0, rejections: 1 });
    const rolledBack = await byId(appA.id);
    expect(rolledBack).toMatchObject({ status: 'withdrawn', decidedBy: null, sync: { state: 'rejected' } });
    expect(rolledBack?.sync.rejection).toMatchObject({ code: 'state_changed', message: 'The employer withdrew this application first.', recordId: appA.id });
    expect(await byId(appB.id)).toMatchObject({ status: 'rejected', rejectionReason: 'No salary in the vacancies', sync: { state: 'synced' } });

    const rejections = await app.call<Rejection[]>('sync.rejections');
    expect(rejections).toEqual([
      expect.objectContaining({ mutationId: 1, mutationName: 'decidePreApplication', recordLabel: '20300101-1 Alpha', code: 'state_changed' }),
    ]);
    expect(rejectedEvents()).toHaveLength(1);

    // More pulls (a poke, the timer) never announce it again.
    await app.call('sync.now');
    await app.call('sync.now');
    expect(rejectedEvents()).toHaveLength(1);

    await app.call('sync.dismissRejection', { mutationId: 1 });
    expect(await app.call('sync.rejections')).toEqual([]);
    expect(await status()).toMatchObject({ rejections: 0 });
    expect((await byId(appA.id))?.sync).toEqual({ state: 'synced', rejection: null });
    expect(await app.invoke('sync.dismissRejection', { mutationId: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('replays entries the server has not consumed yet on top of the pulled state', async () => {
    let stopAt = 2;
    server.world.transientFailure = (mutation) => mutation.id >= stopAt;
    await decide(appA.id, 'approve');
    await decide(appB.id, 'reject', 'Incomplete');
    await decide(appC.id, 'approve');

    const stalled = await app.call<SyncStatus>('sync.now');
    expect(stalled).toMatchObject({ state: 'idle', pending: 2 });
    // Entry 1 came back from the server; entries 2 and 3 are replayed over the pulled rows.
    expect(await byId(appA.id)).toMatchObject({ status: 'approved', sync: { state: 'synced' } });
    expect(await byId(appB.id)).toMatchObject({ status: 'rejected', sync: { state: 'pending' } });
    expect(await byId(appC.id)).toMatchObject({ status: 'approved', sync: { state: 'pending' } });

    // The engine retries by itself (backoff) until the outbox drains.
    stopAt = Number.POSITIVE_INFINITY;
    await expect.poll(async () => (await status()).pending, { timeout: 5_000 }).toBe(0);
    expect(server.world.consumed.map((c) => c.split('#')[1])).toEqual(['1:applied', '2:applied', '3:applied']);
  });

  it('a lost push response costs only a re-send: the server applies each mutation once', async () => {
    server.dropPushResponses = 1;
    const mark = app.transport.events.length;
    await decide(appA.id, 'reject', 'Duplicate');
    await app.syncState('offline', mark);
    await expect.poll(async () => (await status()).pending, { timeout: 5_000 }).toBe(0);
    expect(server.world.consumed).toHaveLength(1);
    expect(server.pushes().length).toBeGreaterThanOrEqual(2);
    expect(await byId(appA.id)).toMatchObject({ status: 'rejected', sync: { state: 'synced' } });
  });

  it('two moderators decide the same application offline: one wins, the other is told why', async () => {
    const second = await startCore({});
    try {
      await second.call('session.login', { serverUrl: server.url, email: other.email, password: 'p' });
      await second.syncState('idle');
      await decide(appA.id, 'approve');
      await second.call('preApplications.decide', { id: appA.id, decision: 'reject', reason: 'Too late' });
      await app.call('sync.now');
      const loser = await second.call<SyncStatus>('sync.now');
      expect(loser).toMatchObject({ rejections: 1, pending: 0 });
      const [rejection] = await second.call<Rejection[]>('sync.rejections');
      expect(rejection?.message).toBe('Another moderator (Aigerim) approved it first.');
      const seen = (await second.call<LocalPreApplication[]>('preApplications.list')).find((p) => p.id === appA.id);
      expect(seen).toMatchObject({ status: 'approved', decidedByName: 'Aigerim', sync: { state: 'rejected' } });
    } finally {
      await second.core.close();
    }
  });

  it('refuses sign-out while changes wait, unless told to discard them', async () => {
    await server.suspend();
    await decide(appA.id, 'approve');
    await decide(appB.id, 'approve');
    expect(await app.invoke('session.logout')).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: '2 changes or chat messages are still waiting to be sent to the server. Connect and let them go before signing out, or sign out anyway and discard them.',
      },
    });
    expect(await app.call('session.current')).toMatchObject({ user: moderator });
    expect(await status()).toMatchObject({ pending: 2 });
    await app.call('session.logout', { discardPending: true });
    expect(await app.call('session.current')).toBeNull();
    expect(await status()).toMatchObject({ state: 'signed_out', pending: 0 });
    await server.resume();
  });

  it('keeps the outbox through a session expiry and pushes it after the same user signs in again', async () => {
    await server.suspend();
    await decide(appA.id, 'reject', 'Offline decision');
    await server.resume();
    for (const token of server.tokens.values()) token.revoked = true;
    const expired = await app.call<SyncStatus>('sync.now');
    expect(expired).toMatchObject({ state: 'signed_out', pending: 1, message: expect.stringMatching(/expired.*1 waiting change is kept/) });
    expect(await app.call('session.current')).toBeNull();
    expect(await app.call('preApplications.list')).toEqual([]);
    expect(server.world.consumed).toEqual([]);

    const mark = app.transport.events.length;
    await app.call('session.login', { serverUrl: server.url, email: moderator.email, password: 'p' });
    await app.syncState('idle', mark);
    await expect.poll(async () => (await status()).pending).toBe(0);
    expect(server.world.get<PreApplicationDto>('preApplication', appA.id)).toMatchObject({ status: 'rejected', rejectionReason: 'Offline decision' });
  });

  it('never pushes the previous user’s outbox when another user signs in', async () => {
    await server.suspend();
    await decide(appA.id, 'approve');
    await server.resume();
    for (const token of server.tokens.values()) token.revoked = true;
    await app.call('sync.now');
    const mark = app.transport.events.length;
    await app.call('session.login', { serverUrl: server.url, email: other.email, password: 'p' });
    await app.syncState('idle', mark);
    expect(await status()).toMatchObject({ pending: 0 });
    // The old run may have tried the old token before learning it was revoked (the server refuses
    // it: nothing applied). What must never happen is the new account's token carrying the old outbox.
    const revoked = new Set([...server.tokens.entries()].filter(([, t]) => t.revoked).map(([token]) => `Bearer ${token}`));
    expect(server.pushes().filter((p) => !revoked.has(p.authorization ?? ''))).toEqual([]);
    expect(server.world.consumed).toEqual([]);
    expect(server.world.get<PreApplicationDto>('preApplication', appA.id)).toMatchObject({ status: 'under_review' });
  });
});
