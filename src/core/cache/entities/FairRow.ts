import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { OptimisticRow } from './OptimisticRow';

/** Cached `FairDto`, plus the bookkeeping that lets a rebase roll local changes back. */
@Entity({ name: 'fairs' })
export class FairRow extends OptimisticRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'centre_id', type: 'text' })
  centreId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  region!: string;

  @Column({ type: 'text' })
  city!: string;

  @Index('idx_fairs_starts_on')
  @Column({ name: 'starts_on', type: 'text' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'text' })
  endsOn!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'updated_at', type: 'integer' })
  updatedAt!: number;
}
