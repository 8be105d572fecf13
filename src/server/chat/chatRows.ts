import type { EntityManager } from 'typeorm';
import { ChatConversation, ChatMessage } from '../db/entities';

/**
 * The send path's reads and writes as plain SQL: TypeORM's find/insert/update spend about a quarter
 * of a millisecond each building the query and hydrating the entity — more than SQLite takes to run
 * it — and a chat message does five of them. Same tables, same columns, both databases.
 */

/** `$n` on PostgreSQL, `?` on SQLite. */
function placeholders(m: EntityManager, count: number): string[] {
  const pg = m.connection.options.type === 'postgres';
  return Array.from({ length: count }, (_, i) => (pg ? `$${i + 1}` : '?'));
}

/** bigint columns come back as strings from PostgreSQL. */
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : num(value));
/** Booleans are 0/1 in SQLite, true/false in PostgreSQL. */
export const bool = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';

export async function selectOne(m: EntityManager, sql: string, params: unknown[]): Promise<Record<string, unknown> | null> {
  const marks = placeholders(m, params.length);
  let index = 0;
  const rows = (await m.query(sql.replace(/\?/g, () => marks[index++] ?? '?'), params)) as Array<Record<string, unknown>>;
  return rows[0] ?? null;
}

export async function conversationById(m: EntityManager, id: string): Promise<ChatConversation | null> {
  const r = await selectOne(m, 'SELECT * FROM chat_conversations WHERE id = ?', [id]);
  if (!r) return null;
  return Object.assign(new ChatConversation(), {
    id: String(r['id']),
    fairId: String(r['fair_id']),
    employerId: String(r['employer_id']),
    participationId: String(r['participation_id']),
    candidateId: String(r['candidate_id']),
    responseId: String(r['response_id']),
    status: r['status'] as ChatConversation['status'],
    claimedByUserId: (r['claimed_by_user_id'] as string | null) ?? null,
    claimedAt: numOrNull(r['claimed_at']),
    lastSeq: num(r['last_seq']),
    lastMessageSeq: numOrNull(r['last_message_seq']),
    lastMessageAuthorKind: (r['last_message_author_kind'] as ChatConversation['lastMessageAuthorKind']) ?? null,
    lastMessagePreview: (r['last_message_preview'] as string | null) ?? null,
    lastMessageAt: numOrNull(r['last_message_at']),
    candidateReadSeq: num(r['candidate_read_seq']),
    employerReadSeq: num(r['employer_read_seq']),
    employerUnread: num(r['employer_unread']),
    candidateUnread: num(r['candidate_unread']),
    awaitingReplySince: numOrNull(r['awaiting_reply_since']),
    createdAt: num(r['created_at']),
    updatedAt: num(r['updated_at']),
  });
}

export async function messageById(m: EntityManager, id: string): Promise<ChatMessage | null> {
  const r = await selectOne(m, 'SELECT * FROM chat_messages WHERE id = ?', [id]);
  if (!r) return null;
  return Object.assign(new ChatMessage(), {
    id: String(r['id']),
    conversationId: String(r['conversation_id']),
    seq: num(r['seq']),
    authorKind: r['author_kind'] as ChatMessage['authorKind'],
    authorUserId: (r['author_user_id'] as string | null) ?? null,
    authorName: String(r['author_name']),
    body: String(r['body']),
    createdAt: num(r['created_at']),
  });
}

export async function insertMessage(m: EntityManager, message: ChatMessage): Promise<void> {
  const marks = placeholders(m, 8);
  await m.query(
    `INSERT INTO chat_messages (id, conversation_id, seq, author_kind, author_user_id, author_name, body, created_at) VALUES (${marks.join(', ')})`,
    [message.id, message.conversationId, message.seq, message.authorKind, message.authorUserId, message.authorName, message.body, message.createdAt],
  );
}

const summaryColumns = {
  lastSeq: 'last_seq',
  lastMessageSeq: 'last_message_seq',
  lastMessageAuthorKind: 'last_message_author_kind',
  lastMessagePreview: 'last_message_preview',
  lastMessageAt: 'last_message_at',
  employerUnread: 'employer_unread',
  candidateUnread: 'candidate_unread',
  awaitingReplySince: 'awaiting_reply_since',
  updatedAt: 'updated_at',
} as const satisfies Partial<Record<keyof ChatConversation, string>>;

export type ConversationSummaryPatch = Partial<Pick<ChatConversation, keyof typeof summaryColumns>>;

/** Updates the summary columns a new message changes. */
export async function updateSummary(m: EntityManager, id: string, patch: ConversationSummaryPatch): Promise<void> {
  const keys = (Object.keys(patch) as Array<keyof typeof summaryColumns>).filter((k) => patch[k] !== undefined);
  const marks = placeholders(m, keys.length + 1);
  const sets = keys.map((k, i) => `${summaryColumns[k]} = ${marks[i] ?? '?'}`).join(', ');
  await m.query(`UPDATE chat_conversations SET ${sets} WHERE id = ${marks[keys.length] ?? '?'}`, [...keys.map((k) => patch[k]), id]);
}
