import type { LocalFair, LocalPreApplication, Rejection, SyncStatus } from '../../src/shared/contract/ipc';
import type { UserDto } from '../../src/shared/domain/roles';
import type { MutationName, MutationResult } from '../../src/shared/sync/mutations';
import { PushRequest, PushResponse, SyncPullRequest, SyncPullResponse } from '../../src/shared/sync/protocol';
import type { Exchange, ExchangeLog } from './exchangeLog';
import type { AckedChange } from './operations';
import type { Replica } from './replica';
import type { Actor } from './world';

/** What one client did and what it shows at the end, gathered by the simulation. */
export interface ClientEvidence {
  actor: Actor;
  user: UserDto;
  acked: AckedChange[];
  /** Rejections the simulated user dismissed (after seeing them in the list). */
  dismissed: number[];
  /** How many `sync.rejected` events arrived per mutation id (over every life of the process). */
  rejectedEvents: Map<number, number>;
  /** Findings of the checks made right after each restart of the process (invariant 10). */
  crashFindings: string[];
  /** Sync rounds it took to drain the outbox at quiescence, or null if it never drained. */
  drainRounds: number | null;
  final: {
    replica: Replica;
    preApplications: LocalPreApplication[];
    fairs: LocalFair[];
    status: SyncStatus;
    rejections: Rejection[];
  };
  /** A pull as this client (its id and token) after quiescence, with every result (`resultsAfter: 0`). */
  finalPull: SyncPullResponse | null;
}

export interface PushedMutation {
  id: number;
  name: MutationName;
  args: Record<string, unknown>;
  /** Canonical JSON of name+args, to compare copies of the same id. */
  content: string;
}

/** The log, parsed: pushes and pulls per client id, with their answers. */
export interface ParsedExchange<Req, Res> {
  exchange: Exchange;
  request: Req;
  response: Res | null;
}

export interface Parsed {
  pushes: Map<string, Array<ParsedExchange<PushRequest, PushResponse>>>;
  pulls: Map<string, Array<ParsedExchange<SyncPullRequest & { cookie: string | null; snapshotCursor: string | null }, SyncPullResponse>>>;
  /** Client label → client ids it used. */
  clientIdsOf: Map<string, Set<string>>;
  /** Client id → client label. */
  labelOf: Map<string, string>;
  /** Every mutation every client pushed, per client id. */
  mutations: Map<string, Map<number, PushedMutation[]>>;
  /** Every rejection the server reported anywhere, per client id and mutation id. */
  rejections: Map<string, Map<number, MutationResult[]>>;
  /** Answers the schema did not accept (a protocol violation in itself). */
  malformed: string[];
}

export function parseLog(log: ExchangeLog): Parsed {
  const parsed: Parsed = {
    pushes: new Map(),
    pulls: new Map(),
    clientIdsOf: new Map(),
    labelOf: new Map(),
    mutations: new Map(),
    rejections: new Map(),
    malformed: [],
  };
  const listIn = <K, V>(map: Map<K, V[]>, key: K): V[] => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    return list;
  };
  const noteClient = (label: string, clientId: string): void => {
    let ids = parsed.clientIdsOf.get(label);
    if (!ids) parsed.clientIdsOf.set(label, (ids = new Set()));
    ids.add(clientId);
    parsed.labelOf.set(clientId, label);
  };
  const noteResults = (clientId: string, results: readonly MutationResult[]): void => {
    let byId = parsed.rejections.get(clientId);
    if (!byId) parsed.rejections.set(clientId, (byId = new Map()));
    for (const result of results) listIn(byId, result.mutationId).push(result);
  };

  for (const exchange of log.exchanges) {
    if (exchange.path === '/api/sync/push') {
      const request = PushRequest.safeParse(exchange.requestBody);
      if (!request.success) continue; // the client never sends these; nothing to learn
      noteClient(exchange.client, request.data.clientId);
      let byId = parsed.mutations.get(request.data.clientId);
      if (!byId) parsed.mutations.set(request.data.clientId, (byId = new Map()));
      for (const m of request.data.mutations) {
        const args = (m.args ?? {}) as Record<string, unknown>;
        listIn(byId, m.id).push({ id: m.id, name: m.name, args, content: JSON.stringify([m.name, args]) });
      }
      let response: PushResponse | null = null;
      if (exchange.status === 200) {
        const answer = PushResponse.safeParse(exchange.responseBody);
        if (answer.success) {
          response = answer.data;
          noteResults(request.data.clientId, answer.data.results);
        } else parsed.malformed.push(`push answer #${exchange.seq} to ${exchange.client} does not match PushResponse`);
      }
      listIn(parsed.pushes, request.data.clientId).push({ exchange, request: request.data, response });
    } else if (exchange.path === '/api/sync/pull') {
      const request = SyncPullRequest.safeParse(exchange.requestBody);
      if (!request.success) continue;
      const req = { ...request.data, cookie: request.data.cookie, snapshotCursor: request.data.snapshotCursor ?? null };
      noteClient(exchange.client, req.clientId);
      let response: SyncPullResponse | null = null;
      if (exchange.status === 200) {
        const answer = SyncPullResponse.safeParse(exchange.responseBody);
        if (answer.success) {
          response = answer.data;
          noteResults(req.clientId, answer.data.results);
        } else parsed.malformed.push(`pull answer #${exchange.seq} to ${exchange.client} does not match SyncPullResponse`);
      }
      listIn(parsed.pulls, req.clientId).push({ exchange, request: req, response });
    }
  }
  return parsed;
}
