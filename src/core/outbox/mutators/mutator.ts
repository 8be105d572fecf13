import type { EntityManager } from 'typeorm';
import type { UserDto } from '../../../shared/domain/roles';
import type { MutationArgs, MutationName } from '../../../shared/sync/mutations';
import type { ScopeEntityName } from '../../cache/entities';
import type { MutationTarget } from '../outbox';

/** Who makes the change and when (the outbox entry's `createdAt` when replaying). */
export interface MutatorContext {
  actor: UserDto;
  now: number;
}

/**
 * The client side of one command mutation. `check` applies the rules the app can see locally
 * (role, tenant, state machine, deadlines) and throws an `RpcError` — nothing is queued then; it
 * returns the record the change is about. `apply` writes the optimistic effect into the cache.
 *
 * On a rebase the remaining outbox entries are replayed with the same pair: an entry whose check
 * now fails (e.g. the employer withdrew meanwhile) shows no effect and waits for the server's
 * verdict, which will be a rejection.
 */
export interface Mutator<N extends MutationName> {
  /** The lists its effect may change (announced with `cache.changed`). */
  entities: readonly ScopeEntityName[];
  check(m: EntityManager, args: MutationArgs<N>, ctx: MutatorContext): Promise<MutationTarget>;
  apply(m: EntityManager, args: MutationArgs<N>, ctx: MutatorContext): Promise<void>;
}

/** "20301118-1 KazLogistics", or "New application KazLogistics" before the server numbers it. */
export function preApplicationLabel(row: { number: string; companyName: string }): string {
  return `${row.number || 'New application'} ${row.companyName}`;
}
