import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LocallyDeletableRow } from './LocallyDeletableRow';

/** Cached `StandDto` (migration 0004); id lists and links as JSON text. */
@Entity({ name: 'stands' })
export class StandRow extends LocallyDeletableRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Index('idx_stands_employer_id')
  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'internal_name', type: 'text' })
  internalName!: string;

  @Column({ name: 'company_id', type: 'text' })
  companyId!: string;

  @Column({ name: 'company_name', type: 'text' })
  companyName!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text' })
  website!: string;

  @Column({ name: 'company_info', type: 'text' })
  companyInfo!: string;

  @Column({ type: 'text' })
  activity!: string;

  @Column({ type: 'text' })
  advantages!: string;

  @Column({ type: 'text' })
  slogan!: string;

  /** `string[]` as JSON text. */
  @Column({ name: 'social_links_json', type: 'text' })
  socialLinksJson!: string;

  @Column({ name: 'logo_upload_id', type: 'text', nullable: true })
  logoUploadId!: string | null;

  @Column({ name: 'banner_upload_ids_json', type: 'text' })
  bannerUploadIdsJson!: string;

  @Column({ name: 'poster_upload_ids_json', type: 'text' })
  posterUploadIdsJson!: string;

  @Column({ name: 'brochure_upload_ids_json', type: 'text' })
  brochureUploadIdsJson!: string;

  @Column({ name: 'video_url', type: 'text' })
  videoUrl!: string;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'integer' })
  updatedAt!: number;
}
