import type { EntityManager } from 'typeorm';
import { SCHEMA_VERSION, type PatchOp } from '../../shared/api/http';
import type { MutationResult } from '../../shared/sync/mutations';
import { SNAPSHOT_PAGE_SIZE, type SyncPullRequest, type SyncPullResponse } from '../../shared/sync/protocol';
import { currentVersion } from '../db/changeVersion';
import { MutationResultRow, SyncClient, User } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';
import { formatCookie, parseCookie, signCursor, verifyCursor, type SnapshotCursor } from './cookies';
import { SYNC_ENTITIES, companiesByIds, scopedDeletes, scopedPuts } from './scope';

/** Lowest client schema version this server still answers. */
export const MIN_CLIENT_SCHEMA_VERSION = 1;

/** Refuses clients whose sync payloads this server does not speak. */
export function assertSupportedSchema(schemaVersion: number): void {
  if (schemaVersion < MIN_CLIENT_SCHEMA_VERSION || schemaVersion > SCHEMA_VERSION) {
    throw new ServerError(
      'upgrade_required',
      426,
      schemaVersion < MIN_CLIENT_SCHEMA_VERSION
        ? 'This FairDesk version is too old for the server. Please update the app.'
        : 'This FairDesk version is newer than the server. Ask your administrator to update the server.',
    );
  }
}

/** A parsed pull request (defaults applied). */
export type PullInput = Required<Pick<SyncPullRequest, 'clientId' | 'cookie'>> & {
  snapshotCursor: string | null;
  resultsAfter: number;
};

export interface PullServiceOptions {
  /** Signs snapshot cursors. */
  secret: string;
  /** Rows per snapshot page (tests shrink it to exercise paging). */
  pageSize?: number;
}

/**
 * Answers pulls (ARCHITECTURE.md "Sync protocol"), everything read in ONE snapshot transaction:
 * - `cookie: null` → a paged snapshot of the caller's scope taken at one version (keyset pages by
 *   entity then id; rows written after that version are left to the catch-up pull that follows);
 * - a cookie of an older scope epoch → the same, with `reset: true`, so rows that left the scope go;
 * - otherwise the rows in scope above the cookie's version, plus `del`s from tombstones.
 * `lastMutationId` and `results` are read in the same snapshot as the rows, so a pull that reports
 * mutation n shows the effects of 1..n and none after.
 */
export class PullService {
  private readonly pageSize: number;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly options: PullServiceOptions,
  ) {
    this.pageSize = options.pageSize ?? SNAPSHOT_PAGE_SIZE;
  }

  async pull(actor: User, input: PullInput): Promise<SyncPullResponse> {
    if (input.snapshotCursor !== null && input.cookie !== null) {
      throw new ServerError('bad_request', 400, 'A snapshot cursor continues a first sync: send it with cookie: null.');
    }
    const owner = { userId: actor.id, clientId: input.clientId };
    const cursor = input.snapshotCursor === null ? null : verifyCursor(this.options.secret, input.snapshotCursor, owner);
    const cookie = input.cookie === null ? null : parseCookie(input.cookie);

    return this.tx.read(async (manager) => {
      const client = await manager.findOneBy(SyncClient, { clientId: input.clientId });
      if (client && client.userId !== actor.id) throw foreignClient();
      // The user as of this snapshot: its scope (centre, epoch) may have changed since sign-in.
      const who = await manager.findOneByOrFail(User, { id: actor.id });
      const version = await currentVersion(manager);
      const lastMutationId = client?.lastMutationId ?? 0;

      if (cursor) return this.snapshotPage(manager, who, cursor, input.resultsAfter);
      // Versions and epochs only grow: a cookie ahead of the server was not issued by it (or the
      // database was restored from a backup) — the client must start over rather than trust its cache.
      if (cookie && (cookie.version > version || cookie.epoch > who.scopeEpoch)) {
        throw new ServerError(
          'bad_request',
          400,
          'The sync cookie is from the future: this server has not reached that version (was it restored from a backup?). Start a fresh sync (send cookie: null).',
        );
      }
      const start: SnapshotCursor = { v: version, e: who.scopeEpoch, m: lastMutationId, i: 0, a: null, u: actor.id, c: input.clientId };
      if (!cookie || cookie.epoch !== who.scopeEpoch) return this.snapshotPage(manager, who, start, input.resultsAfter);

      const puts: PatchOp[] = [];
      const range = { minExclusive: cookie.version, maxInclusive: version };
      for (const entity of SYNC_ENTITIES) puts.push(...(await scopedPuts(manager, who, entity, range)).map((r) => r.op));
      if (who.role === 'moderator') {
        // A new application can bring a company into a moderator's scope whose row did not change.
        const sent = new Set(puts.flatMap((op) => (op.op === 'put' && op.entity === 'company' ? [op.value.id] : [])));
        const behind = puts.flatMap((op) =>
          op.op === 'put' && op.entity === 'preApplication' && !sent.has(op.value.companyId) ? [op.value.companyId] : [],
        );
        const companies = await companiesByIds(manager, who, [...new Set(behind)]);
        const firstApp = puts.findIndex((op) => op.entity === 'preApplication');
        puts.splice(firstApp < 0 ? puts.length : firstApp, 0, ...companies);
      }
      const patch = [...puts, ...(await scopedDeletes(manager, who, range))];
      return {
        cookie: formatCookie({ version, epoch: who.scopeEpoch }),
        lastMutationId,
        results: await this.results(manager, input.clientId, input.resultsAfter, lastMutationId),
        reset: false,
        patch,
        more: false,
        snapshotCursor: null,
      };
    });
  }

  /** One page of the snapshot `cursor` describes (rows with version ≤ the snapshot's). */
  private async snapshotPage(
    manager: EntityManager,
    who: User,
    cursor: SnapshotCursor,
    resultsAfter: number,
  ): Promise<SyncPullResponse> {
    const patch: PatchOp[] = [];
    let next: SnapshotCursor | null = null;
    for (let i = cursor.i; i < SYNC_ENTITIES.length; i++) {
      const entity = SYNC_ENTITIES[i];
      if (entity === undefined) break;
      const room = this.pageSize - patch.length;
      const rows = await scopedPuts(manager, who, entity, {
        minExclusive: -1,
        maxInclusive: cursor.v,
        afterId: i === cursor.i ? cursor.a : null,
        // One row of look-ahead says whether this entity continues on the next page.
        limit: room + 1,
      });
      if (rows.length > room) {
        const taken = rows.slice(0, room);
        patch.push(...taken.map((r) => r.op));
        next = { ...cursor, i, a: taken.at(-1)?.id ?? (i === cursor.i ? cursor.a : null) };
        break;
      }
      patch.push(...rows.map((r) => r.op));
    }
    // Under the epoch the snapshot started with: if the scope changed meanwhile, the next pull resets again.
    return {
      cookie: formatCookie({ version: cursor.v, epoch: cursor.e }),
      lastMutationId: cursor.m,
      results: await this.results(manager, cursor.c, resultsAfter, cursor.m),
      reset: true,
      patch,
      more: next !== null,
      snapshotCursor: next === null ? null : signCursor(this.options.secret, next),
    };
  }

  private async results(manager: EntityManager, clientId: string, after: number, upTo: number): Promise<MutationResult[]> {
    if (upTo <= after) return [];
    const rows = await manager
      .createQueryBuilder(MutationResultRow, 'm')
      .where('m.client_id = :clientId AND m.mutation_id > :after AND m.mutation_id <= :upTo', { clientId, after, upTo })
      .orderBy('m.mutation_id', 'ASC')
      .getMany();
    return rows.map((r) => ({
      mutationId: r.mutationId,
      status: 'rejected',
      code: r.code,
      message: r.message,
      recordId: r.recordId,
      decidedAt: r.decidedAt,
    }));
  }
}

export const foreignClient = (): ServerError =>
  new ServerError('forbidden', 403, 'This sync client id belongs to another account. Sign in again on this device to sync.');
