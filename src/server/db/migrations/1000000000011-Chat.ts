import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';
import { counter, epochMsColumn, idColumn, int, optionalInt, text, uuidRef } from './columns';

const fk = (column: string, table: string, onDelete?: 'CASCADE'): TableForeignKey =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], ...(onDelete ? { onDelete } : {}) });

/**
 * Chat between candidates and employers (issue 5): one conversation per fair, employer and
 * candidate; its messages numbered 1, 2, 3 … by `seq` (the conversation's `last_seq` is the counter,
 * its row lock what serialises concurrent senders); the recorded claims and reassignments.
 *
 * A conversation carries its own summary (last message, read pointers, unread counts, since when
 * a candidate waits for an answer) so lists and the fair overview read one row per conversation
 * instead of counting messages. Message ids are the sending client's UUIDs (the primary key makes
 * a repeated send find the stored message).
 */
export class Chat1000000000011 implements MigrationInterface {
  name = 'Chat1000000000011';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'chat_conversations',
        columns: [
          idColumn(),
          uuidRef('fair_id'),
          uuidRef('employer_id'),
          uuidRef('participation_id'),
          uuidRef('candidate_id'),
          uuidRef('response_id'),
          text('status', 10),
          uuidRef('claimed_by_user_id', true),
          epochMsColumn('claimed_at', true),
          counter('last_seq'),
          optionalInt('last_message_seq'),
          text('last_message_author_kind', 10, true),
          text('last_message_preview', 200, true),
          epochMsColumn('last_message_at', true),
          counter('candidate_read_seq'),
          counter('employer_read_seq'),
          counter('employer_unread'),
          counter('candidate_unread'),
          epochMsColumn('awaiting_reply_since', true),
          epochMsColumn('created_at'),
          epochMsColumn('updated_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_chat_conversations_fair_employer_candidate', columnNames: ['fair_id', 'employer_id', 'candidate_id'] })],
        foreignKeys: [
          fk('fair_id', 'fairs'),
          fk('employer_id', 'employers'),
          fk('participation_id', 'participations'),
          fk('candidate_id', 'candidates'),
          fk('response_id', 'vacancy_responses'),
          fk('claimed_by_user_id', 'users'),
        ],
        indices: [
          new TableIndex({ name: 'idx_chat_conversations_employer', columnNames: ['employer_id', 'updated_at'] }),
          new TableIndex({ name: 'idx_chat_conversations_candidate', columnNames: ['candidate_id', 'updated_at'] }),
          new TableIndex({ name: 'idx_chat_conversations_awaiting', columnNames: ['participation_id', 'awaiting_reply_since'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chat_messages',
        columns: [
          idColumn(),
          uuidRef('conversation_id'),
          int('seq'),
          text('author_kind', 10),
          uuidRef('author_user_id', true),
          text('author_name', 200),
          text('body'),
          epochMsColumn('created_at'),
        ],
        uniques: [new TableUnique({ name: 'uq_chat_messages_conversation_seq', columnNames: ['conversation_id', 'seq'] })],
        foreignKeys: [fk('conversation_id', 'chat_conversations', 'CASCADE'), fk('author_user_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chat_assignments',
        columns: [
          idColumn(),
          uuidRef('conversation_id'),
          uuidRef('from_user_id', true),
          uuidRef('to_user_id'),
          uuidRef('by_user_id'),
          epochMsColumn('at'),
        ],
        foreignKeys: [
          fk('conversation_id', 'chat_conversations', 'CASCADE'),
          fk('from_user_id', 'users'),
          fk('to_user_id', 'users'),
          fk('by_user_id', 'users'),
        ],
        indices: [new TableIndex({ name: 'idx_chat_assignments_conversation', columnNames: ['conversation_id', 'at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['chat_assignments', 'chat_messages', 'chat_conversations']) await q.dropTable(table);
  }
}
