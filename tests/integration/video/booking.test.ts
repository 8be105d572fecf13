import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandidateVideoInterviewResponse, videoRoutes } from '../../../src/shared/api/video';
import { VideoSlotBooking } from '../../../src/server/db/entities';
import { videoRefusalMessage } from '../../../src/shared/domain/video/rules';
import type { VideoSlotDto } from '../../../src/shared/domain/video/records';
import type { PortalCandidate } from '../support/candidatePortal';
import { serverDatabaseKinds } from '../support/databases';
import { asCandidate, book, candidateInterview, expectRefused } from './videoApi';
import { startVideoWorld, type VideoWorld } from './videoWorld';

const RACERS = 8;
const SLOTS = 3;

/**
 * Booking over real HTTP: a candidate chooses among the inviting manager's free times; when many
 * candidates of one manager book at once, each slot goes to exactly one of them (on PostgreSQL the
 * requests really run concurrently); declining gives the time back.
 */
describe.each(serverDatabaseKinds())('video booking (%s)', (kind) => {
  let w: VideoWorld;
  let first: { candidate: PortalCandidate; interviewId: string };
  let racers: Array<{ candidate: PortalCandidate; interviewId: string }>;
  let planSlots: VideoSlotDto[];

  const bookingsOfPlan = () => w.direct.db.getRepository(VideoSlotBooking).find({ where: { participationId: w.participationId }, order: { startsAt: 'ASC' } });
  const startsOf = (slots: VideoSlotDto[]) => slots.map((s) => s.startsAt);

  beforeAll(async () => {
    w = await startVideoWorld(kind, { soonSlots: SLOTS, laterSlots: 0 });
    const invited = async (n: number) => {
      const candidate = await w.signIn(`video.booker${n}@example.kz`, `Booker ${n}`);
      return { candidate, interviewId: await w.invite(candidate, 'manager1') };
    };
    first = await invited(0);
    racers = [];
    for (let n = 1; n <= RACERS; n++) racers.push(await invited(n));
  });
  afterAll(async () => {
    await w?.dispose();
  });

  it('a candidate sees its invitation with the manager’s free times, books one and sees it booked; declining gives it back', async () => {
    const invitation = await candidateInterview(w, first.candidate, first.interviewId);
    expect(invitation).toMatchObject({ state: 'invited', slotStartsAt: null, slotEndsAt: null, slotGone: false, timeZone: w.timeZone });
    expect(invitation.freeSlots).toHaveLength(SLOTS);
    planSlots = invitation.freeSlots;
    planSlots.forEach((slot, i) => {
      expect(slot.endsAt - slot.startsAt).toBe(20 * 60_000);
      if (i > 0) expect(slot.startsAt).toBe(planSlots[i - 1]?.endsAt);
    });
    const chosen = planSlots[1] as VideoSlotDto;

    const booked = await book(w, first.candidate, first.interviewId, chosen.startsAt);
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    const { interview } = CandidateVideoInterviewResponse.parse(booked.body);
    expect(interview).toMatchObject({ id: first.interviewId, state: 'booked', slotStartsAt: chosen.startsAt, slotEndsAt: chosen.endsAt });
    expect(await candidateInterview(w, first.candidate, first.interviewId)).toEqual(interview);
    // Another candidate of the same manager is no longer offered that time.
    expect(startsOf((await candidateInterview(w, racers[0]!.candidate, racers[0]!.interviewId)).freeSlots)).toEqual(
      startsOf(planSlots).filter((s) => s !== chosen.startsAt),
    );
    // Booked is an answer: choosing another time now is refused and changes nothing.
    expectRefused(await book(w, first.candidate, first.interviewId, planSlots[0]?.startsAt), 409, videoRefusalMessage('already_answered'));

    const declined = await asCandidate(w, first.candidate, videoRoutes.candidateDecline, first.interviewId);
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(CandidateVideoInterviewResponse.parse(declined.body).interview).toMatchObject({ state: 'declined', slotStartsAt: null });
    expect(startsOf((await candidateInterview(w, racers[0]!.candidate, racers[0]!.interviewId)).freeSlots)).toEqual(startsOf(planSlots));
    expect(await bookingsOfPlan()).toEqual([]);
    expectRefused(await book(w, first.candidate, first.interviewId, chosen.startsAt), 409, videoRefusalMessage('already_answered'));
    expectRefused(await asCandidate(w, first.candidate, videoRoutes.candidateDecline, first.interviewId), 409, videoRefusalMessage('already_answered'));
  });

  it(`${RACERS} candidates booking ${SLOTS} slots at once: exactly ${SLOTS} succeed, one per slot, the rest get a readable 409`, async () => {
    const answers = await Promise.all(racers.map((r, i) => book(w, r.candidate, r.interviewId, planSlots[i % SLOTS]?.startsAt)));

    const winners = racers.filter((_, i) => answers[i]?.status === 200);
    const losers = racers.filter((_, i) => answers[i]?.status !== 200);
    expect(winners).toHaveLength(SLOTS);
    for (const answer of answers) {
      if (answer.status !== 200) expectRefused(answer, 409, videoRefusalMessage('slot_taken'));
    }
    const won = await Promise.all(winners.map((r) => candidateInterview(w, r.candidate, r.interviewId)));
    expect(won.map((i) => i.state)).toEqual(winners.map(() => 'booked'));
    expect(won.map((i) => i.slotStartsAt ?? 0).sort((a, b) => a - b)).toEqual(startsOf(planSlots));
    const stored = await bookingsOfPlan();
    expect(stored.map((b) => b.startsAt)).toEqual(startsOf(planSlots));
    expect(stored.map((b) => b.interviewId).sort()).toEqual(winners.map((r) => r.interviewId).sort());
    for (const loser of losers) {
      expect(await candidateInterview(w, loser.candidate, loser.interviewId)).toMatchObject({ state: 'invited', slotStartsAt: null, freeSlots: [] });
    }

    // A winner declines: its time is free again, one loser takes it, and then it is gone for the others.
    const giving = winners[0]!;
    const freed = won[0]!.slotStartsAt;
    expect((await asCandidate(w, giving.candidate, videoRoutes.candidateDecline, giving.interviewId)).status).toBe(200);
    const [taker, ...others] = losers;
    expect(startsOf((await candidateInterview(w, taker!.candidate, taker!.interviewId)).freeSlots)).toEqual([freed]);
    const retaken = await book(w, taker!.candidate, taker!.interviewId, freed);
    expect(retaken.status, JSON.stringify(retaken.body)).toBe(200);
    for (const other of others) {
      expect((await candidateInterview(w, other.candidate, other.interviewId)).freeSlots).toEqual([]);
      expectRefused(await book(w, other.candidate, other.interviewId, freed), 409, videoRefusalMessage('slot_taken'));
    }
    expect((await bookingsOfPlan()).length).toBe(SLOTS);
  });
});
