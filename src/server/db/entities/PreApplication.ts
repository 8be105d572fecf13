import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CareerCentre } from './CareerCentre';
import { Company } from './Company';
import { Employer } from './Employer';
import { Fair } from './Fair';
import { User } from './User';
import type { PreApplicationStatus } from '../../../shared/domain/records';
import { bigintNumber, epochMs, jsonStringArray } from '../transformers';

/**
 * An employer's pre-application to a centre ("предварительная заявка"). Way 1 names a region and
 * a desired period; way 2 a scheduled fair. `companyName` and `fairTitle` are denormalised so a
 * card reads the same in every client's cache.
 */
// Keyset snapshot pages read (tenant, id) ranges; these also serve plain lookups by tenant.
@Index('idx_pre_applications_centre_id', ['centreId', 'id'])
@Index('idx_pre_applications_employer_id', ['employerId', 'id'])
@Entity({ name: 'pre_applications' })
export class PreApplication {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** `YYYYMMDD-N`, unique. */
  @Column({ type: 'varchar', length: 32, unique: true })
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

  @Column({ type: 'integer' })
  way!: 1 | 2;

  @Index('idx_pre_applications_fair')
  @ForeignKey(() => Fair)
  @Column({ name: 'fair_id', type: 'varchar', length: 36, nullable: true })
  fairId!: string | null;

  @Column({ name: 'fair_title', type: 'varchar', length: 300, nullable: true })
  fairTitle!: string | null;

  @Column({ type: 'varchar', length: 200 })
  region!: string;

  @Column({ name: 'desired_from', type: 'varchar', length: 10, nullable: true })
  desiredFrom!: string | null;

  @Column({ name: 'desired_to', type: 'varchar', length: 10, nullable: true })
  desiredTo!: string | null;

  @Column({ name: 'company_info', type: 'text' })
  companyInfo!: string;

  @Column({ name: 'vacant_places', type: 'integer' })
  vacantPlaces!: number;

  @Column({ type: 'text', transformer: jsonStringArray })
  professions!: string[];

  @Column({ name: 'contact_name', type: 'varchar', length: 200 })
  contactName!: string;

  @Column({ name: 'contact_phone', type: 'varchar', length: 50 })
  contactPhone!: string;

  @Column({ name: 'contact_email', type: 'varchar', length: 254 })
  contactEmail!: string;

  @Column({ name: 'consent_salary_shown', type: 'boolean' })
  consentSalaryShown!: boolean;

  @Column({ name: 'consent_chat_during_fair', type: 'boolean' })
  consentChatDuringFair!: boolean;

  @Column({ name: 'wants_video_interviews', type: 'boolean' })
  wantsVideoInterviews!: boolean;

  @Column({ type: 'varchar', length: 20 })
  status!: PreApplicationStatus;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  @ForeignKey(() => User)
  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  /** When the moderator decided (approved or rejected); null otherwise. */
  @Column({ name: 'decided_at', type: 'bigint', nullable: true, transformer: epochMs })
  decidedAt!: number | null;

  /** The deciding moderator's display name at the time, so every cache can say who decided. */
  @Column({ name: 'decided_by_name', type: 'varchar', length: 200, nullable: true })
  decidedByName!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  @Column({ name: 'status_changed_at', type: 'bigint', transformer: epochMs })
  statusChangedAt!: number;

  /** Global change version of the transaction that last wrote this row (pulls ask for rows above a version). */
  @Index('idx_pre_applications_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;
}
