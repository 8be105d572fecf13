import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prefillStandFromCompany } from '../../shared/domain/participation/stand';
import type { VacancyFields } from '../../shared/domain/participation/vacancy';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { DeletedRow, Fair, MailOutbox, Participation, Stand, Upload, User, Vacancy } from '../db/entities';
import { openTestWorld, type Outcome, type TestWorld } from '../sync/testWorld';

// Seeded on 2026-09-10 08:00 in Almaty (UTC+5); the process itself runs in whatever zone (CI: UTC).
// A fair on Monday 14 December 2026: participation info must be sent by the end of Wednesday
// 9 December in Almaty (3 working days back over the weekend) = 2026-12-09T19:00Z; approved stands
// and vacancies may change until the end of Sunday 13 December in Almaty = 2026-12-13T19:00Z.
const SEED_NOW = Date.UTC(2026, 8, 10, 3, 0);
const MONDAY_FAIR = '2026-12-14';
const SEND_CLOSES_AT = Date.UTC(2026, 11, 9, 19, 0);
const CHANGES_CLOSE_AT = Date.UTC(2026, 11, 13, 19, 0);
const OCTOBER = Date.UTC(2026, 9, 5, 9, 2); // 14:02 in Almaty

const job: VacancyFields = {
  title: 'Truck driver', profession: 'Driver', salaryFrom: 300_000, salaryTo: 450_000, currency: 'KZT', places: 3,
  location: 'Almaty', description: '', requirements: '', employmentType: 'full_time',
};

describe.each(databaseKindsUnderTest())('participation rules (service level) on %s', (kind) => {
  let w: TestWorld;
  let fairId: string;
  const as = (email: string) => w.user(email);

  /** A KazLogistics LLP pre-application to the December fair, approved: its draft participation. */
  const approvedInfo = async (): Promise<Participation> => {
    w.clock.now = OCTOBER;
    const args = w.application(await w.company('KazLogistics LLP'), { fairId });
    expect(await w.run(async ({ applications }) => applications.createPreApplication(await as('admin@kazlogistics.demo'), args))).toBe('applied');
    expect(
      await w.run(async ({ applications }) =>
        applications.decidePreApplication(await as('moderator@fairdesk.demo'), { id: args.id, decision: 'approve', reason: null, fairId: null, expectedStatus: 'under_review' }),
      ),
    ).toBe('applied');
    return w.t.db.getRepository(Participation).findOneByOrFail({ preApplicationId: args.id });
  };
  const info = (id: string) => w.t.db.getRepository(Participation).findOneByOrFail({ id });
  const newStand = async (email = 'manager1@kazlogistics.demo', clientId?: string): Promise<{ id: string; outcome: Outcome }> => {
    const id = crypto.randomUUID();
    const fields = { ...prefillStandFromCompany(await w.company('KazLogistics LLP')), activity: 'Freight' };
    return { id, outcome: await w.run(async ({ stands }) => stands.saveStand(await as(email), { id, fields, baseVersion: null }), clientId) };
  };
  const standFields = async () => ({ ...prefillStandFromCompany(await w.company('KazLogistics LLP')), activity: 'Freight' });
  const addVacancy = async (participationId: string | null, email = 'admin@kazlogistics.demo') => {
    const id = crypto.randomUUID();
    const companyId = (await w.company('KazLogistics LLP')).id;
    return { id, outcome: await w.run(async ({ vacancies }) => vacancies.saveVacancy(await as(email), { id, companyId, participationId, fields: job, active: true, baseVersion: null })) };
  };
  const update = async (id: string, patch: { standId: string | null; interviewPlan?: Array<{ managerId: string; startTime: string; count: number }> }, email = 'admin@kazlogistics.demo') => {
    const current = await info(id);
    return w.run(async ({ participations }) =>
      participations.updateParticipation(await as(email), { id, standId: patch.standId, interviewPlan: patch.interviewPlan ?? current.interviewPlan, baseVersion: current.version }),
    );
  };
  /** A draft with a stand and a vacancy, ready to send. */
  const readyInfo = async (): Promise<Participation> => {
    const draft = await approvedInfo();
    const stand = await newStand();
    expect(stand.outcome).toBe('applied');
    expect(await update(draft.id, { standId: stand.id })).toBe('applied');
    expect((await addVacancy(draft.id)).outcome).toBe('applied');
    return info(draft.id);
  };
  const move = (action: 'send' | 'withdraw' | 'reopen', id: string, email = 'manager1@kazlogistics.demo') =>
    w.run(async ({ participations }) => {
      const actor = await as(email);
      if (action === 'send') return participations.sendParticipation(actor, { id });
      if (action === 'withdraw') return participations.withdrawParticipation(actor, { id });
      return participations.reopenParticipation(actor, { id });
    });
  const decide = (id: string, decision: 'approve' | 'reject', email = 'moderator@fairdesk.demo') =>
    w.run(async ({ participations }) =>
      participations.decideParticipation(await as(email), { id, decision, reason: decision === 'reject' ? 'Add the salary to every vacancy' : null, expectedStatus: 'sent' }),
    );
  const upload = async (employer: string | null, kindOf: 'image' | 'resume' = 'image'): Promise<string> => {
    const id = crypto.randomUUID();
    await w.t.db.getRepository(Upload).insert({
      id, kind: kindOf, mime: 'image/png', size: 10, sha256: 'a'.repeat(64), originalName: 'logo.png', width: 1, height: 1,
      employerId: employer, candidateId: null, uploadedBy: null, createdAt: 1,
    });
    return id;
  };

  beforeAll(async () => {
    w = await openTestWorld(kind, SEED_NOW);
    fairId = crypto.randomUUID();
    expect(
      await w.run(async ({ fairs }) =>
        fairs.createFair(await as('moderator@fairdesk.demo'), { id: fairId, title: 'December fair', city: 'Almaty', startsOn: MONDAY_FAIR, endsOn: MONDAY_FAIR, description: '' }),
      ),
    ).toBe('applied');
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('creates the draft in the approval’s transaction, numbered like its pre-application; a rejection creates none', async () => {
    const draft = await approvedInfo();
    const app = await w.app(draft.preApplicationId);
    expect(draft).toMatchObject({ status: 'draft', number: app.number, fairId, fairTitle: 'December fair', standId: null, interviewPlan: [], version: app.version });
    const args = w.application(await w.company('KazLogistics LLP'), { fairId });
    expect(await w.run(async ({ applications }) => applications.createPreApplication(await as('admin@kazlogistics.demo'), args))).toBe('applied');
    expect(await w.run(async ({ applications }) => applications.decidePreApplication(await as('moderator@fairdesk.demo'), { id: args.id, decision: 'reject', reason: 'No', fairId: null, expectedStatus: 'under_review' }))).toBe('applied');
    expect(await w.t.db.getRepository(Participation).countBy({ preApplicationId: args.id })).toBe(0);
  });

  it('stands: the own employer’s admin and managers only, for its own companies and its own image uploads', async () => {
    w.clock.now = OCTOBER;
    expect((await newStand('manager2@kazlogistics.demo')).outcome).toBe('applied');
    expect((await newStand('moderator@fairdesk.demo')).outcome).toMatchObject({ code: 'forbidden' });
    const fields = await standFields();
    const save = (email: string, f: typeof fields, id = crypto.randomUUID()) =>
      w.run(async ({ stands }) => stands.saveStand(await as(email), { id, fields: f, baseVersion: null }));
    expect(await save('admin@steppefoods.demo', fields)).toMatchObject({ code: 'invalid', message: 'Choose one of your own companies for the stand.' });
    const kaz = (await as('admin@kazlogistics.demo')).employerId;
    const steppe = (await as('admin@steppefoods.demo')).employerId;
    expect(await save('manager1@kazlogistics.demo', { ...fields, logoUploadId: await upload(kaz) })).toBe('applied');
    for (const bad of [await upload(steppe), await upload(kaz, 'resume'), crypto.randomUUID()]) {
      expect(await save('manager1@kazlogistics.demo', { ...fields, bannerUploadIds: [bad] })).toMatchObject({ code: 'invalid' });
    }
    const { id } = await newStand();
    expect(await w.run(async ({ stands }) => stands.saveStand(await as('admin@steppefoods.demo'), { id, fields, baseVersion: 0 }))).toMatchObject({ code: 'not_found' });
    expect(await w.run(async ({ stands }) => stands.deleteStand(await as('admin@steppefoods.demo'), { id }))).toMatchObject({ code: 'not_found' });
  });

  it('baseVersion: two offline edits by one client both land; an edit based on a version someone else changed is refused', async () => {
    w.clock.now = OCTOBER;
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const { id } = await newStand('manager1@kazlogistics.demo', a);
    const fields = await standFields();
    const edit = (client: string, baseVersion: number | null, slogan: string) =>
      w.run(async ({ stands }) => stands.saveStand(await as('manager1@kazlogistics.demo'), { id, fields: { ...fields, slogan }, baseVersion }), client);
    // Client A created the stand offline and edits it again before ever pulling: no server version known.
    expect(await edit(a, null, 'Second')).toBe('applied');
    const seen = (await w.t.db.getRepository(Stand).findOneByOrFail({ id })).version;
    expect(await edit(b, seen - 1, 'Stale')).toMatchObject({ code: 'version_conflict' });
    expect(await edit(b, seen, 'B')).toBe('applied');
    expect(await edit(a, seen, 'A, based on what B has since changed')).toMatchObject({ code: 'version_conflict' });
    expect((await w.t.db.getRepository(Stand).findOneByOrFail({ id })).slogan).toBe('B');
  });

  it('updateFair follows the same rule: the same client’s second offline edit lands, another client’s stale one does not', async () => {
    w.clock.now = OCTOBER;
    const moderator = await as('moderator@fairdesk.demo');
    const base = (await w.t.db.getRepository(Fair).findOneByOrFail({ id: fairId })).version;
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const edit = (client: string, description: string) =>
      w.run(({ fairs }) => fairs.updateFair(moderator, { id: fairId, fields: { description }, baseVersion: base }), client);
    expect(await edit(a, 'first')).toBe('applied');
    expect(await edit(a, 'second, same base')).toBe('applied');
    expect(await edit(b, 'third, stale')).toMatchObject({ code: 'version_conflict' });
  });

  it('updateParticipation: own stand of the same company, a plan of the employer’s active managers valid in the centre’s zone', async () => {
    const draft = await approvedInfo();
    const steppeStand = await w.t.db.getRepository(Stand).findOneByOrFail({ companyName: 'Steppe Foods JSC' });
    expect(await update(draft.id, { standId: steppeStand.id })).toMatchObject({ code: 'invalid', message: 'Choose one of your own stands.' });
    const manager = await as('manager1@kazlogistics.demo');
    const foreign = await as('admin@steppefoods.demo');
    expect(await update(draft.id, { standId: null, interviewPlan: [{ managerId: foreign.id, startTime: '10:00', count: 3 }] })).toMatchObject({ code: 'invalid' });
    await w.t.db.getRepository(User).update({ email: 'manager2@kazlogistics.demo' }, { active: false });
    const gone = await as('manager2@kazlogistics.demo');
    expect(await update(draft.id, { standId: null, interviewPlan: [{ managerId: gone.id, startTime: '10:00', count: 3 }] })).toMatchObject({ code: 'invalid' });
    await w.t.db.getRepository(User).update({ email: 'manager2@kazlogistics.demo' }, { active: true });
    expect(await update(draft.id, { standId: null, interviewPlan: [{ managerId: manager.id, startTime: '23:00', count: 5 }] })).toMatchObject({ code: 'invalid' });
    expect(await update(draft.id, { standId: null }, 'moderator@fairdesk.demo')).toMatchObject({ code: 'forbidden' });
    expect(await update(draft.id, { standId: null }, 'admin@steppefoods.demo')).toMatchObject({ code: 'not_found' });
    const stand = await newStand();
    expect(await update(draft.id, { standId: stand.id, interviewPlan: [{ managerId: manager.id, startTime: '10:00', count: 3 }] })).toBe('applied');
    const after = await info(draft.id);
    expect(after).toMatchObject({ standId: stand.id, interviewPlan: [{ managerId: manager.id, startTime: '10:00', count: 3 }] });
    // The new stand is touched so moderators' incremental pulls bring it.
    expect((await w.t.db.getRepository(Stand).findOneByOrFail({ id: stand.id })).version).toBe(after.version);
  });

  it('send needs a stand and a vacancy; while sent, nothing of it can change; decisions go to the own centre’s moderators', async () => {
    const draft = await approvedInfo();
    expect(await move('send', draft.id)).toMatchObject({ code: 'invalid', message: 'Attach a stand. Add at least one vacancy.' });
    const sent = await readyInfo();
    expect(await move('send', sent.id, 'moderator@fairdesk.demo')).toMatchObject({ code: 'forbidden' });
    expect(await move('send', sent.id, 'admin@steppefoods.demo')).toMatchObject({ code: 'not_found' });
    expect(await move('send', sent.id)).toBe('applied');
    expect(await info(sent.id)).toMatchObject({ status: 'sent', sentAt: OCTOBER });
    const standId = sent.standId ?? '';
    expect(await w.run(async ({ stands }) => stands.saveStand(await as('admin@kazlogistics.demo'), { id: standId, fields: await standFields(), baseVersion: null }), crypto.randomUUID()))
      .toMatchObject({ code: 'invalid', message: 'A stand with this id already exists.' });
    const current = await w.t.db.getRepository(Stand).findOneByOrFail({ id: standId });
    expect(await w.run(async ({ stands }) => stands.saveStand(await as('admin@kazlogistics.demo'), { id: standId, fields: await standFields(), baseVersion: current.version })))
      .toMatchObject({ code: 'state_changed', message: 'The stand cannot change while the moderator reviews the participation info; withdraw it to edit.' });
    expect(await w.run(async ({ stands }) => stands.deleteStand(await as('admin@kazlogistics.demo'), { id: standId }))).toMatchObject({ code: 'state_changed' });
    expect((await addVacancy(sent.id)).outcome).toMatchObject({ code: 'state_changed' });
    expect(await update(sent.id, { standId: null })).toMatchObject({ code: 'state_changed' });
    expect(await decide(sent.id, 'approve', 'moderator.astana@fairdesk.demo')).toMatchObject({ code: 'not_found' });
    expect(await decide(sent.id, 'approve', 'admin@kazlogistics.demo')).toMatchObject({ code: 'forbidden' });
    w.clock.now = OCTOBER + 60_000;
    expect(await decide(sent.id, 'approve')).toBe('applied');
    const moderator = await as('moderator@fairdesk.demo');
    expect(await info(sent.id)).toMatchObject({ status: 'approved', decidedBy: moderator.id, decidedByName: moderator.displayName, decidedAt: OCTOBER + 60_000 });
    expect(await decide(sent.id, 'reject')).toEqual({ code: 'state_changed', message: 'You already approved this participation info at 14:03 (Almaty time) (from another device).' });
    const mails = await w.t.db.getRepository(MailOutbox).findBy({ template: 'participationApproved' });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(['admin@kazlogistics.demo', 'hr@kazlogistics.demo']);
  });

  it('rejection mails the reason; the employer re-opens, fixes and sends again; a withdrawal tells the moderator when', async () => {
    const sent = await readyInfo();
    expect(await move('send', sent.id)).toBe('applied');
    expect(await decide(sent.id, 'reject')).toBe('applied');
    expect(await info(sent.id)).toMatchObject({ status: 'rejected', rejectionReason: 'Add the salary to every vacancy' });
    const rejected = await w.t.db.getRepository(MailOutbox).findBy({ template: 'participationRejected' });
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((m) => m.textBody.includes('Add the salary to every vacancy'))).toBe(true);
    expect((await addVacancy(sent.id)).outcome).toMatchObject({ code: 'state_changed' });
    expect(await move('reopen', sent.id)).toBe('applied');
    expect((await addVacancy(sent.id)).outcome).toBe('applied');
    expect(await move('send', sent.id)).toBe('applied');
    expect(await move('withdraw', sent.id)).toBe('applied');
    expect(await decide(sent.id, 'approve')).toEqual({ code: 'state_changed', message: 'The employer withdrew this participation info at 14:02 (Almaty time).' });
  });

  it('deadlines in the centre’s zone: sending until the end of Wednesday before a Monday fair; approved changes until the end of Sunday', async () => {
    const late = await readyInfo();
    const onTime = await readyInfo();
    w.clock.now = SEND_CLOSES_AT - 1;
    expect(await move('send', onTime.id)).toBe('applied');
    w.clock.now = SEND_CLOSES_AT;
    expect(await move('send', late.id)).toEqual({ code: 'deadline_passed', message: 'Participation info for this fair had to be sent by the end of Wednesday 9 December.' });
    expect((await addVacancy(late.id)).outcome).toMatchObject({ code: 'deadline_passed' });
    // The moderator still answers what was sent in time, after the submission deadline.
    expect(await decide(onTime.id, 'approve')).toBe('applied');
    const standId = onTime.standId ?? '';
    const editStand = async () => {
      const current = await w.t.db.getRepository(Stand).findOneByOrFail({ id: standId });
      return w.run(async ({ stands }) => stands.saveStand(await as('admin@kazlogistics.demo'), { id: standId, fields: { ...(await standFields()), slogan: String(w.clock.now) }, baseVersion: current.version }));
    };
    w.clock.now = CHANGES_CLOSE_AT - 1;
    expect(await editStand()).toBe('applied');
    expect((await addVacancy(onTime.id)).outcome).toBe('applied');
    w.clock.now = CHANGES_CLOSE_AT;
    expect(await editStand()).toEqual({
      code: 'deadline_passed',
      message: 'The stand could be changed until the end of Sunday 13 December. Duplicate the stand to make a new one.',
    });
    expect((await addVacancy(onTime.id)).outcome).toMatchObject({ code: 'deadline_passed' });
    expect(await move('withdraw', onTime.id)).toMatchObject({ code: 'deadline_passed' });
  });

  it('library vacancies are free to edit; a vacancy never moves; deletes leave a tombstone scoped to the participation’s centre', async () => {
    w.clock.now = OCTOBER;
    const library = await addVacancy(null);
    expect(library.outcome).toBe('applied');
    expect((await addVacancy(null, 'admin@steppefoods.demo')).outcome).toMatchObject({ code: 'invalid' });
    expect((await addVacancy(null, 'moderator@fairdesk.demo')).outcome).toMatchObject({ code: 'forbidden' });
    const draft = await approvedInfo();
    const row = await w.t.db.getRepository(Vacancy).findOneByOrFail({ id: library.id });
    expect(await w.run(async ({ vacancies }) => vacancies.saveVacancy(await as('admin@kazlogistics.demo'), { id: library.id, companyId: row.companyId, participationId: draft.id, fields: job, active: true, baseVersion: row.version })))
      .toMatchObject({ code: 'invalid' });
    expect(await w.run(async ({ vacancies }) => vacancies.deleteVacancy(await as('admin@steppefoods.demo'), { id: library.id }))).toMatchObject({ code: 'not_found' });
    const own = await addVacancy(draft.id);
    expect(await w.run(async ({ vacancies }) => vacancies.deleteVacancy(await as('manager1@kazlogistics.demo'), { id: own.id }))).toBe('applied');
    expect(await w.t.db.getRepository(DeletedRow).findOneByOrFail({ entity: 'vacancy', id: own.id })).toMatchObject({ centreId: draft.centreId, employerId: draft.employerId });
  });

  it('importVacancies is all or nothing', async () => {
    const draft = await approvedInfo();
    const existing = await addVacancy(null);
    const count = () => w.t.db.getRepository(Vacancy).countBy({ participationId: draft.id });
    const run = (ids: string[], email = 'manager1@kazlogistics.demo', participationId = draft.id) =>
      w.run(async ({ vacancies }) => vacancies.importVacancies(await as(email), { participationId, vacancies: ids.map((id) => ({ id, fields: job })) }));
    const fresh = () => crypto.randomUUID();
    expect(await run([fresh(), fresh(), existing.id])).toMatchObject({ code: 'invalid' });
    const dup = fresh();
    expect(await run([fresh(), dup, dup])).toMatchObject({ code: 'invalid' });
    expect(await run([fresh()], 'admin@steppefoods.demo')).toMatchObject({ code: 'not_found' });
    expect(await run([fresh()], 'moderator@fairdesk.demo')).toMatchObject({ code: 'forbidden' });
    expect(await count()).toBe(0);
    expect(await run(Array.from({ length: 120 }, fresh))).toBe('applied');
    expect(await count()).toBe(120);
  });

  it('deleting a stand detaches it from drafts and leaves a tombstone for the employer', async () => {
    const draft = await approvedInfo();
    const stand = await newStand();
    expect(await update(draft.id, { standId: stand.id })).toBe('applied');
    expect(await w.run(async ({ stands }) => stands.deleteStand(await as('admin@kazlogistics.demo'), { id: stand.id }))).toBe('applied');
    expect((await info(draft.id)).standId).toBeNull();
    expect(await w.t.db.getRepository(DeletedRow).countBy({ entity: 'stand', id: stand.id })).toBe(1);
  });
});
