import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A chat message (migration 0007): received (`sent`, with its seq), written here and queued
 * (`sending`, seq null, sent in `queuedOrder`), or refused by the server (`refused`, with the reason).
 */
@Entity({ name: 'chat_messages' })
@Index('uq_chat_messages_conversation_seq', ['conversationId', 'seq'], { unique: true })
@Index('idx_chat_messages_queue', ['delivery', 'queuedOrder'])
@Index('idx_chat_messages_conversation_created_at', ['conversationId', 'createdAt'])
export class ChatMessageRow {
  /** The client-chosen UUID, the same on the server. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'conversation_id', type: 'text' })
  conversationId!: string;

  @Column({ type: 'integer', nullable: true })
  seq!: number | null;

  @Column({ name: 'author_kind', type: 'text' })
  authorKind!: string;

  @Column({ name: 'author_user_id', type: 'text', nullable: true })
  authorUserId!: string | null;

  @Column({ name: 'author_name', type: 'text' })
  authorName!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'body_folded', type: 'text' })
  bodyFolded!: string;

  /** Server time once sent; the local time of writing while queued. */
  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  /** `sent` | `sending` | `refused`. */
  @Column({ type: 'text' })
  delivery!: string;

  @Column({ name: 'refusal_code', type: 'text', nullable: true })
  refusalCode!: string | null;

  @Column({ name: 'refusal_message', type: 'text', nullable: true })
  refusalMessage!: string | null;

  /** Order of writing among this desktop's queued messages (sending order). */
  @Column({ name: 'queued_order', type: 'integer', nullable: true })
  queuedOrder!: number | null;
}
