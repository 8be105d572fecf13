import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { PullResponse, PatchOp } from '../../shared/api/http';
import { SessionInfo } from '../../shared/contract/ipc';
import type { FairDto, PreApplicationDto, PreApplicationStatus } from '../../shared/domain/records';
import { bulkUpsert } from './bulkUpsert';
import {
  FairRow,
  MetaEntry,
  MetaKey,
  PreApplicationRow,
  SESSION_ROW_ID,
  SessionRow,
  scopeEntities,
  type ScopeEntityName,
} from './entities';
import { openCacheDataSource } from './openCache';
import {
  centreToRow,
  companyToRow,
  fairFromRow,
  fairToRow,
  preApplicationFromRow,
  preApplicationToRow,
} from './recordMapping';

export interface PreApplicationFilter {
  status?: PreApplicationStatus;
  /** Matched case-insensitively against company name, number and professions. */
  search?: string;
}

export interface PullState {
  cookie: string | null;
  lastSyncedAt: number | null;
}

/**
 * The local cache: everything the desktop app knows without the network.
 *
 * All access goes through one queue. The sqlite driver shares a single connection, so without it
 * a read issued while a pull is being applied would see the half-applied transaction (e.g. an
 * empty queue in the middle of a reset), and two transactions would nest as savepoints.
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

  /** This installation's id for the sync server, created on first use and kept forever. */
  clientId(): Promise<string> {
    return this.exclusive(() =>
      this.db.transaction(async (m) => {
        const existing = await readMeta(m, MetaKey.clientId);
        if (existing !== null) return existing;
        const created = randomUUID();
        await writeMeta(m, MetaKey.clientId, created);
        return created;
      }),
    );
  }

  lastServerUrl(): Promise<string | null> {
    return this.exclusive(() => readMeta(this.db.manager, MetaKey.lastServerUrl));
  }

  pullState(): Promise<PullState> {
    return this.exclusive(async () => {
      const cookie = await readMeta(this.db.manager, MetaKey.pullCookie);
      const lastSyncedAt = await readMeta(this.db.manager, MetaKey.lastSyncedAt);
      return { cookie, lastSyncedAt: lastSyncedAt === null ? null : Number(lastSyncedAt) };
    });
  }

  /** The remembered session, whether or not it has expired; null when nobody is signed in. */
  session(): Promise<SessionInfo | null> {
    return this.exclusive(async () => {
      const row = await this.db.manager.findOneBy(SessionRow, { id: SESSION_ROW_ID });
      if (!row) return null;
      return SessionInfo.parse({ user: JSON.parse(row.userJson), serverUrl: row.serverUrl, expiresAt: row.expiresAt });
    });
  }

  /**
   * Remembers a new session. When it belongs to a different user or server than the data in the
   * cache, that data (and the pull cookie) is dropped in the same transaction, so one account
   * never sees another's rows. Returns whether it was dropped.
   */
  signIn(session: SessionInfo, now: number): Promise<{ clearedPreviousData: boolean }> {
    return this.exclusive(() =>
      this.db.transaction(async (m) => {
        const owner = `${session.serverUrl}\n${session.user.id}`;
        const previousOwner = await readMeta(m, MetaKey.cacheOwner);
        const clearedPreviousData = previousOwner !== owner;
        if (clearedPreviousData) {
          await clearScope(m);
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
        return { clearedPreviousData };
      }),
    );
  }

  /** Forgets the session and every synced row (sign-out, expired session). Keeps the client id. */
  forget(): Promise<void> {
    return this.exclusive(() =>
      this.db.transaction(async (m) => {
        await m.delete(SessionRow, { id: SESSION_ROW_ID });
        await clearScope(m);
        await m.delete(MetaEntry, { key: MetaKey.cacheOwner });
      }),
    );
  }

  /**
   * Applies a pull in ONE transaction: with `reset` the scope tables are replaced wholesale,
   * otherwise ops are applied (the last op per row wins). Any failure rolls everything back and
   * the previous cache, cookie included, stays as it was.
   *
   * `stillWanted` is checked inside the queue, just before writing: a pull that was in flight when
   * the user signed out must not resurrect their data.
   * @returns false when skipped because `stillWanted()` said no.
   */
  applyPull(response: PullResponse, syncedAt: number, stillWanted: () => boolean = () => true): Promise<boolean> {
    return this.exclusive(async () => {
      if (!stillWanted()) return false;
      await this.db.transaction(async (m) => {
        if (response.reset) await clearScopeTables(m);
        await applyOps(m, response.patch);
        await writeMeta(m, MetaKey.pullCookie, response.cookie);
        await writeMeta(m, MetaKey.lastSyncedAt, String(syncedAt));
      });
      return true;
    });
  }

  /** Fairs in scope, soonest first. */
  listFairs(): Promise<FairDto[]> {
    return this.exclusive(async () => {
      const rows = await this.db.manager.find(FairRow, { order: { startsOn: 'ASC', title: 'ASC' } });
      return rows.map(fairFromRow);
    });
  }

  /** Pre-applications in scope, newest first, optionally filtered. */
  listPreApplications(filter: PreApplicationFilter = {}): Promise<PreApplicationDto[]> {
    return this.exclusive(async () => {
      const rows = await this.db.manager.find(PreApplicationRow, {
        where: filter.status ? { status: filter.status } : {},
        order: { createdAt: 'DESC', number: 'DESC' },
      });
      const dtos = rows.map(preApplicationFromRow);
      const needle = filter.search?.trim().toLocaleLowerCase() ?? '';
      // Filtered here, not with SQL LIKE: SQLite folds case for ASCII only, and company names
      // and professions are mostly Cyrillic. A centre's queue is at most a few thousand rows.
      if (!needle) return dtos;
      return dtos.filter(
        (p) =>
          p.companyName.toLocaleLowerCase().includes(needle) ||
          p.number.toLocaleLowerCase().includes(needle) ||
          p.professions.some((profession) => profession.toLocaleLowerCase().includes(needle)),
      );
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

async function readMeta(m: EntityManager, key: MetaKey): Promise<string | null> {
  const row = await m.findOneBy(MetaEntry, { key });
  return row ? row.value : null;
}

async function writeMeta(m: EntityManager, key: MetaKey, value: string): Promise<void> {
  await m.upsert(MetaEntry, { key, value }, ['key']);
}

async function clearScopeTables(m: EntityManager): Promise<void> {
  for (const entity of Object.values(scopeEntities)) {
    await m.query(`DELETE FROM "${m.connection.getMetadata(entity).tableName}"`);
  }
}

/** Scope rows plus the sync position that describes them: they only make sense together. */
async function clearScope(m: EntityManager): Promise<void> {
  await clearScopeTables(m);
  await m.delete(MetaEntry, { key: MetaKey.pullCookie });
  await m.delete(MetaEntry, { key: MetaKey.lastSyncedAt });
}

type PutOp = Extract<PatchOp, { op: 'put' }>;

async function applyOps(m: EntityManager, patch: readonly PatchOp[]): Promise<void> {
  // Collapse to the final op per row so each table gets one delete and one bulk upsert.
  const last = new Map<string, PatchOp>();
  for (const op of patch) {
    const id = op.op === 'put' ? op.value.id : op.id;
    last.set(`${op.entity}:${id}`, op);
  }
  const deletes: Record<ScopeEntityName, string[]> = { centre: [], fair: [], company: [], preApplication: [] };
  const puts: PutOp[] = [];
  for (const op of last.values()) {
    if (op.op === 'del') deletes[op.entity].push(op.id);
    else puts.push(op);
  }

  for (const [entity, ids] of Object.entries(deletes) as Array<[ScopeEntityName, string[]]>) {
    // Chunked: one `IN (…)` list must stay under SQLite's parameter limit.
    for (let start = 0; start < ids.length; start += 500) {
      await m.delete(scopeEntities[entity], ids.slice(start, start + 500));
    }
  }
  await bulkUpsert(m, scopeEntities.centre, puts.flatMap((op) => (op.entity === 'centre' ? [centreToRow(op.value)] : [])));
  await bulkUpsert(m, scopeEntities.fair, puts.flatMap((op) => (op.entity === 'fair' ? [fairToRow(op.value)] : [])));
  await bulkUpsert(m, scopeEntities.company, puts.flatMap((op) => (op.entity === 'company' ? [companyToRow(op.value)] : [])));
  await bulkUpsert(
    m,
    scopeEntities.preApplication,
    puts.flatMap((op) => (op.entity === 'preApplication' ? [preApplicationToRow(op.value)] : [])),
  );
}
