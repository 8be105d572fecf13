import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreApplicationDto } from '../../../shared/domain/records';
import type { MutationResult } from '../../../shared/sync/mutations';
import { type CacheStore } from '../../cache/cacheStore';
import { listPreApplications, listRejections, syncCounts } from '../../cache/localRecords';
import { RpcError } from '../../rpc/handlerTable';
import { applyPull, stepContext } from '../../testing/applyPull';
import { changeHarness, type ChangeHarness } from '../../testing/changeHarness';
import { FakeSyncWorld } from '../../testing/fakeSyncWorld';
import { makeCentre, makePreApplication, makeUser, seedWorld, snapshot } from '../../testing/fixtures';
import { worldClient } from '../../testing/worldClient';
import type { StepContext } from './context';
import { pullAndRebase } from './pull';
import { pushOutbox } from './push';

const moderator = makeUser({ role: 'moderator', displayName: 'Aigerim' });
const fairId = '00000000-0000-4000-8000-00000000f001';
const apps = Array.from({ length: 25 }, (_, i) =>
  // Way 2: approving needs no fair choice.
  makePreApplication({ number: `20300101-${i + 1}`, companyName: `Company ${i + 1}`, createdAt: i + 1, way: 2, fairId: fairId, fairTitle: 'Spring' }),
);
const [appA, appB] = apps as [PreApplicationDto, PreApplicationDto];

function rejection(mutationId: number, recordId: string): MutationResult {
  return { mutationId, status: 'rejected', code: 'state_changed', message: 'Another moderator rejected it first.', recordId, decidedAt: 50 };
}

describe('sync steps', () => {
  let h: ChangeHarness;
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-steps-'));
  });
  afterEach(async () => {
    await h.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const numbersAndStatus = async (cache: CacheStore) =>
    (await cache.read((m) => listPreApplications(m))).map((p) => `${p.number}:${p.status}:${p.sync.state}`);

  describe('rebase', () => {
    it('rolls back a rejected change, replays the later one, and stores the rejection exactly once', async () => {
      h = await changeHarness(moderator);
      await h.serverSays({ preApplications: [appA, appB] });
      await h.changes.decidePreApplication({ id: appA.id, decision: 'approve', reason: null, fairId: null });
      await h.changes.decidePreApplication({ id: appB.id, decision: 'reject', reason: 'No salary', fairId: null });

      // The server consumed #1 (rejected: someone else decided first); #2 has not arrived yet.
      const decidedElsewhere = { ...appA, status: 'rejected' as const, rejectionReason: 'Late', decidedByName: 'Nurlan', version: 9 };
      const response = { ...snapshot({}, 'v2'), reset: false, lastMutationId: 1, results: [rejection(1, appA.id)], patch: [{ op: 'put' as const, entity: 'preApplication' as const, value: decidedElsewhere }] };
      const first = await applyPull(h.cache, response, { actor: moderator });
      expect(first?.newRejections).toEqual([
        expect.objectContaining({ mutationId: 1, mutationName: 'decidePreApplication', recordLabel: '20300101-1 Company 1' }),
      ]);
      expect(first).toMatchObject({ pending: 1, rejections: 1 });
      const listed = await h.cache.read((m) => listPreApplications(m));
      expect(listed.find((p) => p.id === appA.id)).toMatchObject({ status: 'rejected', decidedByName: 'Nurlan', sync: { state: 'rejected' } });
      expect(listed.find((p) => p.id === appB.id)).toMatchObject({ status: 'rejected', rejectionReason: 'No salary', sync: { state: 'pending' } });

      // A server repeating the result (resultsAfter lost, a retried pull) never stores or announces it twice.
      const again = await applyPull(h.cache, { ...response, patch: [] }, { actor: moderator });
      expect(again?.newRejections).toEqual([]);
      expect(await h.cache.read(listRejections)).toHaveLength(1);
      expect((await h.outbox()).map((e) => e.mutationId)).toEqual([2]);
    });

    it('a reset keeps the outbox and replays it on the new scope', async () => {
      h = await changeHarness(moderator);
      await h.serverSays({ preApplications: [appA, appB] });
      await h.changes.decidePreApplication({ id: appA.id, decision: 'approve', reason: null, fairId: null });
      await applyPull(h.cache, snapshot({ preApplications: [appA] }, 'v9'), { actor: moderator });
      expect(await numbersAndStatus(h.cache)).toEqual(['20300101-1:approved:pending']);
      expect(await h.cache.read(syncCounts)).toEqual({ pending: 1, rejections: 0 });
    });

    it('a failure mid-transaction leaves the old state: optimistic effects, outbox and cookie intact', async () => {
      h = await changeHarness(moderator);
      await h.serverSays({ preApplications: [appA, appB] });
      await h.changes.decidePreApplication({ id: appA.id, decision: 'approve', reason: null, fairId: null });
      const before = await numbersAndStatus(h.cache);
      const cookie = await h.cache.pullState();
      const broken = { ...appB, companyName: undefined } as unknown as PreApplicationDto;
      const bad = { ...snapshot({}, 'v-bad'), reset: false, lastMutationId: 1, results: [rejection(1, appA.id)], patch: [{ op: 'put' as const, entity: 'preApplication' as const, value: broken }] };
      await expect(applyPull(h.cache, bad, { actor: moderator })).rejects.toThrow(/NOT NULL/);
      expect(await numbersAndStatus(h.cache)).toEqual(before);
      expect(await h.cache.pullState()).toEqual(cookie);
      expect(await h.outbox()).toHaveLength(1);
      expect(await h.cache.read(listRejections)).toEqual([]);
    });
  });

  describe('paged initial snapshot', () => {
    let world: FakeSyncWorld;
    beforeEach(() => {
      world = new FakeSyncWorld();
      world.pageSize = 10;
      seedWorld(world, { centres: [makeCentre()], preApplications: apps });
    });
    const ctxFor = (cache: CacheStore, beforePull?: (n: number) => void): StepContext =>
      stepContext(cache, { actor: moderator, server: worldClient(world, moderator, { beforePull }) });

    it('pages through `more` into staging and swaps all pages in at once', async () => {
      h = await changeHarness(moderator, { dataDir: dir });
      const outcome = await pullAndRebase(ctxFor(h.cache));
      expect(outcome?.entities.sort()).toEqual(['centre', 'company', 'fair', 'interest', 'participation', 'preApplication', 'response', 'stand', 'vacancy']);
      expect(await h.cache.read((m) => listPreApplications(m))).toHaveLength(25);
      expect((await h.cache.pullState()).cookie).toBe(String(world.version));
      const tables: Array<{ name: string }> = await h.cache.read((m) => m.query(`SELECT name FROM sqlite_master WHERE name LIKE 'staging_%'`));
      expect(tables).toEqual([]);
    });

    it('the swap keeps the live tables\' definitions and indexes', async () => {
      h = await changeHarness(moderator, { dataDir: dir });
      const schema = (): Promise<Array<{ type: string; name: string; tbl_name: string; sql: string | null }>> =>
        h.cache.read((m) => m.query(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`));
      const before = await schema();
      await pullAndRebase(ctxFor(h.cache));
      expect(await schema()).toEqual(before);
      expect(before.filter((row) => row.type === 'index').map((row) => row.name)).toContain('idx_pre_applications_status');
      expect(await h.cache.read((m) => m.query('PRAGMA integrity_check'))).toEqual([{ integrity_check: 'ok' }]);
    });

    it('a connection lost on page 3 leaves the old cache and the outbox; the next sync completes', async () => {
      h = await changeHarness(moderator, { dataDir: dir });
      await h.serverSays({ preApplications: [appA] });
      await h.changes.decidePreApplication({ id: appA.id, decision: 'reject', reason: 'Offline', fairId: null });
      const before = await numbersAndStatus(h.cache);
      await h.cache.write((m) => m.query(`DELETE FROM meta WHERE key = 'pullCookie'`));

      const cut = (n: number): void => {
        if (n === 3) throw new RpcError('server_unreachable', 'cut');
      };
      await expect(pullAndRebase(ctxFor(h.cache, cut))).rejects.toThrow('cut');
      expect(await numbersAndStatus(h.cache)).toEqual(before);

      // Closed abruptly between pages and reopened: still the old cache, outbox intact.
      await h.close();
      h = await changeHarness(moderator, { dataDir: dir });
      expect(await numbersAndStatus(h.cache)).toEqual(before);
      expect(await h.outbox()).toHaveLength(1);

      const ctx = ctxFor(h.cache);
      await pushOutbox(ctx);
      await pullAndRebase(ctx);
      const after = await h.cache.read((m) => listPreApplications(m));
      expect(after).toHaveLength(25);
      expect(after.find((p) => p.id === appA.id)).toMatchObject({ status: 'rejected', rejectionReason: 'Offline', sync: { state: 'synced' } });
      expect(await h.outbox()).toEqual([]);
    });
  });

  describe('crash safety between steps (cache file closed and reopened)', () => {
    it('after a local change, after the push, after the pull: old or new state, outbox intact until consumed', async () => {
      const world = new FakeSyncWorld();
      seedWorld(world, { preApplications: [appA, appB] });
      const reopen = async (): Promise<StepContext> => {
        await h.close();
        h = await changeHarness(moderator, { dataDir: dir });
        return stepContext(h.cache, { actor: moderator, server: worldClient(world, moderator) });
      };
      h = await changeHarness(moderator, { dataDir: dir });
      let ctx = await reopen();
      await pullAndRebase(ctx);

      await h.changes.decidePreApplication({ id: appA.id, decision: 'approve', reason: null, fairId: null });
      await h.changes.decidePreApplication({ id: appB.id, decision: 'reject', reason: 'Closed', fairId: null });
      ctx = await reopen();
      expect(await numbersAndStatus(h.cache)).toEqual(['20300101-2:rejected:pending', '20300101-1:approved:pending']);
      expect((await h.outbox()).map((e) => e.mutationId)).toEqual([1, 2]);

      await pushOutbox(ctx);
      ctx = await reopen();
      // Pushed but not yet pulled: the entries stay until a pull shows them consumed.
      expect((await h.outbox()).map((e) => e.mutationId)).toEqual([1, 2]);
      await pushOutbox(ctx); // re-sent after the "crash": the server skips them
      expect(world.consumed).toHaveLength(2);

      await pullAndRebase(ctx);
      ctx = await reopen();
      expect(await numbersAndStatus(h.cache)).toEqual(['20300101-2:rejected:synced', '20300101-1:approved:synced']);
      expect(await h.outbox()).toEqual([]);
      // Ids keep growing after the outbox emptied.
      await h.changes.decidePreApplication({ id: apps[0]?.id ?? '', decision: 'reject', reason: 'x', fairId: null }).catch(() => undefined);
      const created = await h.cache.read((m) => m.query(`SELECT value FROM meta WHERE key = 'nextMutationId'`));
      expect(created).toEqual([{ value: '3' }]);
    });
  });
});
