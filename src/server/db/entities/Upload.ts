import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { UploadKind } from '../../../shared/domain/uploads';
import { Employer } from './Employer';
import { User } from './User';
import { epochMs } from '../transformers';

/**
 * An uploaded file (stand image or resume) that passed content inspection. The bytes live in the
 * content-addressed store under `sha256`; several rows may share one file.
 */
@Entity({ name: 'uploads' })
export class Upload {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: UploadKind;

  /** The type found from the content (never the declared one). */
  @Column({ type: 'varchar', length: 100 })
  mime!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Index('idx_uploads_sha256')
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  /** The user's file name, sanitised (offered back in downloads). */
  @Column({ name: 'original_name', type: 'varchar', length: 255 })
  originalName!: string;

  @Column({ type: 'integer', nullable: true })
  width!: number | null;

  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  /** The tenant owning an employer's upload (stand images); null for a candidate's. */
  @Index('idx_uploads_employer')
  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36, nullable: true })
  employerId!: string | null;

  /** The candidate owning a resume; candidates' table arrives with the portal, so no foreign key yet. */
  @Column({ name: 'candidate_id', type: 'varchar', length: 36, nullable: true })
  candidateId!: string | null;

  /** The desktop account that uploaded it; null for candidates' uploads. */
  @ForeignKey(() => User)
  @Column({ name: 'uploaded_by', type: 'varchar', length: 36, nullable: true })
  uploadedBy!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
