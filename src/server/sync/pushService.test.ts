import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/sync/mutations';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { MutationResultRow, PreApplication, SyncClient } from '../db/entities';
import { ServerError } from '../errors';
import { createLogger } from '../logger';
import { PullService } from './pullService';
import { PushService } from './pushService';
import { openTestWorld, type TestWorld } from './testWorld';

const SEED_NOW = Date.UTC(2026, 8, 10, 3, 0);

describe.each(databaseKindsUnderTest())('push service on %s', (kind) => {
  let w: TestWorld;
  let push: PushService;
  let pull: PullService;
  const poked: string[][] = [];
  const withdraw = (id: number, appId: string): Mutation => ({ id, name: 'withdrawPreApplication', args: { id: appId }, createdAt: 1 });
  const decide = (id: number, appId: string, decision: 'approve' | 'reject'): Mutation => ({
    id, name: 'decidePreApplication', createdAt: 1,
    args: { id: appId, decision, reason: decision === 'reject' ? 'Not this time' : null, fairId: null, expectedStatus: 'under_review' },
  });
  const newApp = async (): Promise<string> => {
    const args = w.application(await w.company('KazLogistics LLP'), { fairId: (await w.fair('Almaty')).id });
    expect(await w.run(async ({ applications }) => applications.createPreApplication(await w.user('admin@kazlogistics.demo'), args))).toBe('applied');
    return args.id;
  };
  const rowCounts = async () => ({
    results: await w.t.db.getRepository(MutationResultRow).count(),
    clients: await w.t.db.getRepository(SyncClient).count(),
  });

  beforeAll(async () => {
    w = await openTestWorld(kind, SEED_NOW);
    push = new PushService(w.tx, createLogger('silent'), (rooms) => poked.push(rooms));
    pull = new PullService(w.tx, { secret: 'push-service-test-secret-0123456789abcdef' });
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('applies in order, and a replay of the same push — any number of times — changes nothing more', async () => {
    const admin = await w.user('admin@kazlogistics.demo');
    const [a, b] = [await newApp(), await newApp()];
    const clientId = crypto.randomUUID();
    const body = { clientId, schemaVersion: 1, mutations: [withdraw(1, a), withdraw(2, b)] };
    expect(await push.push(admin, body)).toEqual({ lastMutationId: 2, results: [] });
    const after = { a: await w.app(a), counts: await rowCounts() };
    expect(after.a.status).toBe('withdrawn');
    for (let i = 0; i < 3; i++) expect(await push.push(admin, body)).toEqual({ lastMutationId: 2, results: [] });
    expect(await w.app(a)).toEqual(after.a);
    expect(await rowCounts()).toEqual(after.counts);
    expect(poked.at(-1)).toEqual(expect.arrayContaining([`centre:${after.a.centreId}`, `employer:${admin.employerId}`]));
  });

  it('stops at a gap and consumes a rejected id; the rejection also arrives through pull', async () => {
    const admin = await w.user('admin@kazlogistics.demo');
    const app = await newApp();
    const clientId = crypto.randomUUID();
    // Id 3 without 2: nothing at all is written, not even the client's row.
    const before = await rowCounts();
    expect(await push.push(admin, { clientId, schemaVersion: 1, mutations: [withdraw(3, app)] })).toEqual({ lastMutationId: 0, results: [] });
    expect(await rowCounts()).toEqual(before);

    const foreign = crypto.randomUUID();
    const result = await push.push(admin, {
      clientId, schemaVersion: 1,
      mutations: [withdraw(1, foreign), { id: 2, name: 'withdrawPreApplication', args: { id: 'not-a-uuid' }, createdAt: 1 }, withdraw(3, app), withdraw(5, app)],
    });
    expect(result.lastMutationId).toBe(3);
    expect(result.results.map((r) => [r.mutationId, r.code, r.recordId])).toEqual([[1, 'not_found', foreign], [2, 'invalid', null]]);
    expect((await w.app(app)).status).toBe('withdrawn');
    const pulled = await pull.pull(admin, { clientId, cookie: null, snapshotCursor: null, resultsAfter: 1 });
    expect(pulled.lastMutationId).toBe(3);
    expect(pulled.results.map((r) => r.mutationId)).toEqual([2]);
  });

  it('binds a client id to its first user: another user gets 403 and nothing is written', async () => {
    const clientId = crypto.randomUUID();
    const app = await newApp();
    await push.push(await w.user('admin@kazlogistics.demo'), { clientId, schemaVersion: 1, mutations: [withdraw(1, crypto.randomUUID())] });
    const before = { counts: await rowCounts(), app: await w.app(app) };
    for (const email of ['manager1@kazlogistics.demo', 'moderator@fairdesk.demo']) {
      const e = await push.push(await w.user(email), { clientId, schemaVersion: 1, mutations: [withdraw(2, app)] }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(ServerError);
      expect([(e as ServerError).status, (e as ServerError).code]).toEqual([403, 'forbidden']);
      const p = await pull.pull(await w.user(email), { clientId, cookie: null, snapshotCursor: null, resultsAfter: 0 }).catch((err: unknown) => err);
      expect((p as ServerError).status).toBe(403);
    }
    expect({ counts: await rowCounts(), app: await w.app(app) }).toEqual(before);
  });

  it('refuses ids that do not strictly increase', async () => {
    const admin = await w.user('admin@kazlogistics.demo');
    for (const ids of [[1, 1], [2, 1]]) {
      const e = await push
        .push(admin, { clientId: crypto.randomUUID(), schemaVersion: 1, mutations: ids.map((id) => withdraw(id, crypto.randomUUID())) })
        .catch((err: unknown) => err);
      expect((e as ServerError).status).toBe(400);
    }
  });

  it('lets exactly one of two moderators deciding the same application at once win', async () => {
    const almaty = await w.centre('Almaty');
    const moderator = await w.user('moderator@fairdesk.demo');
    const colleague = { ...moderator, id: crypto.randomUUID(), email: `colleague.${crypto.randomUUID()}@fairdesk.demo`, displayName: 'Nurlan Abenov', centreId: almaty.id };
    await w.t.db.getRepository('User').insert(colleague);
    for (let round = 0; round < 5; round++) {
      const app = await newApp();
      const [first, second] = await Promise.all([
        push.push(moderator, { clientId: crypto.randomUUID(), schemaVersion: 1, mutations: [decide(1, app, 'approve')] }),
        push.push(colleague, { clientId: crypto.randomUUID(), schemaVersion: 1, mutations: [decide(1, app, 'reject')] }),
      ]);
      const rejected = [...first.results, ...second.results];
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.code).toBe('state_changed');
      const final = await w.t.db.getRepository(PreApplication).findOneByOrFail({ id: app });
      expect(final.status).toBe(first.results.length === 0 ? 'approved' : 'rejected');
      expect(rejected[0]?.message).toMatch(/^Another moderator \((Aigerim Sadykova|Nurlan Abenov)\) (approved|rejected) it first at \d\d:\d\d \(Almaty time\)\.$/);
    }
  });
});
