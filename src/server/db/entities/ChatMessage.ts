import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';
import type { ChatAuthorKind } from '../../../shared/domain/chat/records';
import { ChatConversation } from './ChatConversation';
import { User } from './User';
import { epochMs } from '../transformers';

/** One chat message; `id` is the sending client's UUID, `seq` its place in the conversation. */
@Unique('uq_chat_messages_conversation_seq', ['conversationId', 'seq'])
@Entity({ name: 'chat_messages' })
export class ChatMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => ChatConversation, { onDelete: 'CASCADE' })
  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ name: 'author_kind', type: 'varchar', length: 10 })
  authorKind!: ChatAuthorKind;

  @ForeignKey(() => User)
  @Column({ name: 'author_user_id', type: 'varchar', length: 36, nullable: true })
  authorUserId!: string | null;

  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
