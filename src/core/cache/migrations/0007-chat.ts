import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 0007 — chat (issue 5): the employer's conversations with candidates and their messages, as the
 * chat socket delivers them (`ChatConversationDto`, `ChatMessageDto` in src/shared/domain/chat),
 * plus what only this desktop knows:
 * - per conversation `held_seq` (highest seq held without a gap: what `chat:catchUp` reports) and
 *   `local_read_seq` (read here, sent to the server when connected);
 * - messages written here and not yet acknowledged (`delivery` = 'sending', `seq` NULL, sent in
 *   `queued_order`) or refused by the server (`refused` with the reason) — the queue is these rows,
 *   so it survives a restart.
 * `search_folded` / `body_folded` hold the searchable text lower-cased in JavaScript (SQLite folds
 * ASCII only; names and messages are mostly Cyrillic). Not scope data: a pull's reset keeps them,
 * a change of owner clears them.
 */
export class CacheChat0007 implements MigrationInterface {
  name = 'CacheChat0000000000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "chat_conversations" (
        "id" text PRIMARY KEY NOT NULL,
        "fair_id" text NOT NULL,
        "fair_name" text NOT NULL,
        "employer_id" text NOT NULL,
        "company_name" text NOT NULL,
        "candidate_id" text NOT NULL,
        "candidate_name" text NOT NULL,
        "response_id" text NOT NULL,
        "vacancy_title" text NOT NULL,
        "status" text NOT NULL,
        "claimed_by_user_id" text,
        "claimed_by_name" text,
        "claimed_at" integer,
        "last_seq" integer NOT NULL,
        "last_message_seq" integer,
        "last_message_author_kind" text,
        "last_message_preview" text,
        "last_message_at" integer,
        "candidate_read_seq" integer NOT NULL,
        "employer_read_seq" integer NOT NULL,
        "employer_unread" integer NOT NULL,
        "candidate_unread" integer NOT NULL,
        "awaiting_reply_since" integer,
        "created_at" integer NOT NULL,
        "updated_at" integer NOT NULL,
        "activity_at" integer NOT NULL,
        "search_folded" text NOT NULL,
        "held_seq" integer NOT NULL DEFAULT 0,
        "local_read_seq" integer NOT NULL DEFAULT 0
      )`,
    );
    await q.query(`CREATE INDEX "idx_chat_conversations_activity_at" ON "chat_conversations" ("activity_at")`);
    await q.query(`CREATE INDEX "idx_chat_conversations_claimed_by_user_id" ON "chat_conversations" ("claimed_by_user_id")`);
    await q.query(
      `CREATE TABLE "chat_messages" (
        "id" text PRIMARY KEY NOT NULL,
        "conversation_id" text NOT NULL,
        "seq" integer,
        "author_kind" text NOT NULL,
        "author_user_id" text,
        "author_name" text NOT NULL,
        "body" text NOT NULL,
        "body_folded" text NOT NULL,
        "created_at" integer NOT NULL,
        "delivery" text NOT NULL,
        "refusal_code" text,
        "refusal_message" text,
        "queued_order" integer
      )`,
    );
    // One message per seq of a conversation (queued ones have none: NULLs never collide).
    await q.query(`CREATE UNIQUE INDEX "uq_chat_messages_conversation_seq" ON "chat_messages" ("conversation_id", "seq")`);
    await q.query(`CREATE INDEX "idx_chat_messages_queue" ON "chat_messages" ("delivery", "queued_order")`);
    await q.query(`CREATE INDEX "idx_chat_messages_conversation_created_at" ON "chat_messages" ("conversation_id", "created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "chat_messages"`);
    await q.query(`DROP TABLE "chat_conversations"`);
  }
}
