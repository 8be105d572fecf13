import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { RejectionCode } from '../../../shared/sync/mutations';
import { SyncClient } from './SyncClient';
import { bigintNumber, epochMs } from '../transformers';

/**
 * A mutation the server refused for good. Kept so the rejection reaches the client through pull
 * even when the push's response was lost.
 */
@Entity({ name: 'mutation_results' })
export class MutationResultRow {
  @ForeignKey(() => SyncClient, { onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 36 })
  clientId!: string;

  @PrimaryColumn({ name: 'mutation_id', type: 'bigint', transformer: bigintNumber })
  mutationId!: number;

  @Column({ type: 'varchar', length: 32 })
  code!: RejectionCode;

  /** Written for the user. */
  @Column({ type: 'text' })
  message!: string;

  @Column({ name: 'record_id', type: 'varchar', length: 36, nullable: true })
  recordId!: string | null;

  @Column({ name: 'decided_at', type: 'bigint', transformer: epochMs })
  decidedAt!: number;
}
