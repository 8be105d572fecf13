import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A command mutation waiting for the server (migration 0003). Written in the same transaction as
 * its optimistic effect; deleted only when a pull shows the server has consumed it
 * (`mutationId ≤ lastMutationId`), whether applied or rejected.
 */
@Entity({ name: 'outbox' })
@Index('idx_outbox_record', ['recordEntity', 'recordId'])
export class OutboxEntry {
  /** This client's mutation id: +1 per mutation, never reused (from `MetaKey.nextMutationId`). */
  @PrimaryColumn({ name: 'mutation_id', type: 'integer' })
  mutationId!: number;

  /** A `MutationName`. */
  @Column({ type: 'text' })
  name!: string;

  /** The mutation's args, already validated against `mutationArgs[name]`. */
  @Column({ name: 'args_json', type: 'text' })
  argsJson!: string;

  @Column({ name: 'created_at', type: 'integer' })
  createdAt!: number;

  /** Which cached record the mutation is about, so lists can mark it "waiting to send". */
  @Column({ name: 'record_entity', type: 'text' })
  recordEntity!: string;

  @Column({ name: 'record_id', type: 'text' })
  recordId!: string;

  /** How the user recognises the record, e.g. "20301118-1 KazLogistics" (kept for the rejection). */
  @Column({ name: 'record_label', type: 'text' })
  recordLabel!: string;
}
