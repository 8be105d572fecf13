import type { EntityManager } from 'typeorm';
import type { ChatConversationDto, ChatMessageDto } from '../../shared/domain/chat/records';
import type { ChatConversation, ChatMessage } from '../db/entities';
import { ConversationLabels } from './conversationLabels';

export const toMessageDto = (m: ChatMessage): ChatMessageDto => ({
  id: m.id,
  conversationId: m.conversationId,
  seq: m.seq,
  authorKind: m.authorKind,
  authorUserId: m.authorUserId,
  authorName: m.authorName,
  body: m.body,
  createdAt: m.createdAt,
});

/**
 * Conversation summaries as both sides receive them. Names and titles come from their rows (fair,
 * candidate, the latest response, the claimer) through `labels` — a fresh reader by default, the
 * service's cache in the hot path.
 */
export async function toConversationDtos(
  m: EntityManager,
  rows: readonly ChatConversation[],
  labels: ConversationLabels = new ConversationLabels(0),
): Promise<ChatConversationDto[]> {
  if (rows.length === 0) return [];
  const byRow = await labels.labelsFor(m, rows);
  return rows.map((r) => {
    const l = byRow.get(r.id);
    return {
      id: r.id,
      fairId: r.fairId,
      fairName: l?.fairName ?? '',
      employerId: r.employerId,
      companyName: l?.companyName ?? '',
      candidateId: r.candidateId,
      candidateName: l?.candidateName ?? '',
      responseId: r.responseId,
      vacancyTitle: l?.vacancyTitle ?? '',
      status: r.status,
      claimedBy: r.claimedByUserId ? { userId: r.claimedByUserId, name: l?.claimerName ?? '', at: r.claimedAt ?? r.updatedAt } : null,
      lastSeq: r.lastSeq,
      lastMessage:
        r.lastMessageSeq !== null && r.lastMessageAuthorKind !== null
          ? { seq: r.lastMessageSeq, authorKind: r.lastMessageAuthorKind, preview: r.lastMessagePreview ?? '', createdAt: r.lastMessageAt ?? r.updatedAt }
          : null,
      candidateReadSeq: r.candidateReadSeq,
      employerReadSeq: r.employerReadSeq,
      employerUnread: r.employerUnread,
      candidateUnread: r.candidateUnread,
      awaitingReplySince: r.awaitingReplySince,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

export async function toConversationDto(m: EntityManager, row: ChatConversation, labels?: ConversationLabels): Promise<ChatConversationDto> {
  const [dto] = await toConversationDtos(m, [row], labels);
  if (!dto) throw new Error('conversation summary vanished');
  return dto;
}
