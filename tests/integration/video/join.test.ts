import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoInterviewResponse, videoRoutes } from '../../../src/shared/api/video';
import { VideoCallPeer } from '../../../src/server/db/entities';
import { VideoJoinGrant } from '../../../src/shared/domain/video/records';
import { WARN_BEFORE_END_MS, joinOpensAt, videoRefusalMessage } from '../../../src/shared/domain/video/rules';
import type { PortalCandidate } from '../support/candidatePortal';
import { serverDatabaseKinds } from '../support/databases';
import type { RawAnswer } from '../support/syncClient';
import { asCandidate, asStaff, book, candidateInterview, employerInterviews, expectRefused } from './videoApi';
import { startVideoWorld, type VideoWorld } from './videoWorld';

const granted = (answer: RawAnswer): VideoJoinGrant => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return VideoJoinGrant.parse(answer.body);
};

/**
 * Joining a call through a real server process: both sides of a booked interview get their own
 * peer identity and learn the other's; a rejoin is a new peer; too early, not booked and ended
 * are refused with the sentence the clients show.
 */
describe.each(serverDatabaseKinds())('video join (%s)', (kind) => {
  let w: VideoWorld;
  let aliya: PortalCandidate;
  let bolat: PortalCandidate;
  let dina: PortalCandidate;
  /** manager1's first slot (opens within minutes: joinable now), booked by Aliya. */
  let now: string;
  /** manager2's slot half an hour away, booked by Bolat: too early. */
  let later: string;
  /** manager1's invitation to Dina, not answered. */
  let unbooked: string;

  const peersOf = (interviewId: string) => w.direct.db.getRepository(VideoCallPeer).find({ where: { interviewId }, order: { issuedAt: 'ASC' } });
  const bookFirstFree = async (candidate: PortalCandidate, id: string): Promise<void> => {
    const [slot] = (await candidateInterview(w, candidate, id)).freeSlots;
    const answer = await book(w, candidate, id, slot?.startsAt);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };

  beforeAll(async () => {
    w = await startVideoWorld(kind, { soonSlots: 2, laterSlots: 1 });
    aliya = await w.signIn('aliya.join@example.kz', 'Aliya Nurova');
    bolat = await w.signIn('bolat.join@example.kz', 'Bolat Serikov');
    dina = await w.signIn('dina.join@example.kz', 'Dina Karimova');
    now = await w.invite(aliya, 'manager1');
    later = await w.invite(bolat, 'manager2');
    unbooked = await w.invite(dina, 'manager1');
    await bookFirstFree(aliya, now);
    await bookFirstFree(bolat, later);
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('manager and candidate get distinct peers, the second joiner is told the first’s, and a rejoin is a new peer', async () => {
    const booked = await candidateInterview(w, aliya, now);
    const manager = granted(await asStaff(w, 'manager1', videoRoutes.employerJoin, now));
    expect(manager).toMatchObject({
      interviewId: now, role: 'manager', remotePeerId: null, remoteName: 'Aliya Nurova',
      slotStartsAt: booked.slotStartsAt, endsAt: booked.slotEndsAt, warnAt: (booked.slotEndsAt ?? 0) - WARN_BEFORE_END_MS,
    });

    const candidate = granted(await asCandidate(w, aliya, videoRoutes.candidateJoin, now));
    expect(candidate).toMatchObject({ interviewId: now, role: 'candidate', remotePeerId: manager.peer.id, remoteName: 'Timur Akhmetov' });
    expect(candidate.peer.id).not.toBe(manager.peer.id);
    expect(candidate.peer.token).not.toBe(manager.peer.token);

    const rejoined = granted(await asStaff(w, 'manager1', videoRoutes.employerJoin, now));
    expect(rejoined.peer.id).not.toBe(manager.peer.id);
    expect(rejoined.remotePeerId).toBe(candidate.peer.id);
    // The candidate now learns the manager's new peer, never the revoked one.
    expect(granted(await asCandidate(w, aliya, videoRoutes.candidateJoin, now)).remotePeerId).toBe(rejoined.peer.id);

    const peers = await peersOf(now);
    expect(peers.filter((p) => p.revokedAt === null).map((p) => p.side).sort()).toEqual(['candidate', 'manager']);
    expect(peers.find((p) => p.peerId === manager.peer.id)?.revokedAt).not.toBeNull();
    expect((await employerInterviews(w, 'manager1')).find((i) => i.id === now)?.callStartedAt).not.toBeNull();
  });

  it('a slot more than 10 minutes away is too early to join, for both sides', async () => {
    const slotStartsAt = (await candidateInterview(w, bolat, later)).slotStartsAt ?? 0;
    const opensAt = DateTime.fromMillis(joinOpensAt(slotStartsAt), { zone: w.timeZone }).toFormat('HH:mm');
    const message = videoRefusalMessage('too_early', { opensAt });
    expectRefused(await asCandidate(w, bolat, videoRoutes.candidateJoin, later), 409, message);
    expectRefused(await asStaff(w, 'manager2', videoRoutes.employerJoin, later), 409, message);
    expect(await peersOf(later)).toEqual([]);
  });

  it('an invitation without a booked time cannot be joined', async () => {
    expectRefused(await asCandidate(w, dina, videoRoutes.candidateJoin, unbooked), 409, videoRefusalMessage('not_booked'));
    expectRefused(await asStaff(w, 'manager1', videoRoutes.employerJoin, unbooked), 409, videoRefusalMessage('not_booked'));
    expect(await peersOf(unbooked)).toEqual([]);
  });

  it('the inviting manager ends the call: every peer is revoked and nobody can join again', async () => {
    const ended = await asStaff(w, 'manager1', videoRoutes.employerEnd, now);
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    const { interview } = VideoInterviewResponse.parse(ended.body);
    expect(interview.id).toBe(now);
    expect(interview.callEndedAt).not.toBeNull();
    expect((await peersOf(now)).filter((p) => p.revokedAt === null)).toEqual([]);

    const message = videoRefusalMessage('ended');
    expectRefused(await asCandidate(w, aliya, videoRoutes.candidateJoin, now), 409, message);
    expectRefused(await asStaff(w, 'manager1', videoRoutes.employerJoin, now), 409, message);
    expectRefused(await asStaff(w, 'manager1', videoRoutes.employerEnd, now), 409, message);
    expect((await peersOf(now)).filter((p) => p.revokedAt === null)).toEqual([]);
  });
});
