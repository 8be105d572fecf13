import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../transformers';

/** An employer account (the tenant of admins and cabinet managers); may hold several companies. */
@Entity({ name: 'employers' })
export class Employer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
