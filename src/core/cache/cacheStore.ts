import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { SessionInfo } from '../../shared/contract/ipc';
import { ChatConversationRow, ChatMessageRow, MetaKey, NotificationRow, OutboxEntry, RejectionRow, SESSION_ROW_ID, SessionRow, UploadRow } from './entities';
import { deleteMeta, readMeta, writeMeta } from './meta';
import { unsentCount } from './localRecords';
import { openCacheDataSource } from './openCache';
import { clearScopeTables } from './patch';
import { dropStagingTables } from './stagingTables';

export interface PullState {
  cookie: string | null;
  lastSyncedAt: number | null;
}

/** What `forget()` did: `refused` with the number of waiting changes when it would have lost them. */
export type ForgetOutcome = { forgotten: true; discarded: number } | { forgotten: false; pending: number };

/**
 * The local cache: everything the desktop app knows without the network.
 *
 * All access goes through one queue (`read`, `write` and the methods below). The sqlite driver
 * shares a single connection, so without it a read issued while a pull is being applied would see
 * the half-applied transaction (e.g. an empty queue in the middle of a reset), and two
 * transactions would nest as savepoints.
 */
export class CacheStore {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DataSource) {}

  /** Opens the cache file in `dataDir` (or `':memory:'`), running pending migrations. */
  static async open(dataDir: string): Promise<CacheStore> {
    return new CacheStore(await openCacheDataSource(dataDir));
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      if (this.db.isInitialized) await this.db.destroy();
    });
  }

  /** Runs `work` in ONE SQLite transaction, alone: all of it commits or none (a throw rolls back). */
  write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.db.transaction(work));
  }

  /** Runs read-only `work` alone, so it never sees another transaction half-way. */
  read<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.db.manager));
  }

  /**
   * This cache's id for the sync server, created on first use. It changes only when the cache
   * changes owner (see `signIn`): mutation ids are counted per client id, and a new owner starts
   * at 1 without inheriting the previous owner's unsent ids.
   */
  clientId(): Promise<string> {
    return this.write(async (m) => {
      const existing = await readMeta(m, MetaKey.clientId);
      if (existing !== null) return existing;
      const created = randomUUID();
      await writeMeta(m, MetaKey.clientId, created);
      return created;
    });
  }

  lastServerUrl(): Promise<string | null> {
    return this.read((m) => readMeta(m, MetaKey.lastServerUrl));
  }

  pullState(): Promise<PullState> {
    return this.read(async (m) => {
      const cookie = await readMeta(m, MetaKey.pullCookie);
      const lastSyncedAt = await readMeta(m, MetaKey.lastSyncedAt);
      return { cookie, lastSyncedAt: lastSyncedAt === null ? null : Number(lastSyncedAt) };
    });
  }

  /** The remembered session, whether or not it has expired; null when nobody is signed in. */
  session(): Promise<SessionInfo | null> {
    return this.read(async (m) => {
      const row = await m.findOneBy(SessionRow, { id: SESSION_ROW_ID });
      if (!row) return null;
      return SessionInfo.parse({ user: JSON.parse(row.userJson), serverUrl: row.serverUrl, expiresAt: row.expiresAt });
    });
  }

  /**
   * Remembers a new session. When it belongs to a different user or server than the data in the
   * cache, that data — scope, pull position, outbox, rejections, client id — is dropped in the
   * same transaction, so one account never sees (or pushes) another's. The same user signing in
   * again (e.g. after the session expired) keeps everything, and the outbox is sent.
   */
  signIn(session: SessionInfo, now: number): Promise<{ clearedPreviousData: boolean; discardedChanges: number }> {
    return this.write(async (m) => {
      const owner = `${session.serverUrl}\n${session.user.id}`;
      const previousOwner = await readMeta(m, MetaKey.cacheOwner);
      const clearedPreviousData = previousOwner !== owner;
      let discardedChanges = 0;
      if (clearedPreviousData) {
        discardedChanges = await clearOwnerData(m);
        await writeMeta(m, MetaKey.cacheOwner, owner);
      }
      await m.save(SessionRow, {
        id: SESSION_ROW_ID,
        userJson: JSON.stringify(session.user),
        serverUrl: session.serverUrl,
        expiresAt: session.expiresAt,
        signedInAt: now,
      });
      await writeMeta(m, MetaKey.lastServerUrl, session.serverUrl);
      return { clearedPreviousData, discardedChanges };
    });
  }

  /**
   * The session ended without the user asking (expired, token revoked or lost): forget the
   * session, keep the data and the outbox for the same user's next sign-in. Nobody sees the data
   * meanwhile: lists answer empty while signed out.
   */
  endSession(): Promise<void> {
    return this.write(async (m) => {
      await m.delete(SessionRow, { id: SESSION_ROW_ID });
    });
  }

  /**
   * Sign-out: forgets the session and everything that belonged to it. Refuses (changing nothing)
   * while changes wait to be sent, unless `discardPending`. Keeps the last server URL.
   */
  forget(options: { discardPending: boolean }): Promise<ForgetOutcome> {
    return this.write(async (m) => {
      const pending = await unsentCount(m);
      if (pending > 0 && !options.discardPending) return { forgotten: false, pending };
      await m.delete(SessionRow, { id: SESSION_ROW_ID });
      await clearOwnerData(m);
      await deleteMeta(m, MetaKey.cacheOwner);
      return { forgotten: true, discarded: pending };
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/**
 * Drops everything tied to the cache's owner: scope rows, sync position, outbox, rejections,
 * uploads (their rows; the upload store deletes the unreferenced bytes), chats (queued messages
 * included), the kept member list, and
 * the client id (a new one is drawn on next use, so mutation ids restart at 1 with no gap).
 * @returns how many unsent changes were dropped.
 */
async function clearOwnerData(m: EntityManager): Promise<number> {
  const pending = await m.count(OutboxEntry);
  await clearScopeTables(m);
  await dropStagingTables(m);
  await m.clear(OutboxEntry);
  await m.clear(RejectionRow);
  await m.clear(NotificationRow);
  // Conversations are the owner's; queued chat messages are their unsent words, never another's.
  await m.clear(ChatMessageRow);
  await m.clear(ChatConversationRow);
  // Queued files are the previous owner's unsent changes too; cached ones were theirs to see.
  await m.clear(UploadRow);
  for (const key of [MetaKey.pullCookie, MetaKey.lastSyncedAt, MetaKey.clientId, MetaKey.employerMembers]) await deleteMeta(m, key);
  await writeMeta(m, MetaKey.nextMutationId, '1');
  await writeMeta(m, MetaKey.lastMutationId, '0');
  await writeMeta(m, MetaKey.resultsAfter, '0');
  return pending;
}
