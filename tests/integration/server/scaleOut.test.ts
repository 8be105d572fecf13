import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempPgDatabase, startServer, type RunningServer } from '../support/serverProcess';
import { connectPokes, loginAs, mutation, newClientId, pull, pullAll, push, putsOf } from '../support/syncClient';

/**
 * Two server processes on one PostgreSQL database with Redis fan-out: a change pushed to A pokes
 * the sockets connected to B, and B then serves the same patch as A.
 */
const ready = Boolean(process.env['DATABASE_URL'] && process.env['REDIS_URL']);
if (!ready) console.log('scale-out (2 servers, PostgreSQL + Redis): skipped — set DATABASE_URL and REDIS_URL to run it');

describe.runIf(ready)('two server processes on PostgreSQL + Redis', () => {
  let temp: Awaited<ReturnType<typeof createTempPgDatabase>>;
  let a: RunningServer;
  let b: RunningServer;
  const sockets: Array<{ close(): void }> = [];

  beforeAll(async () => {
    temp = await createTempPgDatabase();
    // Rooms are named by random ids of this run's seed, so other runs sharing the Redis never poke these sockets.
    const env = { REDIS_URL: process.env['REDIS_URL'] };
    a = await startServer({ databaseUrl: temp.url, seed: true, env });
    b = await startServer({ databaseUrl: temp.url, seed: false, env });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    if (a) await a.stop();
    if (b) await b.stop();
    await temp?.drop();
  });

  it('a push to A pokes a socket on B; B and A then serve the same patch', async () => {
    const moderatorOnB = await loginAs(b.url, 'moderator@fairdesk.demo');
    const employerOnA = await loginAs(a.url, 'admin@kazlogistics.demo');
    const moderatorClient = newClientId();
    const before = await pullAll(b.url, moderatorOnB.token, { clientId: moderatorClient, cookie: null });
    const pokes = await connectPokes(b.url, moderatorOnB.token);
    sockets.push(pokes.socket);
    const poked = pokes.nextPoke();

    const apps = putsOf(before.patch, 'preApplication').filter((p) => p.status === 'under_review' && p.employerId === employerOnA.user.employerId);
    const target = apps[0];
    expect(target).toBeDefined();
    const res = await push(a.url, employerOnA.token, { clientId: newClientId(), mutations: [mutation(1, 'withdrawPreApplication', { id: target?.id ?? '' })] });
    expect(res).toEqual({ lastMutationId: 1, results: [] });

    await poked;
    const fromB = await pull(b.url, moderatorOnB.token, { clientId: moderatorClient, cookie: before.cookie });
    const fromA = await pull(a.url, await loginAs(a.url, 'moderator@fairdesk.demo').then((s) => s.token), { clientId: newClientId(), cookie: before.cookie });
    expect(fromB.patch).toEqual(fromA.patch);
    expect(fromB.cookie).toBe(fromA.cookie);
    expect(putsOf(fromB.patch, 'preApplication').map((p) => [p.id, p.status])).toEqual([[target?.id, 'withdrawn']]);
  });
});
