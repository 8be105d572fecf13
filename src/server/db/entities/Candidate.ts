import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Locale } from '../../../shared/domain/roles';
import { epochMs } from '../transformers';

/**
 * A job seeker using the portal. Created the first time one of its sign-in links is redeemed
 * (never when a link is merely asked for), so every row is an address its owner proved to read.
 */
@Entity({ name: 'candidates' })
export class Candidate {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Lower-cased; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Optional; empty when not given. */
  @Column({ type: 'varchar', length: 40 })
  phone!: string;

  /** The language of the candidate's last sign-in request; mails to the candidate use it. */
  @Column({ type: 'varchar', length: 8 })
  locale!: Locale;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
