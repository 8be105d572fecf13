import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PatchOp } from '../../../shared/api/http';
import { bigintNumber } from '../transformers';

/** The entity names of the sync patch (`fair`, `preApplication`, …). */
export type SyncEntity = PatchOp['entity'];

/**
 * A tombstone: a cached row that was deleted at `version`. Pulls turn the ones in the caller's
 * scope into `del` ops. The scope columns keep the deleted row's tenant so a delete only reaches
 * clients that could have held the row.
 */
@Entity({ name: 'deleted_rows' })
export class DeletedRow {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  entity!: SyncEntity;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('idx_deleted_rows_version')
  @Column({ type: 'bigint', transformer: bigintNumber })
  version!: number;

  @Column({ name: 'centre_id', type: 'varchar', length: 36, nullable: true })
  centreId!: string | null;

  @Column({ name: 'employer_id', type: 'varchar', length: 36, nullable: true })
  employerId!: string | null;
}
