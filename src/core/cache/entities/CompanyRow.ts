import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Cached `CompanyDto`. */
@Entity({ name: 'companies' })
export class CompanyRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'legal_name', type: 'text' })
  legalName!: string;

  @Column({ type: 'text' })
  bin!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text' })
  website!: string;

  @Column({ type: 'text' })
  info!: string;

  /** 0/1: SQLite has no boolean type. */
  @Column({ type: 'integer' })
  verified!: number;
}
