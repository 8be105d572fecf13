import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Employer } from './Employer';
import { bigintNumber, epochMs } from '../transformers';

/**
 * The response digest's watermark of one employer (migration 10): the change version of the last
 * response a digest listed. Responses above it are "new"; the digest job moves it in the
 * transaction that queues the mails.
 */
@Entity({ name: 'response_digests' })
export class ResponseDigest {
  @ForeignKey(() => Employer, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  @Column({ name: 'last_version', type: 'bigint', default: 0, transformer: bigintNumber })
  lastVersion!: number;

  @Column({ name: 'last_digest_at', type: 'bigint', nullable: true, transformer: epochMs })
  lastDigestAt!: number | null;
}
