import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareerCentre } from '../../../src/server/db/entities';
import { TransactionRunner } from '../../../src/server/db/transactions';
import { ScopeService } from '../../../src/server/domain/scopeService';
import { openDump } from '../support/dbDump';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { loginAs, mutation, newClientId, pull, pullAll, push, putsOf } from '../support/syncClient';

/** Push/pull over HTTP against a real server: replays, order, results through pull, scope changes. */
describe.each(serverDatabaseKinds())('sync protocol over HTTP (%s)', (kind) => {
  let env: ServerOnDatabase;
  let direct: Awaited<ReturnType<typeof openDump>>;

  beforeAll(async () => {
    env = await startServerOn(kind);
    direct = await openDump(env.target);
  });
  afterAll(async () => {
    await direct?.close();
    await env?.dispose();
  });

  it('replaying a push N times has the effect of once; a gap stops; a rejection consumes its id and comes back through pull', async () => {
    const url = env.server.url;
    const admin = await loginAs(url, 'admin@kazlogistics.demo');
    const clientId = newClientId();
    const first = await pullAll(url, admin.token, { clientId, cookie: null });
    const open = putsOf(first.patch, 'preApplication').filter((p) => p.status === 'under_review');
    const [a, b] = open;
    expect(b).toBeDefined();
    const ghost = crypto.randomUUID();
    const batch = {
      clientId,
      mutations: [mutation(1, 'withdrawPreApplication', { id: a?.id ?? '' }), mutation(2, 'withdrawPreApplication', { id: ghost }), mutation(4, 'withdrawPreApplication', { id: b?.id ?? '' })],
    };
    const once = await push(url, admin.token, batch);
    expect(once.lastMutationId).toBe(2);
    expect(once.results.map((r) => [r.mutationId, r.code, r.recordId])).toEqual([[2, 'not_found', ghost]]);
    const afterOnce = await direct.dump();
    for (let i = 0; i < 5; i++) expect(await push(url, admin.token, batch)).toEqual({ lastMutationId: 2, results: [] });
    expect(await direct.dump()).toEqual(afterOnce);

    const next = await pull(url, admin.token, { clientId, cookie: first.cookie });
    expect(next.lastMutationId).toBe(2);
    expect(next.results.map((r) => r.mutationId)).toEqual([2]);
    expect((await pull(url, admin.token, { clientId, cookie: first.cookie, resultsAfter: 2 })).results).toEqual([]);
    expect(putsOf(next.patch, 'preApplication').map((p) => [p.id, p.status])).toEqual([[a?.id, 'withdrawn']]);
    expect(Number(next.cookie.split('.')[0])).toBeGreaterThan(Number(first.cookie.split('.')[0]));
    // Id 3 fills the gap; 4 then applies too.
    const rest = await push(url, admin.token, { clientId, mutations: [mutation(3, 'withdrawPreApplication', { id: ghost }), ...batch.mutations.slice(2)] });
    expect(rest.lastMutationId).toBe(4);
  });

  it('a scope change (moderator moved to another centre) resets the cache to the new scope only', async () => {
    const url = env.server.url;
    const moderator = await loginAs(url, 'moderator.astana@fairdesk.demo');
    const clientId = newClientId();
    const before = await pullAll(url, moderator.token, { clientId, cookie: null });
    const oldCentre = moderator.user.centreId;
    const almaty = await direct.db.getRepository(CareerCentre).findOneByOrFail({ region: 'Almaty' });
    // The server's own ScopeService on a second connection (no UI for it yet; its poke only reaches sockets of that process).
    await new ScopeService(new TransactionRunner(direct.db)).moveModerator(moderator.user.id, almaty.id);
    const after = await pullAll(url, moderator.token, { clientId, cookie: before.cookie });
    expect(after.reset).toBe(true);
    expect(JSON.stringify(after.patch)).not.toContain(oldCentre ?? 'none');
    expect(putsOf(after.patch, 'preApplication').every((p) => p.centreId === almaty.id)).toBe(true);
    expect(putsOf(after.patch, 'centre').map((c) => c.id)).toEqual([almaty.id]);
  });
});
