import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppNotification, RpcEventMessage } from '../../shared/contract/ipc';
import type { ResponseDto } from '../../shared/domain/participation/records';
import { startCore, type CoreUnderTest } from '../testing/coreHarness';
import { FakeSyncServer } from '../testing/fakeSyncServer';
import { employerId, makeCentre, makeFair, makeParticipation, makePreApplication, makeUser, seedWorld } from '../testing/fixtures';

const employer = makeUser({ role: 'employer_admin', centreId: null, employerId, email: 'hr@altyn.example' });
const moderator = makeUser({ role: 'moderator', email: 'mod@centre.example' });
const centre = makeCentre();
const fair = makeFair({ startsOn: '2099-04-10', endsOn: '2099-04-10' });

function makeResponse(participationId: string, overrides: Partial<ResponseDto> = {}): ResponseDto {
  return {
    id: randomUUID(), employerId, participationId, fairId: fair.id, vacancyId: randomUUID(), vacancyTitle: 'Driver', companyName: 'Altyn Dala',
    candidateId: randomUUID(), candidateName: 'Aida Nur', candidateEmail: 'aida@example.kz', candidatePhone: '', resumeUploadId: randomUUID(),
    resumeFileName: 'cv.pdf', wantsVideoInterview: true, coverNote: '', createdAt: Date.now(), version: 1, ...overrides,
  };
}

/** Notifications through the real core (cache, sync, handler table) against a fake server. */
describe('in-app notifications', () => {
  let server: FakeSyncServer;
  let app: CoreUnderTest;
  // Already decided before the employer ever signs in: part of the first snapshot, never news.
  const oldApproval = makePreApplication({ status: 'approved', decidedBy: moderator.id, decidedByName: 'Mod', decidedAt: 1_700_000_100_000, fairId: fair.id, fairTitle: fair.title });
  const underReview = makePreApplication({ number: '20300101-2' });
  const withdrawable = makePreApplication({ number: '20300101-3' });
  const info = makeParticipation({ fairId: fair.id, fairTitle: fair.title, centreId: centre.id, status: 'sent', sentAt: 1_700_000_000_000 });
  const oldResponse = makeResponse(info.id, { candidateName: 'Old Candidate' });

  beforeEach(async () => {
    server = await FakeSyncServer.start([
      { password: 'p', user: employer },
      { password: 'p', user: moderator },
    ]);
    seedWorld(server.world, { centres: [centre], fairs: [fair], preApplications: [oldApproval, underReview, withdrawable], participations: [info] });
    server.world.put('response', oldResponse);
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
    // The first sync (the snapshot) is done once a sync asked for now has run.
    await app.call('sync.now');
  };
  const notificationEvents = (since = 0): AppNotification[] =>
    app.transport.events.slice(since).filter((e: RpcEventMessage) => e.event === 'notification').map((e) => e.payload as AppNotification);

  it('a fresh sign-in’s snapshot notifies nothing, however much is decided or responded already', async () => {
    await signIn(employer.email);
    expect(await app.call('notifications.list')).toEqual([]);
    expect(notificationEvents()).toEqual([]);
  });

  it('a moderator’s decision arriving by pull makes one notification and one event; pulling again adds none', async () => {
    await signIn(employer.email);
    const mark = app.transport.events.length;
    const decidedAt = Date.now();
    server.world.put('participation', { ...info, status: 'rejected', rejectionReason: 'No salary', decidedBy: moderator.id, decidedByName: 'Mod', decidedAt });
    server.world.put('preApplication', { ...underReview, status: 'approved', decidedBy: moderator.id, decidedByName: 'Mod', decidedAt, fairId: fair.id, fairTitle: fair.title });
    await app.call('sync.now');

    const listed = await app.call<AppNotification[]>('notifications.list');
    expect(listed.map((n) => [n.kind, n.recordId, n.params['decision'], n.readAt]).sort()).toEqual([
      ['participationDecided', info.id, 'rejected', null],
      ['preApplicationDecided', underReview.id, 'approved', null],
    ]);
    expect(listed.find((n) => n.kind === 'participationDecided')?.params).toMatchObject({ reason: 'No salary', fairTitle: fair.title, number: info.number });
    expect(notificationEvents(mark).map((n) => n.id).sort()).toEqual(listed.map((n) => n.id).sort());

    // The same state again (another pull, a re-sent row): nothing new.
    server.world.put('participation', { ...server.world.get<typeof info>('participation', info.id)!, updatedAt: Date.now() });
    await app.call('sync.now');
    expect(await app.call<AppNotification[]>('notifications.list')).toHaveLength(2);
    expect(notificationEvents(mark)).toHaveLength(2);
  });

  it('the user’s own change brings no notification', async () => {
    await signIn(employer.email);
    const mark = app.transport.events.length;
    await app.call('preApplications.withdraw', { id: withdrawable.id });
    await app.call('sync.now');
    expect(server.world.get<typeof withdrawable>('preApplication', withdrawable.id)?.status).toBe('withdrawn');
    expect(await app.call('notifications.list')).toEqual([]);
    expect(notificationEvents(mark)).toEqual([]);
  });

  it('new responses arriving by pull make one notification per participation info', async () => {
    await signIn(employer.email);
    const mark = app.transport.events.length;
    server.world.put('response', makeResponse(info.id, { candidateName: 'Bolat' }));
    server.world.put('response', makeResponse(info.id, { candidateName: 'Chingiz', wantsVideoInterview: false }));
    await app.call('sync.now');
    const [news, ...rest] = await app.call<AppNotification[]>('notifications.list');
    expect(rest).toEqual([]);
    expect(news).toMatchObject({ kind: 'newResponses', recordId: info.id, params: { count: 2, fairTitle: fair.title, wantsVideoInterview: 1 } });
    expect(notificationEvents(mark)).toEqual([news]);
  });

  it('markRead marks the given notifications, or all; a moderator gets none', async () => {
    await signIn(employer.email);
    server.world.put('response', makeResponse(info.id));
    server.world.put('preApplication', { ...underReview, status: 'rejected', rejectionReason: 'x', decidedBy: moderator.id, decidedByName: 'Mod', decidedAt: Date.now() });
    await app.call('sync.now');
    const listed = await app.call<AppNotification[]>('notifications.list');
    expect(listed).toHaveLength(2);
    const [first, second] = listed;
    await app.call('notifications.markRead', { ids: [first?.id] });
    const afterOne = await app.call<AppNotification[]>('notifications.list');
    expect(afterOne.find((n) => n.id === first?.id)?.readAt).toEqual(expect.any(Number));
    expect(afterOne.find((n) => n.id === second?.id)?.readAt).toBeNull();
    await app.call('notifications.markRead', {});
    expect((await app.call<AppNotification[]>('notifications.list')).every((n) => n.readAt !== null)).toBe(true);

    // Another user on this desk: the employer's notifications are gone, and a moderator gets none.
    await app.call('session.logout', { discardPending: true });
    await signIn(moderator.email);
    server.world.put('preApplication', { ...withdrawable, status: 'approved', decidedBy: randomUUID(), decidedByName: 'Other', decidedAt: Date.now(), fairId: fair.id, fairTitle: fair.title });
    await app.call('sync.now');
    expect(await app.call('notifications.list')).toEqual([]);
  });
});
