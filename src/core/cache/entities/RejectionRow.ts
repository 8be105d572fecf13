import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A mutation the server refused for good (migration 0003); shown until `dismissedAt` is set. */
@Entity({ name: 'rejections' })
export class RejectionRow {
  @PrimaryColumn({ name: 'mutation_id', type: 'integer' })
  mutationId!: number;

  @Column({ name: 'mutation_name', type: 'text' })
  mutationName!: string;

  /** A `RejectionCode`. */
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  message!: string;

  @Index('idx_rejections_record')
  @Column({ name: 'record_id', type: 'text', nullable: true })
  recordId!: string | null;

  @Column({ name: 'record_label', type: 'text' })
  recordLabel!: string;

  @Column({ name: 'decided_at', type: 'integer' })
  decidedAt!: number;

  @Column({ name: 'dismissed_at', type: 'integer', nullable: true })
  dismissedAt!: number | null;
}
