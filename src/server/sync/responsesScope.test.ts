import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatchOp } from '../../shared/api/http';
import { responsesOpenAt } from '../../shared/domain/participation/participationRules';
import { SyncPullResponse } from '../../shared/sync/protocol';
import { CandidateInterests } from '../candidates/interests';
import { CandidateResponses } from '../candidates/responses';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { Candidate, CareerCentre, EmployerInterest, Fair, Participation, Upload, Vacancy, type User } from '../db/entities';
import { PullService, type PullInput } from './pullService';
import { openTestWorld, type TestWorld } from './testWorld';

const SEED_NOW = Date.UTC(2026, 8, 10, 3, 0);
const SECRET = 'responses-scope-test-secret-0123456789abcdef';

type Put = Extract<PatchOp, { op: 'put' }>;
const puts = <E extends Put['entity']>(patch: PatchOp[], entity: E) =>
  patch.flatMap((op) => (op.op === 'put' && op.entity === entity ? [op.value as Extract<Put, { entity: E }>['value']] : []));
const dels = (patch: PatchOp[]) => patch.flatMap((op) => (op.op === 'del' ? [`${op.entity}:${op.id}`] : []));

/**
 * Responses and interests in pulls: only the employer they were addressed to gets them (with the
 * candidate's contact details copied at responding time); moderators and other employers none; a
 * removed interest reaches the employer as a `del`.
 */
describe.each(databaseKindsUnderTest())('responses and interests in pulls on %s', (kind) => {
  let w: TestWorld;
  let service: PullService;
  const pull = async (user: User, over: Partial<PullInput> = {}) =>
    SyncPullResponse.parse(await service.pull(user, { clientId: crypto.randomUUID(), cookie: null, snapshotCursor: null, resultsAfter: 0, ...over }));
  /** A whole (paged) snapshot of one client. */
  const pullAll = async (user: User) => {
    const clientId = crypto.randomUUID();
    let page = await pull(user, { clientId });
    const patch = [...page.patch];
    while (page.more) {
      page = await pull(user, { clientId, snapshotCursor: page.snapshotCursor });
      patch.push(...page.patch);
    }
    return { ...page, patch };
  };
  const ids = { candidate: crypto.randomUUID(), resume: crypto.randomUUID() };
  let participation: Participation;
  let responses: CandidateResponses;
  let interests: CandidateInterests;

  beforeAll(async () => {
    w = await openTestWorld(kind, SEED_NOW);
    service = new PullService(w.tx, { secret: SECRET, pageSize: 4 });
    // Steppe Foods' participation info (sent to Almaty in the demo world) is approved: its vacancies are on the fair.
    participation = await w.t.db.getRepository(Participation).findOneByOrFail({ companyName: 'Steppe Foods JSC' });
    await w.t.db.getRepository(Participation).update({ id: participation.id }, { status: 'approved' });
    await w.t.db.getRepository(Candidate).insert({
      id: ids.candidate, email: 'aliya@example.kz', name: 'Aliya Nurova', phone: '+7 701 000 11 22', locale: 'ru', createdAt: SEED_NOW, updatedAt: SEED_NOW,
    });
    await w.t.db.getRepository(Upload).insert({
      id: ids.resume, kind: 'resume', mime: 'application/pdf', size: 10, sha256: 'a'.repeat(64), originalName: 'Aliya CV.pdf',
      width: null, height: null, employerId: null, candidateId: ids.candidate, uploadedBy: null, createdAt: SEED_NOW,
    });
    const fair = await w.t.db.getRepository(Fair).findOneByOrFail({ id: participation.fairId });
    const centre = await w.t.db.getRepository(CareerCentre).findOneByOrFail({ id: fair.centreId });
    const inWindow = responsesOpenAt(fair, centre) + 60_000;
    responses = new CandidateResponses(w.t.db, w.tx, () => inWindow);
    interests = new CandidateInterests(w.t.db, w.tx);
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('brings a response and an interest to their employer only, with the candidate’s details as they applied', async () => {
    const steppe = await w.user('admin@steppefoods.demo');
    const moderator = await w.user('moderator@fairdesk.demo');
    const kazlogistics = await w.user('admin@kazlogistics.demo');
    const before = { steppe: await pullAll(steppe), moderator: await pullAll(moderator), kazlogistics: await pullAll(kazlogistics) };

    const vacancy = await w.t.db.getRepository(Vacancy).findOneByOrFail({ participationId: participation.id, title: 'Dairy technologist' });
    const { response } = await responses.respond(ids.candidate, { vacancyId: vacancy.id, resumeUploadId: ids.resume, wantsVideoInterview: true, coverNote: 'Hello' });
    await interests.add(ids.candidate, participation.id);
    // The candidate changes the profile afterwards: the employer keeps what was sent.
    await w.t.db.getRepository(Candidate).update({ id: ids.candidate }, { name: 'Aliya Renamed', phone: '+7 700 999 99 99' });

    const next = await pull(steppe, { cookie: before.steppe.cookie });
    expect(puts(next.patch, 'response')).toEqual([
      expect.objectContaining({
        id: response.id, employerId: steppe.employerId, participationId: participation.id, vacancyId: vacancy.id, vacancyTitle: vacancy.title,
        candidateId: ids.candidate, candidateName: 'Aliya Nurova', candidateEmail: 'aliya@example.kz', candidatePhone: '+7 701 000 11 22',
        resumeUploadId: ids.resume, resumeFileName: 'Aliya CV.pdf', wantsVideoInterview: true, coverNote: 'Hello',
      }),
    ]);
    expect(puts(next.patch, 'interest')).toEqual([
      expect.objectContaining({ participationId: participation.id, candidateName: 'Aliya Nurova', candidateEmail: 'aliya@example.kz', employerId: steppe.employerId }),
    ]);
    // A fresh sign-in's snapshot (paged) holds them too.
    const all = (await pullAll(steppe)).patch;
    expect([puts(all, 'response').length, puts(all, 'interest').length]).toEqual([1, 1]);

    for (const [who, cookie] of [[moderator, before.moderator.cookie], [kazlogistics, before.kazlogistics.cookie]] as const) {
      const incremental = await pull(who, { cookie });
      expect(JSON.stringify(incremental.patch)).not.toContain('aliya@example.kz');
      expect([puts(incremental.patch, 'response').length, puts(incremental.patch, 'interest').length]).toEqual([0, 0]);
      expect(JSON.stringify((await pullAll(who)).patch)).not.toContain(ids.candidate);
    }
  });

  it('tells only the employer that an interest was removed (a tombstone without a centre)', async () => {
    const steppe = await w.user('admin@steppefoods.demo');
    const moderator = await w.user('moderator@fairdesk.demo');
    const kazlogistics = await w.user('admin@kazlogistics.demo');
    const cookies = { steppe: (await pullAll(steppe)).cookie, moderator: (await pullAll(moderator)).cookie, kazlogistics: (await pullAll(kazlogistics)).cookie };
    const interest = await w.t.db.getRepository(EmployerInterest).findOneByOrFail({ candidateId: ids.candidate });

    await interests.remove(ids.candidate, participation.id);
    expect(await w.t.db.getRepository(EmployerInterest).countBy({ candidateId: ids.candidate })).toBe(0);
    expect(dels((await pull(steppe, { cookie: cookies.steppe })).patch)).toEqual([`interest:${interest.id}`]);
    expect(dels((await pull(moderator, { cookie: cookies.moderator })).patch)).toEqual([]);
    expect(dels((await pull(kazlogistics, { cookie: cookies.kazlogistics })).patch)).toEqual([]);
    // Removing again is harmless and sends nothing new.
    await interests.remove(ids.candidate, participation.id);
  });
});
