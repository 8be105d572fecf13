import { z } from 'zod';
import { EpochMs } from '../records';

/**
 * Video interviews (SPEC "Video interviews") as they travel between server, desktop and portal.
 * Client and server shapes both derive from these schemas.
 */

/**
 * - `invited`: the employer sent the invitation; the candidate has not chosen yet;
 * - `booked`: the candidate holds one of the inviting manager's slots;
 * - `declined`: the candidate said no (shown on the response);
 * - `held`: the call took place (both sides were in it);
 * - `missed`: the slot ended without both sides in the call (`absent` says who was missing);
 * - `cancelled`: the employer withdrew the invitation (reserved for a later change; nothing sets it yet).
 */
export const VideoInterviewState = z.enum(['invited', 'booked', 'declined', 'held', 'missed', 'cancelled']);
export type VideoInterviewState = z.infer<typeof VideoInterviewState>;

/** Who never joined a missed interview. */
export const VideoAbsence = z.enum(['candidate', 'manager', 'both']);
export type VideoAbsence = z.infer<typeof VideoAbsence>;

/** The longest note after the call, in characters (the desktop's counter shows it). */
export const VIDEO_NOTE_MAX = 4000;

/** The manager's note after the call (shown with the response). */
export const VideoNote = z.string().trim().max(VIDEO_NOTE_MAX, 'A note may be at most 4,000 characters.');

/** One invitation and, once booked, its interview: the employer's view. */
export const VideoInterviewDto = z.object({
  id: z.string().uuid(),
  responseId: z.string().uuid(),
  employerId: z.string().uuid(),
  participationId: z.string().uuid(),
  fairId: z.string().uuid(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  vacancyTitle: z.string(),
  /** The manager who sent the invitation: the only one who may start the call, and whose slots the candidate chooses from. */
  invitedByUserId: z.string().uuid(),
  invitedByName: z.string(),
  state: VideoInterviewState,
  /** The booked slot (epoch ms, start inclusive, end exclusive); null until booked, kept after held/missed. */
  slotStartsAt: EpochMs.nullable(),
  slotEndsAt: EpochMs.nullable(),
  /**
   * True when the booked slot is no longer in the employer's interview plan (the plan was edited
   * after the booking): the candidate must choose again; nobody can join it.
   */
  slotGone: z.boolean(),
  invitedAt: EpochMs,
  bookedAt: EpochMs.nullable(),
  declinedAt: EpochMs.nullable(),
  /** When both sides were first in the call together, and when the call ended. */
  callStartedAt: EpochMs.nullable(),
  callEndedAt: EpochMs.nullable(),
  /** Held: how long both sides were in the call, in whole seconds. */
  durationSeconds: z.number().int().nonnegative().nullable(),
  absent: VideoAbsence.nullable(),
  note: z.string(),
  updatedAt: EpochMs,
  version: z.number().int().nonnegative(),
});
export type VideoInterviewDto = z.infer<typeof VideoInterviewDto>;

/** A slot of the inviting manager's series, as the candidate chooses from them. */
export const VideoSlotDto = z.object({
  startsAt: EpochMs,
  endsAt: EpochMs,
  /** Wall-clock labels in the centre's zone, `HH:mm`, and the day `YYYY-MM-DD`. */
  startLabel: z.string(),
  endLabel: z.string(),
  day: z.string(),
  timeZone: z.string(),
});
export type VideoSlotDto = z.infer<typeof VideoSlotDto>;

/** The candidate's view of one invitation (portal): no other candidate's data, no manager ids. */
export const CandidateVideoInterviewDto = z.object({
  id: z.string().uuid(),
  responseId: z.string().uuid(),
  fairTitle: z.string(),
  companyName: z.string(),
  vacancyTitle: z.string(),
  /** The interviewer's display name. */
  interviewerName: z.string(),
  state: VideoInterviewState,
  slotStartsAt: EpochMs.nullable(),
  slotEndsAt: EpochMs.nullable(),
  slotGone: z.boolean(),
  /** Free slots of the interviewer, in start order: offered while the state is `invited` (or the booked slot is gone). */
  freeSlots: z.array(VideoSlotDto),
  timeZone: z.string(),
});
export type CandidateVideoInterviewDto = z.infer<typeof CandidateVideoInterviewDto>;

/** An ICE server as RTCPeerConnection takes it (STUN/TURN, e.g. coturn). */
export const IceServer = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

/**
 * What *Join* answers: this side's peer identity for this call (issued now, unguessable; any
 * earlier one of the same side is revoked — a reconnect is a new peer in the same call), the other
 * side's current peer id (null while it is not in the call: then wait to be called), the slot and
 * the server's clock (the countdown runs from the server's time, not the device's).
 */
export const VideoJoinGrant = z.object({
  interviewId: z.string().uuid(),
  role: z.enum(['manager', 'candidate']),
  peer: z.object({
    id: z.string().min(16),
    /** Secret for the PeerJS server's handshake; only this side knows it. */
    token: z.string().min(16),
  }),
  remotePeerId: z.string().nullable(),
  /** Where the PeerJS server listens on the sync server (path under the server URL) and its key. */
  peerServer: z.object({ path: z.string(), key: z.string() }),
  iceServers: z.array(IceServer),
  slotStartsAt: EpochMs,
  /** The call ends here (the slot's end: the next candidate's slot follows at once). */
  endsAt: EpochMs,
  /** Show the "2 minutes left" warning from here. */
  warnAt: EpochMs,
  serverNow: EpochMs,
  /** Who is on the other side, for the call window's title. */
  remoteName: z.string(),
});
export type VideoJoinGrant = z.infer<typeof VideoJoinGrant>;
