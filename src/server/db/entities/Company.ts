import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Employer } from './Employer';
import { bigintNumber, epochMs } from '../transformers';

/** A legal entity of an employer, identified by its BIN; verified by a career centre. */
@Entity({ name: 'companies' })
export class Company {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('idx_companies_employer')
  @ForeignKey(() => Employer, { onDelete: 'CASCADE' })
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  @Column({ name: 'legal_name', type: 'varchar', length: 300 })
  legalName!: string;

  /** Business identification number (12 digits in Kazakhstan). */
  @Column({ type: 'varchar', length: 12 })
  bin!: string;

  @Column({ type: 'varchar', length: 500 })
  address!: string;

  @Column({ type: 'varchar', length: 500 })
  website!: string;

  @Column({ type: 'text' })
  info!: string;

  /** When a moderator verified the company; null until then. */
  @Column({ name: 'verified_at', type: 'bigint', nullable: true, transformer: epochMs })
  verifiedAt!: number | null;

  /** Global change version of the transaction that last wrote this row (pulls ask for rows above a version). */
  @Index('idx_companies_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;
}
