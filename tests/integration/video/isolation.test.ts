import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoRoutes } from '../../../src/shared/api/video';
import { videoRefusalMessage } from '../../../src/shared/domain/video/rules';
import type { PortalCandidate } from '../support/candidatePortal';
import { serverDatabaseKinds } from '../support/databases';
import { call } from '../support/syncClient';
import { asCandidate, asStaff, book, candidateInterview, candidateInterviews, employerInterviews, expectRefused, pathOf } from './videoApi';
import { VIDEO_TABLES, startVideoWorld, type VideoWorld } from './videoWorld';

const EMPLOYER_ROUTES = [videoRoutes.employerInterviews, videoRoutes.employerJoin, videoRoutes.employerEnd];
const CANDIDATE_ROUTES = [videoRoutes.candidateInterviews, videoRoutes.candidateBook, videoRoutes.candidateDecline, videoRoutes.candidateJoin];
const ID_ROUTES = [videoRoutes.employerJoin, videoRoutes.employerEnd, videoRoutes.candidateBook, videoRoutes.candidateDecline, videoRoutes.candidateJoin];

/**
 * Who may reach which video interview, through a real server process: nobody without a session,
 * no moderator, no other employer (which cannot even tell the interview exists), no other
 * candidate, and among the employer's own staff only the inviting manager joins or ends. Every
 * refusal leaves the interviews, bookings and peers exactly as they were.
 */
describe.each(serverDatabaseKinds())('video API isolation (%s)', (kind) => {
  let w: VideoWorld;
  let aliya: PortalCandidate;
  let bolat: PortalCandidate;
  /** Aliya's interview with manager1, booked into a slot that can be joined now. */
  let aliyaInterview: string;
  /** Bolat's interview with manager2, not answered yet. */
  let bolatInterview: string;
  const dumpVideo = () => w.direct.dump(VIDEO_TABLES);

  beforeAll(async () => {
    w = await startVideoWorld(kind, { soonSlots: 2, laterSlots: 1 });
    aliya = await w.signIn('aliya.video@example.kz', 'Aliya Nurova');
    bolat = await w.signIn('bolat.video@example.kz', 'Bolat Serikov');
    aliyaInterview = await w.invite(aliya, 'manager1');
    bolatInterview = await w.invite(bolat, 'manager2');
    const [firstSlot] = (await candidateInterview(w, aliya, aliyaInterview)).freeSlots;
    expect((await book(w, aliya, aliyaInterview, firstSlot?.startsAt)).status).toBe(200);
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('every route answers 401 without a session, with a forged one, or with the other side’s credentials', async () => {
    const before = await dumpVideo();
    const forgedCookie = { cookie: 'fairdesk_candidate=forged-session-token' };
    for (const route of EMPLOYER_ROUTES) {
      const path = pathOf(route, aliyaInterview);
      expectRefused(await call(w.url, route.method, path), 401);
      expectRefused(await call(w.url, route.method, path, { token: 'forged-bearer-token' }), 401);
      expectRefused(await asCandidate(w, aliya, route, aliyaInterview), 401);
    }
    for (const route of CANDIDATE_ROUTES) {
      const init = route === videoRoutes.candidateBook ? { json: { startsAt: 0 } } : {};
      expectRefused(await call(w.url, route.method, pathOf(route, aliyaInterview), init), 401);
      expectRefused(await asCandidate(w, forgedCookie, route, aliyaInterview, init), 401);
      expectRefused(await asStaff(w, 'manager1', route, aliyaInterview, init), 401);
    }
    expect(await dumpVideo()).toEqual(before);
  });

  it('a moderator gets nothing from the employer routes', async () => {
    const before = await dumpVideo();
    for (const route of EMPLOYER_ROUTES) expectRefused(await asStaff(w, 'moderator', route, aliyaInterview), [403, 404]);
    expect(await dumpVideo()).toEqual(before);
  });

  it('another employer’s admin cannot tell the interview exists: 404 on join and end, an empty list', async () => {
    const before = await dumpVideo();
    // This world's participation only: the demo seed has its own KazLogistics interviews.
    const ofThisWorld = (await employerInterviews(w, 'admin')).filter((i) => i.participationId === w.participationId);
    expect(ofThisWorld.map((i) => i.id).sort()).toEqual([aliyaInterview, bolatInterview].sort());
    expect(await employerInterviews(w, 'otherAdmin')).toEqual([]);
    const unknownId = crypto.randomUUID();
    for (const route of [videoRoutes.employerJoin, videoRoutes.employerEnd]) {
      const ours = await asStaff(w, 'otherAdmin', route, aliyaInterview);
      const unknown = await asStaff(w, 'otherAdmin', route, unknownId);
      expectRefused(ours, 404, videoRefusalMessage('not_found'));
      // Same answer as for an id that does not exist: nothing tells the two apart.
      expect(ours.body).toEqual(unknown.body);
    }
    expect(await dumpVideo()).toEqual(before);
  });

  it('another candidate cannot book, decline or join someone else’s interview, nor see it', async () => {
    const before = await dumpVideo();
    const aliyaView = await candidateInterview(w, aliya, aliyaInterview);
    expect((await candidateInterviews(w, bolat)).map((i) => i.id)).toEqual([bolatInterview]);
    expectRefused(await book(w, bolat, aliyaInterview, aliyaView.slotStartsAt), 404, videoRefusalMessage('not_found'));
    expectRefused(await asCandidate(w, bolat, videoRoutes.candidateDecline, aliyaInterview), 404, videoRefusalMessage('not_found'));
    expectRefused(await asCandidate(w, bolat, videoRoutes.candidateJoin, aliyaInterview), 404, videoRefusalMessage('not_found'));
    expect(await dumpVideo()).toEqual(before);
    expect(await candidateInterview(w, aliya, aliyaInterview)).toEqual(aliyaView);
  });

  it('staff of the same employer who did not invite may list but not join or end: 403 not_inviter', async () => {
    const before = await dumpVideo();
    expect((await employerInterviews(w, 'manager2')).map((i) => i.id)).toContain(aliyaInterview);
    for (const who of ['manager2', 'admin'] as const) {
      expectRefused(await asStaff(w, who, videoRoutes.employerJoin, aliyaInterview), 403, videoRefusalMessage('not_inviter'));
      expectRefused(await asStaff(w, who, videoRoutes.employerEnd, aliyaInterview), 403, videoRefusalMessage('not_inviter'));
    }
    expect(await dumpVideo()).toEqual(before);
  });

  it('ids that are not uuids, or no interview’s, answer 404 on every route that takes one', async () => {
    const before = await dumpVideo();
    const badIds = ['not-a-uuid', '1', `${aliyaInterview}x`, "' OR 1=1 --", crypto.randomUUID()];
    for (const route of ID_ROUTES) {
      for (const id of badIds) {
        const init = route === videoRoutes.candidateBook ? { json: { startsAt: 0 } } : {};
        const answer = route.path.startsWith('/api/portal')
          ? await asCandidate(w, aliya, route, encodeURIComponent(id), init)
          : await asStaff(w, 'manager1', route, encodeURIComponent(id), init);
        expectRefused(answer, 404);
      }
    }
    expect(await dumpVideo()).toEqual(before);
  });

  it('malformed bookings are refused (400/409) and change nothing', async () => {
    const before = await dumpVideo();
    const listed = await candidateInterviews(w, bolat);
    const [ownSlot] = listed[0]?.freeSlots ?? [];
    expect(ownSlot).toBeDefined();
    const otherManagersSlot = (await candidateInterview(w, aliya, aliyaInterview)).slotStartsAt;
    // Not a booking request at all: refused by the schema.
    const malformed: Array<{ json?: unknown; body?: string }> = [
      { json: {} },
      { json: { startsAt: String(ownSlot?.startsAt) } },
      { json: { startsAt: -1 } },
      { json: { startsAt: (ownSlot?.startsAt ?? 0) + 0.5 } },
      { json: [ownSlot?.startsAt] },
      { json: null },
      { body: 'startsAt=1' },
    ];
    for (const init of malformed) {
      const headers: Record<string, string> = init.body !== undefined ? { 'content-type': 'application/json' } : {};
      expectRefused(await asCandidate(w, bolat, videoRoutes.candidateBook, bolatInterview, { ...init, headers }), 400);
    }
    // Well-formed, but no time the inviting manager offers: a conflict that names what to do.
    const notOffered = [
      (ownSlot?.startsAt ?? 0) + 60_000, // inside the slot, not its start
      otherManagersSlot, // a slot, but of another manager's series
      0,
    ];
    for (const startsAt of notOffered) expectRefused(await book(w, bolat, bolatInterview, startsAt), 409, videoRefusalMessage('not_offered'));
    expect(await candidateInterviews(w, bolat)).toEqual(listed);
    expect(await dumpVideo()).toEqual(before);
  });
});
