import type { ChatConversationDto } from './records';

/**
 * Who may do what in a conversation — one set of rules for the server (which enforces them) and
 * the clients (which hide or disable what would be refused, and explain why).
 */

/** Why a chat action is refused; each has a user-facing sentence in `chatRefusalMessage`. */
export type ChatRefusal =
  | 'not_claimed'
  | 'claimed_by_other'
  | 'conversation_closed'
  | 'not_admin'
  | 'not_a_member';

export interface ChatActor {
  userId: string;
  role: 'employer_admin' | 'employer_manager';
}

/** An employer user may write only in a conversation it has claimed, and only while it is open. */
export function employerWriteRefusal(conversation: Pick<ChatConversationDto, 'claimedBy' | 'status'>, actor: ChatActor): ChatRefusal | null {
  if (conversation.status === 'closed') return 'conversation_closed';
  if (!conversation.claimedBy) return 'not_claimed';
  if (conversation.claimedBy.userId !== actor.userId) return 'claimed_by_other';
  return null;
}

/** *Start dialogue*: anyone of the employer while nobody has it (taking it again is a no-op). */
export function claimRefusal(conversation: Pick<ChatConversationDto, 'claimedBy'>, actor: ChatActor): ChatRefusal | null {
  if (conversation.claimedBy && conversation.claimedBy.userId !== actor.userId) return 'claimed_by_other';
  return null;
}

/** Reassigning (to any active member, or taking it over) is the employer admin's alone. */
export function assignRefusal(actor: ChatActor): ChatRefusal | null {
  return actor.role === 'employer_admin' ? null : 'not_admin';
}

/** Closing and reopening: the manager who has it, or the admin. */
export function closeRefusal(conversation: Pick<ChatConversationDto, 'claimedBy'>, actor: ChatActor): ChatRefusal | null {
  if (actor.role === 'employer_admin') return null;
  if (!conversation.claimedBy) return 'not_claimed';
  return conversation.claimedBy.userId === actor.userId ? null : 'claimed_by_other';
}

/**
 * Whether an employer user's reading counts for the employer — moves its read pointer (the
 * candidate's "read" receipt and the unread counts): yes for the manager who has the conversation,
 * and for anyone of the employer while nobody has it. Someone else looking at a taken conversation
 * neither tells the candidate it was read nor clears the taker's unread count.
 */
export function readCountsForEmployer(conversation: Pick<ChatConversationDto, 'claimedBy'>, actor: Pick<ChatActor, 'userId'>): boolean {
  return conversation.claimedBy === null || conversation.claimedBy.userId === actor.userId;
}

/** The candidate may write while the conversation is open. */
export function candidateWriteRefusal(conversation: Pick<ChatConversationDto, 'status'>): ChatRefusal | null {
  return conversation.status === 'closed' ? 'conversation_closed' : null;
}

export function chatRefusalMessage(refusal: ChatRefusal, conversation?: Pick<ChatConversationDto, 'claimedBy'>): string {
  switch (refusal) {
    case 'not_claimed':
      return 'Press “Start dialogue” first: a conversation is answered by the manager who takes it.';
    case 'claimed_by_other':
      return `${conversation?.claimedBy?.name ?? 'Another manager'} has taken this conversation; only they can answer it.`;
    case 'conversation_closed':
      return 'This conversation has been closed by the employer.';
    case 'not_admin':
      return 'Only the employer’s administrator can hand a conversation to someone else.';
    case 'not_a_member':
      return 'That person is not an active member of this employer.';
  }
}
