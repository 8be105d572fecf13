import { In, IsNull, Not, type EntityManager } from 'typeorm';
import type { ChatError } from '../../shared/api/chat';
import type { IpcParsedInput, LocalChatConversation, LocalChatMessage } from '../../shared/contract/ipc';
import { ChatConversationDto, type ChatConversationChange, type ChatMessageDto } from '../../shared/domain/chat/records';
import { readCountsForEmployer } from '../../shared/domain/chat/rules';
import { summaryAfterMessage } from '../../shared/domain/chat/summary';
import { chatPreview } from '../../shared/domain/chat/text';
import { ChatConversationRow, ChatMessageRow } from '../cache/entities';

/**
 * Chat in the cache (migration 0007): conversations and messages as the server sent them, the
 * queue of messages written here, and the two local pointers per conversation (`heldSeq`,
 * `localReadSeq`). Every function runs inside the caller's cache transaction.
 */

const fold = (text: string): string => text.toLocaleLowerCase();

export function conversationToRow(dto: ChatConversationDto, local: Pick<ChatConversationRow, 'heldSeq' | 'localReadSeq'>): ChatConversationRow {
  return {
    id: dto.id,
    fairId: dto.fairId,
    fairName: dto.fairName,
    employerId: dto.employerId,
    companyName: dto.companyName,
    candidateId: dto.candidateId,
    candidateName: dto.candidateName,
    responseId: dto.responseId,
    vacancyTitle: dto.vacancyTitle,
    status: dto.status,
    claimedByUserId: dto.claimedBy?.userId ?? null,
    claimedByName: dto.claimedBy?.name ?? null,
    claimedAt: dto.claimedBy?.at ?? null,
    lastSeq: dto.lastSeq,
    lastMessageSeq: dto.lastMessage?.seq ?? null,
    lastMessageAuthorKind: dto.lastMessage?.authorKind ?? null,
    lastMessagePreview: dto.lastMessage?.preview ?? null,
    lastMessageAt: dto.lastMessage?.createdAt ?? null,
    candidateReadSeq: dto.candidateReadSeq,
    employerReadSeq: dto.employerReadSeq,
    employerUnread: dto.employerUnread,
    candidateUnread: dto.candidateUnread,
    awaitingReplySince: dto.awaitingReplySince,
    createdAt: dto.createdAt,
    updatedAt: dto.updatedAt,
    activityAt: dto.lastMessage?.createdAt ?? dto.createdAt,
    searchFolded: fold(`${dto.candidateName}\n${dto.vacancyTitle}`),
    heldSeq: local.heldSeq,
    localReadSeq: local.localReadSeq,
  };
}

export function conversationFromRow(row: ChatConversationRow): ChatConversationDto {
  return ChatConversationDto.parse({
    id: row.id,
    fairId: row.fairId,
    fairName: row.fairName,
    employerId: row.employerId,
    companyName: row.companyName,
    candidateId: row.candidateId,
    candidateName: row.candidateName,
    responseId: row.responseId,
    vacancyTitle: row.vacancyTitle,
    status: row.status,
    claimedBy: row.claimedByUserId === null ? null : { userId: row.claimedByUserId, name: row.claimedByName ?? '', at: row.claimedAt ?? 0 },
    lastSeq: row.lastSeq,
    lastMessage:
      row.lastMessageSeq === null
        ? null
        : { seq: row.lastMessageSeq, authorKind: row.lastMessageAuthorKind, preview: row.lastMessagePreview ?? '', createdAt: row.lastMessageAt ?? 0 },
    candidateReadSeq: row.candidateReadSeq,
    employerReadSeq: row.employerReadSeq,
    employerUnread: row.employerUnread,
    candidateUnread: row.candidateUnread,
    awaitingReplySince: row.awaitingReplySince,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
}

export function messageFromRow(row: ChatMessageRow, userId: string): LocalChatMessage {
  const refusal: ChatError | null =
    row.delivery === 'refused' ? { code: (row.refusalCode ?? 'internal') as ChatError['code'], message: row.refusalMessage ?? '', permanent: true } : null;
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    authorKind: row.authorKind as LocalChatMessage['authorKind'],
    authorUserId: row.authorUserId,
    authorName: row.authorName,
    body: row.body,
    createdAt: row.createdAt,
    delivery: row.delivery as LocalChatMessage['delivery'],
    refusal,
    mine: row.authorUserId !== null && row.authorUserId === userId,
  };
}

/**
 * Stores conversation summaries, keeping the local pointers. A summary older than the stored one
 * (`updatedAt`) is ignored: broadcasts and acks may cross on the wire.
 * @returns the ids whose stored summary changed.
 */
export async function upsertConversations(m: EntityManager, dtos: readonly ChatConversationDto[]): Promise<string[]> {
  const changed: string[] = [];
  for (const dto of dtos) {
    if (await storeIfNewer(m, dto, await m.findOneBy(ChatConversationRow, { id: dto.id }))) changed.push(dto.id);
  }
  return changed;
}

/** Saves `dto` over `stored` (the row as read, or null) unless the stored one is newer; true when saved. */
async function storeIfNewer(m: EntityManager, dto: ChatConversationDto, stored: ChatConversationRow | null): Promise<boolean> {
  if (stored && stored.updatedAt > dto.updatedAt) return false;
  await m.save(ChatConversationRow, conversationToRow(dto, stored ?? { heldSeq: 0, localReadSeq: 0 }));
  return true;
}

/**
 * Stores the summary as `message` left it (`chat:message` carries only what changed). `stale` when
 * the held labels are out of date (the conversation follows another response): nothing is stored,
 * a catch-up brings the full summary. A conversation the cache does not hold is left to
 * applyMessages, which reports it unknown.
 */
export async function upsertAfterMessage(m: EntityManager, message: ChatMessageDto, change: ChatConversationChange): Promise<{ changed: string[]; stale: boolean }> {
  const stored = await m.findOneBy(ChatConversationRow, { id: message.conversationId });
  if (!stored) return { changed: [], stale: false };
  const next = summaryAfterMessage(conversationFromRow(stored), message, change);
  if (!next) return { changed: [], stale: true };
  return { changed: (await storeIfNewer(m, next, stored)) ? [next.id] : [], stale: false };
}

export interface AppliedMessages {
  /** Conversations whose messages changed. */
  changed: Set<string>;
  /** Candidate messages stored now, above the read pointer: announce each once. */
  incoming: Array<{ conversationId: string; messageId: string }>;
  /** Conversations holding messages past a gap: ask `chat:history` after their `heldSeq`. */
  gaps: Set<string>;
  /** Messages of conversations the cache has no summary of: a catch-up brings them. */
  unknownConversations: Set<string>;
}

/**
 * Applies messages from the server (ack, broadcast, catch-up, history) exactly once: a message is
 * keyed by its id — a queued copy with that id becomes `sent` with its seq; one already held (by id
 * or by seq) is dropped. Then `heldSeq` moves over the contiguous run; anything stored past a hole
 * is reported as a gap.
 */
export async function applyMessages(m: EntityManager, messages: readonly ChatMessageDto[]): Promise<AppliedMessages> {
  const outcome: AppliedMessages = { changed: new Set(), incoming: [], gaps: new Set(), unknownConversations: new Set() };
  const byConversation = new Map<string, ChatMessageDto[]>();
  for (const message of messages) byConversation.set(message.conversationId, [...(byConversation.get(message.conversationId) ?? []), message]);

  for (const [conversationId, list] of byConversation) {
    const conversation = await m.findOneBy(ChatConversationRow, { id: conversationId });
    if (!conversation) {
      outcome.unknownConversations.add(conversationId);
      continue;
    }
    const readSeq = Math.max(conversation.employerReadSeq, conversation.localReadSeq);
    list.sort((a, b) => a.seq - b.seq);
    const byId = new Map((await m.findBy(ChatMessageRow, { id: In(list.map((d) => d.id)) })).map((r) => [r.id, r]));
    const takenSeqs = new Set(
      (await m.find(ChatMessageRow, { select: { seq: true }, where: { conversationId, seq: In(list.map((d) => d.seq)) } })).map((r) => r.seq),
    );
    for (const dto of list) {
      const existing = byId.get(dto.id);
      if (existing) {
        // Ours, acknowledged (or delivered by broadcast / catch-up before the ack): the same row.
        if (existing.seq === null && existing.conversationId === conversationId && !takenSeqs.has(dto.seq)) {
          await m.update(ChatMessageRow, { id: dto.id }, { ...sentFields(dto), refusalCode: null, refusalMessage: null });
          takenSeqs.add(dto.seq);
          outcome.changed.add(conversationId);
        }
        continue;
      }
      if (takenSeqs.has(dto.seq)) continue;
      await m.insert(ChatMessageRow, { id: dto.id, conversationId, ...sentFields(dto), refusalCode: null, refusalMessage: null, queuedOrder: null });
      takenSeqs.add(dto.seq);
      outcome.changed.add(conversationId);
      if (dto.authorKind === 'candidate' && dto.seq > readSeq) outcome.incoming.push({ conversationId, messageId: dto.id });
    }

    const above: Array<{ seq: number }> = await m.query(
      `SELECT "seq" FROM "chat_messages" WHERE "conversation_id" = ? AND "seq" > ? ORDER BY "seq"`,
      [conversationId, conversation.heldSeq],
    );
    let held = conversation.heldSeq;
    for (const { seq } of above) {
      if (seq !== held + 1) break;
      held = seq;
    }
    if (above.some(({ seq }) => seq > held)) outcome.gaps.add(conversationId);
    if (held !== conversation.heldSeq) await m.update(ChatConversationRow, { id: conversationId }, { heldSeq: held });
  }
  return outcome;
}

function sentFields(dto: ChatMessageDto): Omit<ChatMessageRow, 'id' | 'conversationId' | 'refusalCode' | 'refusalMessage' | 'queuedOrder'> {
  return {
    seq: dto.seq,
    authorKind: dto.authorKind,
    authorUserId: dto.authorUserId,
    authorName: dto.authorName,
    body: dto.body,
    bodyFolded: fold(dto.body),
    createdAt: dto.createdAt,
    delivery: 'sent',
  };
}

/** Stores a message written here as `sending`, last in the queue. */
export async function queueMessage(
  m: EntityManager,
  message: { id: string; conversationId: string; body: string; authorUserId: string; authorName: string; createdAt: number },
): Promise<ChatMessageRow> {
  const [{ last }] = (await m.query(`SELECT MAX("queued_order") AS last FROM "chat_messages"`)) as [{ last: number | null }];
  const row: ChatMessageRow = {
    ...message,
    seq: null,
    authorKind: 'employer',
    bodyFolded: fold(message.body),
    delivery: 'sending',
    refusalCode: null,
    refusalMessage: null,
    queuedOrder: (last ?? 0) + 1,
  };
  await m.insert(ChatMessageRow, row);
  return row;
}

/** Messages still to send, in the order they were written. */
export function queuedMessages(m: EntityManager): Promise<ChatMessageRow[]> {
  return m.find(ChatMessageRow, { where: { delivery: 'sending' }, order: { queuedOrder: 'ASC' } });
}

/** The server refused a queued message for good: kept, with the reason, and never sent again. */
export async function markRefused(m: EntityManager, id: string, error: ChatError): Promise<boolean> {
  const result = await m.update(ChatMessageRow, { id, delivery: 'sending' }, { delivery: 'refused', refusalCode: error.code, refusalMessage: error.message });
  return (result.affected ?? 0) > 0;
}

/** Removes a refused message. @returns its conversation, or null when there was no such refused message. */
export async function discardRefused(m: EntityManager, id: string): Promise<string | null> {
  const row = await m.findOneBy(ChatMessageRow, { id, delivery: 'refused' });
  if (!row) return null;
  await m.delete(ChatMessageRow, { id });
  return row.conversationId;
}

/** What `chat:catchUp` is told: every held conversation with its highest contiguous seq. */
export async function knownSeqs(m: EntityManager, max: number): Promise<Array<{ conversationId: string; seq: number }>> {
  const rows = await m.find(ChatConversationRow, { select: { id: true, heldSeq: true }, order: { activityAt: 'DESC' }, take: max });
  return rows.map((r) => ({ conversationId: r.id, seq: r.heldSeq }));
}

export async function heldSeq(m: EntityManager, conversationId: string): Promise<number | null> {
  return (await m.findOneBy(ChatConversationRow, { id: conversationId }))?.heldSeq ?? null;
}

/**
 * Moves the local read pointer forward (never back, never past what is held).
 * @returns true when it moved.
 */
export async function markReadLocally(m: EntityManager, conversationId: string, seq: number, userId: string): Promise<boolean> {
  const row = await m.findOneBy(ChatConversationRow, { id: conversationId });
  if (!row) return false;
  // Another manager's conversation: looking at it reads nothing for the employer (see the rule).
  const claimedBy = row.claimedByUserId ? { userId: row.claimedByUserId, name: row.claimedByName ?? '', at: 0 } : null;
  if (!readCountsForEmployer({ claimedBy }, { userId })) return false;
  const next = Math.min(seq, row.heldSeq);
  if (next <= Math.max(row.localReadSeq, row.employerReadSeq)) return false;
  await m.update(ChatConversationRow, { id: conversationId }, { localReadSeq: next });
  return true;
}

/** Read marks made here that the server does not know yet. */
export async function pendingReads(m: EntityManager): Promise<Array<{ conversationId: string; seq: number }>> {
  const rows: Array<{ id: string; seq: number }> = await m.query(
    `SELECT "id", "local_read_seq" AS seq FROM "chat_conversations" WHERE "local_read_seq" > "employer_read_seq"`,
  );
  return rows.map((r) => ({ conversationId: r.id, seq: r.seq }));
}

/**
 * Unread candidate messages per conversation, counted on what is held against the further of the
 * server's read pointer and the local one (so a read made offline counts at once).
 */
async function unreadCounts(m: EntityManager, conversationIds?: readonly string[]): Promise<Map<string, number>> {
  const only = conversationIds ? `AND c."id" IN (${conversationIds.map(() => '?').join(', ')})` : '';
  const rows: Array<{ id: string; n: number }> = await m.query(
    `SELECT c."id" AS id, COUNT(msg."id") AS n FROM "chat_conversations" c
       JOIN "chat_messages" msg ON msg."conversation_id" = c."id" AND msg."author_kind" = 'candidate'
        AND msg."seq" > MAX(c."employer_read_seq", c."local_read_seq")
     WHERE 1 = 1 ${only} GROUP BY c."id"`,
    conversationIds ? [...conversationIds] : [],
  );
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/**
 * The badge's number: unread candidate messages in the conversations that are `userId`'s to
 * answer — free ones and its own. Those taken by another manager show their count in the list only.
 */
export async function totalUnread(m: EntityManager, userId: string): Promise<number> {
  const counts = await unreadCounts(m);
  const rows: Array<{ id: string }> = await m.query(
    `SELECT "id" FROM "chat_conversations" WHERE "claimed_by_user_id" IS NOT NULL AND "claimed_by_user_id" <> ?`,
    [userId],
  );
  for (const { id } of rows) counts.delete(id);
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

export type ChatListFilter = NonNullable<IpcParsedInput<'chats.list'>>;

/** "My chats", most recent activity first, with the local counters; see `chats.list`. */
export async function listConversations(m: EntityManager, userId: string, filter: ChatListFilter = {}): Promise<LocalChatConversation[]> {
  const where =
    filter.filter === 'mine' ? { claimedByUserId: userId } : filter.filter === 'unclaimed' ? { claimedByUserId: IsNull() } : {};
  const rows = await m.find(ChatConversationRow, { where, order: { activityAt: 'DESC', id: 'ASC' } });
  const unread = await unreadCounts(m);
  const queueRows: Array<{ id: string; delivery: string; n: number }> = await m.query(
    `SELECT "conversation_id" AS id, "delivery", COUNT(*) AS n FROM "chat_messages" WHERE "delivery" <> 'sent' GROUP BY "conversation_id", "delivery"`,
  );
  const queued = (id: string, delivery: string): number => Number(queueRows.find((r) => r.id === id && r.delivery === delivery)?.n ?? 0);

  const needle = filter.search ? fold(filter.search.trim()) : '';
  const matches = needle ? await messageMatches(m, needle) : new Map<string, LocalChatConversation['match']>();
  const out: LocalChatConversation[] = [];
  for (const row of rows) {
    const conversationUnread = unread.get(row.id) ?? 0;
    if (filter.filter === 'unread' && conversationUnread === 0) continue;
    let match: LocalChatConversation['match'] = null;
    if (needle && !row.searchFolded.includes(needle)) {
      match = matches.get(row.id) ?? null;
      if (!match) continue;
    }
    out.push({
      ...conversationFromRow(row),
      unread: conversationUnread,
      sending: queued(row.id, 'sending'),
      refused: queued(row.id, 'refused'),
      match,
    });
  }
  return out;
}

/** Per conversation, the newest message whose text contains `needle` (already folded). */
async function messageMatches(m: EntityManager, needle: string): Promise<Map<string, NonNullable<LocalChatConversation['match']>>> {
  const rows: Array<{ conversation_id: string; seq: number | null; body: string }> = await m.query(
    `SELECT "conversation_id", "seq", "body" FROM "chat_messages" WHERE instr("body_folded", ?) > 0 ORDER BY "created_at" ASC`,
    [needle],
  );
  const found = new Map<string, NonNullable<LocalChatConversation['match']>>();
  for (const row of rows) found.set(row.conversation_id, { seq: row.seq, preview: chatPreview(row.body) });
  return found;
}

/** One conversation, with the local counters (null when not in the cache). */
export async function localConversation(m: EntityManager, conversationId: string): Promise<LocalChatConversation | null> {
  const row = await m.findOneBy(ChatConversationRow, { id: conversationId });
  if (!row) return null;
  const [sending, refused] = await Promise.all([
    m.countBy(ChatMessageRow, { conversationId, delivery: 'sending' }),
    m.countBy(ChatMessageRow, { conversationId, delivery: 'refused' }),
  ]);
  return { ...conversationFromRow(row), unread: (await unreadCounts(m, [conversationId])).get(conversationId) ?? 0, sending, refused, match: null };
}

/** A conversation's messages: sent ones by seq, then queued and refused ones in the order written. */
export async function listMessages(m: EntityManager, conversationId: string, userId: string): Promise<LocalChatMessage[]> {
  const sent = await m.find(ChatMessageRow, { where: { conversationId, seq: Not(IsNull()) }, order: { seq: 'ASC' } });
  const local = await m.find(ChatMessageRow, { where: { conversationId, seq: IsNull() }, order: { queuedOrder: 'ASC' } });
  return [...sent, ...local].map((row) => messageFromRow(row, userId));
}

export async function messageById(m: EntityManager, id: string, userId: string): Promise<LocalChatMessage | null> {
  const row = await m.findOneBy(ChatMessageRow, { id });
  return row ? messageFromRow(row, userId) : null;
}
