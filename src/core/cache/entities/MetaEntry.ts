import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Installation-level facts as key/value pairs (client id, pull cookie, last sync time…). Keys are
 * listed in `MetaKey` so a typo cannot create a new one silently.
 */
@Entity({ name: 'meta' })
export class MetaEntry {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}

export const MetaKey = {
  /** A uuid generated once per installation; identifies this cache to the sync server. */
  clientId: 'clientId',
  /** The opaque cookie of the last applied pull (absent: next pull asks for a snapshot). */
  pullCookie: 'pullCookie',
  /** Epoch ms of the last successful pull. */
  lastSyncedAt: 'lastSyncedAt',
  /** `serverUrl + "\n" + userId` whose data the scope tables hold. */
  cacheOwner: 'cacheOwner',
  /** Where the user last signed in successfully (pre-fills the login form). */
  lastServerUrl: 'lastServerUrl',
} as const;
export type MetaKey = (typeof MetaKey)[keyof typeof MetaKey];
