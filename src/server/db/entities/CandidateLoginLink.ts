import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Locale } from '../../../shared/domain/roles';
import { epochMs } from '../transformers';

/**
 * A mailed sign-in link. Only the keyed hash of its token is stored; the token itself exists only
 * in the mail. Single use (`usedAt`), expiring (`expiresAt`).
 */
@Entity({ name: 'candidate_login_links' })
export class CandidateLoginLink {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** HMAC-SHA256(FAIRDESK_SECRET, "candidate-link:" + token), base64url. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  /** The address the link was sent to (lower-cased): redeeming signs in as this address. */
  @Index('idx_candidate_login_links_email')
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 8 })
  locale!: Locale;

  /** A same-origin portal path to land on after signing in. */
  @Column({ name: 'return_to', type: 'varchar', length: 300, nullable: true })
  returnTo!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;

  @Column({ name: 'used_at', type: 'bigint', nullable: true, transformer: epochMs })
  usedAt!: number | null;
}
