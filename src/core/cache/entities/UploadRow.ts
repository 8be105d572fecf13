import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A file the core holds (migration 0004): picked here and `queued` until the upload step sends it
 * (then `uploaded`, or `refused` with the server's `error`), or fetched from the server once and
 * kept for offline display (`uploaded`). The bytes live in the data dir's `uploads/` folder under
 * the id; this row says what they are. Not scope data: a reset keeps it, an owner change drops it.
 */
@Entity({ name: 'uploads' })
export class UploadRow {
  /** The upload's id on the server too (the desktop chooses it, `PUT /api/uploads/:kind/:id`). */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** An `UploadKind`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  mime!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'integer', nullable: true })
  width!: number | null;

  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  /** `queued` | `uploaded` | `refused`. */
  @Index('idx_uploads_state')
  @Column({ type: 'text' })
  state!: string;

  /** Why the server refused the file (its message, shown as is); null otherwise. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Lower-case hex SHA-256 of the bytes (the server's idempotency check compares the same). */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;
}
