import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CareerCentre } from './CareerCentre';
import { bigintNumber, epochMs } from '../transformers';

/** A job fair organised by a career centre. Days are calendar dates in the centre's time zone. */
@Entity({ name: 'fairs' })
export class Fair {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('idx_fairs_centre')
  @ForeignKey(() => CareerCentre)
  @Column({ name: 'centre_id', type: 'varchar', length: 36 })
  centreId!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 200 })
  region!: string;

  @Column({ type: 'varchar', length: 200 })
  city!: string;

  /** `YYYY-MM-DD`; compares correctly as text. */
  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn!: string;

  @Index('idx_fairs_ends_on')
  @Column({ name: 'ends_on', type: 'varchar', length: 10 })
  endsOn!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  /** Global change version of the transaction that last wrote this row (pulls ask for rows above a version). */
  @Index('idx_fairs_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;

  /** The sync client whose mutation last wrote the row (the baseVersion rule); never sent to clients. */
  @Column({ name: 'last_client_id', type: 'varchar', length: 36, nullable: true })
  lastClientId!: string | null;
}
