import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from './User';
import { bigintNumber, epochMs } from '../transformers';

/**
 * One desktop install's sync bookkeeping. The client id is bound to the user who first pushed
 * with it; nobody else may push or pull with it.
 */
@Entity({ name: 'sync_clients' })
export class SyncClient {
  @PrimaryColumn({ name: 'client_id', type: 'varchar', length: 36 })
  clientId!: string;

  @Index('idx_sync_clients_user')
  @ForeignKey(() => User, { onDelete: 'CASCADE' })
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** Highest mutation id consumed (applied or rejected); the next one must be exactly this + 1. */
  @Column({ name: 'last_mutation_id', type: 'bigint', default: 0, transformer: bigintNumber })
  lastMutationId!: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
