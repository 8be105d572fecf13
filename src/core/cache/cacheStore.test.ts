import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/api/http';
import type { PreApplicationDto } from '../../shared/domain/records';
import {
  makeCentre,
  makeCompany,
  makeFair,
  makePreApplication,
  makeSession,
  makeUser,
  snapshot,
} from '../testing/fixtures';
import { CacheStore } from './cacheStore';
import { IN_MEMORY } from './openCache';

describe('CacheStore', () => {
  let cache: CacheStore;
  beforeEach(async () => {
    cache = await CacheStore.open(IN_MEMORY);
  });
  afterEach(async () => {
    await cache.close();
  });

  it('creates the client id once and keeps it across sign-outs', async () => {
    const id = await cache.clientId();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await cache.forget();
    expect(await cache.clientId()).toBe(id);
  });

  it('round-trips every scope record through a snapshot exactly', async () => {
    const centre = makeCentre();
    const company = makeCompany({ verified: false });
    const fair = makeFair();
    const application = makePreApplication({ way: 2, fairId: fair.id, fairTitle: fair.title, wantsVideoInterviews: true });
    expect(await cache.applyPull(snapshot({ centres: [centre], companies: [company], fairs: [fair], preApplications: [application] }), 42)).toBe(true);

    expect(await cache.listFairs()).toEqual([fair]);
    expect(await cache.listPreApplications()).toEqual([application]);
    expect(await cache.pullState()).toEqual({ cookie: 'v1', lastSyncedAt: 42 });
  });

  it('a reset replaces the scope wholesale; an incremental patch puts and deletes rows', async () => {
    const kept = makePreApplication({ number: '1' });
    const dropped = makePreApplication({ number: '2' });
    await cache.applyPull(snapshot({ preApplications: [kept, dropped] }), 1);
    const fresh = makePreApplication({ number: '3' });
    await cache.applyPull(snapshot({ preApplications: [kept, fresh] }, 'v2'), 2);
    expect((await cache.listPreApplications()).map((p) => p.number).sort()).toEqual(['1', '3']);

    const changed = { ...kept, status: 'approved' as const };
    await cache.applyPull(
      {
        cookie: 'v3',
        lastMutationId: 0,
        reset: false,
        patch: [
          { op: 'put', entity: 'preApplication', value: changed },
          { op: 'del', entity: 'preApplication', id: fresh.id },
          // A later op for the same row wins over an earlier one.
          { op: 'put', entity: 'preApplication', value: dropped },
          { op: 'del', entity: 'preApplication', id: dropped.id },
        ],
      },
      3,
    );
    expect(await cache.listPreApplications()).toEqual([changed]);
  });

  it('a failing patch leaves the previous cache and cookie intact', async () => {
    const before = [makePreApplication({ number: 'A' }), makePreApplication({ number: 'B' })];
    await cache.applyPull(snapshot({ preApplications: before }, 'good'), 10);
    const listBefore = await cache.listPreApplications();

    // The reset deletes everything first; the second row then violates NOT NULL mid-transaction.
    const broken = { ...makePreApplication({ number: 'C' }), companyName: undefined } as unknown as PreApplicationDto;
    const bad: PullResponse = {
      cookie: 'bad',
      lastMutationId: 0,
      reset: true,
      patch: [
        { op: 'put', entity: 'preApplication', value: makePreApplication({ number: 'D' }) },
        { op: 'put', entity: 'preApplication', value: broken },
      ],
    };
    await expect(cache.applyPull(bad, 11)).rejects.toThrow(/NOT NULL constraint failed/);

    expect(await cache.listPreApplications()).toEqual(listBefore);
    expect(await cache.pullState()).toEqual({ cookie: 'good', lastSyncedAt: 10 });
  });

  it('skips a pull that is no longer wanted (signed out while it was in flight)', async () => {
    expect(await cache.applyPull(snapshot({ fairs: [makeFair()] }), 1, () => false)).toBe(false);
    expect(await cache.listFairs()).toEqual([]);
    expect(await cache.pullState()).toEqual({ cookie: null, lastSyncedAt: null });
  });

  it('writes large scopes in several statements', async () => {
    const many = Array.from({ length: 1234 }, (_, i) => makePreApplication({ number: `N-${i}`, createdAt: i }));
    await cache.applyPull(snapshot({ preApplications: many }), 1);
    const listed = await cache.listPreApplications();
    expect(listed).toHaveLength(1234);
    expect(listed[0]?.number).toBe('N-1233');
  });

  it('lists pre-applications newest first, filtered by status and by case-insensitive search', async () => {
    const old = makePreApplication({ number: '20300101-1', createdAt: 1, companyName: 'ТОО «Алтын Дала»', professions: ['Агроном'] });
    const mid = makePreApplication({ number: '20300102-1', createdAt: 2, companyName: 'Kaspi Logistics', professions: ['Driver'], status: 'approved' });
    const recent = makePreApplication({ number: '20300103-7', createdAt: 3, companyName: 'Steppe Foods', professions: ['Cook'] });
    await cache.applyPull(snapshot({ preApplications: [old, mid, recent] }), 1);

    const numbers = async (filter?: Parameters<CacheStore['listPreApplications']>[0]) =>
      (await cache.listPreApplications(filter)).map((p) => p.number);
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
    await cache.applyPull(snapshot({ fairs: [late, early] }), 1);
    expect((await cache.listFairs()).map((f) => f.title)).toEqual(['Winter', 'Summer']);
  });

  it('keeps data for the same account, drops it for another user or server', async () => {
    const session = makeSession();
    expect(await cache.signIn(session, 1)).toEqual({ clearedPreviousData: true });
    await cache.applyPull(snapshot({ fairs: [makeFair()] }), 1);

    expect(await cache.signIn({ ...session, expiresAt: session.expiresAt + 1 }, 2)).toEqual({ clearedPreviousData: false });
    expect(await cache.listFairs()).toHaveLength(1);
    expect(await cache.session()).toEqual({ ...session, expiresAt: session.expiresAt + 1 });

    expect(await cache.signIn({ ...session, serverUrl: 'http://other:4400' }, 3)).toEqual({ clearedPreviousData: true });
    expect(await cache.listFairs()).toEqual([]);
    expect(await cache.pullState()).toEqual({ cookie: null, lastSyncedAt: null });

    await cache.applyPull(snapshot({ fairs: [makeFair()] }), 4);
    await cache.signIn({ ...session, serverUrl: 'http://other:4400', user: makeUser() }, 5);
    expect(await cache.listFairs()).toEqual([]);
    expect(await cache.lastServerUrl()).toBe('http://other:4400');
  });

  it('forget() drops the session and the scope but remembers the last server', async () => {
    await cache.signIn(makeSession(), 1);
    await cache.applyPull(snapshot({ fairs: [makeFair()] }), 1);
    await cache.forget();
    expect(await cache.session()).toBeNull();
    expect(await cache.listFairs()).toEqual([]);
    expect(await cache.lastServerUrl()).toBe('http://127.0.0.1:4400');
  });

  it('readers never observe a half-applied pull', async () => {
    await cache.applyPull(snapshot({ preApplications: [makePreApplication()] }), 1);
    const applying = cache.applyPull(snapshot({ preApplications: [makePreApplication(), makePreApplication()] }, 'v2'), 2);
    const seen = await cache.listPreApplications();
    await applying;
    // Queued behind the pull: sees all of it, never the emptied tables in between.
    expect(seen).toHaveLength(2);
  });
});
