import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LocallyDeletableRow } from './LocallyDeletableRow';

/** Cached `VacancyDto` (migration 0004); `participation_id` NULL: the company's vacancy library. */
@Entity({ name: 'vacancies' })
export class VacancyRow extends LocallyDeletableRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'company_id', type: 'text' })
  companyId!: string;

  @Index('idx_vacancies_participation_id')
  @Column({ name: 'participation_id', type: 'text', nullable: true })
  participationId!: string | null;

  /** 0/1. */
  @Column({ type: 'integer' })
  active!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  profession!: string;

  @Column({ name: 'salary_from', type: 'integer' })
  salaryFrom!: number;

  @Column({ name: 'salary_to', type: 'integer' })
  salaryTo!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ type: 'integer' })
  places!: number;

  @Column({ type: 'text' })
  location!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  requirements!: string;

  @Column({ name: 'employment_type', type: 'text' })
  employmentType!: string;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'integer' })
  updatedAt!: number;
}
