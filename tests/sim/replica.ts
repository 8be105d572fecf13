import type { PatchOp } from '../../src/shared/api/http';
import type { CentreDto, CompanyDto, FairDto, PreApplicationDto } from '../../src/shared/domain/records';

/** A client's data as the server described it: what a cache must hold after applying the pulls. */
export interface Replica {
  centre: Map<string, CentreDto>;
  fair: Map<string, FairDto>;
  company: Map<string, CompanyDto>;
  preApplication: Map<string, PreApplicationDto>;
}

export type EntityName = keyof Replica;
export const ENTITIES: readonly EntityName[] = ['centre', 'fair', 'company', 'preApplication'];

export function emptyReplica(): Replica {
  return { centre: new Map(), fair: new Map(), company: new Map(), preApplication: new Map() };
}

export function cloneReplica(replica: Replica): Replica {
  return {
    centre: new Map(replica.centre),
    fair: new Map(replica.fair),
    company: new Map(replica.company),
    preApplication: new Map(replica.preApplication),
  };
}

const tracked = (entity: string): entity is EntityName => (ENTITIES as readonly string[]).includes(entity);

/**
 * Applies a patch in place (puts replace, dels remove). The simulation's operations are about fairs
 * and pre-applications; the participation records a pre-application's approval creates on the
 * server are not what it checks (their sync is tested in the integration suites), so they are skipped.
 */
export function applyPatch(replica: Replica, patch: readonly PatchOp[]): Replica {
  for (const op of patch) {
    if (!tracked(op.entity)) continue;
    if (op.op === 'del') {
      replica[op.entity].delete(op.id);
      continue;
    }
    switch (op.entity) {
      case 'centre':
        replica.centre.set(op.value.id, op.value);
        break;
      case 'fair':
        replica.fair.set(op.value.id, op.value);
        break;
      case 'company':
        replica.company.set(op.value.id, op.value);
        break;
      case 'preApplication':
        replica.preApplication.set(op.value.id, op.value);
        break;
    }
  }
  return replica;
}

/** Builds a replica from lists (e.g. a client's IPC lists, with their `sync` field dropped). */
export function replicaFrom(lists: {
  centres: CentreDto[];
  fairs: FairDto[];
  companies: CompanyDto[];
  preApplications: PreApplicationDto[];
}): Replica {
  const byId = <T extends { id: string }>(items: T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));
  return {
    centre: byId(lists.centres),
    fair: byId(lists.fairs),
    company: byId(lists.companies),
    preApplication: byId(lists.preApplications),
  };
}

/** Human-readable differences between two replicas (empty when equal), at most `limit` lines. */
export function diffReplicas(expected: Replica, actual: Replica, limit = 8): string[] {
  const lines: string[] = [];
  for (const entity of ENTITIES) {
    const want = expected[entity] as Map<string, unknown>;
    const got = actual[entity] as Map<string, unknown>;
    for (const [id, value] of want) {
      const other = got.get(id);
      if (other === undefined) lines.push(`${entity} ${id} missing`);
      else if (stableJson(other) !== stableJson(value)) lines.push(`${entity} ${id} differs: expected ${stableJson(value)} got ${stableJson(other)}`);
    }
    for (const id of got.keys()) if (!want.has(id)) lines.push(`${entity} ${id} should not be there`);
  }
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}

/** JSON with object keys sorted, so equal values compare equal as strings. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
