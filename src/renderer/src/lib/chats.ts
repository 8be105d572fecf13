import type { LocalChatConversation, LocalChatMessage } from '../../../shared/contract/ipc';
import type { ChatActor, ChatRefusal } from '../../../shared/domain/chat/rules';
import type { UserDto } from '../../../shared/domain/roles';

/**
 * Pure rules of the desktop's "My chats" (kept out of components so they are unit-tested): the
 * actor a user is for the chat rules, how a message's state reads, the window title, the typing
 * throttle and the moderator's "longest wait".
 */

export type ChatFilter = 'all' | 'mine' | 'unclaimed' | 'unread';
export const CHAT_FILTERS: readonly ChatFilter[] = ['all', 'mine', 'unclaimed', 'unread'];

/** The signed-in employer user as the chat rules see it; null for moderators (they have no chats). */
export function chatActorOf(user: Pick<UserDto, 'id' | 'role'> | null): ChatActor | null {
  if (!user || user.role === 'moderator') return null;
  return { userId: user.id, role: user.role === 'employer_admin' ? 'employer_admin' : 'employer_manager' };
}

const REFUSALS: ReadonlySet<string> = new Set<ChatRefusal>(['not_claimed', 'claimed_by_other', 'conversation_closed', 'not_admin', 'not_a_member']);

/** Whether a chat error code is one of the rules' refusals (worded by the UI in its language). */
export function isChatRefusal(code: string): code is ChatRefusal {
  return REFUSALS.has(code);
}

/**
 * Where one of my messages stands, for the label under it: `sending` (queued, not acknowledged),
 * `refused`, `read` (the candidate has read up to it), or `sent`. Others' messages: null.
 */
export type MessageState = 'sending' | 'refused' | 'sent' | 'read';

export function messageState(message: Pick<LocalChatMessage, 'mine' | 'delivery' | 'seq'>, candidateReadSeq: number): MessageState | null {
  if (!message.mine) return null;
  if (message.delivery !== 'sent') return message.delivery;
  return message.seq !== null && message.seq <= candidateReadSeq ? 'read' : 'sent';
}

/** "(3) FairDesk" while there are unread messages, the plain name otherwise. */
export function windowTitle(unread: number, appName: string): string {
  return unread > 0 ? `(${unread > 999 ? '999+' : unread}) ${appName}` : appName;
}

/** A count as a badge shows it: "99+" past 99. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/**
 * "I am typing" at most once per `intervalMs` while the user keeps typing: the other side shows the
 * indicator for a few seconds after each one, so more would only load the socket.
 */
export function createTypingThrottle(send: () => void, intervalMs: number, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    typed(): void {
      const at = now();
      if (at - last < intervalMs) return;
      last = at;
      send();
    },
    /** After sending a message: the next keystroke announces typing again at once. */
    reset(): void {
      last = Number.NEGATIVE_INFINITY;
    },
  };
}

/** Whole minutes a candidate has been waiting since `since`; null when nobody waits (or unknown). */
export function waitMinutes(since: number | null, now: number): number | null {
  if (since === null) return null;
  return Math.max(0, Math.floor((now - since) / 60_000));
}

/** The longest wait over employers: the earliest `oldestUnansweredSince` that is known. */
export function earliestKnown(values: readonly (number | null)[]): number | null {
  let earliest: number | null = null;
  for (const value of values) if (value !== null && (earliest === null || value < earliest)) earliest = value;
  return earliest;
}

/** A wait as a short duration: {hours, minutes} for the UI to word ("1 h 05 min"). */
export function splitDuration(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** The seq to mark read up to when the conversation is on screen; null when nothing is unread. */
export function seqToMarkRead(conversation: Pick<LocalChatConversation, 'unread' | 'lastSeq'>, alreadyMarked: number): number | null {
  if (conversation.unread === 0 || conversation.lastSeq <= alreadyMarked) return null;
  return conversation.lastSeq;
}

/** The next conversation to open with ArrowUp/ArrowDown (wraps neither way). */
export function neighbourId(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const index = current === null ? -1 : ids.indexOf(current);
  if (index < 0) return step === 1 ? (ids[0] ?? null) : (ids[ids.length - 1] ?? null);
  return ids[Math.min(ids.length - 1, Math.max(0, index + step))] ?? null;
}
