import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type PatchOp } from '../../shared/api/http';
import { SyncPullResponse } from '../../shared/sync/protocol';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { Employer, Fair, type User } from '../db/entities';
import { ScopeService } from '../domain/scopeService';
import { ServerError } from '../errors';
import { recordDeletion } from './tombstones';
import { assertSupportedSchema, PullService, type PullInput } from './pullService';
import { openTestWorld, type TestWorld } from './testWorld';

const SEED_NOW = Date.UTC(2026, 8, 10, 3, 0);
const SECRET = 'pull-service-test-secret-0123456789abcdef';

type Put = Extract<PatchOp, { op: 'put' }>;
const puts = <E extends Put['entity']>(patch: PatchOp[], entity: E) =>
  patch.flatMap((op) => (op.op === 'put' && op.entity === entity ? [op.value as Extract<Put, { entity: E }>['value']] : []));
const dels = (patch: PatchOp[]) => patch.flatMap((op) => (op.op === 'del' ? [`${op.entity}:${op.id}`] : []));

describe.each(databaseKindsUnderTest())('pull service on %s', (kind) => {
  let w: TestWorld;
  let service: PullService;
  const input = (over: Partial<PullInput> = {}): PullInput => ({
    clientId: crypto.randomUUID(), cookie: null, snapshotCursor: null, resultsAfter: 0, ...over,
  });
  const pull = async (user: User, over: Partial<PullInput> = {}) => SyncPullResponse.parse(await service.pull(user, input(over)));
  /** Follows a paged snapshot to its end. */
  const pullAll = async (user: User, over: Partial<PullInput> = {}) => {
    const clientId = over.clientId ?? crypto.randomUUID();
    let page = await pull(user, { ...over, clientId });
    const patch = [...page.patch];
    let pages = 1;
    while (page.more) {
      page = await pull(user, { clientId, cookie: null, snapshotCursor: page.snapshotCursor });
      patch.push(...page.patch);
      pages++;
    }
    return { ...page, patch, pages };
  };
  const error = async (work: Promise<unknown>) => {
    const e = await work.then(() => undefined, (err: unknown) => err);
    expect(e).toBeInstanceOf(ServerError);
    return e as ServerError;
  };

  beforeAll(async () => {
    w = await openTestWorld(kind, SEED_NOW);
    service = new PullService(w.tx, { secret: SECRET, pageSize: 3 });
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('gives a moderator its own centre, fairs, queue and the companies in it — in pages of one snapshot', async () => {
    const moderator = await w.user('moderator@fairdesk.demo');
    const result = await pullAll(moderator);
    expect(result.pages).toBeGreaterThan(2);
    expect(result).toMatchObject({ cookie: '1.0', lastMutationId: 0, reset: true, more: false, snapshotCursor: null });
    expect(puts(result.patch, 'centre').map((c) => c.id)).toEqual([moderator.centreId]);
    expect(puts(result.patch, 'fair').every((f) => f.centreId === moderator.centreId)).toBe(true);
    const apps = puts(result.patch, 'preApplication');
    expect(apps).toHaveLength(5);
    // Participation: both drafts and sent infos of the centre, only the stands they show, only their vacancies.
    const infos = puts(result.patch, 'participation');
    expect(infos.map((p) => [p.companyName, p.status]).sort()).toEqual([['KazLogistics Retail LLP', 'draft'], ['Steppe Foods JSC', 'sent']]);
    expect(puts(result.patch, 'stand').map((s) => s.id)).toEqual(infos.flatMap((p) => (p.standId ? [p.standId] : [])));
    const vacancies = puts(result.patch, 'vacancy');
    expect(vacancies).toHaveLength(2);
    expect(vacancies.every((v) => infos.some((p) => p.id === v.participationId))).toBe(true);
    expect(apps.every((a) => a.centreId === moderator.centreId)).toBe(true);
    expect(puts(result.patch, 'company').map((c) => c.legalName).sort()).toEqual(['KazLogistics LLP', 'KazLogistics Retail LLP', 'Steppe Foods JSC']);
    const ids = result.patch.map((op) => (op.op === 'put' ? op.value.id : op.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps another centre’s moderator out, and employers to their own companies and applications', async () => {
    const almaty = await w.user('moderator@fairdesk.demo');
    const astana = await pullAll(await w.user('moderator.astana@fairdesk.demo'));
    expect(JSON.stringify(astana.patch)).not.toContain(almaty.centreId);
    expect(puts(astana.patch, 'preApplication')).toHaveLength(1);
    expect([puts(astana.patch, 'stand'), puts(astana.patch, 'vacancy'), puts(astana.patch, 'participation')].map((l) => l.length)).toEqual([0, 0, 0]);
    const steppe = await w.t.db.getRepository(Employer).findOneByOrFail({ name: 'Steppe Foods' });
    for (const email of ['admin@kazlogistics.demo', 'manager1@kazlogistics.demo']) {
      const result = await pullAll(await w.user(email));
      const entities = ['centre', 'fair', 'company', 'preApplication', 'stand', 'vacancy', 'participation'] as const;
      expect(entities.map((e) => puts(result.patch, e).length)).toEqual([2, 2, 2, 4, 1, 2, 1]);
      expect(JSON.stringify(result.patch)).not.toContain(steppe.id);
    }
  });

  it('sends only what changed since the cookie, with the companies new applications bring, and deletes', async () => {
    const moderator = await w.user('moderator.astana@fairdesk.demo');
    const first = await pullAll(moderator);
    expect((await pull(moderator, { cookie: first.cookie })).patch).toEqual([]);

    // Steppe Foods applies to Astana for the first time: the moderator needs its company too.
    const astanaFair = await w.fair('Astana');
    w.clock.now = SEED_NOW + 1000;
    const args = w.application(await w.company('Steppe Foods JSC'), { fairId: astanaFair.id });
    expect(await w.run(async ({ applications }) => applications.createPreApplication(await w.user('admin@steppefoods.demo'), args))).toBe('applied');
    const next = await pull(moderator, { cookie: first.cookie });
    expect(next.reset).toBe(false);
    expect(next.patch.map((op) => `${op.op}:${op.entity}`)).toEqual(['put:company', 'put:preApplication']);
    expect(puts(next.patch, 'company').map((c) => c.legalName)).toEqual(['Steppe Foods JSC']);
    expect(Number(next.cookie.split('.')[0])).toBeGreaterThan(Number(first.cookie.split('.')[0]));

    // A fair deleted (with its tombstone) reaches its centre and employers, not other centres.
    const doomed = await w.t.db.getRepository(Fair).save({ ...astanaFair, id: crypto.randomUUID(), title: 'Doomed', version: 0 });
    await w.tx.write(async (ctx) => {
      await ctx.manager.delete(Fair, { id: doomed.id });
      await recordDeletion(ctx, 'fair', doomed.id, { centreId: doomed.centreId, employerId: null });
    });
    expect(dels((await pull(moderator, { cookie: next.cookie })).patch)).toEqual([`fair:${doomed.id}`]);
    const almaty = await pullAll(await w.user('moderator@fairdesk.demo'));
    expect(dels((await pull(await w.user('moderator@fairdesk.demo'), { cookie: '1.0' })).patch)).toEqual([]);
    expect(almaty.patch.some((op) => op.op === 'del')).toBe(false);
    const employer = await w.user('admin@kazlogistics.demo');
    expect(dels((await pull(employer, { cookie: next.cookie })).patch)).toEqual([`fair:${doomed.id}`]);
  });

  it('answers a scope change with a reset that holds only the new scope', async () => {
    const user = await w.user('moderator.astana@fairdesk.demo');
    const before = await pullAll(user);
    await new ScopeService(w.tx).moveModerator(user.id, (await w.centre('Almaty')).id);
    const moved = await w.user('moderator.astana@fairdesk.demo');
    const after = await pullAll(moved, { cookie: before.cookie });
    expect(after.reset).toBe(true);
    expect(after.cookie.endsWith('.1')).toBe(true);
    expect(puts(after.patch, 'centre').map((c) => c.region)).toEqual(['Almaty']);
    expect(puts(after.patch, 'preApplication').every((p) => p.centreId === moved.centreId)).toBe(true);
    expect((await pull(moved, { cookie: after.cookie })).reset).toBe(false);
    await new ScopeService(w.tx).moveModerator(user.id, (await w.centre('Astana')).id);
  });

  it('refuses malformed and future cookies and tampered or foreign cursors with 400', async () => {
    const moderator = await w.user('moderator@fairdesk.demo');
    for (const cookie of ['', 'abc', '1', '1.2.3', '-1.0', '01.0', '1.0 ', '99999999999999999.0']) {
      const e = await error(service.pull(moderator, input({ cookie })));
      expect([e.status, e.code], cookie).toEqual([400, 'bad_request']);
    }
    expect((await error(service.pull(moderator, input({ cookie: '999999.0' })))).message).toMatch(/from the future/);

    const clientId = crypto.randomUUID();
    const page = await pull(moderator, { clientId });
    const cursor = page.snapshotCursor ?? '';
    const [payload, mac] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), v: 99 })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${payload}.${'A'.repeat(mac?.length ?? 43)}`, 'garbage', `${payload}`]) {
      const e = await error(service.pull(moderator, input({ clientId, snapshotCursor: bad })));
      expect([e.status, e.message]).toEqual([400, expect.stringMatching(/snapshot cursor is not valid/)]);
    }
    // Someone else's cursor, or the same user's with another client id.
    expect((await error(service.pull(await w.user('moderator.astana@fairdesk.demo'), input({ clientId, snapshotCursor: cursor })))).status).toBe(400);
    expect((await error(service.pull(moderator, input({ snapshotCursor: cursor })))).status).toBe(400);
    expect((await error(service.pull(moderator, input({ clientId, cookie: '1.0', snapshotCursor: cursor })))).status).toBe(400);
    // The genuine cursor still works.
    expect((await pull(moderator, { clientId, snapshotCursor: cursor })).reset).toBe(true);
  });

  it('refuses schema versions it does not speak', () => {
    expect(() => assertSupportedSchema(SCHEMA_VERSION)).not.toThrow();
    for (const v of [0, SCHEMA_VERSION + 1]) {
      const e = (() => { try { assertSupportedSchema(v); } catch (err) { return err; } return undefined; })();
      expect(e).toBeInstanceOf(ServerError);
      expect((e as ServerError).code).toBe('upgrade_required');
    }
  });
});
