import { z } from 'zod';
import { EpochMs } from '../records';

/**
 * Chat between a candidate (portal) and an employer (desktop): one conversation per candidate,
 * employer and fair, opened by the candidate once it has responded to one of the employer's
 * vacancies at that fair (SPEC "Chat"). Messages are numbered per conversation by the server
 * (`seq` 1, 2, 3 … without gaps), which is what keeps order and lets a client ask for what it missed.
 */

export const ChatAuthorKind = z.enum(['candidate', 'employer', 'system']);
export type ChatAuthorKind = z.infer<typeof ChatAuthorKind>;

/** `closed`: the employer ended it; the candidate cannot write until the employer reopens it. */
export const ChatConversationStatus = z.enum(['open', 'closed']);
export type ChatConversationStatus = z.infer<typeof ChatConversationStatus>;

export const ChatMessageDto = z.object({
  /** Chosen by the sending client (UUID) — sending it again never makes a second message. */
  id: z.string().uuid(),
  conversationId: z.string().uuid(),
  /** Server-assigned, 1 … conversation.lastSeq, no gaps. */
  seq: z.number().int().positive(),
  authorKind: ChatAuthorKind,
  /** The employer user who wrote it; null for candidate and system messages. */
  authorUserId: z.string().uuid().nullable(),
  /** As shown to both sides: the candidate's name, or the manager's name. */
  authorName: z.string(),
  /** Normalised text (see normalizeChatText); for `system` a human-readable line. */
  body: z.string(),
  /** When the server stored it. */
  createdAt: EpochMs,
});
export type ChatMessageDto = z.infer<typeof ChatMessageDto>;

export const ChatClaim = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  at: EpochMs,
});
export type ChatClaim = z.infer<typeof ChatClaim>;

/** A conversation summary as both sides receive it (`chat:conversation`). */
export const ChatConversationDto = z.object({
  id: z.string().uuid(),
  fairId: z.string().uuid(),
  fairName: z.string(),
  employerId: z.string().uuid(),
  companyName: z.string(),
  candidateId: z.string().uuid(),
  candidateName: z.string(),
  /** The candidate's latest response to this employer at this fair (resume one click away). */
  responseId: z.string().uuid(),
  vacancyTitle: z.string(),
  status: ChatConversationStatus,
  /** Who pressed *Start dialogue* (or was assigned by the admin); null while nobody has. */
  claimedBy: ChatClaim.nullable(),
  /** Seq of the newest message (0 before the first). */
  lastSeq: z.number().int().nonnegative(),
  lastMessage: z
    .object({ seq: z.number().int().positive(), authorKind: ChatAuthorKind, preview: z.string(), createdAt: EpochMs })
    .nullable(),
  /** Highest seq the candidate has read. */
  candidateReadSeq: z.number().int().nonnegative(),
  /** Highest seq the employer (any of its users) has read. */
  employerReadSeq: z.number().int().nonnegative(),
  /** Candidate messages after employerReadSeq (the employer's unread count). */
  employerUnread: z.number().int().nonnegative(),
  /** Employer messages after candidateReadSeq (the candidate's unread count). */
  candidateUnread: z.number().int().nonnegative(),
  /**
   * When the oldest candidate message still without an employer answer was written; null when
   * the employer has answered everything (the moderator's "unanswered" and "longest wait").
   */
  awaitingReplySince: EpochMs.nullable(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type ChatConversationDto = z.infer<typeof ChatConversationDto>;

/**
 * What a new message sends of its conversation's summary (`chat:message`): every field that can
 * change, as that message left it — not the labels (ids, names and titles the summary is filed
 * under, which a client already holds) nor the last message (the message itself). `responseId`
 * comes along so a client can tell when its labels are out of date: the conversation then follows
 * another response, and full summaries (catch-up) are needed. Half the packet of the full summary,
 * written once per recipient of every message.
 */
export const ChatConversationChange = ChatConversationDto.pick({
  responseId: true,
  status: true,
  claimedBy: true,
  lastSeq: true,
  candidateReadSeq: true,
  employerReadSeq: true,
  employerUnread: true,
  candidateUnread: true,
  awaitingReplySince: true,
  updatedAt: true,
});
export type ChatConversationChange = z.infer<typeof ChatConversationChange>;

/** A recorded change of who owns a conversation (claims and the admin's reassignments). */
export const ChatAssignmentDto = z.object({
  id: z.string().uuid(),
  conversationId: z.string().uuid(),
  fromUserId: z.string().uuid().nullable(),
  toUserId: z.string().uuid(),
  byUserId: z.string().uuid(),
  at: EpochMs,
});
export type ChatAssignmentDto = z.infer<typeof ChatAssignmentDto>;
