import type { ChatConversationChange, ChatConversationDto, ChatMessageDto } from './records';
import { chatPreview } from './text';

/** The part of a summary a new message sends along (`chat:message`; see ChatConversationChange). */
export function conversationChange(summary: ChatConversationDto): ChatConversationChange {
  const { responseId, status, claimedBy, lastSeq, candidateReadSeq, employerReadSeq, employerUnread, candidateUnread, awaitingReplySince, updatedAt } = summary;
  return { responseId, status, claimedBy, lastSeq, candidateReadSeq, employerReadSeq, employerUnread, candidateUnread, awaitingReplySince, updatedAt };
}

/**
 * The summary a client holds, moved to where `message` left it: the change applied and the message
 * as the last one (its preview made as the server makes it). Null when the held labels may be out
 * of date — another conversation, or one that now follows another response — and the client must
 * fetch full summaries (catch-up) instead. Whether the result is newer than what the client holds
 * is the client's own rule (summaries can cross on the wire).
 */
export function summaryAfterMessage(held: ChatConversationDto, message: ChatMessageDto, change: ChatConversationChange): ChatConversationDto | null {
  if (held.id !== message.conversationId || held.responseId !== change.responseId) return null;
  return {
    ...held,
    ...change,
    lastMessage: { seq: message.seq, authorKind: message.authorKind, preview: chatPreview(message.body), createdAt: message.createdAt },
  };
}
