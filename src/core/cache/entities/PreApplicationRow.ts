import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OptimisticRow } from './OptimisticRow';

/**
 * Cached `PreApplicationDto`. Booleans are stored as 0/1 and arrays as JSON text, exactly as
 * written by migration 0002; recordMapping.ts converts both ways.
 */
@Entity({ name: 'pre_applications' })
export class PreApplicationRow extends OptimisticRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'company_id', type: 'text' })
  companyId!: string;

  @Column({ name: 'company_name', type: 'text' })
  companyName!: string;

  @Column({ name: 'centre_id', type: 'text' })
  centreId!: string;

  @Column({ type: 'integer' })
  way!: number;

  @Column({ name: 'fair_id', type: 'text', nullable: true })
  fairId!: string | null;

  @Column({ name: 'fair_title', type: 'text', nullable: true })
  fairTitle!: string | null;

  @Column({ type: 'text' })
  region!: string;

  @Column({ name: 'desired_from', type: 'text', nullable: true })
  desiredFrom!: string | null;

  @Column({ name: 'desired_to', type: 'text', nullable: true })
  desiredTo!: string | null;

  @Column({ name: 'company_info', type: 'text' })
  companyInfo!: string;

  @Column({ name: 'vacant_places', type: 'integer' })
  vacantPlaces!: number;

  /** `string[]` as JSON text. */
  @Column({ name: 'professions_json', type: 'text' })
  professionsJson!: string;

  @Column({ name: 'contact_name', type: 'text' })
  contactName!: string;

  @Column({ name: 'contact_phone', type: 'text' })
  contactPhone!: string;

  @Column({ name: 'contact_email', type: 'text' })
  contactEmail!: string;

  @Column({ name: 'consent_salary_shown', type: 'integer' })
  consentSalaryShown!: number;

  @Column({ name: 'consent_chat_during_fair', type: 'integer' })
  consentChatDuringFair!: number;

  @Column({ name: 'wants_video_interviews', type: 'integer' })
  wantsVideoInterviews!: number;

  @Index('idx_pre_applications_status')
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_by_name', type: 'text', nullable: true })
  decidedByName!: string | null;

  @Column({ name: 'decided_at', type: 'integer', nullable: true })
  decidedAt!: number | null;

  @Index('idx_pre_applications_created_at')
  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'integer' })
  updatedAt!: number;

  @Column({ name: 'status_changed_at', type: 'integer' })
  statusChangedAt!: number;
}
