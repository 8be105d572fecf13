import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../transformers';

/**
 * Single-row table (`id = 1`) holding the global change version. Every write that clients must
 * pull bumps it inside its own transaction; push transactions will lock this row so versions are
 * assigned in commit order and no pull skips a late commit.
 */
@Entity({ name: 'server_meta' })
export class ServerMeta {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'bigint', transformer: epochMs })
  version!: number;
}
