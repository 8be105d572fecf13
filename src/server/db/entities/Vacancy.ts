import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { Currency, EmploymentType } from '../../../shared/domain/participation/vacancy';
import { Company } from './Company';
import { Employer } from './Employer';
import { Participation } from './Participation';
import { bigintNumber, epochMs } from '../transformers';

/**
 * A vacancy: of a company's library (`participationId` null) or of one participation info (and so
 * of its fair). Salaries are whole currency units; the largest allowed fits an integer column.
 */
@Index('idx_vacancies_employer_id', ['employerId', 'id'])
@Entity({ name: 'vacancies' })
export class Vacancy {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  @ForeignKey(() => Company)
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Index('idx_vacancies_participation')
  @ForeignKey(() => Participation)
  @Column({ name: 'participation_id', type: 'varchar', length: 36, nullable: true })
  participationId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 120 })
  profession!: string;

  @Column({ name: 'salary_from', type: 'integer' })
  salaryFrom!: number;

  @Column({ name: 'salary_to', type: 'integer' })
  salaryTo!: number;

  @Column({ type: 'varchar', length: 3 })
  currency!: Currency;

  @Column({ type: 'integer' })
  places!: number;

  @Column({ type: 'varchar', length: 200 })
  location!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  requirements!: string;

  @Column({ name: 'employment_type', type: 'varchar', length: 20 })
  employmentType!: EmploymentType;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  @Index('idx_vacancies_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;

  /** The sync client whose mutation last wrote the row (the baseVersion rule); never sent to clients. */
  @Column({ name: 'last_client_id', type: 'varchar', length: 36, nullable: true })
  lastClientId!: string | null;
}
