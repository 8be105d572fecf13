import type { VideoInterviewDto } from './records';

/**
 * When and by whom a video interview may be joined (SPEC "Video interviews") — one set of rules
 * for the server (which enforces them when it issues peer ids) and the clients (which enable
 * *Join* and explain a refusal).
 */

/** *Join* becomes active this long before the slot. */
export const JOIN_OPENS_BEFORE_MS = 10 * 60_000;
/** The countdown warns this long before the end. */
export const WARN_BEFORE_END_MS = 2 * 60_000;

/** Why a join (or booking) is refused; each has a sentence in `videoRefusalMessage`. */
export type VideoRefusal =
  | 'not_found'
  | 'not_booked'
  | 'slot_gone'
  | 'too_early'
  | 'ended'
  | 'not_inviter'
  | 'slot_taken'
  | 'not_offered'
  | 'slot_started'
  | 'no_slots'
  | 'already_answered'
  | 'not_wanted';

export type VideoSide = { side: 'manager'; userId: string } | { side: 'candidate'; candidateId: string };

/**
 * May `who` join now? The inviting manager and the candidate alike from 10 minutes before the
 * slot until its end, and only while it is booked (or held and not yet ended early).
 */
export function joinRefusal(
  interview: Pick<VideoInterviewDto, 'state' | 'slotStartsAt' | 'slotEndsAt' | 'slotGone' | 'invitedByUserId' | 'candidateId' | 'callEndedAt'>,
  who: VideoSide,
  now: number,
): VideoRefusal | null {
  if (who.side === 'manager' && who.userId !== interview.invitedByUserId) return 'not_inviter';
  if (who.side === 'candidate' && who.candidateId !== interview.candidateId) return 'not_found';
  if (interview.state !== 'booked' && interview.state !== 'held') return 'not_booked';
  if (interview.slotStartsAt === null || interview.slotEndsAt === null) return 'not_booked';
  if (interview.slotGone) return 'slot_gone';
  if (now < interview.slotStartsAt - JOIN_OPENS_BEFORE_MS) return 'too_early';
  if (now >= interview.slotEndsAt || interview.callEndedAt !== null) return 'ended';
  return null;
}

/** When *Join* becomes active for a booked slot. */
export const joinOpensAt = (slotStartsAt: number): number => slotStartsAt - JOIN_OPENS_BEFORE_MS;

/** Readable reasons, for both the desktop and the portal (the server sends the same text). */
export function videoRefusalMessage(refusal: VideoRefusal, context: { opensAt?: string } = {}): string {
  switch (refusal) {
    case 'not_found':
      return 'This video interview does not exist or is not yours.';
    case 'not_booked':
      return 'No time has been booked for this interview yet.';
    case 'slot_gone':
      return 'The employer changed the interview plan and this time no longer exists; a new time has to be chosen.';
    case 'too_early':
      return context.opensAt ? `You can join from ${context.opensAt}, 10 minutes before the start.` : 'You can join 10 minutes before the start.';
    case 'ended':
      return 'This interview has ended.';
    case 'not_inviter':
      return 'Only the manager who sent the invitation can start this interview.';
    case 'slot_taken':
      return 'Someone else has just booked this time. Please choose another one.';
    case 'not_offered':
      return 'That is not one of the offered times. Please choose one of the times shown.';
    case 'slot_started':
      return 'That time has already begun. Please choose a later one.';
    case 'no_slots':
      return 'There are no free times left for this interview.';
    case 'already_answered':
      return 'This invitation has already been answered.';
    case 'not_wanted':
      return 'The candidate did not ask for a video interview.';
  }
}
