import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Candidate } from './Candidate';
import { Employer } from './Employer';
import { Fair } from './Fair';
import { Participation } from './Participation';
import { Upload } from './Upload';
import { bigintNumber, epochMs } from '../transformers';

/**
 * A candidate's response to a vacancy (SPEC "Responses"). One per candidate and vacancy. The
 * vacancy is referenced without a foreign key on purpose: it may be
 * deleted later, and the response (with its copied title) must outlive it for the employer.
 */
@Unique('uq_vacancy_responses_candidate_vacancy', ['candidateId', 'vacancyId'])
@Index('idx_vacancy_responses_participation', ['participationId', 'createdAt'])
@Entity({ name: 'vacancy_responses' })
export class VacancyResponse {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => Candidate)
  @Column({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  @Index('idx_vacancy_responses_vacancy')
  @Column({ name: 'vacancy_id', type: 'varchar', length: 36 })
  vacancyId!: string;

  @ForeignKey(() => Participation)
  @Column({ name: 'participation_id', type: 'varchar', length: 36 })
  participationId!: string;

  @ForeignKey(() => Fair)
  @Column({ name: 'fair_id', type: 'varchar', length: 36 })
  fairId!: string;

  /** The tenant whose staff read the response. */
  @Index('idx_vacancy_responses_employer')
  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  @Column({ name: 'vacancy_title', type: 'varchar', length: 300 })
  vacancyTitle!: string;

  @Column({ name: 'company_name', type: 'varchar', length: 300 })
  companyName!: string;

  @ForeignKey(() => Upload)
  @Column({ name: 'resume_upload_id', type: 'varchar', length: 36 })
  resumeUploadId!: string;

  /** The resume's file name, copied when responding (migration 9). */
  @Column({ name: 'resume_file_name', type: 'varchar', length: 255, default: '' })
  resumeFileName!: string;

  /** The candidate's name, e-mail and phone as they were when responding (migration 9). */
  @Column({ name: 'candidate_name', type: 'varchar', length: 200, default: '' })
  candidateName!: string;

  @Column({ name: 'candidate_email', type: 'varchar', length: 254, default: '' })
  candidateEmail!: string;

  @Column({ name: 'candidate_phone', type: 'varchar', length: 40, default: '' })
  candidatePhone!: string;

  @Column({ name: 'wants_video_interview', type: 'boolean' })
  wantsVideoInterview!: boolean;

  @Column({ name: 'cover_note', type: 'text' })
  coverNote!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  /** Change version of the write, so employers' pulls can bring responses incrementally. */
  @Index('idx_vacancy_responses_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;
}
