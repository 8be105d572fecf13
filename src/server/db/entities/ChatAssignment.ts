import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ChatConversation } from './ChatConversation';
import { User } from './User';
import { epochMs } from '../transformers';

/** A recorded change of who answers a conversation: a claim (*Start dialogue*) or the admin's reassignment. */
@Index('idx_chat_assignments_conversation', ['conversationId', 'at'])
@Entity({ name: 'chat_assignments' })
export class ChatAssignment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => ChatConversation, { onDelete: 'CASCADE' })
  @Column({ name: 'conversation_id', type: 'varchar', length: 36 })
  conversationId!: string;

  @ForeignKey(() => User)
  @Column({ name: 'from_user_id', type: 'varchar', length: 36, nullable: true })
  fromUserId!: string | null;

  @ForeignKey(() => User)
  @Column({ name: 'to_user_id', type: 'varchar', length: 36 })
  toUserId!: string;

  @ForeignKey(() => User)
  @Column({ name: 'by_user_id', type: 'varchar', length: 36 })
  byUserId!: string;

  @Column({ type: 'bigint', transformer: epochMs })
  at!: number;
}
