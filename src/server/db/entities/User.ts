import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CareerCentre } from './CareerCentre';
import { Employer } from './Employer';
import type { Locale, UserRole } from '../../../shared/domain/roles';
import { epochMs } from '../transformers';

/** A desktop account: a centre's moderator or an employer's admin / cabinet manager. */
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Always stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  /** argon2id PHC string. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: UserRole;

  @Index('idx_users_centre')
  @ForeignKey(() => CareerCentre)
  @Column({ name: 'centre_id', type: 'varchar', length: 36, nullable: true })
  centreId!: string | null;

  @Index('idx_users_employer')
  @ForeignKey(() => Employer)
  @Column({ name: 'employer_id', type: 'varchar', length: 36, nullable: true })
  employerId!: string | null;

  /** A deactivated account cannot sign in; its sessions stop working. */
  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'varchar', length: 8 })
  locale!: Locale;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  /**
   * Bumped whenever what this user may see changes (new centre, deactivation). Pull cookies carry
   * it; a cookie with an older epoch gets a fresh snapshot (`reset`) so no row outside the new
   * scope stays in the client's cache.
   */
  @Column({ name: 'scope_epoch', type: 'integer', default: 0 })
  scopeEpoch!: number;
}
