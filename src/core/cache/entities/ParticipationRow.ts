import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OptimisticRow } from './OptimisticRow';

/**
 * Cached `ParticipationDto` (migration 0004). Never deleted locally: the server creates them and
 * the employer only moves them through their statuses.
 */
@Entity({ name: 'participations' })
export class ParticipationRow extends OptimisticRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'pre_application_id', type: 'text' })
  preApplicationId!: string;

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

  @Column({ name: 'fair_id', type: 'text' })
  fairId!: string;

  @Column({ name: 'fair_title', type: 'text' })
  fairTitle!: string;

  @Index('idx_participations_stand_id')
  @Column({ name: 'stand_id', type: 'text', nullable: true })
  standId!: string | null;

  /** `InterviewPlan` as JSON text. */
  @Column({ name: 'interview_plan_json', type: 'text' })
  interviewPlanJson!: string;

  @Index('idx_participations_status')
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

  @Column({ name: 'sent_at', type: 'integer', nullable: true })
  sentAt!: number | null;

  @Index('idx_participations_created_at')
  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'integer' })
  updatedAt!: number;

  @Column({ name: 'status_changed_at', type: 'integer' })
  statusChangedAt!: number;
}
