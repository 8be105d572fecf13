import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Cached `ResponseDto` (migration 0005): a candidate's response to one of the employer's
 * vacancies. Read-only on the desktop (only the server writes them), so no optimistic bookkeeping.
 */
@Entity({ name: 'responses' })
export class ResponseRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Index('idx_responses_participation_id')
  @Column({ name: 'participation_id', type: 'text' })
  participationId!: string;

  @Index('idx_responses_fair_id')
  @Column({ name: 'fair_id', type: 'text' })
  fairId!: string;

  @Index('idx_responses_vacancy_id')
  @Column({ name: 'vacancy_id', type: 'text' })
  vacancyId!: string;

  @Column({ name: 'vacancy_title', type: 'text' })
  vacancyTitle!: string;

  @Column({ name: 'company_name', type: 'text' })
  companyName!: string;

  @Column({ name: 'candidate_id', type: 'text' })
  candidateId!: string;

  @Column({ name: 'candidate_name', type: 'text' })
  candidateName!: string;

  @Column({ name: 'candidate_email', type: 'text' })
  candidateEmail!: string;

  @Column({ name: 'candidate_phone', type: 'text' })
  candidatePhone!: string;

  @Column({ name: 'resume_upload_id', type: 'text' })
  resumeUploadId!: string;

  @Column({ name: 'resume_file_name', type: 'text' })
  resumeFileName!: string;

  /** 0 or 1. */
  @Column({ name: 'wants_video_interview', type: 'integer' })
  wantsVideoInterview!: number;

  @Column({ name: 'cover_note', type: 'text' })
  coverNote!: string;

  @Index('idx_responses_created_at')
  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ type: 'integer' })
  version!: number;
}
