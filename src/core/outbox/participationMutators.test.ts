import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { lastDayForSubmission, participationChangesDeadline, submissionDeadline } from '../../shared/domain/participation/participationRules';
import { describeDay } from '../../shared/domain/deadlines';
import type { StandFields } from '../../shared/domain/participation/stand';
import { findParticipation, findStand, listStands, listVacancies, syncCounts } from '../cache/localRecords';
import { RpcError } from '../rpc/handlerTable';
import { applyPull } from '../testing/applyPull';
import { changeHarness, type ChangeHarness } from '../testing/changeHarness';
import {
  employerId,
  makeCentre,
  makeCompany,
  makeFair,
  makeParticipation,
  makeStand,
  makeUser,
  makeVacancy,
  snapshot,
} from '../testing/fixtures';
import { copyName } from './changeService';
import { rollbackOptimisticRows } from './optimisticRows';

// The deadlines are the centre's (Asia/Almaty), whatever zone the machine runs in.
beforeAll(() => {
  process.env.TZ = 'UTC';
});

const employer = makeUser({ role: 'employer_admin', centreId: null, employerId, displayName: 'Dana' });
const moderator = makeUser({ role: 'moderator', displayName: 'Aigerim Sadykova' });
const centre = makeCentre();
const fair = makeFair({ startsOn: '2030-04-10', endsOn: '2030-04-10', title: 'Spring fair' });
const company = makeCompany({ employerId, legalName: 'KazLogistics' });
const stand = makeStand({ companyId: company.id, internalName: 'Almaty, spring', version: 4 });
const base = { employerId, companyId: company.id, companyName: 'KazLogistics', fairId: fair.id, fairTitle: fair.title, centreId: centre.id };
const draft = makeParticipation({ ...base, number: '20300101-1', standId: stand.id, version: 5 });
const sent = makeParticipation({ ...base, number: '20300101-2', status: 'sent', standId: stand.id, sentAt: 10 });
const draftVacancy = makeVacancy({ companyId: company.id, participationId: draft.id });
const scope = { centres: [centre], fairs: [fair], companies: [company], stands: [stand], participations: [draft, sent], vacancies: [draftVacancy] };

/** Before the submission deadline (an hour before it) and just at it. */
const deadline = submissionDeadline(fair, centre);
const early = deadline - 3_600_000;

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcError)) throw new Error(`expected an RpcError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

const fieldsOf = (overrides: Partial<StandFields> = {}) => {
  const { id: _id, employerId: _e, createdAt: _c, updatedAt: _u, version: _v, ...fields } = stand;
  return { ...fields, ...overrides };
};

describe('participation deadlines on this machine', () => {
it('the submission deadline is midnight at the centre, not in the machine’s zone', () => {
    expect(DateTime.fromMillis(deadline, { zone: 'Asia/Almaty' }).toFormat('HH:mm')).toBe('00:00');
    expect(DateTime.fromMillis(deadline, { zone: 'UTC' }).toFormat('HH:mm')).not.toBe('00:00');
  });
});

describe('participation mutators: optimistic effects, local rules, replay', () => {
  let h: ChangeHarness;
  afterEach(async () => {
    await h.close();
  });

  describe('stands', () => {
    it('creates a stand at once (pending, base version null); rollback removes it', async () => {
      h = await changeHarness(employer, { now: () => early });
      await h.serverSays(scope);
      const created = await h.changes.saveStand({ fields: fieldsOf({ internalName: 'Astana, autumn' }) });
      expect(created).toMatchObject({ internalName: 'Astana, autumn', employerId, sync: { state: 'pending' } });
      expect(await h.outbox()).toEqual([expect.objectContaining({ name: 'saveStand', args: expect.objectContaining({ id: created.id, baseVersion: null }) })]);
      expect(h.events).toEqual([{ event: 'cache.changed', payload: { entities: ['stand'] } }]);
      await h.cache.write(rollbackOptimisticRows);
      expect(await h.cache.read((m) => findStand(m, created.id))).toBeNull();
    });

    it('edits against the server version; refused while a sent participation info shows it', async () => {
      h = await changeHarness(employer, { now: () => early });
      await h.serverSays({ ...scope, participations: [draft] });
      await h.changes.saveStand({ id: stand.id, fields: fieldsOf({ slogan: 'Grow with us' }) });
      expect((await h.outbox())[0]?.args).toMatchObject({ id: stand.id, baseVersion: 4 });
      await h.serverSays(scope);
      expect(await refusal(h.changes.saveStand({ id: stand.id, fields: fieldsOf({ slogan: 'Again' }) }))).toEqual({
        code: 'conflict',
        message: 'The stand cannot change while the moderator reviews the participation info; withdraw it to edit.',
      });
    });

    it('duplicates with “ (copy)” kept within the name limit', async () => {
      h = await changeHarness(employer, { now: () => early });
      const long = { ...stand, internalName: 'x'.repeat(120) };
      await h.serverSays({ ...scope, stands: [long] });
      const copy = await h.changes.duplicateStand({ id: stand.id });
      expect(copy.internalName).toBe(`${'x'.repeat(113)} (copy)`);
      expect(copy.internalName).toHaveLength(120);
      expect(copy.id).not.toBe(stand.id);
      expect(copyName('Almaty')).toBe('Almaty (copy)');
    });

    it('deleting is refused while a sent info shows the stand; otherwise it hides it and detaches drafts, reversibly', async () => {
      h = await changeHarness(employer, { now: () => early });
      await h.serverSays(scope);
      expect((await refusal(h.changes.deleteStand({ id: stand.id }))).message).toMatch(/20300101-2 KazLogistics · Spring fair is waiting for the moderator/);
      await h.serverSays({ ...scope, participations: [draft] });
      await h.changes.deleteStand({ id: stand.id });
      expect(await h.cache.read(listStands)).toEqual([]);
      expect(await h.cache.read((m) => findParticipation(m, draft.id))).toMatchObject({ standId: null, sync: { state: 'pending' } });
      await h.cache.write(rollbackOptimisticRows);
      expect(await h.cache.read(listStands)).toEqual([expect.objectContaining({ id: stand.id, sync: { state: 'pending', rejection: null } })]);
      expect(await h.cache.read((m) => findParticipation(m, draft.id))).toMatchObject({ standId: stand.id });
    });
  });

  describe('participation infos', () => {
    it('refuses offline, at once, edits and sending after the submission deadline (worded like the server)', async () => {
      let now = early;
      h = await changeHarness(employer, { now: () => now });
      await h.serverSays(scope);
      await h.changes.updateParticipation({ id: draft.id, standId: stand.id, interviewPlan: [{ managerId: employer.id, startTime: '10:00', count: 3 }] });
      now = deadline;
      const expected = `Participation info for this fair had to be sent by the end of ${describeDay(lastDayForSubmission(fair, centre))}.`;
      expect(await refusal(h.changes.updateParticipation({ id: draft.id, standId: null, interviewPlan: [] }))).toEqual({ code: 'conflict', message: expected });
      expect(await refusal(h.changes.sendParticipation({ id: draft.id }))).toEqual({ code: 'conflict', message: expected });
      expect(await h.outbox()).toHaveLength(1);
    });

    it('sends a complete draft; refuses an incomplete one with what is missing', async () => {
      h = await changeHarness(employer, { now: () => early });
      await h.serverSays({ ...scope, vacancies: [] });
      expect(await refusal(h.changes.sendParticipation({ id: draft.id }))).toEqual({ code: 'bad_request', message: 'Add at least one vacancy.' });
      await h.serverSays(scope);
      const result = await h.changes.sendParticipation({ id: draft.id });
      expect(result).toMatchObject({ status: 'sent', sentAt: early, statusChangedAt: early, sync: { state: 'pending' } });
    });

    it('checks the interview plan against the centre’s calendar', async () => {
      h = await changeHarness(employer, { now: () => early });
      await h.serverSays(scope);
      const error = await h.changes
        .updateParticipation({ id: draft.id, standId: stand.id, interviewPlan: [{ managerId: employer.id, startTime: '23:00', count: 4 }] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RpcError);
      expect((error as RpcError).issues?.[0]?.path).toMatch(/^interviewPlan\.0/);
    });

    it('approved: vacancies may change until the day before the fair, then not', async () => {
      const approved = { ...draft, status: 'approved' as const };
      let now = participationChangesDeadline(fair, centre) - 1;
      h = await changeHarness(employer, { now: () => now });
      await h.serverSays({ ...scope, participations: [approved] });
      await h.changes.deleteVacancy({ id: draftVacancy.id });
      now += 1;
      const vacancy = { companyId: company.id, participationId: draft.id, active: true, fields: { ...draftVacancy, currency: 'KZT' as const } };
      expect((await refusal(h.changes.saveVacancy(vacancy))).message).toMatch(/^The vacancies could be changed until the end of /);
    });

    it('a moderator deciding an info the employer withdrew meanwhile is told who did what, when (centre time)', async () => {
      const withdrawn = { ...sent, status: 'withdrawn' as const, statusChangedAt: Date.UTC(2030, 3, 1, 9, 2) };
      h = await changeHarness(moderator, { now: () => Date.UTC(2030, 3, 1, 12, 0) });
      await h.serverSays({ ...scope, participations: [withdrawn] });
      const expectedTime = DateTime.fromMillis(withdrawn.statusChangedAt, { zone: 'Asia/Almaty' }).toFormat('HH:mm');
      expect(await refusal(h.changes.decideParticipation({ id: sent.id, decision: 'approve', reason: null }))).toEqual({
        code: 'conflict',
        message: `The employer withdrew this participation info at ${expectedTime} (Almaty time).`,
      });
      await h.serverSays(scope);
      const decided = await h.changes.decideParticipation({ id: sent.id, decision: 'reject', reason: 'No salary' });
      expect(decided).toMatchObject({ status: 'rejected', rejectionReason: 'No salary', decidedBy: moderator.id, decidedByName: 'Aigerim Sadykova' });
      expect((await refusal(h.changes.decideParticipation({ id: draft.id, decision: 'approve', reason: null }))).message).toBe(
        'This participation info has not been sent for review yet.',
      );
    });
  });

  describe('vacancies and replay', () => {
    it('imports all vacancies in ONE mutation about the info; each shows pending; rollback removes all', async () => {
      h = await changeHarness(employer, { now: () => early });
      await h.serverSays(scope);
      const fields = { ...draftVacancy, currency: 'KZT' as const };
      const imported = await h.changes.importVacancies(draft.id, [fields, { ...fields, title: 'Driver' }]);
      expect(imported.map((v) => [v.title, v.sync.state])).toEqual([
        ['Agronomist', 'pending'],
        ['Driver', 'pending'],
      ]);
      expect((await h.outbox()).map((e) => [e.name, e.recordId])).toEqual([['importVacancies', draft.id]]);
      expect(await h.cache.read((m) => listVacancies(m, { participationId: draft.id }))).toHaveLength(3);
      await h.cache.write(rollbackOptimisticRows);
      expect(await h.cache.read((m) => listVacancies(m, { participationId: draft.id }))).toHaveLength(1);
    });

    it('replays queued changes after a rebase; one that no longer applies shows no effect and waits for the server', async () => {
      h = await changeHarness(employer, { now: () => early });
      await h.serverSays({ ...scope, participations: [draft] });
      await h.changes.saveStand({ id: stand.id, fields: fieldsOf({ slogan: 'Offline slogan' }) });
      await h.changes.sendParticipation({ id: draft.id });
      // The server moved on meanwhile (not consuming our changes yet): the draft was sent from another device.
      const elsewhere = { ...draft, status: 'sent' as const, sentAt: 7, version: 9 };
      await applyPull(h.cache, { ...snapshot({}, 'v2'), reset: false, patch: [{ op: 'put', entity: 'participation', value: elsewhere }] }, { actor: employer });
      // The stand edit no longer applies (a sent info shows it now): the server's stand shows, still pending.
      expect(await h.cache.read((m) => findStand(m, stand.id))).toMatchObject({ slogan: '', sync: { state: 'pending' } });
      expect(await h.cache.read((m) => findParticipation(m, draft.id))).toMatchObject({ status: 'sent', sentAt: 7 });
      expect(await h.cache.read(syncCounts)).toEqual({ pending: 2, rejections: 0 });
    });
  });
});
