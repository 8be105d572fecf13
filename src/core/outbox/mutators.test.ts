import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFair, LocalPreApplication, RecordSync } from '../../shared/contract/ipc';
import { findFair, findPreApplication, listPreApplications, syncCounts } from '../cache/localRecords';
import { RpcError } from '../rpc/handlerTable';
import { changeHarness, type ChangeHarness } from '../testing/changeHarness';
import { centreId, employerId, makeCentre, makeCompany, makeFair, makePreApplication, makeUser } from '../testing/fixtures';
import { rollbackOptimisticRows } from './optimisticRows';

const moderator = makeUser({ role: 'moderator', displayName: 'Aigerim Sadykova' });
const employer = makeUser({ role: 'employer_admin', centreId: null, employerId });
const otherCentre = '00000000-0000-4000-8000-0000000000c2';

const centre = makeCentre();
const company = makeCompany({ employerId, legalName: 'KazLogistics' });
const fair = makeFair({ title: 'Spring fair', startsOn: '2030-04-10', endsOn: '2030-04-10', version: 7 });
const foreignFair = makeFair({ centreId: otherCentre, title: 'Astana fair' });
const way1 = makePreApplication({ number: '20300101-1', companyId: company.id, companyName: 'KazLogistics', way: 1, version: 3 });
const way2 = makePreApplication({ number: '20300101-2', way: 2, fairId: fair.id, fairTitle: fair.title, desiredFrom: null, desiredTo: null });
const approved = makePreApplication({ number: '20300101-3', status: 'approved' });
const foreign = makePreApplication({ number: '20300101-4', centreId: otherCentre });
const scope = { centres: [centre], companies: [company], fairs: [fair, foreignFair], preApplications: [way1, way2, approved, foreign] };

const synced = { state: 'synced', rejection: null };
const pending: RecordSync = { state: 'pending', rejection: null };

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('mutators: optimistic effects, local checks, rollback', () => {
  let h: ChangeHarness;
  afterEach(async () => {
    await h.close();
  });

  const application = (id: string) => h.cache.read((m) => findPreApplication(m, id));
  const rollback = () => h.cache.write(rollbackOptimisticRows);

  describe('decidePreApplication (moderator)', () => {
    it('approves a way-1 application with a fair: shows it at once as pending, queued with the expected status', async () => {
      h = await changeHarness(moderator, { now: () => 5_000 });
      await h.serverSays(scope);
      const result = await h.changes.decidePreApplication({ id: way1.id, decision: 'approve', reason: 'ignored', fairId: fair.id });
      expect(result).toEqual<LocalPreApplication>({
        ...way1,
        status: 'approved',
        rejectionReason: null,
        fairId: fair.id,
        fairTitle: 'Spring fair',
        decidedBy: moderator.id,
        decidedByName: 'Aigerim Sadykova',
        decidedAt: 5_000,
        updatedAt: 5_000,
        statusChangedAt: 5_000,
        sync: pending,
      });
      expect(await h.outbox()).toEqual([
        {
          mutationId: 1,
          name: 'decidePreApplication',
          args: { id: way1.id, decision: 'approve', reason: null, fairId: fair.id, expectedStatus: 'under_review' },
          recordId: way1.id,
        },
      ]);
      expect(h.events).toEqual([{ event: 'cache.changed', payload: { entities: ['preApplication'] } }]);

      await rollback();
      expect(await application(way1.id)).toEqual({ ...way1, sync: pending });
    });

    it('rejects with a reason; the reason is required', async () => {
      h = await changeHarness(moderator);
      await h.serverSays(scope);
      expect(await refusal(h.changes.decidePreApplication({ id: way2.id, decision: 'reject', reason: null, fairId: null }))).toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(/reason/),
      });
      const rejected = await h.changes.decidePreApplication({ id: way2.id, decision: 'reject', reason: 'Salary missing', fairId: null });
      expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Salary missing', fairId: fair.id, sync: pending });
      await rollback();
      expect(await application(way2.id)).toMatchObject({ status: 'under_review', rejectionReason: null });
    });

    it('refuses without queueing: decided already, another centre, way 1 without a fair, an employer', async () => {
      h = await changeHarness(moderator);
      await h.serverSays(scope);
      expect(await refusal(h.changes.decidePreApplication({ id: approved.id, decision: 'approve', reason: null, fairId: fair.id }))).toEqual({
        code: 'conflict',
        message: 'This application is already approved; it can no longer be decided.',
      });
      expect((await refusal(h.changes.decidePreApplication({ id: foreign.id, decision: 'reject', reason: 'x', fairId: null }))).code).toBe('forbidden');
      expect((await refusal(h.changes.decidePreApplication({ id: way1.id, decision: 'approve', reason: null, fairId: null }))).code).toBe('bad_request');
      expect((await refusal(h.changes.decidePreApplication({ id: way1.id, decision: 'approve', reason: null, fairId: foreignFair.id }))).code).toBe('forbidden');
      expect((await refusal(h.changes.decidePreApplication({ id: randomUUID(), decision: 'reject', reason: 'x', fairId: null }))).code).toBe('not_found');
      expect(await h.outbox()).toEqual([]);
      expect(await application(way1.id)).toEqual({ ...way1, sync: synced });
      await h.close();

      h = await changeHarness(employer);
      await h.serverSays(scope);
      expect((await refusal(h.changes.decidePreApplication({ id: way1.id, decision: 'reject', reason: 'x', fairId: null }))).code).toBe('forbidden');
      expect(await h.outbox()).toEqual([]);
    });
  });

  describe('withdrawPreApplication (employer)', () => {
    it('withdraws an own application under review; rollback restores it', async () => {
      h = await changeHarness(employer, { now: () => 9_000 });
      await h.serverSays(scope);
      expect(await h.changes.withdrawPreApplication({ id: way1.id })).toEqual({
        ...way1,
        status: 'withdrawn',
        updatedAt: 9_000,
        statusChangedAt: 9_000,
        sync: pending,
      });
      expect((await refusal(h.changes.withdrawPreApplication({ id: way1.id }))).code).toBe('conflict');
      expect((await refusal(h.changes.withdrawPreApplication({ id: approved.id }))).message).toMatch(/already approved/);
      expect(await h.outbox()).toHaveLength(1);
      await rollback();
      expect(await application(way1.id)).toEqual({ ...way1, sync: pending });
    });

    it('refuses another employer’s application', async () => {
      h = await changeHarness(makeUser({ role: 'employer_manager', centreId: null, employerId: randomUUID() }));
      await h.serverSays(scope);
      expect((await refusal(h.changes.withdrawPreApplication({ id: way1.id }))).code).toBe('forbidden');
    });
  });

  describe('createPreApplication (employer)', () => {
    const form = {
      way: 1 as const,
      companyId: company.id,
      centreId,
      fairId: null,
      desiredFrom: '2030-05-01',
      desiredTo: '2030-05-31',
      companyInfo: 'Logistics',
      vacantPlaces: 4,
      professions: ['Driver', 'Dispatcher'],
      contactName: 'Dana Omarova',
      contactPhone: '+7 701 000 00 00',
      contactEmail: 'hr@kazlogistics.example',
      consentSalaryShown: true as const,
      consentChatDuringFair: true as const,
      wantsVideoInterviews: true,
    };

    it('shows a way-1 application at once with no number; rollback removes it', async () => {
      h = await changeHarness(employer, { now: () => 1_000 });
      await h.serverSays(scope);
      const created = await h.changes.createPreApplication(form);
      expect(created).toMatchObject({
        number: '',
        employerId,
        companyName: 'KazLogistics',
        centreId,
        region: 'Almaty',
        status: 'under_review',
        professions: ['Driver', 'Dispatcher'],
        createdAt: 1_000,
        version: 0,
        sync: pending,
      });
      const [entry] = await h.outbox();
      expect(entry).toMatchObject({ mutationId: 1, name: 'createPreApplication', recordId: created.id, args: { ...form, id: created.id } });
      await rollback();
      expect(await application(created.id)).toBeNull();
    });

    it('way 2 takes the fair’s centre and title, and is refused after the working-day deadline', async () => {
      // 2030-04-10 is a Wednesday: the last day is Friday 2030-04-05.
      const friday = Date.parse('2030-04-05T12:00:00+05:00');
      h = await changeHarness(employer, { now: () => friday });
      await h.serverSays(scope);
      const created = await h.changes.createPreApplication({ ...form, way: 2, centreId: null, fairId: fair.id, desiredFrom: null, desiredTo: null });
      expect(created).toMatchObject({ way: 2, fairId: fair.id, fairTitle: 'Spring fair', centreId, desiredFrom: null });
      await h.close();

      h = await changeHarness(employer, { now: () => Date.parse('2030-04-06T00:30:00+05:00') });
      await h.serverSays(scope);
      expect(await refusal(h.changes.createPreApplication({ ...form, way: 2, centreId: null, fairId: fair.id }))).toEqual({
        code: 'conflict',
        message: expect.stringMatching(/closed on Friday 5 April/),
      });
      expect(await h.outbox()).toEqual([]);
    });

    it('refuses a company of another employer, a missing region and missing consents', async () => {
      h = await changeHarness(employer);
      await h.serverSays(scope);
      expect((await refusal(h.changes.createPreApplication({ ...form, companyId: randomUUID() }))).code).toBe('forbidden');
      expect((await refusal(h.changes.createPreApplication({ ...form, centreId: null }))).code).toBe('bad_request');
      expect((await refusal(h.changes.createPreApplication({ ...form, desiredTo: '2030-04-01' }))).code).toBe('bad_request');
      const noConsent = { ...form, consentSalaryShown: false } as unknown as typeof form;
      expect(await refusal(h.changes.createPreApplication(noConsent))).toMatchObject({ code: 'bad_request', message: /salary/i });
      expect(await h.outbox()).toEqual([]);
    });
  });

  describe('createFair / updateFair (moderator)', () => {
    const fields = { title: 'Autumn fair', city: 'Almaty', startsOn: '2030-09-01', endsOn: '2030-09-02', description: 'IT' };

    it('creates a fair of the own centre; rollback removes it; it cannot be edited before it is sent', async () => {
      h = await changeHarness(moderator, { now: () => 77 });
      await h.serverSays(scope);
      const created = await h.changes.createFair(fields);
      expect(created).toEqual<LocalFair>({ id: created.id, centreId, region: 'Almaty', ...fields, updatedAt: 77, version: 0, sync: pending });
      expect((await refusal(h.changes.updateFair({ id: created.id, fields: { title: 'Renamed' } }))).code).toBe('conflict');
      expect((await refusal(h.changes.createFair({ ...fields, endsOn: '2030-08-01' }))).code).toBe('bad_request');
      await rollback();
      expect(await h.cache.read((m) => findFair(m, created.id))).toBeNull();
    });

    it('updates against the server’s version; a second edit keeps the first server copy for rollback', async () => {
      h = await changeHarness(moderator, { now: () => 88 });
      await h.serverSays(scope);
      await h.changes.updateFair({ id: fair.id, fields: { title: 'Spring fair 2030' } });
      const second = await h.changes.updateFair({ id: fair.id, fields: { city: 'Almaty, online' } });
      expect(second).toMatchObject({ title: 'Spring fair 2030', city: 'Almaty, online', version: 7, sync: pending });
      expect((await h.outbox()).map((e) => e.args)).toEqual([
        { id: fair.id, fields: { title: 'Spring fair 2030' }, baseVersion: 7 },
        { id: fair.id, fields: { city: 'Almaty, online' }, baseVersion: 7 },
      ]);
      expect((await refusal(h.changes.updateFair({ id: foreignFair.id, fields: { title: 'x' } }))).code).toBe('forbidden');
      await rollback();
      expect(await h.cache.read((m) => findFair(m, fair.id))).toEqual({ ...fair, sync: pending });
    });
  });

  it('numbers mutations +1 per client and never reuses an id after the entries are gone', async () => {
    h = await changeHarness(moderator);
    await h.serverSays(scope);
    await h.changes.decidePreApplication({ id: way2.id, decision: 'approve', reason: null, fairId: null });
    await h.changes.createFair({ title: 'A', city: 'B', startsOn: '2030-01-01', endsOn: '2030-01-01', description: '' });
    expect((await h.outbox()).map((e) => e.mutationId)).toEqual([1, 2]);
    await h.cache.write((m) => m.query(`DELETE FROM outbox`));
    await h.changes.createFair({ title: 'C', city: 'D', startsOn: '2030-01-01', endsOn: '2030-01-01', description: '' });
    expect((await h.outbox()).map((e) => e.mutationId)).toEqual([3]);
    expect(await h.cache.read(syncCounts)).toEqual({ pending: 1, rejections: 0 });
    expect((await h.cache.read((m) => listPreApplications(m))).find((p) => p.id === way2.id)?.sync).toEqual(synced);
  });
});
