import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A notification the core stored when a pull brought something the user should know about
 * (cache migration 0006). `dedupe_key` (kind, record, state) makes the same news arrive once.
 */
@Entity({ name: 'notifications' })
export class NotificationRow {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'record_id', type: 'text', nullable: true })
  recordId!: string | null;

  @Column({ name: 'params_json', type: 'text' })
  paramsJson!: string;

  @Index('uq_notifications_dedupe_key', { unique: true })
  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey!: string;

  @Index('idx_notifications_created_at')
  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  @Column({ name: 'read_at', type: 'integer', nullable: true })
  readAt!: number | null;
}
