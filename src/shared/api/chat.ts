import { z } from 'zod';
import { ChatText } from '../domain/chat/text';
import { ChatConversationChange, ChatConversationDto, ChatMessageDto } from '../domain/chat/records';

/**
 * The chat protocol over socket.io (ARCHITECTURE "Real-time"), the same for the desktop core
 * (handshake `auth: { token }`) and the candidate portal (same-origin handshake carrying the
 * httpOnly session cookie). Every client → server event takes an ack callback answered with a
 * {@link ChatAck}; the server validates every payload with these schemas and ignores nothing silently.
 *
 * Delivery: a message carries a client-chosen UUID; the server stores it idempotently **before**
 * it acks, assigns the conversation's next `seq`, acks with the stored message and broadcasts it.
 * A client that (re)connects sends `chat:catchUp` with the highest contiguous seq it holds per
 * conversation and receives everything after it. Clients drop what they already hold (by id/seq),
 * and on a seq gap ask `chat:history`. So: at-least-once on the wire, exactly-once on screen,
 * in seq order per conversation.
 */

export const chatClientEvents = {
  /** Candidate: opens (or returns) its conversation with an employer it responded to at a fair. */
  open: 'chat:open',
  /** Everything the caller may see, changed since the given per-conversation seqs. */
  catchUp: 'chat:catchUp',
  /** One conversation's messages after a seq (gap repair, paging a long history). */
  history: 'chat:history',
  send: 'chat:send',
  /** Marks messages read up to a seq (the caller's side: candidate or employer). */
  read: 'chat:read',
  /** "… is typing"; no ack, volatile, best effort. */
  typing: 'chat:typing',
  /** Employer: *Start dialogue* — the conversation becomes the caller's alone. */
  claim: 'chat:claim',
  /** Employer admin: hands the conversation to another member (recorded). */
  assign: 'chat:assign',
  /** Employer (the claimer or the admin): closes / reopens the conversation. */
  setStatus: 'chat:setStatus',
} as const;

export const chatServerEvents = {
  /** A new message with its conversation's summary after it ({@link ChatMessageEvent}). */
  message: 'chat:message',
  /** A summary that changed without a new message (read pointers, status, the response it follows). */
  conversation: 'chat:conversation',
  typing: 'chat:typing',
} as const;

/** Codes a chat ack may carry. */
export const ChatErrorCode = z.enum([
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  /** The candidate has no response to this employer at this fair. */
  'no_response',
  'not_claimed',
  'claimed_by_other',
  'conversation_closed',
  'not_admin',
  'not_a_member',
  /** The message id was already used for a different conversation or text. */
  'id_conflict',
  'rate_limited',
  'internal',
]);
export type ChatErrorCode = z.infer<typeof ChatErrorCode>;

export const ChatError = z.object({
  code: ChatErrorCode,
  /** A sentence for the user (the reason a queued message shows when it was refused). */
  message: z.string(),
  /**
   * True when sending the same thing again cannot succeed (refused by a rule, bad input): the
   * client stops retrying and shows `message`. False (`internal`, `rate_limited`): retry later.
   */
  permanent: z.boolean(),
});
export type ChatError = z.infer<typeof ChatError>;

export type ChatAck<T> = { ok: true; value: T } | { ok: false; error: ChatError };
export const chatAck = <T extends z.ZodTypeAny>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ChatError })]);

/** Most messages one catch-up or history answer carries per conversation; `more` says there are more. */
export const CHAT_PAGE_SIZE = 500;
/** Most conversations one `chat:catchUp` may name. */
export const MAX_CATCH_UP_CONVERSATIONS = 5_000;

const Id = z.string().uuid();

export const ChatOpenRequest = z.object({ fairId: Id, employerId: Id });
export const ChatOpenResult = ChatConversationDto;

export const ChatCatchUpRequest = z.object({
  /** Conversations the client holds, with the highest seq it holds without gaps (0: none). */
  known: z.array(z.object({ conversationId: Id, seq: z.number().int().nonnegative() })).max(MAX_CATCH_UP_CONVERSATIONS),
});
export const ChatCatchUpResult = z.object({
  /** Every conversation the caller may see (current summaries). */
  conversations: z.array(ChatConversationDto),
  /** Per conversation, messages after the known seq (all for unknown ones), at most CHAT_PAGE_SIZE each, by seq. */
  messages: z.array(ChatMessageDto),
  /** Conversations with more messages than were sent: page on with `chat:history`. */
  more: z.array(Id),
});
export type ChatCatchUpResult = z.infer<typeof ChatCatchUpResult>;

export const ChatHistoryRequest = z.object({
  conversationId: Id,
  afterSeq: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(CHAT_PAGE_SIZE).default(CHAT_PAGE_SIZE),
});
export const ChatHistoryResult = z.object({ messages: z.array(ChatMessageDto), more: z.boolean() });
export type ChatHistoryResult = z.infer<typeof ChatHistoryResult>;

export const ChatSendRequest = z.object({ conversationId: Id, id: Id, body: ChatText });
export type ChatSendRequest = z.input<typeof ChatSendRequest>;
export const ChatSendResult = z.object({ message: ChatMessageDto });

export const ChatReadRequest = z.object({ conversationId: Id, seq: z.number().int().nonnegative() });
export const ChatTypingRequest = z.object({ conversationId: Id });
export const ChatClaimRequest = z.object({ conversationId: Id });
export const ChatAssignRequest = z.object({ conversationId: Id, userId: Id });
export const ChatSetStatusRequest = z.object({ conversationId: Id, status: z.enum(['open', 'closed']) });
/** Answer of read / claim / assign / setStatus: the conversation as it now is. */
export const ChatConversationResult = ChatConversationDto;

/**
 * Broadcast `chat:message`: the stored message and what it changed in its conversation's summary
 * ({@link ChatConversationChange}; a client holding the summary applies it with
 * `summaryAfterMessage`). One packet per recipient, and a small one: the fan-out of every message
 * is a socket write per recipient, the largest cost the server pays per message after its commit
 * (bench/chat).
 */
export const ChatMessageEvent = z
  .object({
    message: ChatMessageDto,
    conversation: ChatConversationChange,
  })
  .refine((e) => e.conversation.lastSeq === e.message.seq, {
    message: 'the change must be the one this message made (the message is its conversation\'s last)',
  });
export type ChatMessageEvent = z.infer<typeof ChatMessageEvent>;

/** Broadcast `chat:typing`: who is typing where (never echoed to the typist's own side). */
export const ChatTypingEvent = z.object({
  conversationId: Id,
  authorKind: z.enum(['candidate', 'employer']),
  name: z.string(),
});
export type ChatTypingEvent = z.infer<typeof ChatTypingEvent>;
