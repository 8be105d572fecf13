import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from './User';
import { epochMs } from '../transformers';

/** A signed-in client. The bearer token itself is never stored, only its keyed hash. */
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** HMAC-SHA256(FAIRDESK_SECRET, token), base64url. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Index('idx_sessions_user')
  @ForeignKey(() => User, { onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'client_name', type: 'varchar', length: 200 })
  clientName!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;

  @Column({ name: 'last_seen_at', type: 'bigint', transformer: epochMs })
  lastSeenAt!: number;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt!: number | null;
}
