import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A cached `ChatConversationDto` (migration 0007) plus this desktop's own pointers: `heldSeq`
 * (highest seq held without a gap) and `localReadSeq` (read here; sent when connected).
 */
@Entity({ name: 'chat_conversations' })
export class ChatConversationRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'fair_id', type: 'text' })
  fairId!: string;

  @Column({ name: 'fair_name', type: 'text' })
  fairName!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'company_name', type: 'text' })
  companyName!: string;

  @Column({ name: 'candidate_id', type: 'text' })
  candidateId!: string;

  @Column({ name: 'candidate_name', type: 'text' })
  candidateName!: string;

  @Column({ name: 'response_id', type: 'text' })
  responseId!: string;

  @Column({ name: 'vacancy_title', type: 'text' })
  vacancyTitle!: string;

  /** `open` | `closed`. */
  @Column({ type: 'text' })
  status!: string;

  @Index('idx_chat_conversations_claimed_by_user_id')
  @Column({ name: 'claimed_by_user_id', type: 'text', nullable: true })
  claimedByUserId!: string | null;

  @Column({ name: 'claimed_by_name', type: 'text', nullable: true })
  claimedByName!: string | null;

  @Column({ name: 'claimed_at', type: 'integer', nullable: true })
  claimedAt!: number | null;

  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq!: number;

  @Column({ name: 'last_message_seq', type: 'integer', nullable: true })
  lastMessageSeq!: number | null;

  @Column({ name: 'last_message_author_kind', type: 'text', nullable: true })
  lastMessageAuthorKind!: string | null;

  @Column({ name: 'last_message_preview', type: 'text', nullable: true })
  lastMessagePreview!: string | null;

  @Column({ name: 'last_message_at', type: 'integer', nullable: true })
  lastMessageAt!: number | null;

  @Column({ name: 'candidate_read_seq', type: 'integer' })
  candidateReadSeq!: number;

  @Column({ name: 'employer_read_seq', type: 'integer' })
  employerReadSeq!: number;

  @Column({ name: 'employer_unread', type: 'integer' })
  employerUnread!: number;

  @Column({ name: 'candidate_unread', type: 'integer' })
  candidateUnread!: number;

  @Column({ name: 'awaiting_reply_since', type: 'integer', nullable: true })
  awaitingReplySince!: number | null;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'integer' })
  updatedAt!: number;

  /** Last message time, else creation time: "most recent activity first". */
  @Index('idx_chat_conversations_activity_at')
  @Column({ name: 'activity_at', type: 'integer' })
  activityAt!: number;

  /** Candidate name and vacancy title, lower-cased (search). */
  @Column({ name: 'search_folded', type: 'text' })
  searchFolded!: string;

  @Column({ name: 'held_seq', type: 'integer', default: 0 })
  heldSeq!: number;

  @Column({ name: 'local_read_seq', type: 'integer', default: 0 })
  localReadSeq!: number;
}
