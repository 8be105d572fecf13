import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { ChatAuthorKind, ChatConversationStatus } from '../../../shared/domain/chat/records';
import { Candidate } from './Candidate';
import { Employer } from './Employer';
import { Fair } from './Fair';
import { Participation } from './Participation';
import { User } from './User';
import { VacancyResponse } from './VacancyResponse';
import { epochMs } from '../transformers';

/**
 * A chat between a candidate and an employer at a fair (migration 11): one per (fair, employer,
 * candidate). `lastSeq` numbers its messages; the other summary columns are kept up to date by
 * every write so lists and the fair overview never count messages.
 */
@Unique('uq_chat_conversations_fair_employer_candidate', ['fairId', 'employerId', 'candidateId'])
@Index('idx_chat_conversations_employer', ['employerId', 'updatedAt'])
@Index('idx_chat_conversations_candidate', ['candidateId', 'updatedAt'])
@Index('idx_chat_conversations_awaiting', ['participationId', 'awaitingReplySince'])
@Entity({ name: 'chat_conversations' })
export class ChatConversation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => Fair)
  @Column({ name: 'fair_id', type: 'varchar', length: 36 })
  fairId!: string;

  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  /** The participation of the candidate's latest response (what the fair overview counts it under). */
  @ForeignKey(() => Participation)
  @Column({ name: 'participation_id', type: 'varchar', length: 36 })
  participationId!: string;

  @ForeignKey(() => Candidate)
  @Column({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  /** The candidate's latest response to this employer at this fair. */
  @ForeignKey(() => VacancyResponse)
  @Column({ name: 'response_id', type: 'varchar', length: 36 })
  responseId!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: ChatConversationStatus;

  @ForeignKey(() => User)
  @Column({ name: 'claimed_by_user_id', type: 'varchar', length: 36, nullable: true })
  claimedByUserId!: string | null;

  @Column({ name: 'claimed_at', type: 'bigint', nullable: true, transformer: epochMs })
  claimedAt!: number | null;

  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq!: number;

  @Column({ name: 'last_message_seq', type: 'integer', nullable: true })
  lastMessageSeq!: number | null;

  @Column({ name: 'last_message_author_kind', type: 'varchar', length: 10, nullable: true })
  lastMessageAuthorKind!: ChatAuthorKind | null;

  @Column({ name: 'last_message_preview', type: 'varchar', length: 200, nullable: true })
  lastMessagePreview!: string | null;

  @Column({ name: 'last_message_at', type: 'bigint', nullable: true, transformer: epochMs })
  lastMessageAt!: number | null;

  @Column({ name: 'candidate_read_seq', type: 'integer', default: 0 })
  candidateReadSeq!: number;

  @Column({ name: 'employer_read_seq', type: 'integer', default: 0 })
  employerReadSeq!: number;

  @Column({ name: 'employer_unread', type: 'integer', default: 0 })
  employerUnread!: number;

  @Column({ name: 'candidate_unread', type: 'integer', default: 0 })
  candidateUnread!: number;

  @Column({ name: 'awaiting_reply_since', type: 'bigint', nullable: true, transformer: epochMs })
  awaitingReplySince!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
