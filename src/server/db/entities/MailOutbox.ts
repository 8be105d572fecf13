import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '../../../shared/domain/roles';
import type { MailStatus, MailTemplateName } from '../../../shared/api/mailOutbox';
import { CareerCentre } from './CareerCentre';
import { Employer } from './Employer';
import { epochMs } from '../transformers';

/**
 * One e-mail, rendered when it was queued, and its delivery state: the persisted job table the
 * mail dispatcher works from. Rows are written inside the business transaction that causes the
 * mail, so a rolled-back decision sends nothing.
 */
// The dispatcher asks for "queued and due"; staff list their centre's mails newest first.
@Index('idx_mail_outbox_due', ['status', 'nextAttemptAt'])
@Index('idx_mail_outbox_centre', ['centreId', 'createdAt'])
@Entity({ name: 'mail_outbox' })
export class MailOutbox {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  template!: MailTemplateName;

  @Column({ type: 'varchar', length: 8 })
  locale!: Locale;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress!: string;

  @Column({ name: 'to_name', type: 'varchar', length: 200, nullable: true })
  toName!: string | null;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody!: string;

  @Column({ name: 'html_body', type: 'text' })
  htmlBody!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: MailStatus;

  /** Delivery attempts started (a claim counts one before sending). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Due time while queued; while an attempt runs, the end of its lease. */
  @Column({ name: 'next_attempt_at', type: 'bigint', transformer: epochMs })
  nextAttemptAt!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The centre whose staff see this mail in their outbox. */
  @ForeignKey(() => CareerCentre)
  @Column({ name: 'centre_id', type: 'varchar', length: 36, nullable: true })
  centreId!: string | null;

  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36, nullable: true })
  employerId!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'sent_at', type: 'bigint', nullable: true, transformer: epochMs })
  sentAt!: number | null;

  /** Same key, same mail: a second enqueue with a key already present is ignored. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 300, nullable: true, unique: true })
  dedupeKey!: string | null;
}
