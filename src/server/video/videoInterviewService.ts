import { DateTime } from 'luxon';
import { IsNull, LessThanOrEqual, Not, QueryFailedError, type EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  VideoNote,
  type CandidateVideoInterviewDto,
  type IceServer,
  type VideoInterviewDto,
  type VideoInterviewState,
  type VideoJoinGrant,
} from '../../shared/domain/video/records';
import { joinOpensAt, joinRefusal, videoRefusalMessage, WARN_BEFORE_END_MS, type VideoSide } from '../../shared/domain/video/rules';
import { Candidate, Participation, User, VacancyResponse, VideoCallPeer, VideoInterview, VideoSlotBooking } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import type { ChangeContext } from '../domain/baseVersion';
import { requireEmployer } from '../domain/guards';
import { MutationRejected, type Applied } from '../domain/rejection';
import { rooms } from '../realtime/rooms';
import { currentPeerId, issuePeer, revokePeers, tokenMatches } from './videoCallPeers';
import { isSlotGone, PlanCache, toCandidateDtos, toVideoInterviewDto, toVideoInterviewDtos } from './videoDto';
import { refuse, VideoFailure } from './videoFailure';
import { queueVideoInvitationMail } from './videoInviteMail';
import { settledOutcome } from './videoOutcome';
import { freeSlots, planSlots, slotsOf } from './videoSlots';

export { VideoFailure } from './videoFailure';

/** Who calls: an employer's user (desktop) or a candidate (portal), as the session established it. */
export type VideoCaller = { kind: 'user'; userId: string } | { kind: 'candidate'; candidateId: string };

export interface VideoInterviewServiceOptions {
  /** Where the PeerJS server listens and its key, handed to both sides with a join grant. */
  peerServer: { path: string; key: string };
  iceServers: IceServer[];
  now?: () => number;
  /**
   * Told, after the commit, which peer ids were revoked (a side rejoined, the call ended): the
   * PeerJS server closes their sockets, so a replaced peer cannot linger in the call.
   */
  onPeersRevoked?: (peerIds: string[]) => void;
  /** Told, after the commit, that an employer's interviews changed (its clients refresh their timetable). */
  onEmployerChanged?: (employerId: string) => void;
}

const InviteArgs = z.object({ id: z.string().uuid(), responseId: z.string().uuid() });
const NoteArgs = z.object({ id: z.string().uuid(), note: VideoNote });
const BookInput = z.object({ interviewId: z.string().uuid(), startsAt: z.number().int().nonnegative() });
const InterviewId = z.string().uuid();

/** How an existing invitation is described when a second one is refused. */
const STATE_WORDS: Record<VideoInterviewState, string> = {
  invited: 'sent; the candidate has not chosen a time yet',
  booked: 'booked by the candidate',
  declined: 'declined by the candidate',
  held: 'already held',
  missed: 'missed',
  cancelled: 'cancelled',
};

/** PostgreSQL's and SQLite's "a unique key refused the row". */
function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const e = err as QueryFailedError & { driverError?: { code?: unknown } };
  const code = String(e.driverError?.code ?? '');
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT_PRIMARYKEY') || code.startsWith('SQLITE_CONSTRAINT_UNIQUE');
}

const wallClock = (at: number, timeZone: string): string => DateTime.fromMillis(at, { zone: timeZone }).toFormat('HH:mm');

/**
 * Video interviews (SPEC "Video interviews"): invitations (a sync mutation), the candidate's
 * booking and declining, joining calls, the PeerJS server's gate and the recorded outcomes.
 *
 * Every change runs in a versioned write transaction (the rows are pulled by employers' clients).
 * The slot a candidate books is guarded by `video_slot_bookings`' primary key: whatever the number
 * of candidates booking at once, one row per slot, so never more bookings than slots. Join rules
 * are the shared `joinRefusal`, so the clients enable *Join* exactly when the server grants it.
 */
export class VideoInterviewService {
  private readonly now: () => number;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly options: VideoInterviewServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Sync mutation body (called by the push dispatcher inside its write transaction): employer
   * admin/manager of the response's employer invites; refusals are MutationRejected
   * (forbidden/not_found/state_changed/invalid) with readable messages. Idempotent: the same id
   * again is a no-op; a response that already has an invitation (any state but cancelled) is
   * refused state_changed with its state. Requires response.wantsVideoInterview, the participation
   * approved, and the inviting user to have slots in its plan. Queues the invitation mail to the
   * candidate in the same transaction. Returns Applied (rooms: the employer room).
   */
  inviteToVideoInterview(ctx: ChangeContext, actor: User, args: { id: string; responseId: string }): Promise<Applied> {
    return inviteToVideoInterview(ctx, actor, args);
  }

  /** Sync mutation body: the inviting manager (or the employer admin) writes the note on a held/missed interview. */
  saveVideoNote(ctx: ChangeContext, actor: User, args: { id: string; note: string }): Promise<Applied> {
    return saveVideoNote(ctx, actor, args);
  }

  /** Employer user: the employer's interviews (all fairs), for the desktop's "My video interviews" until it is pulled by sync. */
  async listForEmployer(userId: string): Promise<VideoInterviewDto[]> {
    return this.tx.read(async (m) => {
      const employerId = await this.employerOf(m, userId);
      const rows = await m.find(VideoInterview, { where: { employerId }, order: { invitedAt: 'ASC', id: 'ASC' } });
      return toVideoInterviewDtos(m, rows);
    });
  }

  /** Candidate: its own invitations, each with the interviewer's free slots. */
  async listForCandidate(candidateId: string): Promise<CandidateVideoInterviewDto[]> {
    return this.tx.read(async (m) => {
      const rows = await m.find(VideoInterview, { where: { candidateId }, order: { invitedAt: 'DESC', id: 'ASC' } });
      return toCandidateDtos(m, rows, this.now());
    });
  }

  /**
   * Candidate books one of the interviewer's free slots (or re-books when its slot is gone).
   * slot_taken → VideoFailure with freeSlots. Never more bookings than slots, on both databases
   * under concurrency. Returns the updated candidate view.
   */
  async book(candidateId: string, input: { interviewId: string; startsAt: number }): Promise<CandidateVideoInterviewDto> {
    const parsed = BookInput.safeParse(input);
    if (!parsed.success) throw new VideoFailure('bad_request', 'Choose one of the offered times.');
    const { interviewId, startsAt } = parsed.data;
    try {
      const { view, employerId } = await this.tx.write(async ({ manager: m, version }) => {
        const now = this.now();
        const row = await this.candidateRow(m, candidateId, interviewId);
        const plans = new PlanCache(m);
        const plan = await plans.get(row.participationId);
        const choosing = row.state === 'invited' || (row.state === 'booked' && (await isSlotGone(plans, row)));
        if (!choosing) throw refuse('already_answered');
        const slot = plan ? slotsOf(plan, row.invitedByUserId).find((s) => s.startsAt === startsAt) : undefined;
        // Not among the interviewer's times, or already begun: say which, and offer what there is.
        if (!slot || slot.startsAt <= now) {
          throw refuse(slot ? 'slot_started' : 'not_offered', {}, plan ? await freeSlots(m, plan, row.invitedByUserId, now) : []);
        }
        // Re-booking frees the old slot in the same transaction.
        await m.delete(VideoSlotBooking, { interviewId: row.id });
        // No "is it free?" read first: the primary key alone decides who holds the slot, so the
        // same path refuses a slot booked long ago and one booked by a concurrent transaction.
        await m.insert(VideoSlotBooking, { participationId: row.participationId, managerId: slot.managerId, startsAt, interviewId: row.id, bookedAt: now });
        await m.update(
          VideoInterview,
          { id: row.id },
          { state: 'booked', slotManagerId: slot.managerId, slotStartsAt: slot.startsAt, slotEndsAt: slot.endsAt, bookedAt: now, updatedAt: now, version },
        );
        return { view: await this.candidateView(m, row.id, now), employerId: row.employerId };
      });
      this.options.onEmployerChanged?.(employerId);
      return view;
    } catch (err) {
      // The transaction is rolled back (on PostgreSQL it is unusable after the failed insert): read what is left afresh.
      if (!isUniqueViolation(err)) throw err;
      const free = await this.tx.read(async (m) => {
        const row = await this.candidateRow(m, candidateId, interviewId);
        const plan = await planSlots(m, row.participationId);
        return plan ? freeSlots(m, plan, row.invitedByUserId, this.now()) : [];
      });
      throw refuse('slot_taken', {}, free);
    }
  }

  /** Candidate declines (from invited or booked; frees the slot). */
  async decline(candidateId: string, input: { interviewId: string }): Promise<CandidateVideoInterviewDto> {
    const parsed = InterviewId.safeParse(input.interviewId);
    if (!parsed.success) throw refuse('not_found');
    const { view, employerId } = await this.tx.write(async ({ manager: m, version }) => {
      const now = this.now();
      const row = await this.candidateRow(m, candidateId, parsed.data);
      if (row.state !== 'invited' && row.state !== 'booked') throw refuse('already_answered');
      await m.delete(VideoSlotBooking, { interviewId: row.id });
      await m.update(
        VideoInterview,
        { id: row.id },
        { state: 'declined', slotManagerId: null, slotStartsAt: null, slotEndsAt: null, declinedAt: now, updatedAt: now, version },
      );
      return { view: await this.candidateView(m, row.id, now), employerId: row.employerId };
    });
    this.options.onEmployerChanged?.(employerId);
    return view;
  }

  /**
   * Either side joins: enforced with joinRefusal (10 minutes before until the slot end, inviting
   * manager only). Issues a NEW peer id + token for the caller's side (revoking the side's earlier
   * ones: a reconnect is a new peer in the same call), records the side's first join, sets
   * call_started_at when both have joined, and answers the other side's current (unrevoked) peer
   * id or null.
   */
  async join(caller: VideoCaller, interviewId: string): Promise<VideoJoinGrant> {
    if (!InterviewId.safeParse(interviewId).success) throw refuse('not_found');
    const { grant, revoked, employerId } = await this.tx.write(async ({ manager: m, version }) => {
      const now = this.now();
      const { row, who } = await this.joinable(m, caller, interviewId, now);
      const side = who.side;
      const { peer, revoked } = await issuePeer(m, row.id, side, now);
      const managerJoinedAt = row.managerJoinedAt ?? (side === 'manager' ? now : null);
      const candidateJoinedAt = row.candidateJoinedAt ?? (side === 'candidate' ? now : null);
      const callStartedAt = row.callStartedAt ?? (managerJoinedAt !== null && candidateJoinedAt !== null ? now : null);
      if (managerJoinedAt !== row.managerJoinedAt || candidateJoinedAt !== row.candidateJoinedAt || callStartedAt !== row.callStartedAt) {
        await m.update(VideoInterview, { id: row.id }, { managerJoinedAt, candidateJoinedAt, callStartedAt, updatedAt: now, version });
      }
      const otherSide = side === 'manager' ? 'candidate' : 'manager';
      const slotStartsAt = row.slotStartsAt ?? 0;
      const endsAt = row.slotEndsAt ?? 0;
      const grant: VideoJoinGrant = {
        interviewId: row.id,
        role: side,
        peer,
        remotePeerId: await currentPeerId(m, row.id, otherSide),
        peerServer: { ...this.options.peerServer },
        iceServers: this.options.iceServers,
        slotStartsAt,
        endsAt,
        warnAt: endsAt - WARN_BEFORE_END_MS,
        serverNow: now,
        remoteName: side === 'manager' ? await this.candidateName(m, row) : await this.userName(m, row.invitedByUserId),
      };
      return { grant, revoked, employerId: row.employerId };
    });
    this.revoked(revoked);
    this.options.onEmployerChanged?.(employerId);
    return grant;
  }

  /** The PeerJS server's gate: true only for an issued, unrevoked peer id whose token matches and whose interview is still joinable now. */
  async peerAllowed(peerId: string, token: string): Promise<boolean> {
    if (peerId.length === 0 || peerId.length > 64 || token.length === 0 || token.length > 128) return false;
    return this.tx.read(async (m) => {
      const peer = await m.findOneBy(VideoCallPeer, { peerId });
      if (!peer || peer.revokedAt !== null || !tokenMatches(token, peer.tokenHash)) return false;
      const row = await m.findOneBy(VideoInterview, { id: peer.interviewId });
      if (!row) return false;
      const who: VideoSide = peer.side === 'manager' ? { side: 'manager', userId: row.invitedByUserId } : { side: 'candidate', candidateId: row.candidateId };
      return joinRefusal({ ...row, slotGone: await isSlotGone(new PlanCache(m), row) }, who, this.now()) === null;
    });
  }

  /** The inviting manager ends the call early: call_ended_at = now, then settled like a slot end. */
  async end(caller: VideoCaller, interviewId: string): Promise<VideoInterviewDto> {
    if (caller.kind !== 'user') throw new VideoFailure('forbidden', videoRefusalMessage('not_inviter'));
    if (!InterviewId.safeParse(interviewId).success) throw refuse('not_found');
    const { interview, revoked } = await this.tx.write(async ({ manager: m, version }) => {
      const now = this.now();
      const { row } = await this.joinable(m, caller, interviewId, now);
      // Ending in the 10 minutes before the slot, before the candidate came, would record a
      // no-show for a candidate who still has time: leaving the call window is all it takes then.
      if (row.callStartedAt === null && row.slotStartsAt !== null && now < row.slotStartsAt) {
        throw new VideoFailure('too_early', 'The interview has not begun and the candidate has not joined yet, so there is nothing to end. Close the call window to leave.');
      }
      const ended = { ...row, callEndedAt: now };
      await m.update(VideoInterview, { id: row.id }, { ...settledOutcome(ended), updatedAt: now, version });
      const revoked = await revokePeers(m, { interviewId: row.id }, now);
      return { interview: await toVideoInterviewDto(m, await m.findOneByOrFail(VideoInterview, { id: row.id })), revoked };
    });
    this.revoked(revoked);
    this.options.onEmployerChanged?.(interview.employerId);
    return interview;
  }

  /**
   * Records outcomes of booked interviews whose slot (or call) ended by `now`: held (both joined;
   * durationSeconds = end − call_started_at) or missed (absent = who never joined). Returns how
   * many were settled; run by a timer elsewhere. Idempotent. A booking whose slot left the plan is
   * not settled: nobody could join it, and the candidate is to choose a new time.
   */
  async settleEnded(): Promise<number> {
    const due = (m: EntityManager, now: number) =>
      m.find(VideoInterview, {
        where: [
          { state: 'booked', slotEndsAt: LessThanOrEqual(now) },
          { state: 'booked', callEndedAt: Not(IsNull()) },
        ],
      });
    // Most timer ticks find nothing: look first, so they take no change version.
    if ((await this.tx.read((m) => due(m, this.now()))).length === 0) return 0;
    const { settled, revoked, employers } = await this.tx.write(async ({ manager: m, version }) => {
      const now = this.now();
      const plans = new PlanCache(m);
      let count = 0;
      const ids: string[] = [];
      const employers = new Set<string>();
      for (const row of await due(m, now)) {
        if (await isSlotGone(plans, row)) continue;
        await m.update(VideoInterview, { id: row.id, state: 'booked' }, { ...settledOutcome(row), updatedAt: now, version });
        ids.push(...(await revokePeers(m, { interviewId: row.id }, now)));
        employers.add(row.employerId);
        count++;
      }
      return { settled: count, revoked: ids, employers };
    });
    this.revoked(revoked);
    employers.forEach((id) => this.options.onEmployerChanged?.(id));
    return settled;
  }

  private revoked(peerIds: string[]): void {
    if (peerIds.length > 0) this.options.onPeersRevoked?.(peerIds);
  }

  /** The interview and the caller's side, when the caller may be in its call now; a VideoFailure otherwise. */
  private async joinable(m: EntityManager, caller: VideoCaller, interviewId: string, now: number): Promise<{ row: VideoInterview; who: VideoSide }> {
    let who: VideoSide;
    let row: VideoInterview | null;
    if (caller.kind === 'user') {
      const employerId = await this.employerOf(m, caller.userId);
      row = await m.findOneBy(VideoInterview, { id: interviewId });
      if (!row || row.employerId !== employerId) throw refuse('not_found');
      who = { side: 'manager', userId: caller.userId };
    } else {
      row = await m.findOneBy(VideoInterview, { id: interviewId });
      if (!row) throw refuse('not_found');
      who = { side: 'candidate', candidateId: caller.candidateId };
    }
    const plans = new PlanCache(m);
    const refusal = joinRefusal({ ...row, slotGone: await isSlotGone(plans, row) }, who, now);
    if (refusal) {
      const timeZone = (await plans.get(row.participationId))?.timeZone ?? 'UTC';
      const opensAt = refusal === 'too_early' && row.slotStartsAt !== null ? wallClock(joinOpensAt(row.slotStartsAt), timeZone) : undefined;
      throw refuse(refusal, opensAt ? { opensAt } : {});
    }
    return { row, who };
  }

  /** The employer of an active employer user; moderators and unknown or deactivated users are refused. */
  private async employerOf(m: EntityManager, userId: string): Promise<string> {
    const user = await m.findOneBy(User, { id: userId });
    if (!user || !user.active || user.role === 'moderator' || !user.employerId) {
      throw new VideoFailure('forbidden', 'Video interviews are between employers and candidates; only an employer’s staff can do this.');
    }
    return user.employerId;
  }

  /** The candidate's own interview; anyone else's answers like one that does not exist. */
  private async candidateRow(m: EntityManager, candidateId: string, interviewId: string): Promise<VideoInterview> {
    const row = await m.findOneBy(VideoInterview, { id: interviewId });
    if (!row || row.candidateId !== candidateId) throw refuse('not_found');
    return row;
  }

  private async candidateView(m: EntityManager, id: string, now: number): Promise<CandidateVideoInterviewDto> {
    const [dto] = await toCandidateDtos(m, [await m.findOneByOrFail(VideoInterview, { id })], now);
    if (!dto) throw new Error('unreachable: one row gives one view');
    return dto;
  }

  private async candidateName(m: EntityManager, row: VideoInterview): Promise<string> {
    const candidate = await m.findOneBy(Candidate, { id: row.candidateId });
    return candidate?.name.trim() || candidate?.email || '';
  }

  private async userName(m: EntityManager, userId: string): Promise<string> {
    return (await m.findOneBy(User, { id: userId }))?.displayName ?? '';
  }
}

/** See VideoInterviewService.inviteToVideoInterview; a free function so the push dispatcher needs no service instance. */
export async function inviteToVideoInterview(ctx: ChangeContext, actor: User, args: { id: string; responseId: string }): Promise<Applied> {
  const employerId = requireEmployer(actor, 'invite candidates to video interviews');
  const parsed = InviteArgs.safeParse(args);
  if (!parsed.success) throw new MutationRejected('invalid', 'The invitation is not valid.', null);
  const { id, responseId } = parsed.data;
  const m = ctx.manager;
  const applied: Applied = { recordId: id, rooms: [rooms.employer(employerId)] };

  const same = await m.findOneBy(VideoInterview, { id });
  if (same) {
    if (same.responseId === responseId && same.employerId === employerId) return applied;
    throw new MutationRejected('invalid', 'This invitation id is already used for another response.', id);
  }
  const response = await m.findOneBy(VacancyResponse, { id: responseId });
  if (!response || response.employerId !== employerId) {
    throw new MutationRejected('not_found', 'This response does not exist or is not your company’s.', id);
  }
  const earlier = await m.findOneBy(VideoInterview, { responseId });
  if (earlier && earlier.state !== 'cancelled') {
    throw new MutationRejected('state_changed', `This candidate has already been invited to a video interview (the invitation is ${STATE_WORDS[earlier.state]}).`, earlier.id);
  }
  if (!response.wantsVideoInterview) throw new MutationRejected('invalid', videoRefusalMessage('not_wanted'), id);
  const participation = await m.findOneByOrFail(Participation, { id: response.participationId });
  if (participation.status !== 'approved') {
    throw new MutationRejected('state_changed', 'Video interviews can be arranged once the career centre has approved the participation info.', id);
  }
  const plan = await planSlots(m, participation.id);
  if (!plan || slotsOf(plan, actor.id).length === 0) {
    throw new MutationRejected(
      'invalid',
      `${videoRefusalMessage('no_slots')} You have no interview times in the approved plan: the candidate books one of the inviting manager’s times, so only a manager with times in the plan can invite.`,
      id,
    );
  }
  // A cancelled invitation (nothing sets that state yet) gives way to the new one: one row per response.
  if (earlier) await m.delete(VideoInterview, { id: earlier.id });
  const row = m.create(VideoInterview, {
    id,
    responseId,
    employerId,
    participationId: participation.id,
    fairId: participation.fairId,
    candidateId: response.candidateId,
    invitedByUserId: actor.id,
    state: 'invited',
    slotManagerId: null,
    slotStartsAt: null,
    slotEndsAt: null,
    invitedAt: ctx.now,
    bookedAt: null,
    declinedAt: null,
    managerJoinedAt: null,
    candidateJoinedAt: null,
    callStartedAt: null,
    callEndedAt: null,
    durationSeconds: null,
    absent: null,
    note: '',
    updatedAt: ctx.now,
    version: ctx.version,
  });
  await m.insert(VideoInterview, row);
  await queueVideoInvitationMail(m, ctx.now, row, { response, inviter: actor, plan });
  return applied;
}

/** See VideoInterviewService.saveVideoNote. */
export async function saveVideoNote(ctx: ChangeContext, actor: User, args: { id: string; note: string }): Promise<Applied> {
  const employerId = requireEmployer(actor, 'write notes on video interviews');
  const parsed = NoteArgs.safeParse(args);
  if (!parsed.success) throw new MutationRejected('invalid', parsed.error.issues[0]?.message ?? 'The note is not valid.', null);
  const { id, note } = parsed.data;
  const m = ctx.manager;
  const row = await m.findOneBy(VideoInterview, { id });
  if (!row || row.employerId !== employerId) throw new MutationRejected('not_found', videoRefusalMessage('not_found'), id);
  if (actor.id !== row.invitedByUserId && actor.role !== 'employer_admin') {
    throw new MutationRejected('forbidden', 'Only the manager who sent the invitation, or the employer’s admin, can write the note on this interview.', id);
  }
  if (row.state !== 'held' && row.state !== 'missed') {
    throw new MutationRejected('state_changed', 'A note can be written once the interview has taken place or was missed.', id);
  }
  await m.update(VideoInterview, { id }, { note, updatedAt: ctx.now, version: ctx.version });
  return { recordId: id, rooms: [rooms.employer(employerId)] };
}
