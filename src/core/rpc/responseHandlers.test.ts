import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalResponse } from '../../shared/contract/ipc';
import type { FairOverview, InterestDto, ResponseDto } from '../../shared/domain/participation/records';
import { startCore, type CoreUnderTest } from '../testing/coreHarness';
import { FakeSyncServer } from '../testing/fakeSyncServer';
import { centreId, employerId, makeCentre, makeCompany, makeFair, makeParticipation, makeUser, makeVacancy, seedWorld } from '../testing/fixtures';

/** Responses, interests and the fair overview through the real handler table, cache and a fake server over HTTP. */
const otherEmployerId = '00000000-0000-4000-8000-0000000000e2';
const employer = makeUser({ role: 'employer_admin', centreId: null, employerId, email: 'hr@altyn.example' });
const otherEmployer = makeUser({ role: 'employer_admin', centreId: null, employerId: otherEmployerId, email: 'hr@other.example' });
const moderator = makeUser({ role: 'moderator', email: 'mod@centre.example' });
const centre = makeCentre();
const fair = makeFair({ startsOn: '2099-04-10', endsOn: '2099-04-10' });
const company = makeCompany({ employerId });
const info = makeParticipation({ companyId: company.id, fairId: fair.id, centreId, status: 'approved', companyName: 'Altyn LLP',
  interviewPlan: [{ managerId: employer.id, startTime: '10:00', count: 4 }] });
const vacancy = makeVacancy({ companyId: company.id, participationId: info.id, title: 'Driver', places: 3 });
const otherInfo = makeParticipation({ employerId: otherEmployerId, companyId: crypto.randomUUID(), fairId: fair.id, centreId, status: 'sent', companyName: 'Other JSC' });

const response = (over: Partial<ResponseDto>): ResponseDto => ({
  id: crypto.randomUUID(), employerId, participationId: info.id, fairId: fair.id, vacancyId: vacancy.id, vacancyTitle: 'Driver', companyName: 'Altyn LLP',
  candidateId: crypto.randomUUID(), candidateName: 'Aliya Nurova', candidateEmail: 'aliya@example.kz', candidatePhone: '+7 701 000 11 22',
  resumeUploadId: crypto.randomUUID(), resumeFileName: 'Aliya CV.pdf', wantsVideoInterview: true, coverNote: '', createdAt: 1_000, version: 0, ...over,
});
const interest = (over: Partial<InterestDto>): InterestDto => ({
  id: crypto.randomUUID(), employerId, participationId: info.id, fairId: fair.id, candidateId: crypto.randomUUID(), candidateName: 'Bolat',
  candidateEmail: 'bolat@example.kz', candidatePhone: '', createdAt: 2_000, version: 0, ...over,
});

describe('response, interest and fair overview handlers', () => {
  let server: FakeSyncServer;
  let app: CoreUnderTest;
  const aliya = response({});
  const timur = response({ candidateName: 'Timur', candidateEmail: 'timur@example.kz', wantsVideoInterview: false, createdAt: 3_000 });
  const foreign = response({ employerId: otherEmployerId, participationId: otherInfo.id, candidateEmail: 'foreign@example.kz' });
  const bolat = interest({});
  const foreignInterest = interest({ employerId: otherEmployerId, participationId: otherInfo.id });

  beforeEach(async () => {
    server = await FakeSyncServer.start([
      { password: 'p', user: employer },
      { password: 'p', user: otherEmployer },
      { password: 'p', user: moderator },
    ]);
    seedWorld(server.world, { centres: [centre], fairs: [fair], companies: [company], participations: [info, otherInfo], vacancies: [vacancy] });
    for (const r of [aliya, timur, foreign]) server.world.put('response', r);
    for (const i of [bolat, foreignInterest]) server.world.put('interest', i);
    app = await startCore();
  });
  afterEach(async () => {
    await app.core.close();
    await server.close();
  });

  const signIn = async (email: string): Promise<void> => {
    const mark = app.transport.events.length;
    await app.call('session.login', { serverUrl: server.url, email, password: 'p' });
    await app.syncState('idle', mark);
  };

  it('an employer lists its own responses and interests offline, filters them and keeps a read resume', async () => {
    await signIn(employer.email);
    const listed = await app.call<LocalResponse[]>('responses.list');
    expect(listed.map((r) => r.candidateName)).toEqual(['Timur', 'Aliya Nurova']);
    expect(listed[1]).toEqual({ ...aliya, version: expect.any(Number) as number, resumeCached: false });
    expect((await app.call<LocalResponse[]>('responses.list', { wantsVideoInterview: true })).map((r) => r.id)).toEqual([aliya.id]);
    expect((await app.call<LocalResponse[]>('responses.list', { search: 'TIMUR@' })).map((r) => r.id)).toEqual([timur.id]);
    expect((await app.call<LocalResponse[]>('responses.list', { search: 'driver', fairId: fair.id, participationId: info.id, vacancyId: vacancy.id })).length).toBe(2);
    expect(await app.call('responses.list', { fairId: crypto.randomUUID() })).toEqual([]);
    expect((await app.call<InterestDto[]>('interests.list')).map((i) => i.id)).toEqual([bolat.id]);
    expect(await app.call('interests.list', { participationId: otherInfo.id })).toEqual([]);

    // The resume is fetched once, then readable offline.
    const pdf = Buffer.from('%PDF-1.4\n% resume\n%%EOF\n');
    server.world.putUpload(otherEmployer, 'resume', aliya.resumeUploadId, pdf, 'application/pdf', 'Aliya CV.pdf');
    const read = await app.call<{ dataBase64: string }>('uploads.read', { id: aliya.resumeUploadId });
    expect(Buffer.from(read.dataBase64, 'base64').equals(pdf)).toBe(true);
    expect((await app.call<LocalResponse[]>('responses.list', { wantsVideoInterview: true }))[0]?.resumeCached).toBe(true);
    await server.suspend();
    expect((await app.call<LocalResponse[]>('responses.list')).length).toBe(2);
    expect(Buffer.from((await app.call<{ dataBase64: string }>('uploads.read', { id: aliya.resumeUploadId })).dataBase64, 'base64').equals(pdf)).toBe(true);
    await server.resume();

    // A candidate withdraws the interest on the portal: the tombstone removes it here too.
    server.world.del('interest', bolat.id);
    await app.call('sync.now');
    expect(await app.call('interests.list')).toEqual([]);
    expect(app.transport.events.filter((e) => e.event === 'cache.changed').map((e) => e.payload)).toContainEqual({ entities: ['interest'] });
    // An employer may not ask for the moderator's overview.
    expect(await app.invoke('fairs.overview', { fairId: fair.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a moderator gets no responses, and the overview: counted by the server online, from the cache offline', async () => {
    await signIn(moderator.email);
    expect(await app.call('responses.list')).toEqual([]);
    expect(await app.call('interests.list')).toEqual([]);
    const online = await app.call<FairOverview>('fairs.overview', { fairId: fair.id });
    expect(online.countedAt).toEqual(expect.any(Number));
    expect(online.employers).toEqual([
      { participationId: info.id, companyName: 'Altyn LLP', status: 'approved', vacancyCount: 1, placeCount: 3, responseCount: 2, interestCount: 1, videoResponseCount: 1, plannedSlots: 4,
        unansweredChats: 0, oldestUnansweredSince: null },
      { participationId: otherInfo.id, companyName: 'Other JSC', status: 'sent', vacancyCount: 0, placeCount: 0, responseCount: 1, interestCount: 1, videoResponseCount: 1, plannedSlots: 0,
        unansweredChats: 0, oldestUnansweredSince: null },
    ]);
    expect(online.totals).toEqual({ employers: 2, approvedEmployers: 1, vacancies: 1, places: 3, responses: 3, interests: 2, plannedSlots: 4, unansweredChats: 0 });

    await server.suspend();
    const offline = await app.call<FairOverview>('fairs.overview', { fairId: fair.id });
    expect(offline).toEqual({
      fairId: fair.id,
      countedAt: null,
      employers: online.employers.map((e) => ({ ...e, responseCount: null, interestCount: null, videoResponseCount: null, unansweredChats: null })),
      totals: { ...online.totals, responses: null, interests: null, unansweredChats: null },
    });
    await server.resume();
    expect(await app.invoke('fairs.overview', { fairId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
