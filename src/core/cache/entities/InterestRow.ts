import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Cached `InterestDto` (migration 0005): "want to work for you". Read-only on the desktop. */
@Entity({ name: 'interests' })
export class InterestRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Index('idx_interests_participation_id')
  @Column({ name: 'participation_id', type: 'text' })
  participationId!: string;

  @Index('idx_interests_fair_id')
  @Column({ name: 'fair_id', type: 'text' })
  fairId!: string;

  @Column({ name: 'candidate_id', type: 'text' })
  candidateId!: string;

  @Column({ name: 'candidate_name', type: 'text' })
  candidateName!: string;

  @Column({ name: 'candidate_email', type: 'text' })
  candidateEmail!: string;

  @Column({ name: 'candidate_phone', type: 'text' })
  candidatePhone!: string;

  @Index('idx_interests_created_at')
  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ type: 'integer' })
  version!: number;
}
