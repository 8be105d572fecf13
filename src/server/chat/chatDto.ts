import { In, type EntityManager, type ObjectLiteral, type EntityTarget } from 'typeorm';
import type { ChatConversationDto, ChatMessageDto } from '../../shared/domain/chat/records';
import { Candidate, Fair, User, VacancyResponse, type ChatConversation, type ChatMessage } from '../db/entities';
import { candidateName } from './chatParty';

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

/** Rows by id, in chunks that stay well under both databases' bound-parameter limits. */
async function byIds<T extends ObjectLiteral & { id: string }>(m: EntityManager, entity: EntityTarget<T>, ids: Iterable<string>): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const result = new Map<string, T>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await m.findBy(entity, { id: In(unique.slice(i, i + 500)) } as never);
    for (const row of rows) result.set(row.id, row);
  }
  return result;
}

/**
 * Conversation summaries as both sides receive them. Names and titles are read from their rows
 * (fair, candidate, the latest response, the claimer) in a few batched queries.
 */
export async function toConversationDtos(m: EntityManager, rows: readonly ChatConversation[]): Promise<ChatConversationDto[]> {
  if (rows.length === 0) return [];
  const fairs = await byIds(m, Fair, rows.map((r) => r.fairId));
  const candidates = await byIds(m, Candidate, rows.map((r) => r.candidateId));
  const responses = await byIds(m, VacancyResponse, rows.map((r) => r.responseId));
  const claimers = await byIds(m, User, rows.flatMap((r) => (r.claimedByUserId ? [r.claimedByUserId] : [])));
  return rows.map((r) => {
    const response = responses.get(r.responseId);
    const candidate = candidates.get(r.candidateId);
    const claimer = r.claimedByUserId ? claimers.get(r.claimedByUserId) : undefined;
    return {
      id: r.id,
      fairId: r.fairId,
      fairName: fairs.get(r.fairId)?.title ?? '',
      employerId: r.employerId,
      companyName: response?.companyName ?? '',
      candidateId: r.candidateId,
      candidateName: candidate ? candidateName(candidate) : (response?.candidateName ?? ''),
      responseId: r.responseId,
      vacancyTitle: response?.vacancyTitle ?? '',
      status: r.status,
      claimedBy: r.claimedByUserId ? { userId: r.claimedByUserId, name: claimer?.displayName ?? '', at: r.claimedAt ?? r.updatedAt } : null,
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

export async function toConversationDto(m: EntityManager, row: ChatConversation): Promise<ChatConversationDto> {
  const [dto] = await toConversationDtos(m, [row]);
  if (!dto) throw new Error('conversation summary vanished');
  return dto;
}
