import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The signed-in session as this installation remembers it: at most one row (id 1). The bearer
 * token is deliberately NOT here: it lives in the host's SecretStore (safeStorage in Electron).
 */
@Entity({ name: 'session' })
export class SessionRow {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  /** `UserDto` as JSON, re-validated when read. */
  @Column({ name: 'user_json', type: 'text' })
  userJson!: string;

  @Column({ name: 'server_url', type: 'text' })
  serverUrl!: string;

  @Column({ name: 'expires_at', type: 'integer' })
  expiresAt!: number;

  @Column({ name: 'signed_in_at', type: 'integer' })
  signedInAt!: number;
}

export const SESSION_ROW_ID = 1;
