import { Column } from 'typeorm';

/**
 * The bookkeeping every cached record that users can change offline carries, so a rebase can
 * drop local changes and restore the server's state (columns added by migration 0003).
 */
export abstract class OptimisticRow {
  /** Server change version of the row's last write. */
  @Column({ type: 'integer' })
  version!: number;

  /** 1 while the row shows local changes the server has not confirmed. */
  @Column({ type: 'integer' })
  optimistic!: number;

  /** The server's DTO before the local changes, as JSON; null for a row created locally. */
  @Column({ name: 'server_json', type: 'text', nullable: true })
  serverJson!: string | null;
}
