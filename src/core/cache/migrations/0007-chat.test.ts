import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigration, emptyCacheDatabase, indexNames, revertMigration, tableColumns, tableNames } from '../../testing/migrationHarness';
import { cacheMigrations } from './index';
import { CacheChat0007 } from './0007-chat';

describe('cache migration 0007 (chat)', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await emptyCacheDatabase();
    for (const migration of cacheMigrations) {
      if (migration === CacheChat0007) break;
      await applyMigration(db, migration);
    }
  });
  afterEach(async () => {
    await db.destroy();
  });

  const insertMessage = (id: string, seq: number | null, conversationId = 'c1'): Promise<unknown> =>
    db.query(
      `INSERT INTO chat_messages (id, conversation_id, seq, author_kind, author_user_id, author_name, body, body_folded, created_at, delivery, refusal_code, refusal_message, queued_order)
       VALUES (?, ?, ?, 'employer', 'u1', 'Dana', 'Hello', 'hello', 1, ?, NULL, NULL, ?)`,
      [id, conversationId, seq, seq === null ? 'sending' : 'sent', seq === null ? 1 : null],
    );

  it('creates conversations (server fields + local pointers) and messages (queue, refusal, one row per seq)', async () => {
    await applyMigration(db, CacheChat0007);
    expect(await tableNames(db)).toEqual(expect.arrayContaining(['chat_conversations', 'chat_messages']));
    const conversations = await tableColumns(db, 'chat_conversations');
    expect(conversations.filter((c) => !c.notNull).map((c) => c.name)).toEqual([
      'claimed_by_user_id', 'claimed_by_name', 'claimed_at', 'last_message_seq', 'last_message_author_kind', 'last_message_preview', 'last_message_at',
      'awaiting_reply_since',
    ]);
    expect(conversations.map((c) => c.name)).toEqual(expect.arrayContaining(['held_seq', 'local_read_seq', 'employer_read_seq', 'search_folded']));
    expect(await indexNames(db, 'chat_conversations')).toEqual(['idx_chat_conversations_activity_at', 'idx_chat_conversations_claimed_by_user_id']);
    const messages = await tableColumns(db, 'chat_messages');
    expect(messages.map((c) => [c.name, c.notNull])).toEqual([
      ['id', true], ['conversation_id', true], ['seq', false], ['author_kind', true], ['author_user_id', false], ['author_name', true], ['body', true],
      ['body_folded', true], ['created_at', true], ['delivery', true], ['refusal_code', false], ['refusal_message', false], ['queued_order', false],
    ]);
    expect(await indexNames(db, 'chat_messages')).toEqual([
      'idx_chat_messages_conversation_created_at', 'idx_chat_messages_queue', 'uq_chat_messages_conversation_seq',
    ]);

    // Queued messages (no seq yet) never collide; two messages with the same seq in one conversation do.
    await insertMessage('q1', null);
    await insertMessage('q2', null);
    await insertMessage('m1', 1);
    await insertMessage('other', 1, 'c2');
    await expect(insertMessage('m1-again', 1)).rejects.toThrow(/UNIQUE/);
  });

  it('keeps what was there before (outbox, notifications)', async () => {
    await db.query(
      `INSERT INTO outbox (mutation_id, name, args_json, created_at, record_entity, record_id, record_label) VALUES (1, 'saveStand', '{}', 5, 'stand', 's', 'Stand')`,
    );
    await db.query(`INSERT INTO notifications (id, kind, record_id, params_json, dedupe_key, created_at, read_at) VALUES ('n', 'newResponses', NULL, '{}', 'k', 1, NULL)`);
    await applyMigration(db, CacheChat0007);
    expect(await db.query(`SELECT mutation_id FROM outbox`)).toEqual([{ mutation_id: 1 }]);
    expect(await db.query(`SELECT id FROM notifications`)).toEqual([{ id: 'n' }]);
  });

  it('reverts to the 0006 schema', async () => {
    const before = await tableNames(db);
    await applyMigration(db, CacheChat0007);
    await revertMigration(db, CacheChat0007);
    expect(await tableNames(db)).toEqual(before);
  });
});
