import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalResponse, Rejection, SyncStatus } from '../../../src/shared/contract/ipc';
import type { VideoInterviewDto, VideoJoinGrant } from '../../../src/shared/domain/video/records';
import { Candidate, Participation, Upload, User, Vacancy, VacancyResponse } from '../../../src/server/db/entities';
import { TransactionRunner } from '../../../src/server/db/transactions';
import type { CoreUnderTest } from '../../../src/core/testing/coreHarness';
import { signedInCore, syncDrained } from '../support/desktopCores';
import { startTcpProxy, type TcpProxy } from '../../e2e/support/network';
import { videoRoutes } from '../../../src/shared/api/video';
import { asCandidate, book, candidateInterview } from '../video/videoApi';
import { STAFF, startVideoWorld, type VideoWorld } from '../video/videoWorld';

/**
 * Video interviews through the REAL desktop core and a REAL server (SQLite): manager1 invites a
 * candidate who asked for one through the outbox, sees the invitation in `videoInterviews.list`
 * after the sync, hears the candidate's booking live (`videoInterviews.changed` from the poke),
 * joins the call (a grant and the server URL); manager2 and too-early endings are refused with
 * the server's words; with the network cut the list is `server_unreachable`, and an invitation
 * queued meanwhile is sent after the network returns. The note after the call goes through the
 * outbox too: refused (a rejection) while the interview is only booked or by another manager,
 * landed once the call was held.
 */
describe('video interviews through the desktop core against the real server (SQLite)', () => {
  let w: VideoWorld;
  let proxy: TcpProxy;
  const cores: CoreUnderTest[] = [];

  const openCore = async (email: string): Promise<CoreUnderTest> => (await signedInCore(cores, proxy.url, email, { serverTimeoutMs: 2_000 })).core;
  const drained = syncDrained;
  /** The interviews of the world's participation (the seeded demo data has others). */
  const list = async (core: CoreUnderTest): Promise<VideoInterviewDto[]> =>
    (await core.call<{ interviews: VideoInterviewDto[]; serverNow: number }>('videoInterviews.list')).interviews.filter(
      (i) => i.participationId === w.participationId,
    );

  /** A response of `email` (asking for a video interview, or not) to the world's vacancy, written as the server's own change so the desktop pulls it. */
  async function respond(email: string, wantsVideoInterview: boolean): Promise<string> {
    const db = w.direct.db;
    const candidate = await db.getRepository(Candidate).findOneByOrFail({ email });
    const vacancy = await db.getRepository(Vacancy).findOneByOrFail({ participationId: w.participationId });
    const participation = await db.getRepository(Participation).findOneByOrFail({ id: w.participationId });
    const responseId = crypto.randomUUID();
    await new TransactionRunner(db).write(async (ctx) => {
      const uploadId = crypto.randomUUID();
      await ctx.manager.insert(Upload, {
        id: uploadId, kind: 'resume', mime: 'application/pdf', size: 1, sha256: crypto.createHash('sha256').update(uploadId).digest('hex'),
        originalName: 'CV.pdf', width: null, height: null, employerId: null, candidateId: candidate.id, uploadedBy: null, createdAt: ctx.now,
      });
      await ctx.manager.insert(VacancyResponse, {
        id: responseId, candidateId: candidate.id, vacancyId: vacancy.id, participationId: w.participationId, fairId: participation.fairId,
        employerId: vacancy.employerId, vacancyTitle: vacancy.title, companyName: 'KazLogistics LLP', resumeUploadId: uploadId, resumeFileName: 'CV.pdf',
        candidateName: candidate.name, candidateEmail: candidate.email, candidatePhone: candidate.phone, wantsVideoInterview, coverNote: '',
        createdAt: ctx.now, version: ctx.version,
      });
    });
    return responseId;
  }

  beforeAll(async () => {
    w = await startVideoWorld('sqlite', { soonSlots: 2, laterSlots: 0 });
    proxy = await startTcpProxy(Number(new URL(w.url).port));
  });
  afterAll(async () => {
    for (const core of cores) await core.core.close();
    await proxy?.close();
    await w?.dispose();
  });

  it('invites through the outbox, lists, hears the booking live, joins; refusals pass through; offline is server_unreachable; the note lands once held', async () => {
    const aliya = await w.signIn('aliya.video@example.kz', 'Aliya Video');
    const wanted = await respond('aliya.video@example.kz', true);
    await w.signIn('dana.novideo@example.kz', 'Dana Novideo');
    const notWanted = await respond('dana.novideo@example.kz', false);
    const manager1 = await openCore(STAFF.manager1);
    const manager1Id = (await w.direct.db.getRepository(User).findOneByOrFail({ email: STAFF.manager1 })).id;
    const responses = await manager1.call<LocalResponse[]>('responses.list');
    expect(responses.map((r) => r.id)).toEqual(expect.arrayContaining([wanted, notWanted]));
    expect(await list(manager1)).toEqual([]);

    // Refused locally (nothing queued): the candidate did not ask; an unknown response.
    expect(await manager1.invoke('videoInterviews.invite', { responseId: notWanted })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await manager1.invoke('videoInterviews.invite', { responseId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await manager1.call<SyncStatus>('sync.status')).pending).toBe(0);

    const { invitationId } = await manager1.call<{ invitationId: string }>('videoInterviews.invite', { responseId: wanted });
    await drained(manager1);
    const [invited] = await list(manager1);
    expect(invited).toMatchObject({ id: invitationId, responseId: wanted, state: 'invited', invitedByUserId: manager1Id, candidateName: 'Aliya Video' });
    expect(await manager1.call<Rejection[]>('sync.rejections')).toEqual([]);

    // A second invitation on the same response is the server's to refuse: it arrives as a rejection.
    await manager1.call('videoInterviews.invite', { responseId: wanted });
    await drained(manager1);
    await expect.poll(async () => (await manager1.call<Rejection[]>('sync.rejections')).map((r) => r.mutationName)).toEqual(['inviteToVideoInterview']);
    expect((await list(manager1)).map((i) => i.id)).toEqual([invitationId]);

    // The candidate books manager1's first slot: the server pokes, the core says "changed".
    const since = manager1.transport.events.length;
    const slot = (await candidateInterview(w, aliya, invitationId)).freeSlots[0];
    if (!slot) throw new Error('the world offers manager1’s slots');
    expect((await book(w, aliya, invitationId, slot.startsAt)).status).toBe(200);
    await manager1.transport.waitForEvent((m) => m.event === 'videoInterviews.changed', since);
    const [booked] = await list(manager1);
    expect(booked).toMatchObject({ id: invitationId, state: 'booked', slotStartsAt: slot.startsAt });

    // The inviting manager joins (the slot starts in 7–8 minutes): the grant and the server it came from.
    const joined = await manager1.call<{ grant: VideoJoinGrant; serverUrl: string }>('videoInterviews.join', { id: invitationId });
    expect(joined.serverUrl).toBe(proxy.url);
    expect(joined.grant).toMatchObject({ interviewId: invitationId, role: 'manager', remotePeerId: null, remoteName: 'Aliya Video', slotStartsAt: slot.startsAt });
    // Ending before the slot while the candidate never joined would record an early no-show: refused.
    expect(await manager1.invoke('videoInterviews.end', { id: invitationId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // No window in this host: the renderer shows the call itself.
    expect(await manager1.call('videoInterviews.openCallWindow', { id: invitationId })).toEqual({ opened: false });

    // Another manager of the same employer sees it, but may not start it.
    const manager2 = await openCore(STAFF.manager2);
    expect((await list(manager2)).map((i) => i.id)).toEqual([invitationId]);
    const refused = await manager2.invoke('videoInterviews.join', { id: invitationId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Moderators hold no video interviews.
    const moderator = await openCore(STAFF.moderator);
    expect(await moderator.invoke('videoInterviews.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Network cut: the state is the server's, so the list says so; an invitation still queues.
    const other = await w.signIn('erlan.video@example.kz', 'Erlan Video');
    const second = await respond(other.email, true);
    await drained(manager1);
    proxy.cut();
    expect(await manager1.invoke('videoInterviews.list')).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    expect(await manager1.invoke('videoInterviews.join', { id: invitationId })).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    const queued = await manager1.call<{ invitationId: string }>('videoInterviews.invite', { responseId: second });
    await expect.poll(async () => (await manager1.call<SyncStatus>('sync.status')).pending).toBe(1);
    proxy.restore();
    await drained(manager1);
    expect((await list(manager1)).find((i) => i.responseId === second)).toMatchObject({ id: queued.invitationId, state: 'invited' });

    // The note after the call. The desktop does not hold the interview's state, so a note on one that
    // is only booked is queued, and the server's refusal arrives as a rejection about the interview.
    const noteRejections = async (core: CoreUnderTest) =>
      (await core.call<Rejection[]>('sync.rejections')).filter((r) => r.mutationName === 'saveVideoNote').map((r) => [r.code, r.recordId]);
    expect(await manager1.call('videoInterviews.saveNote', { id: invitationId, note: 'Too soon' })).toEqual({ note: 'Too soon' });
    await drained(manager1);
    await expect.poll(() => noteRejections(manager1)).toEqual([['state_changed', invitationId]]);
    expect((await list(manager1)).find((i) => i.id === invitationId)).toMatchObject({ state: 'booked', note: '' });

    // Held for real: the candidate joins the call manager1 is in, and manager1 ends it.
    expect((await asCandidate(w, aliya, videoRoutes.candidateJoin, invitationId)).status).toBe(200);
    expect(await manager1.call<VideoInterviewDto>('videoInterviews.end', { id: invitationId })).toMatchObject({ id: invitationId, state: 'held' });
    const note = '  Knows the city routes.\nAsk for the licence C copy.  ';
    expect(await manager1.call('videoInterviews.saveNote', { id: invitationId, note })).toEqual({ note: note.trim() });
    await drained(manager1);
    expect((await list(manager1)).find((i) => i.id === invitationId)).toMatchObject({ state: 'held', note: note.trim() });
    expect(await noteRejections(manager1)).toHaveLength(1);

    // Another manager of the employer may see the note but not write it; the note stays.
    await manager2.call('videoInterviews.saveNote', { id: invitationId, note: 'Not mine to write' });
    await drained(manager2);
    await expect.poll(() => noteRejections(manager2)).toEqual([['forbidden', invitationId]]);
    expect((await list(manager2)).find((i) => i.id === invitationId)).toMatchObject({ note: note.trim() });

    // Refused locally, nothing queued: a note over the limit; a moderator's.
    expect(await manager1.invoke('videoInterviews.saveNote', { id: invitationId, note: 'x'.repeat(4001) })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await moderator.invoke('videoInterviews.saveNote', { id: invitationId, note: 'Moderator' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await manager1.call<SyncStatus>('sync.status')).pending).toBe(0);
    expect((await moderator.call<SyncStatus>('sync.status')).pending).toBe(0);
  });
});
