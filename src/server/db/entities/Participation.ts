import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InterviewPlan } from '../../../shared/domain/participation/interviewPlan';
import type { ParticipationStatus } from '../../../shared/domain/participation/participationRules';
import { CareerCentre } from './CareerCentre';
import { Company } from './Company';
import { Employer } from './Employer';
import { Fair } from './Fair';
import { PreApplication } from './PreApplication';
import { Stand } from './Stand';
import { User } from './User';
import { bigintNumber, epochMs, jsonDocument } from '../transformers';

/** A stored plan that no longer parses (it never should) reads as "no interviews" rather than failing a pull. */
const interviewPlan = jsonDocument((value) => {
  const parsed = InterviewPlan.safeParse(value);
  return parsed.success ? parsed.data : [];
});

/**
 * Participation info (SPEC "Participation info"): one per approved pre-application, created as a
 * draft by the server when the pre-application is approved. `number`, `companyName` and
 * `fairTitle` are denormalised so a card reads the same in every client's cache.
 */
@Index('idx_participations_centre_id', ['centreId', 'id'])
@Index('idx_participations_employer_id', ['employerId', 'id'])
@Entity({ name: 'participations' })
export class Participation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => PreApplication)
  @Column({ name: 'pre_application_id', type: 'varchar', length: 36, unique: true })
  preApplicationId!: string;

  @Column({ type: 'varchar', length: 32 })
  number!: string;

  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  @ForeignKey(() => Company)
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Column({ name: 'company_name', type: 'varchar', length: 300 })
  companyName!: string;

  @ForeignKey(() => CareerCentre)
  @Column({ name: 'centre_id', type: 'varchar', length: 36 })
  centreId!: string;

  @Index('idx_participations_fair')
  @ForeignKey(() => Fair)
  @Column({ name: 'fair_id', type: 'varchar', length: 36 })
  fairId!: string;

  @Column({ name: 'fair_title', type: 'varchar', length: 300 })
  fairTitle!: string;

  @Index('idx_participations_stand')
  @ForeignKey(() => Stand)
  @Column({ name: 'stand_id', type: 'varchar', length: 36, nullable: true })
  standId!: string | null;

  @Column({ name: 'interview_plan', type: 'text', transformer: interviewPlan })
  interviewPlan!: InterviewPlan;

  @Column({ type: 'varchar', length: 20 })
  status!: ParticipationStatus;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  @ForeignKey(() => User)
  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_by_name', type: 'varchar', length: 200, nullable: true })
  decidedByName!: string | null;

  @Column({ name: 'decided_at', type: 'bigint', nullable: true, transformer: epochMs })
  decidedAt!: number | null;

  @Column({ name: 'sent_at', type: 'bigint', nullable: true, transformer: epochMs })
  sentAt!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  @Column({ name: 'status_changed_at', type: 'bigint', transformer: epochMs })
  statusChangedAt!: number;

  @Index('idx_participations_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;

  /** The sync client whose mutation last wrote the row (the baseVersion rule); never sent to clients. */
  @Column({ name: 'last_client_id', type: 'varchar', length: 36, nullable: true })
  lastClientId!: string | null;
}
