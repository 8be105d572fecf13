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
  /**
   * A uuid identifying this cache to the sync server (whose per-client `lastMutationId` it keys).
   * A new one is drawn whenever the cache changes owner, so mutation ids restart at 1 without a gap.
   */
  clientId: 'clientId',
  /** The id the next outbox entry gets; only ever grows for one client id. */
  nextMutationId: 'nextMutationId',
  /** The server's lastMutationId for this client, as of the last applied pull. */
  lastMutationId: 'lastMutationId',
  /** Highest mutation id whose rejection is stored (sent as `resultsAfter`). */
  resultsAfter: 'resultsAfter',
  /** The opaque cookie of the last applied pull (absent: next pull asks for a snapshot). */
  pullCookie: 'pullCookie',
  /** Epoch ms of the last successful pull. */
  lastSyncedAt: 'lastSyncedAt',
  /** `serverUrl + "\n" + userId` whose data the scope tables hold. */
  cacheOwner: 'cacheOwner',
  /** Where the user last signed in successfully (pre-fills the login form). */
  lastServerUrl: 'lastServerUrl',
  /** JSON of the employer's members as last fetched (`employer.members` offline); the owner's data. */
  employerMembers: 'employerMembers',
} as const;
export type MetaKey = (typeof MetaKey)[keyof typeof MetaKey];
