import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber, jsonStringArray } from '../transformers';

/** A career centre: the organiser of fairs for one region, and the tenant of its moderators. */
@Entity({ name: 'career_centres' })
export class CareerCentre {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  region!: string;

  /** IANA zone; fair days and deadlines are computed in it. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  /** Public holidays (`YYYY-MM-DD`) excluded from working-day deadlines. */
  @Column({ type: 'text', transformer: jsonStringArray })
  holidays!: string[];

  /** Global change version of the transaction that last wrote this row (pulls ask for rows above a version). */
  @Index('idx_career_centres_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;
}
