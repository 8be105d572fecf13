import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreApplicationDto } from '../../shared/domain/records';
import type { SyncPullResponse } from '../../shared/sync/protocol';
import { appendToOutbox } from '../outbox/outbox';
import { applyPull } from '../testing/applyPull';
import { makeCentre, makeCompany, makeFair, makePreApplication, makeSession, makeUser, snapshot } from '../testing/fixtures';
import { CacheStore } from './cacheStore';
import { listFairs, listPreApplications, syncCounts, type PreApplicationFilter } from './localRecords';
import { IN_MEMORY } from './openCache';

const synced = { state: 'synced', rejection: null } as const;
const local = <T extends object>(record: T): T & { sync: typeof synced } => ({ ...record, sync: synced });

describe('CacheStore', () => {
  let cache: CacheStore;
  const applications = (filter?: PreApplicationFilter) => cache.read((m) => listPreApplications(m, filter));
  const fairs = () => cache.read(listFairs);

  beforeEach(async () => {
    cache = await CacheStore.open(IN_MEMORY);
  });
  afterEach(async () => {
    await cache.close();
  });

  it('creates the client id once and keeps it while the owner stays', async () => {
    const id = await cache.clientId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const session = makeSession();
    await cache.signIn(session, 1);
    const owned = await cache.clientId();
    await cache.endSession();
    await cache.signIn(session, 2);
    expect(await cache.clientId()).toBe(owned);
  });

  it('round-trips every scope record through a snapshot exactly', async () => {
    const centre = makeCentre();
    const company = makeCompany({ verified: false });
    const fair = makeFair();
    const application = makePreApplication({
      way: 2,
      fairId: fair.id,
      fairTitle: fair.title,
      wantsVideoInterviews: true,
      status: 'approved',
      decidedBy: makeUser().id,
      decidedByName: 'Aigerim',
      decidedAt: 5,
      version: 17,
    });
    expect(await applyPull(cache, snapshot({ centres: [centre], companies: [company], fairs: [fair], preApplications: [application] }), { syncedAt: 42 })).not.toBeNull();

    expect(await fairs()).toEqual([local(fair)]);
    expect(await applications()).toEqual([local(application)]);
    expect(await cache.pullState()).toEqual({ cookie: 'v1', lastSyncedAt: 42 });
  });

  it('a reset replaces the scope wholesale; an incremental patch puts and deletes rows', async () => {
    const kept = makePreApplication({ number: '1' });
    const dropped = makePreApplication({ number: '2' });
    await applyPull(cache, snapshot({ preApplications: [kept, dropped] }), { syncedAt: 1 });
    const fresh = makePreApplication({ number: '3' });
    await applyPull(cache, snapshot({ preApplications: [kept, fresh] }, 'v2'), { syncedAt: 2 });
    expect((await applications()).map((p) => p.number).sort()).toEqual(['1', '3']);

    const changed = { ...kept, status: 'approved' as const };
    await applyPull(cache, {
      ...snapshot({}, 'v3'),
      reset: false,
      patch: [
        { op: 'put', entity: 'preApplication', value: changed },
        { op: 'del', entity: 'preApplication', id: fresh.id },
        // A later op for the same row wins over an earlier one.
        { op: 'put', entity: 'preApplication', value: dropped },
        { op: 'del', entity: 'preApplication', id: dropped.id },
      ],
    });
    expect(await applications()).toEqual([local(changed)]);
  });

  it('a failing patch leaves the previous cache and cookie intact', async () => {
    await applyPull(cache, snapshot({ preApplications: [makePreApplication({ number: 'A' }), makePreApplication({ number: 'B' })] }, 'good'), { syncedAt: 10 });
    const listBefore = await applications();

    // The reset deletes everything first; the second row then violates NOT NULL mid-transaction.
    const broken = { ...makePreApplication({ number: 'C' }), companyName: undefined } as unknown as PreApplicationDto;
    const bad: SyncPullResponse = {
      ...snapshot({}, 'bad'),
      patch: [
        { op: 'put', entity: 'preApplication', value: makePreApplication({ number: 'D' }) },
        { op: 'put', entity: 'preApplication', value: broken },
      ],
    };
    await expect(applyPull(cache, bad, { syncedAt: 11 })).rejects.toThrow(/NOT NULL constraint failed/);

    expect(await applications()).toEqual(listBefore);
    expect(await cache.pullState()).toEqual({ cookie: 'good', lastSyncedAt: 10 });
  });

  it('skips a pull that is no longer wanted (signed out while it was in flight)', async () => {
    expect(await applyPull(cache, snapshot({ fairs: [makeFair()] }), { stillCurrent: () => false })).toBeNull();
    expect(await fairs()).toEqual([]);
    expect(await cache.pullState()).toEqual({ cookie: null, lastSyncedAt: null });
  });

  it('writes large scopes in several statements', async () => {
    const many = Array.from({ length: 1234 }, (_, i) => makePreApplication({ number: `N-${i}`, createdAt: i }));
    await applyPull(cache, snapshot({ preApplications: many }));
    const listed = await applications();
    expect(listed).toHaveLength(1234);
    expect(listed[0]?.number).toBe('N-1233');
  });

  it('lists pre-applications newest first, filtered by status and by case-insensitive search', async () => {
    const old = makePreApplication({ number: '20300101-1', createdAt: 1, companyName: 'ТОО «Алтын Дала»', professions: ['Агроном'] });
    const mid = makePreApplication({ number: '20300102-1', createdAt: 2, companyName: 'Kaspi Logistics', professions: ['Driver'], status: 'approved' });
    const recent = makePreApplication({ number: '20300103-7', createdAt: 3, companyName: 'Steppe Foods', professions: ['Cook'] });
    await applyPull(cache, snapshot({ preApplications: [old, mid, recent] }));

    const numbers = async (filter?: PreApplicationFilter) => (await applications(filter)).map((p) => p.number);
    expect(await numbers()).toEqual(['20300103-7', '20300102-1', '20300101-1']);
    expect(await numbers({ status: 'under_review' })).toEqual(['20300103-7', '20300101-1']);
    expect(await numbers({ search: 'алтын' })).toEqual(['20300101-1']);
    expect(await numbers({ search: 'АГРОНОМ' })).toEqual(['20300101-1']);
    expect(await numbers({ search: '0103-7' })).toEqual(['20300103-7']);
    expect(await numbers({ search: 'driver', status: 'under_review' })).toEqual([]);
    expect(await numbers({ search: '   ' })).toHaveLength(3);
  });

  it('lists fairs by start date', async () => {
    const late = makeFair({ startsOn: '2030-06-01', title: 'Summer' });
    const early = makeFair({ startsOn: '2030-02-01', title: 'Winter' });
    await applyPull(cache, snapshot({ fairs: [late, early] }));
    expect((await fairs()).map((f) => f.title)).toEqual(['Winter', 'Summer']);
  });

  it('keeps data, outbox and client id for the same account; drops all of them for another user or server', async () => {
    const session = makeSession();
    expect(await cache.signIn(session, 1)).toEqual({ clearedPreviousData: true, discardedChanges: 0 });
    const clientId = await cache.clientId();
    await applyPull(cache, snapshot({ fairs: [makeFair()] }));
    await cache.write((m) => appendToOutbox(m, { name: 'withdrawPreApplication', args: { id: makeFair().id }, createdAt: 1, target: { entity: 'preApplication', id: 'x', label: 'x' } }));

    expect(await cache.signIn({ ...session, expiresAt: session.expiresAt + 1 }, 2)).toEqual({ clearedPreviousData: false, discardedChanges: 0 });
    expect(await fairs()).toHaveLength(1);
    expect(await cache.read(syncCounts)).toEqual({ pending: 1, rejections: 0 });
    expect(await cache.clientId()).toBe(clientId);
    expect(await cache.session()).toEqual({ ...session, expiresAt: session.expiresAt + 1 });

    expect(await cache.signIn({ ...session, serverUrl: 'http://other:4400' }, 3)).toEqual({ clearedPreviousData: true, discardedChanges: 1 });
    expect(await fairs()).toEqual([]);
    expect(await cache.read(syncCounts)).toEqual({ pending: 0, rejections: 0 });
    expect(await cache.pullState()).toEqual({ cookie: null, lastSyncedAt: null });
    // A new client id: the new owner's mutation ids start at 1 again without a gap at the server.
    expect(await cache.clientId()).not.toBe(clientId);
    const firstId = await cache.write((m) => appendToOutbox(m, { name: 'withdrawPreApplication', args: {}, createdAt: 1, target: { entity: 'preApplication', id: 'y', label: 'y' } }));
    expect(firstId).toBe(1);

    await applyPull(cache, snapshot({ fairs: [makeFair()] }));
    await cache.signIn({ ...session, serverUrl: 'http://other:4400', user: makeUser() }, 5);
    expect(await fairs()).toEqual([]);
    expect(await cache.lastServerUrl()).toBe('http://other:4400');
  });

  it('forget() drops the session and the scope but remembers the last server; refuses while changes wait', async () => {
    await cache.signIn(makeSession(), 1);
    await applyPull(cache, snapshot({ fairs: [makeFair()] }));
    await cache.write((m) => appendToOutbox(m, { name: 'withdrawPreApplication', args: {}, createdAt: 1, target: { entity: 'preApplication', id: 'y', label: 'y' } }));

    expect(await cache.forget({ discardPending: false })).toEqual({ forgotten: false, pending: 1 });
    expect(await cache.session()).not.toBeNull();
    expect(await fairs()).toHaveLength(1);

    expect(await cache.forget({ discardPending: true })).toEqual({ forgotten: true, discarded: 1 });
    expect(await cache.session()).toBeNull();
    expect(await fairs()).toEqual([]);
    expect(await cache.read(syncCounts)).toEqual({ pending: 0, rejections: 0 });
    expect(await cache.lastServerUrl()).toBe('http://127.0.0.1:4400');
  });

  it('endSession() forgets only the session: data and outbox wait for the same user', async () => {
    await cache.signIn(makeSession(), 1);
    await applyPull(cache, snapshot({ fairs: [makeFair()] }));
    await cache.write((m) => appendToOutbox(m, { name: 'withdrawPreApplication', args: {}, createdAt: 1, target: { entity: 'preApplication', id: 'y', label: 'y' } }));
    await cache.endSession();
    expect(await cache.session()).toBeNull();
    expect(await fairs()).toHaveLength(1);
    expect(await cache.read(syncCounts)).toEqual({ pending: 1, rejections: 0 });
  });

  it('readers never observe a half-applied pull', async () => {
    await applyPull(cache, snapshot({ preApplications: [makePreApplication()] }));
    const applying = applyPull(cache, snapshot({ preApplications: [makePreApplication(), makePreApplication()] }, 'v2'));
    const seen = await applications();
    await applying;
    // Queued behind the pull: sees all of it, never the emptied tables in between.
    expect(seen).toHaveLength(2);
  });
});
