import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InterviewPlan } from '../../shared/domain/participation/interviewPlan';
import { CandidateVideoInterviewDto, VideoInterviewDto, VideoJoinGrant, type VideoSlotDto } from '../../shared/domain/video/records';
import { videoRefusalMessage } from '../../shared/domain/video/rules';
import { Candidate, CareerCentre, Fair, MailOutbox, Participation, Upload, User, VacancyResponse, VideoCallPeer, VideoInterview, VideoSlotBooking } from '../db/entities';
import { MutationRejected } from '../domain/rejection';
import { rooms } from '../realtime/rooms';
import { openTestWorld, type TestWorld } from '../sync/testWorld';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { VideoFailure, VideoInterviewService, type VideoCaller } from './videoInterviewService';

const SEED_NOW = Date.UTC(2026, 8, 10, 3, 0);
const MIN = 60_000;
/** The Almaty fair is moved to end on 14 October 2026: interviews on the 15th, Asia/Almaty (UTC+5). */
const FAIR_ENDS_ON = '2026-10-14';
const almatyTime = (hour: number, minute: number): number => Date.UTC(2026, 9, 15, hour - 5, minute);

describe.each(databaseKindsUnderTest())('video interview service on %s', (kind) => {
  let w: TestWorld;
  let video: VideoInterviewService;
  let kaz: Participation;
  const users = new Map<string, User>();
  const user = (email: string): User => {
    const found = users.get(email);
    if (!found) throw new Error(`no demo user ${email}`);
    return found;
  };
  const timur = () => user('manager1@kazlogistics.demo');
  const saule = () => user('manager2@kazlogistics.demo');
  const dana = () => user('admin@kazlogistics.demo');
  const asUser = (u: User): VideoCaller => ({ kind: 'user', userId: u.id });
  const asCandidate = (id: string): VideoCaller => ({ kind: 'candidate', candidateId: id });

  const setPlan = async (plan: InterviewPlan): Promise<void> => {
    await w.t.db.getRepository(Participation).update({ id: kaz.id }, { interviewPlan: plan, status: 'approved' });
  };

  /** A candidate who responded to KazLogistics (asking for a video interview unless told otherwise). */
  const newCandidate = async (options: { wantsVideo?: boolean; locale?: Candidate['locale'] } = {}) => {
    const id = crypto.randomUUID();
    await w.t.db.getRepository(Candidate).insert({ id, email: `${id}@mail.kz`, name: `Candidate ${id.slice(0, 4)}`, phone: '', locale: options.locale ?? 'ru', createdAt: 1, updatedAt: 1 });
    const resumeId = crypto.randomUUID();
    await w.t.db.getRepository(Upload).insert({
      id: resumeId, kind: 'resume', mime: 'application/pdf', size: 1, sha256: 'a'.repeat(64), originalName: 'cv.pdf', width: null, height: null,
      employerId: null, candidateId: id, uploadedBy: null, createdAt: 1,
    });
    const responseId = crypto.randomUUID();
    await w.t.db.getRepository(VacancyResponse).insert({
      id: responseId, candidateId: id, vacancyId: crypto.randomUUID(), participationId: kaz.id, fairId: kaz.fairId, employerId: kaz.employerId,
      vacancyTitle: 'Courier', companyName: kaz.companyName, resumeUploadId: resumeId, resumeFileName: 'cv.pdf', candidateName: 'copy',
      candidateEmail: 'copy@mail.kz', candidatePhone: '', wantsVideoInterview: options.wantsVideo ?? true, coverNote: '', createdAt: 1, version: 1,
    });
    return { id, responseId, caller: asCandidate(id) };
  };

  /** Runs the invitation mutation in its own write transaction, as the push dispatcher does. */
  const invite = async (actor: User, responseId: string, id: string = crypto.randomUUID()) => {
    try {
      const applied = await w.tx.write((ctx) => video.inviteToVideoInterview({ ...ctx, clientId: null }, actor, { id, responseId }));
      return { id, applied };
    } catch (err) {
      if (err instanceof MutationRejected) return { id, refused: { code: err.code, message: err.message } };
      throw err;
    }
  };
  const invited = async (actor: User = timur()) => {
    const candidate = await newCandidate();
    const outcome = await invite(actor, candidate.responseId);
    if (!outcome.applied) throw new Error(`not invited: ${JSON.stringify(outcome.refused)}`);
    return { ...candidate, interviewId: outcome.id };
  };
  const saveNote = async (actor: User, id: string, note: string) => {
    try {
      await w.tx.write((ctx) => video.saveVideoNote({ ...ctx, clientId: null }, actor, { id, note }));
      return 'applied';
    } catch (err) {
      if (err instanceof MutationRejected) return err.code;
      throw err;
    }
  };
  /** The VideoFailure a call is refused with. */
  const failure = async (call: Promise<unknown>): Promise<VideoFailure> => {
    try {
      await call;
    } catch (err) {
      if (err instanceof VideoFailure) return err;
      throw err;
    }
    throw new Error('the call was not refused');
  };
  const row = (id: string) => w.t.db.getRepository(VideoInterview).findOneByOrFail({ id });
  const starts = (slots: VideoSlotDto[]) => slots.map((s) => s.startsAt);
  const freeFor = async (candidateId: string) => (await video.listForCandidate(candidateId))[0]?.freeSlots ?? [];
  /** What the service told the PeerJS server to disconnect. */
  const revokedPeers: string[] = [];
  /** Which employers' clients the service asked to refresh. */
  const changedEmployers: string[] = [];
  const at = (time: number) => {
    w.clock.now = time;
  };

  beforeAll(async () => {
    w = await openTestWorld(kind, SEED_NOW);
    video = new VideoInterviewService(w.tx, {
      peerServer: { path: '/peerjs', key: 'fairdesk' },
      iceServers: [{ urls: 'stun:stun.example.kz:3478' }],
      now: () => w.clock.now,
      onPeersRevoked: (ids) => revokedPeers.push(...ids),
      onEmployerChanged: (id) => changedEmployers.push(id),
    });
    for (const u of await w.t.db.getRepository(User).find()) users.set(u.email, u);
    const steppe = await w.t.db.getRepository(Participation).findOneByOrFail({ employerId: user('admin@steppefoods.demo').employerId ?? '' });
    kaz = await w.t.db.getRepository(Participation).findOneByOrFail({ employerId: timur().employerId ?? '', fairId: steppe.fairId });
    await w.t.db.getRepository(Fair).update({ id: kaz.fairId }, { endsOn: FAIR_ENDS_ON });
  });
  beforeEach(async () => {
    for (const entity of [VideoCallPeer, VideoSlotBooking, VideoInterview]) await w.t.db.getRepository(entity).createQueryBuilder().delete().execute();
    at(SEED_NOW);
    await setPlan([
      { managerId: timur().id, startTime: '10:00', count: 3 },
      { managerId: dana().id, startTime: '14:00', count: 2 },
    ]);
  });
  afterAll(async () => {
    await w?.dispose();
  });

  describe('inviting', () => {
    it('lets a manager with times in the approved plan invite, once per response, and mails the candidate', async () => {
      const candidate = await newCandidate({ locale: 'en' });
      const id = crypto.randomUUID();
      expect(await invite(timur(), candidate.responseId, id)).toEqual({ id, applied: { recordId: id, rooms: [rooms.employer(kaz.employerId)] } });
      expect(await row(id)).toMatchObject({
        responseId: candidate.responseId, candidateId: candidate.id, employerId: kaz.employerId, participationId: kaz.id, fairId: kaz.fairId,
        invitedByUserId: timur().id, state: 'invited', invitedAt: SEED_NOW, slotStartsAt: null, note: '',
      });
      const mails = await w.t.db.getRepository(MailOutbox).findBy({ toAddress: `${candidate.id}@mail.kz` });
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ template: 'videoInterviewInvitation', locale: 'en', status: 'queued', employerId: kaz.employerId });
      expect(mails[0]?.textBody).toContain('from 10:00 to 11:00 (Asia/Almaty time)');
      expect(mails[0]?.textBody).toContain('Timur Akhmetov');

      // The same mutation again (a replayed push) changes nothing and mails nothing.
      at(SEED_NOW + MIN);
      expect(await invite(timur(), candidate.responseId, id)).toMatchObject({ applied: { recordId: id } });
      expect((await row(id)).invitedAt).toBe(SEED_NOW);
      expect(await w.t.db.getRepository(MailOutbox).countBy({ toAddress: `${candidate.id}@mail.kz` })).toBe(1);

      // A second invitation for the same response, by anyone, is refused with the first one's state.
      expect(await invite(dana(), candidate.responseId)).toMatchObject({ refused: { code: 'state_changed', message: expect.stringContaining('has not chosen a time yet') } });
      // The id of an invitation cannot be reused for another response.
      const other = await newCandidate();
      expect(await invite(timur(), other.responseId, id)).toMatchObject({ refused: { code: 'invalid' } });
    });

    it('refuses moderators, other employers, managers without times, responses without the wish and unapproved participations', async () => {
      const candidate = await newCandidate();
      expect(await invite(user('moderator@fairdesk.demo'), candidate.responseId)).toMatchObject({ refused: { code: 'forbidden' } });
      expect(await invite(user('admin@steppefoods.demo'), candidate.responseId)).toMatchObject({
        refused: { code: 'not_found', message: 'This response does not exist or is not your company’s.' },
      });
      expect(await invite(timur(), crypto.randomUUID())).toMatchObject({ refused: { code: 'not_found' } });
      expect(await invite(saule(), candidate.responseId)).toMatchObject({
        refused: { code: 'invalid', message: expect.stringContaining('You have no interview times in the approved plan') },
      });
      const noWish = await newCandidate({ wantsVideo: false });
      expect(await invite(timur(), noWish.responseId)).toMatchObject({ refused: { code: 'invalid', message: videoRefusalMessage('not_wanted') } });
      await w.t.db.getRepository(Participation).update({ id: kaz.id }, { status: 'sent' });
      expect(await invite(timur(), candidate.responseId)).toMatchObject({ refused: { code: 'state_changed', message: expect.stringContaining('approved') } });
      await setPlan([{ managerId: timur().id, startTime: '10:00', count: 3 }]);
      // Refusals wrote nothing; the admin with no times left in the plan is refused too, timur is not.
      expect(await w.t.db.getRepository(VideoInterview).count()).toBe(0);
      expect(await invite(dana(), candidate.responseId)).toMatchObject({ refused: { code: 'invalid' } });
      expect(await invite(timur(), candidate.responseId)).toMatchObject({ applied: {} });
      expect(await invite(timur(), 'not-a-uuid')).toMatchObject({ refused: { code: 'invalid' } });
    });
  });

  describe('slots and booking', () => {
    it('offers the inviting manager’s times only, as instants of the centre’s day, with its wall-clock labels', async () => {
      const byTimur = await invited(timur());
      const byDana = await invited(dana());
      const [view] = await video.listForCandidate(byTimur.id);
      expect(view).toMatchObject({ id: byTimur.interviewId, state: 'invited', interviewerName: 'Timur Akhmetov', companyName: kaz.companyName, vacancyTitle: 'Courier', timeZone: 'Asia/Almaty', slotGone: false });
      expect(view?.freeSlots).toEqual([
        { startsAt: almatyTime(10, 0), endsAt: almatyTime(10, 20), startLabel: '10:00', endLabel: '10:20', day: '2026-10-15', timeZone: 'Asia/Almaty' },
        { startsAt: almatyTime(10, 20), endsAt: almatyTime(10, 40), startLabel: '10:20', endLabel: '10:40', day: '2026-10-15', timeZone: 'Asia/Almaty' },
        { startsAt: almatyTime(10, 40), endsAt: almatyTime(11, 0), startLabel: '10:40', endLabel: '11:00', day: '2026-10-15', timeZone: 'Asia/Almaty' },
      ]);
      expect(starts(await freeFor(byDana.id))).toEqual([almatyTime(14, 0), almatyTime(14, 20)]);
      // A time of another manager is not on offer.
      const wrong = await failure(video.book(byTimur.id, { interviewId: byTimur.interviewId, startsAt: almatyTime(14, 0) }));
      expect(wrong.code).toBe('not_offered');
      expect(starts(wrong.freeSlots ?? [])).toEqual([almatyTime(10, 0), almatyTime(10, 20), almatyTime(10, 40)]);

      at(SEED_NOW + 5 * MIN);
      const booked = await video.book(byTimur.id, { interviewId: byTimur.interviewId, startsAt: almatyTime(10, 20) });
      expect(booked).toMatchObject({ state: 'booked', slotStartsAt: almatyTime(10, 20), slotEndsAt: almatyTime(10, 40), slotGone: false, freeSlots: [] });
      expect(await row(byTimur.interviewId)).toMatchObject({ slotManagerId: timur().id, bookedAt: SEED_NOW + 5 * MIN });
      const [employerView] = (await video.listForEmployer(dana().id)).filter((i) => i.id === byTimur.interviewId);
      expect(employerView).toMatchObject({ state: 'booked', invitedByName: 'Timur Akhmetov', slotStartsAt: almatyTime(10, 20), slotGone: false });
      // Both views are what the shared contract describes.
      expect(VideoInterviewDto.parse(employerView)).toEqual(employerView);
      expect(CandidateVideoInterviewDto.parse(booked)).toEqual(booked);
      expect(CandidateVideoInterviewDto.parse(view)).toEqual(view);
      // Once booked, the answer stands: no second booking.
      expect((await failure(video.book(byTimur.id, { interviewId: byTimur.interviewId, startsAt: almatyTime(10, 40) }))).code).toBe('already_answered');
      // Another candidate's interview is not found; bad input is a bad request.
      expect((await failure(video.book(byDana.id, { interviewId: byTimur.interviewId, startsAt: almatyTime(10, 0) }))).code).toBe('not_found');
      expect((await failure(video.book(byTimur.id, { interviewId: 'x', startsAt: almatyTime(10, 0) }))).code).toBe('bad_request');
      // A time that has begun is no longer on offer, and the refusal says so.
      at(almatyTime(14, 5));
      const late = await failure(video.book(byDana.id, { interviewId: byDana.interviewId, startsAt: almatyTime(14, 0) }));
      expect(late).toMatchObject({ code: 'slot_started', message: videoRefusalMessage('slot_started') });
      expect(starts(late.freeSlots ?? [])).toEqual([almatyTime(14, 20)]);
    });

    it('counts slots across a daylight-saving change in real minutes and books the right one of two equal labels', async () => {
      const centre = await w.t.db.getRepository(CareerCentre).findOneByOrFail({ id: kaz.centreId });
      await w.t.db.getRepository(CareerCentre).update({ id: centre.id }, { timeZone: 'Europe/Berlin' });
      // Berlin falls back from 03:00 CEST to 02:00 CET on 25 October 2026.
      await w.t.db.getRepository(Fair).update({ id: kaz.fairId }, { endsOn: '2026-10-24' });
      try {
        await setPlan([{ managerId: timur().id, startTime: '01:20', count: 6 }]);
        const candidate = await invited();
        const free = await freeFor(candidate.id);
        expect(free.map((s) => s.startLabel)).toEqual(['01:20', '01:40', '02:00', '02:20', '02:40', '02:00']);
        expect(free.map((s) => s.day)).toEqual(Array(6).fill('2026-10-25'));
        // 01:20 CEST is 23:20 UTC the day before; every slot starts 20 real minutes after the previous one.
        expect(starts(free)).toEqual([0, 20, 40, 60, 80, 100].map((m) => Date.UTC(2026, 9, 24, 23, 20 + m)));
        const secondTwo = Date.UTC(2026, 9, 25, 1, 0); // 02:00 CET
        const booked = await video.book(candidate.id, { interviewId: candidate.interviewId, startsAt: secondTwo });
        expect(booked).toMatchObject({ slotStartsAt: secondTwo, slotEndsAt: secondTwo + 20 * MIN, timeZone: 'Europe/Berlin' });
        const other = await invited();
        expect(starts(await freeFor(other.id))).not.toContain(secondTwo);
        expect(starts(await freeFor(other.id))).toContain(Date.UTC(2026, 9, 25, 0, 0)); // 02:00 CEST is still free
      } finally {
        await w.t.db.getRepository(CareerCentre).update({ id: centre.id }, { timeZone: centre.timeZone });
        await w.t.db.getRepository(Fair).update({ id: kaz.fairId }, { endsOn: FAIR_ENDS_ON });
      }
    });

    it('marks a booking whose time left the plan as gone; joining is refused and the candidate re-books', async () => {
      const candidate = await invited();
      await video.book(candidate.id, { interviewId: candidate.interviewId, startsAt: almatyTime(10, 20) });
      await setPlan([{ managerId: timur().id, startTime: '11:00', count: 2 }, { managerId: dana().id, startTime: '14:00', count: 2 }]);
      const [view] = await video.listForCandidate(candidate.id);
      expect(view).toMatchObject({ state: 'booked', slotStartsAt: almatyTime(10, 20), slotGone: true });
      expect(starts(view?.freeSlots ?? [])).toEqual([almatyTime(11, 0), almatyTime(11, 20)]);
      expect((await video.listForEmployer(timur().id))[0]).toMatchObject({ id: candidate.interviewId, slotGone: true });
      at(almatyTime(10, 20));
      expect((await failure(video.join(asUser(timur()), candidate.interviewId))).code).toBe('slot_gone');
      expect((await failure(video.join(candidate.caller, candidate.interviewId))).message).toBe(videoRefusalMessage('slot_gone'));
      // A gone slot is not settled as missed: nobody could have joined it.
      at(almatyTime(10, 45));
      expect(await video.settleEnded()).toBe(0);

      const rebooked = await video.book(candidate.id, { interviewId: candidate.interviewId, startsAt: almatyTime(11, 20) });
      expect(rebooked).toMatchObject({ state: 'booked', slotStartsAt: almatyTime(11, 20), slotGone: false, freeSlots: [] });
      expect(await w.t.db.getRepository(VideoSlotBooking).findBy({ interviewId: candidate.interviewId })).toEqual([
        expect.objectContaining({ startsAt: almatyTime(11, 20), managerId: timur().id }),
      ]);
      // The old time, if it comes back, is free again (to book before it starts).
      at(SEED_NOW);
      await setPlan([{ managerId: timur().id, startTime: '10:20', count: 4 }]);
      const other = await invited();
      expect(starts(await freeFor(other.id))).toEqual([almatyTime(10, 20), almatyTime(10, 40), almatyTime(11, 0)]);
    });

    it('never books more interviews than slots when twenty candidates race for three', async () => {
      const candidates = [];
      for (let i = 0; i < 20; i++) candidates.push(await invited());
      const [first, second, third] = [almatyTime(10, 0), almatyTime(10, 20), almatyTime(10, 40)];

      // Everyone wants 10:00 at once: one wins, the others are told and offered the two left.
      const sameSlot = await Promise.allSettled(candidates.map((c) => video.book(c.id, { interviewId: c.interviewId, startsAt: first })));
      const winners = candidates.filter((_, i) => sameSlot[i]?.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const outcome of sameSlot) {
        if (outcome.status === 'fulfilled') continue;
        expect(outcome.reason).toBeInstanceOf(VideoFailure);
        const refusal = outcome.reason as VideoFailure;
        expect(refusal.code).toBe('slot_taken');
        expect(refusal.message).toBe(videoRefusalMessage('slot_taken'));
        expect(starts(refusal.freeSlots ?? [])).toEqual([second, third]);
      }

      // The nineteen others each take any of the three at once: exactly two more win.
      const losers = candidates.filter((c) => !winners.includes(c));
      const targets = losers.map((_, i) => [first, second, third][i % 3] ?? first);
      const anySlot = await Promise.allSettled(losers.map((c, i) => video.book(c.id, { interviewId: c.interviewId, startsAt: targets[i] ?? first })));
      expect(anySlot.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
      anySlot.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled') return;
        const refusal = outcome.reason as VideoFailure;
        expect(refusal.code).toBe('slot_taken');
        expect(starts(refusal.freeSlots ?? [])).not.toContain(targets[i]);
        expect(starts(refusal.freeSlots ?? [])).not.toContain(first);
      });

      const bookings = await w.t.db.getRepository(VideoSlotBooking).find({ order: { startsAt: 'ASC' } });
      expect(bookings.map((b) => b.startsAt)).toEqual([first, second, third]);
      expect(await w.t.db.getRepository(VideoInterview).countBy({ state: 'booked' })).toBe(3);
      expect(await w.t.db.getRepository(VideoInterview).countBy({ state: 'invited' })).toBe(17);
      const last = losers.find((_, i) => anySlot[i]?.status === 'rejected');
      expect(await freeFor(last?.id ?? '')).toEqual([]);
    });

    it('frees the slot when the candidate declines; a declined invitation stays answered', async () => {
      const a = await invited();
      const b = await invited();
      changedEmployers.length = 0;
      await video.book(a.id, { interviewId: a.interviewId, startsAt: almatyTime(10, 0) });
      expect((await failure(video.book(b.id, { interviewId: b.interviewId, startsAt: almatyTime(10, 0) }))).code).toBe('slot_taken');
      // The booking told the employer's clients; the refused one changed nothing and told no one.
      expect(changedEmployers).toEqual([kaz.employerId]);
      at(SEED_NOW + 3 * MIN);
      expect(await video.decline(a.id, { interviewId: a.interviewId })).toMatchObject({ state: 'declined', slotStartsAt: null, freeSlots: [] });
      expect(changedEmployers).toEqual([kaz.employerId, kaz.employerId]);
      expect(await row(a.interviewId)).toMatchObject({ state: 'declined', declinedAt: SEED_NOW + 3 * MIN });
      expect(await video.book(b.id, { interviewId: b.interviewId, startsAt: almatyTime(10, 0) })).toMatchObject({ state: 'booked' });
      expect((await failure(video.decline(a.id, { interviewId: a.interviewId }))).code).toBe('already_answered');
      expect((await failure(video.book(a.id, { interviewId: a.interviewId, startsAt: almatyTime(10, 20) }))).code).toBe('already_answered');
      expect((await failure(video.decline(a.id, { interviewId: b.interviewId }))).code).toBe('not_found');
      // Declining straight from the invitation works too.
      const c = await invited();
      expect(await video.decline(c.id, { interviewId: c.interviewId })).toMatchObject({ state: 'declined' });
      // A second invitation for a declined response is refused with that state.
      expect(await invite(timur(), c.responseId)).toMatchObject({ refused: { code: 'state_changed', message: expect.stringContaining('declined') } });
    });
  });

  describe('joining and the peer gate', () => {
    const S = almatyTime(10, 0);
    const E = almatyTime(10, 20);

    it('opens 10 minutes before the slot until its end, for the inviting manager and the candidate only', async () => {
      const c = await invited();
      expect((await failure(video.join(asUser(timur()), c.interviewId))).code).toBe('not_booked');
      await video.book(c.id, { interviewId: c.interviewId, startsAt: S });

      at(S - 11 * MIN);
      const early = await failure(video.join(asUser(timur()), c.interviewId));
      expect(early).toMatchObject({ code: 'too_early', message: 'You can join from 09:50, 10 minutes before the start.' });
      expect((await failure(video.join(c.caller, c.interviewId))).code).toBe('too_early');

      at(S - 10 * MIN);
      expect((await failure(video.join(asUser(saule()), c.interviewId))).code).toBe('not_inviter');
      expect((await failure(video.join(asUser(dana()), c.interviewId))).code).toBe('not_inviter');
      expect((await failure(video.join(asUser(user('admin@steppefoods.demo')), c.interviewId))).code).toBe('not_found');
      expect((await failure(video.join(asUser(user('moderator@fairdesk.demo')), c.interviewId))).code).toBe('forbidden');
      const stranger = await newCandidate();
      expect((await failure(video.join(stranger.caller, c.interviewId))).code).toBe('not_found');
      expect((await failure(video.join(c.caller, crypto.randomUUID()))).code).toBe('not_found');

      const manager = await video.join(asUser(timur()), c.interviewId);
      expect(manager).toMatchObject({
        interviewId: c.interviewId, role: 'manager', remotePeerId: null, peerServer: { path: '/peerjs', key: 'fairdesk' },
        iceServers: [{ urls: 'stun:stun.example.kz:3478' }], slotStartsAt: S, endsAt: E, warnAt: E - 2 * MIN, serverNow: S - 10 * MIN,
        remoteName: expect.stringMatching(/^Candidate /),
      });
      expect(VideoJoinGrant.parse(manager)).toEqual(manager);
      expect(manager.peer.id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(manager.peer.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(await row(c.interviewId)).toMatchObject({ managerJoinedAt: S - 10 * MIN, candidateJoinedAt: null, callStartedAt: null });

      at(S - 5 * MIN);
      const candidate = await video.join(c.caller, c.interviewId);
      expect(candidate).toMatchObject({ role: 'candidate', remotePeerId: manager.peer.id, remoteName: 'Timur Akhmetov' });
      expect(await row(c.interviewId)).toMatchObject({ managerJoinedAt: S - 10 * MIN, candidateJoinedAt: S - 5 * MIN, callStartedAt: S - 5 * MIN });
      // The stored token is its hash only.
      const stored = await w.t.db.getRepository(VideoCallPeer).findOneByOrFail({ peerId: manager.peer.id });
      expect(stored.tokenHash).toBe(crypto.createHash('sha256').update(manager.peer.token).digest('hex'));

      at(E - 1);
      expect(await video.join(c.caller, c.interviewId)).toMatchObject({ role: 'candidate', remotePeerId: manager.peer.id });
      at(E);
      expect((await failure(video.join(c.caller, c.interviewId))).code).toBe('ended');
      expect((await failure(video.join(asUser(timur()), c.interviewId))).code).toBe('ended');
    });

    it('issues a new peer on reconnect and lets only current peers with their tokens through while the slot lasts', async () => {
      const c = await invited();
      await video.book(c.id, { interviewId: c.interviewId, startsAt: S });
      at(S);
      const first = await video.join(asUser(timur()), c.interviewId);
      const candidate = await video.join(c.caller, c.interviewId);
      expect(await video.peerAllowed(first.peer.id, first.peer.token)).toBe(true);
      expect(await video.peerAllowed(candidate.peer.id, candidate.peer.token)).toBe(true);

      at(S + 3 * MIN);
      revokedPeers.length = 0;
      const again = await video.join(asUser(timur()), c.interviewId);
      expect(again.peer.id).not.toBe(first.peer.id);
      // The replaced peer's socket is to be closed; the candidate's is untouched.
      expect(revokedPeers).toEqual([first.peer.id]);
      expect(again.remotePeerId).toBe(candidate.peer.id);
      expect(await video.peerAllowed(first.peer.id, first.peer.token)).toBe(false);
      expect(await video.peerAllowed(again.peer.id, again.peer.token)).toBe(true);
      expect(await video.peerAllowed(again.peer.id, first.peer.token)).toBe(false);
      expect(await video.peerAllowed(again.peer.id, candidate.peer.token)).toBe(false);
      expect(await video.peerAllowed(crypto.randomBytes(16).toString('base64url'), again.peer.token)).toBe(false);
      expect(await video.peerAllowed(candidate.peer.id, candidate.peer.token)).toBe(true);
      // The candidate's next join is told the manager's new peer; the call started with the first joins.
      expect((await video.join(c.caller, c.interviewId)).remotePeerId).toBe(again.peer.id);
      expect((await row(c.interviewId)).callStartedAt).toBe(S);

      at(E);
      expect(await video.peerAllowed(again.peer.id, again.peer.token)).toBe(false);
    });
  });

  describe('ending and outcomes', () => {
    it('lets the inviting manager end the call early: held with its duration, and nobody joins again', async () => {
      const c = await invited();
      await video.book(c.id, { interviewId: c.interviewId, startsAt: almatyTime(10, 0) });
      at(almatyTime(10, 0));
      const manager = await video.join(asUser(timur()), c.interviewId);
      at(almatyTime(10, 1));
      const candidate = await video.join(c.caller, c.interviewId);
      at(almatyTime(10, 6) + 500);
      expect((await failure(video.end(c.caller, c.interviewId))).code).toBe('forbidden');
      expect((await failure(video.end(asUser(saule()), c.interviewId))).code).toBe('not_inviter');
      revokedPeers.length = 0;
      const ended = await video.end(asUser(timur()), c.interviewId);
      expect(revokedPeers.sort()).toEqual([manager.peer.id, candidate.peer.id].sort());
      expect(ended).toMatchObject({ state: 'held', callStartedAt: almatyTime(10, 1), callEndedAt: almatyTime(10, 6) + 500, durationSeconds: 300, absent: null });
      expect((await failure(video.join(c.caller, c.interviewId))).code).toBe('ended');
      expect((await failure(video.end(asUser(timur()), c.interviewId))).code).toBe('ended');
      expect(await video.peerAllowed(manager.peer.id, manager.peer.token)).toBe(false);
      expect(await video.peerAllowed(candidate.peer.id, candidate.peer.token)).toBe(false);
      at(almatyTime(11, 0));
      expect(await video.settleEnded()).toBe(0);
      expect(await row(c.interviewId)).toMatchObject({ state: 'held', durationSeconds: 300 });
    });

    it('refuses to end before the slot while the candidate has not joined (no early no-show), allows it once both are in', async () => {
      const c = await invited();
      await video.book(c.id, { interviewId: c.interviewId, startsAt: almatyTime(10, 0) });
      at(almatyTime(9, 52));
      await video.join(asUser(timur()), c.interviewId);
      expect((await failure(video.end(asUser(timur()), c.interviewId))).code).toBe('too_early');
      expect(await row(c.interviewId)).toMatchObject({ state: 'booked', callEndedAt: null });
      at(almatyTime(9, 55));
      await video.join(c.caller, c.interviewId);
      at(almatyTime(9, 58));
      expect(await video.end(asUser(timur()), c.interviewId)).toMatchObject({ state: 'held', durationSeconds: 180 });
    });

    it('settles ended slots as held or missed with who was absent, once', async () => {
      await setPlan([{ managerId: timur().id, startTime: '10:00', count: 5 }]);
      const [held, bothAbsent, candidateAbsent, managerAbsent, later] = await Promise.all([invited(), invited(), invited(), invited(), invited()]).then((all) => all);
      const slot = (n: number) => almatyTime(10, 20 * n);
      for (const [i, c] of [held, bothAbsent, candidateAbsent, managerAbsent, later].entries()) {
        if (c) await video.book(c.id, { interviewId: c.interviewId, startsAt: slot(i) });
      }
      if (!held || !bothAbsent || !candidateAbsent || !managerAbsent || !later) throw new Error('five invitations');
      at(slot(0) + MIN);
      await video.join(asUser(timur()), held.interviewId);
      at(slot(0) + 2 * MIN);
      await video.join(held.caller, held.interviewId);
      at(slot(2));
      await video.join(asUser(timur()), candidateAbsent.interviewId);
      at(slot(3) + MIN);
      await video.join(managerAbsent.caller, managerAbsent.interviewId);

      at(slot(4) - 1); // the fourth slot ends here; the fifth has not
      expect(await video.settleEnded()).toBe(3);
      at(slot(4));
      expect(await video.settleEnded()).toBe(1);
      expect(await video.settleEnded()).toBe(0);
      expect(await row(held.interviewId)).toMatchObject({ state: 'held', callStartedAt: slot(0) + 2 * MIN, callEndedAt: slot(1), durationSeconds: 18 * 60, absent: null });
      expect(await row(bothAbsent.interviewId)).toMatchObject({ state: 'missed', absent: 'both', durationSeconds: null });
      expect(await row(candidateAbsent.interviewId)).toMatchObject({ state: 'missed', absent: 'candidate' });
      expect(await row(managerAbsent.interviewId)).toMatchObject({ state: 'missed', absent: 'manager' });
      expect(await row(later.interviewId)).toMatchObject({ state: 'booked' });
      const employerView = await video.listForEmployer(timur().id);
      expect(employerView.find((i) => i.id === held.interviewId)).toMatchObject({ state: 'held', durationSeconds: 1080 });
    });
  });

  describe('notes and lists', () => {
    it('lets the inviting manager or the admin write the note on a held or missed interview', async () => {
      const c = await invited();
      expect(await saveNote(timur(), c.interviewId, 'Too early')).toBe('state_changed');
      await video.book(c.id, { interviewId: c.interviewId, startsAt: almatyTime(10, 0) });
      at(almatyTime(10, 20));
      expect(await video.settleEnded()).toBe(1);

      expect(await saveNote(timur(), c.interviewId, '  Did not show up; write again.  ')).toBe('applied');
      expect((await row(c.interviewId)).note).toBe('Did not show up; write again.');
      expect(await saveNote(dana(), c.interviewId, 'Admin’s note')).toBe('applied');
      expect(await saveNote(saule(), c.interviewId, 'Not mine')).toBe('forbidden');
      expect(await saveNote(user('admin@steppefoods.demo'), c.interviewId, 'Other tenant')).toBe('not_found');
      expect(await saveNote(user('moderator@fairdesk.demo'), c.interviewId, 'Moderator')).toBe('forbidden');
      expect(await saveNote(timur(), c.interviewId, 'x'.repeat(4001))).toBe('invalid');
      expect(await saveNote(timur(), crypto.randomUUID(), 'Nothing')).toBe('not_found');
      expect(await row(c.interviewId)).toMatchObject({ note: 'Admin’s note', state: 'missed' });
    });

    it('lists an employer’s interviews to its staff only, and a candidate’s own to the candidate', async () => {
      const mine = await invited();
      at(SEED_NOW + 1);
      const theirs = await invited(dana());
      expect((await video.listForEmployer(saule().id)).map((i) => i.id)).toEqual([mine.interviewId, theirs.interviewId]);
      expect(await video.listForEmployer(user('admin@steppefoods.demo').id)).toEqual([]);
      expect((await failure(video.listForEmployer(user('moderator@fairdesk.demo').id))).code).toBe('forbidden');
      expect((await video.listForCandidate(mine.id)).map((i) => i.id)).toEqual([mine.interviewId]);
      expect(await video.listForCandidate(crypto.randomUUID())).toEqual([]);
    });
  });
});
