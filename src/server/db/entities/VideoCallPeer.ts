import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { VideoInterview } from './VideoInterview';
import { epochMs } from '../transformers';

/**
 * A peer id issued by *Join* for one side of one call (migration 12). Only the sha256 of its token
 * is kept; a reconnect revokes the side's earlier peers (`revokedAt`).
 */
@Index('idx_video_call_peers_interview', ['interviewId', 'side'])
@Entity({ name: 'video_call_peers' })
export class VideoCallPeer {
  @PrimaryColumn({ name: 'peer_id', type: 'varchar', length: 64 })
  peerId!: string;

  @ForeignKey(() => VideoInterview, { onDelete: 'CASCADE' })
  @Column({ name: 'interview_id', type: 'varchar', length: 36 })
  interviewId!: string;

  @Column({ type: 'varchar', length: 10 })
  side!: 'manager' | 'candidate';

  /** sha256 (hex) of the token handed to the side. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'issued_at', type: 'bigint', transformer: epochMs })
  issuedAt!: number;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt!: number | null;
}
