import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Company } from './Company';
import { Employer } from './Employer';
import { bigintNumber, epochMs, jsonStringArray } from '../transformers';

/**
 * An employer's stand (SPEC "Stand"): what candidates see of it at a fair. Images are upload ids
 * (the bytes live in the upload store); lists are JSON text so both databases store them alike.
 */
// Keyset snapshot pages read (tenant, id) ranges.
@Index('idx_stands_employer_id', ['employerId', 'id'])
@Entity({ name: 'stands' })
export class Stand {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36 })
  employerId!: string;

  @ForeignKey(() => Company)
  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId!: string;

  @Column({ name: 'internal_name', type: 'varchar', length: 120 })
  internalName!: string;

  @Column({ name: 'company_name', type: 'varchar', length: 300 })
  companyName!: string;

  @Column({ type: 'varchar', length: 300 })
  address!: string;

  @Column({ type: 'text' })
  website!: string;

  @Column({ name: 'company_info', type: 'text' })
  companyInfo!: string;

  @Column({ type: 'varchar', length: 120 })
  activity!: string;

  @Column({ type: 'text' })
  advantages!: string;

  @Column({ type: 'varchar', length: 200 })
  slogan!: string;

  @Column({ name: 'social_links', type: 'text', transformer: jsonStringArray })
  socialLinks!: string[];

  @Column({ name: 'logo_upload_id', type: 'varchar', length: 36, nullable: true })
  logoUploadId!: string | null;

  @Column({ name: 'banner_upload_ids', type: 'text', transformer: jsonStringArray })
  bannerUploadIds!: string[];

  @Column({ name: 'poster_upload_ids', type: 'text', transformer: jsonStringArray })
  posterUploadIds!: string[];

  @Column({ name: 'brochure_upload_ids', type: 'text', transformer: jsonStringArray })
  brochureUploadIds!: string[];

  @Column({ name: 'video_url', type: 'text' })
  videoUrl!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  /** Global change version of the transaction that last wrote this row (pulls ask for rows above a version). */
  @Index('idx_stands_version')
  @Column({ type: 'bigint', default: 0, transformer: bigintNumber })
  version!: number;

  /** The sync client whose mutation last wrote the row (the baseVersion rule); never sent to clients. */
  @Column({ name: 'last_client_id', type: 'varchar', length: 36, nullable: true })
  lastClientId!: string | null;
}
