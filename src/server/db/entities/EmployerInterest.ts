import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Candidate } from './Candidate';
import { Employer } from './Employer';
import { Fair } from './Fair';
import { Participation } from './Participation';
import { bigintNumber, epochMs } from '../transformers';

/**
 * "Want to work for you": a candidate's interest in an employer as a whole at one fair (one
 * participation info). Withdrawing deletes the row and leaves a tombstone for the employer's desktops.
 */
@Unique('uq_employer_interests_candidate_participation', ['candidateId', 'participationId'])
@Entity({ name: 'employer_interests' })
export class EmployerInterest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => Candidate)
  @Column({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  @Index('idx_employer_interests_participation')
  @ForeignKey(() => Participation)
  @Column({ name: 'participation_id', type: 'varchar', length: 36 })
  participationId!: string;

  @ForeignKey(() => Fair)
  @Column({ name: 'fair_id', type: 'varchar', length: 36 })
  fairId!: string;

  @Index('idx_employer_interests_employer')
  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  /** The candidate's name, e-mail and phone as they were when showing interest (migration 9). */
  @Column({ name: 'candidate_name', type: 'varchar', length: 200, default: '' })
  candidateName!: string;

  @Column({ name: 'candidate_email', type: 'varchar', length: 254, default: '' })
  candidateEmail!: string;

  @Column({ name: 'candidate_phone', type: 'varchar', length: 40, default: '' })
  candidatePhone!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  /** Change version of the write, so employers' pulls can bring interests incrementally. */
  @Index('idx_employer_interests_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;
}
