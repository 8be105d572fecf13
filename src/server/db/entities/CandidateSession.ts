import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Candidate } from './Candidate';
import { epochMs } from '../transformers';

/** A signed-in portal browser. The cookie's token is never stored, only its keyed hash. */
@Entity({ name: 'candidate_sessions' })
export class CandidateSession {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** HMAC-SHA256(FAIRDESK_SECRET, "candidate-session:" + token), base64url. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Index('idx_candidate_sessions_candidate')
  @ForeignKey(() => Candidate, { onDelete: 'CASCADE' })
  @Column({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt!: number | null;
}
