import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { IpcParsedInput, LocalFair, LocalPreApplication } from '../../shared/contract/ipc';
import type { MutationArgs, MutationName } from '../../shared/sync/mutations';
import type { CacheStore } from '../cache/cacheStore';
import { FairRow } from '../cache/entities';
import { dismissRejection, findFair, findPreApplication } from '../cache/localRecords';
import type { EventSink } from '../events';
import { RpcError } from '../rpc/handlerTable';
import type { SessionService } from '../session/sessionService';
import { checkAndApply, parseArgs } from './mutators';
import { appendToOutbox } from './outbox';
import { serverVersionOfFair } from './optimisticRows';

export interface ChangeServiceDeps {
  cache: CacheStore;
  session: SessionService;
  emit: EventSink;
  /** Told after every queued change: refreshes the status counters and starts a push. */
  onQueued: () => void;
  now?: () => number;
}

/**
 * The user's changes, offline-first: each one is checked against the rules the app can see,
 * applied to the cache at once (optimistically) and appended to the outbox — in ONE SQLite
 * transaction, so a crash leaves either both or neither. A refused change queues nothing.
 */
export class ChangeService {
  private readonly now: () => number;

  constructor(private readonly deps: ChangeServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async createFair(input: IpcParsedInput<'fairs.create'>): Promise<LocalFair> {
    return this.queue('createFair', { ...input, id: randomUUID() }) as Promise<LocalFair>;
  }

  async updateFair(input: IpcParsedInput<'fairs.update'>): Promise<LocalFair> {
    return this.queue('updateFair', async (m) => {
      const row = await m.findOneBy(FairRow, { id: input.id });
      const baseVersion = row ? serverVersionOfFair(row) : 0;
      if (baseVersion === null) {
        // Its version only exists once the server has the fair; an edit based on "no version"
        // would be refused as a conflict. The user can edit the (still local) fair once it is sent.
        throw new RpcError('conflict', 'This fair has not reached the server yet. Edit it again once it has been sent.');
      }
      return { id: input.id, fields: input.fields, baseVersion };
    }) as Promise<LocalFair>;
  }

  async createPreApplication(input: IpcParsedInput<'preApplications.create'>): Promise<LocalPreApplication> {
    return this.queue('createPreApplication', { ...input, id: randomUUID() }) as Promise<LocalPreApplication>;
  }

  async withdrawPreApplication(input: IpcParsedInput<'preApplications.withdraw'>): Promise<LocalPreApplication> {
    return this.queue('withdrawPreApplication', { id: input.id }) as Promise<LocalPreApplication>;
  }

  async decidePreApplication(input: IpcParsedInput<'preApplications.decide'>): Promise<LocalPreApplication> {
    const reason = input.reason === null || input.reason === '' ? null : input.reason;
    return this.queue('decidePreApplication', {
      id: input.id,
      decision: input.decision,
      reason: input.decision === 'approve' ? null : reason,
      fairId: input.decision === 'approve' ? input.fairId : null,
      expectedStatus: 'under_review',
    }) as Promise<LocalPreApplication>;
  }

  /** The user has read a rejection: it stops being shown (and stops marking its record). */
  async dismissRejection(mutationId: number): Promise<void> {
    if (!(await this.deps.session.current())) throw new RpcError('unauthenticated', 'Sign in to manage your changes.');
    const found = await this.deps.cache.write((m) => dismissRejection(m, mutationId, this.now()));
    if (!found) throw new RpcError('not_found', 'There is no such rejected change.');
    this.deps.emit('cache.changed', { entities: ['fair', 'preApplication'] });
  }

  /**
   * Validates, checks, applies and queues one mutation. `args` may be computed inside the
   * transaction (from the row as it is then), e.g. `updateFair`'s base version.
   */
  private async queue<N extends MutationName>(
    name: N,
    args: MutationArgs<N> | ((m: EntityManager) => Promise<unknown>),
  ): Promise<LocalFair | LocalPreApplication> {
    const session = await this.deps.session.current();
    if (!session) throw new RpcError('unauthenticated', 'Sign in to make changes.');
    const ctx = { actor: session.user, now: this.now() };
    const result = await this.deps.cache.write(async (m) => {
      const parsed = parseArgs(name, typeof args === 'function' ? await args(m) : args);
      const target = await checkAndApply(m, name, parsed, ctx);
      await appendToOutbox(m, { name, args: parsed, createdAt: ctx.now, target });
      // Read back in the same transaction: the record exactly as this change left it.
      return target.entity === 'fair' ? await findFair(m, target.id) : await findPreApplication(m, target.id);
    });
    if (!result) throw new Error(`${name}: the record is missing right after its optimistic effect`);
    this.deps.emit('cache.changed', { entities: [entity(result)] });
    this.deps.onQueued();
    return result;
  }
}

const entity = (record: LocalFair | LocalPreApplication): 'fair' | 'preApplication' => ('number' in record ? 'preApplication' : 'fair');
