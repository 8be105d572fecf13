import type { PatchOp } from '../../src/shared/api/http';
import type { PreApplicationDto } from '../../src/shared/domain/records';
import type { UserDto } from '../../src/shared/domain/roles';
import type { MutationResult } from '../../src/shared/sync/mutations';
import type { ClientEvidence, Parsed, PushedMutation } from './evidence';
import { applyPatch, cloneReplica, diffReplicas, emptyReplica, stableJson, type Replica } from './replica';

/**
 * The ten invariants of ARCHITECTURE.md ("Sync protocol"), checked after quiescence against what
 * the proxies recorded, what the clients show and fresh snapshots taken straight from the server.
 * Each finding names its invariant; an empty list means the run upheld all ten.
 */
export interface Violation {
  invariant: number;
  message: string;
}

export interface CheckInput {
  parsed: Parsed;
  clients: ClientEvidence[];
  /** Fresh full snapshot per client label, as that client's user, after quiescence. */
  projections: Map<string, Replica>;
  /** Findings of the post-quiescence probes: replayed pushes (1) and a push with a gap (2). */
  replayProbe: string[];
  gapProbe: string[];
}

export interface CheckStats {
  pullsReplayed: number;
  pullStatesChecked: number;
  contestedRecords: number;
  lostRaces: number;
}

export function checkInvariants(input: CheckInput): { violations: Violation[]; stats: CheckStats } {
  const violations: Violation[] = [];
  const stats: CheckStats = { pullsReplayed: 0, pullStatesChecked: 0, contestedRecords: 0, lostRaces: 0 };
  const fail = (invariant: number, message: string): void => {
    violations.push({ invariant, message });
  };
  const { parsed } = input;
  const userOf = new Map<string, UserDto>();
  const evidenceOf = new Map<string, ClientEvidence>();
  for (const client of input.clients) evidenceOf.set(client.actor.label, client);
  for (const [clientId, label] of parsed.labelOf) {
    const evidence = evidenceOf.get(label);
    if (evidence) userOf.set(clientId, evidence.user);
  }
  for (const message of parsed.malformed) fail(6, message);

  // ---- facts shared by several checks ------------------------------------------------------
  const finalLast = new Map<string, number>();
  for (const client of input.clients) {
    const ids = [...(parsed.clientIdsOf.get(client.actor.label) ?? [])];
    if (ids.length !== 1) fail(10, `${client.actor.label} used ${ids.length} client ids (${ids.join(', ')}); a restart must keep its id`);
    if (client.finalPull && ids[0]) {
      finalLast.set(ids[0], client.finalPull.lastMutationId);
      const byId = parsed.rejections.get(ids[0]) ?? new Map<number, MutationResult[]>();
      parsed.rejections.set(ids[0], byId);
      for (const r of client.finalPull.results) {
        const list = byId.get(r.mutationId) ?? [];
        list.push(r);
        byId.set(r.mutationId, list);
      }
    }
  }
  const mutationOf = (clientId: string, id: number): PushedMutation | undefined => parsed.mutations.get(clientId)?.get(id)?.[0];
  const rejectionOf = (clientId: string, id: number): MutationResult | undefined => parsed.rejections.get(clientId)?.get(id)?.[0];
  const applied = (clientId: string, id: number): boolean =>
    id <= (finalLast.get(clientId) ?? 0) && rejectionOf(clientId, id) === undefined && mutationOf(clientId, id) !== undefined;

  // ---- 1. a replayed push has the effect of one ----------------------------------------------
  for (const [clientId, byId] of parsed.rejections) {
    for (const [id, results] of byId) {
      const variants = new Set(results.map((r) => `${r.code}|${r.recordId ?? ''}|${r.message}`));
      if (variants.size > 1) fail(1, `${parsed.labelOf.get(clientId)} mutation ${id} was reported rejected in ${variants.size} different ways: ${[...variants].join(' / ')}`);
    }
  }
  for (const finding of input.replayProbe) fail(1, finding);

  // ---- 2. per-client order, no gaps -----------------------------------------------------------
  for (const [clientId, byId] of parsed.mutations) {
    const label = parsed.labelOf.get(clientId) ?? clientId;
    const ids = [...byId.keys()].sort((a, b) => a - b);
    ids.forEach((id, index) => {
      if (id !== index + 1) fail(2, `${label} numbered its mutations with a gap: ids ${ids.slice(Math.max(0, index - 2), index + 2).join(',')}`);
      const copies = new Set((byId.get(id) ?? []).map((m) => m.content));
      if (copies.size > 1) fail(2, `${label} sent two different mutations under id ${id} (an id reused after a crash?)`);
    });
    for (const push of parsed.pushes.get(clientId) ?? []) {
      const sent = push.request.mutations.map((m) => m.id);
      if (sent.some((id, i) => i > 0 && id !== (sent[i - 1] ?? 0) + 1)) fail(2, `${label} pushed a batch out of order: ${sent.join(',')}`);
      if (push.response) {
        const highestKnown = Math.max(0, ...ids);
        if (push.response.lastMutationId > highestKnown) fail(2, `${label}: push answer claims lastMutationId ${push.response.lastMutationId} above anything pushed (${highestKnown})`);
        const first = sent[0] ?? 1;
        const last = sent[sent.length - 1] ?? 0;
        if (push.response.lastMutationId >= first && push.response.lastMutationId < last) {
          // A batch may stop early only at a transient failure; never skip over one.
          for (const r of push.response.results) if (r.mutationId > push.response.lastMutationId) fail(2, `${label}: rejection for ${r.mutationId} above lastMutationId ${push.response.lastMutationId}`);
        }
      }
    }
  }
  for (const finding of input.gapProbe) fail(2, finding);

  // ---- 3 and 6: replay every pull, check lastMutationId against effects -------------------------
  for (const [clientId, pulls] of parsed.pulls) {
    const label = parsed.labelOf.get(clientId) ?? clientId;
    const user = userOf.get(clientId);
    if (!user) continue;
    const states = new Map<string, Replica>();
    const partial = new Map<string, Replica>();
    const ordered = [...pulls].sort((a, b) => a.exchange.seq - b.exchange.seq);
    for (const { request, response, exchange } of ordered) {
      if (!response) continue;
      let base: Replica | undefined;
      if (request.cookie === null) base = request.snapshotCursor === null ? emptyReplica() : partial.get(request.snapshotCursor);
      else base = response.reset ? emptyReplica() : states.get(request.cookie);
      if (base === undefined) continue;
      const next = applyPatch(cloneReplica(base), response.patch);
      stats.pullsReplayed += 1;
      if (response.more) {
        if (response.snapshotCursor !== null) partial.set(response.snapshotCursor, next);
        continue;
      }
      const known = states.get(response.cookie);
      if (known) {
        const diff = diffReplicas(known, next, 3);
        if (diff.length > 0) fail(6, `${label}: two pulls ending at cookie ${response.cookie} describe different data (#${exchange.seq}): ${diff.join('; ')}`);
      } else states.set(response.cookie, next);
      stats.pullStatesChecked += 1;
      const n = response.lastMutationId;
      for (const [id] of parsed.mutations.get(clientId) ?? []) {
        if (!applied(clientId, id)) continue;
        const m = mutationOf(clientId, id);
        if (!m) continue;
        const visible = effectVisible(next, m, user);
        if (visible === null) continue;
        if (id <= n && !visible) fail(3, `${label}: pull #${exchange.seq} says lastMutationId ${n} but the effect of ${m.name} #${id} (${String(m.args['id'])}) is missing`);
        if (id > n && visible) fail(3, `${label}: pull #${exchange.seq} says lastMutationId ${n} but already shows ${m.name} #${id} (${String(m.args['id'])})`);
      }
    }
  }

  // ---- 4. the outbox drains ---------------------------------------------------------------------
  for (const client of input.clients) {
    const label = client.actor.label;
    if (client.drainRounds === null) fail(4, `${label}: the outbox never drained (still ${client.final.status.pending} waiting)`);
    if (client.final.status.pending !== 0) fail(4, `${label}: ${client.final.status.pending} changes still waiting at the end`);
    const clientId = [...(parsed.clientIdsOf.get(label) ?? [])][0];
    if (!clientId) {
      if (client.acked.length > 0) fail(4, `${label}: ${client.acked.length} accepted changes but nothing was ever pushed`);
      continue;
    }
    const pushedIds = [...(parsed.mutations.get(clientId)?.keys() ?? [])];
    const highest = Math.max(0, ...pushedIds);
    if ((finalLast.get(clientId) ?? -1) !== highest) fail(4, `${label}: server's lastMutationId ${String(finalLast.get(clientId))} ≠ highest pushed ${highest}`);
    const pushedCount = new Map<string, number>();
    for (const copies of parsed.mutations.get(clientId)?.values() ?? []) {
      const m = copies[0];
      if (!m) continue;
      const key = `${m.name}:${String(m.args['id'])}`;
      pushedCount.set(key, (pushedCount.get(key) ?? 0) + 1);
    }
    const ackedCount = new Map<string, number>();
    for (const change of client.acked) {
      const key = `${change.mutation}:${change.recordId}`;
      ackedCount.set(key, (ackedCount.get(key) ?? 0) + 1);
    }
    for (const [key, count] of ackedCount) {
      const sent = pushedCount.get(key) ?? 0;
      if (sent < count) fail(4, `${label}: ${count}× ${key} accepted locally but only ${sent} ever reached the server (lost)`);
    }
    for (const [key, count] of pushedCount) {
      if ((ackedCount.get(key) ?? 0) < count) fail(4, `${label}: pushed ${count}× ${key} that the user made fewer times (phantom mutation)`);
    }
  }

  // ---- 5. every rejection reaches the user exactly once, rolled back ------------------------
  for (const client of input.clients) {
    const label = client.actor.label;
    const clientId = [...(parsed.clientIdsOf.get(label) ?? [])][0];
    const serverRejections = clientId ? [...(parsed.rejections.get(clientId)?.keys() ?? [])] : [];
    const listed = new Map<number, number>();
    for (const r of client.final.rejections) listed.set(r.mutationId, (listed.get(r.mutationId) ?? 0) + 1);
    const dismissed = new Set(client.dismissed);
    for (const id of serverRejections) {
      const shown = listed.get(id) ?? 0;
      if (dismissed.has(id)) {
        if (shown > 0) fail(5, `${label}: rejection of mutation ${id} came back after the user dismissed it`);
      } else if (shown !== 1) fail(5, `${label}: rejection of mutation ${id} is listed ${shown} times (expected once until dismissed)`);
    }
    for (const [id] of listed) if (!serverRejections.includes(id)) fail(5, `${label}: lists a rejection of mutation ${id} the server never made`);
    for (const [id, count] of client.rejectedEvents) {
      if (count > 1) fail(5, `${label}: the rejection of mutation ${id} was announced ${count} times`);
      if (!serverRejections.includes(id)) fail(5, `${label}: announced a rejection of mutation ${id} the server never made`);
    }
    // Rolled back and marked: an undismissed rejection marks its record (when it is still in the cache).
    for (const r of client.final.rejections) {
      if (r.recordId === null) continue;
      const record = client.final.preApplications.find((p) => p.id === r.recordId) ?? client.final.fairs.find((f) => f.id === r.recordId);
      if (record && record.sync.state !== 'rejected') fail(5, `${label}: record ${r.recordId} has an undismissed rejection but shows "${record.sync.state}"`);
    }
    for (const record of [...client.final.preApplications, ...client.final.fairs]) {
      if (record.sync.state === 'pending') fail(4, `${label}: record ${record.id} still "pending" at quiescence`);
    }
  }

  // ---- 6. each cache equals the server's projection of its scope -----------------------------
  for (const client of input.clients) {
    const projection = input.projections.get(client.actor.label);
    if (!projection) {
      fail(6, `${client.actor.label}: no fresh snapshot to compare with`);
      continue;
    }
    const diff = diffReplicas(projection, client.final.replica);
    if (diff.length > 0) fail(6, `${client.actor.label}: cache differs from the server: ${diff.join('; ')}`);
  }

  // ---- 7. no payload carries another tenant's row -------------------------------------------
  const companiesOfCentre = new Map<string, Set<string>>();
  const observe = (p: PreApplicationDto): void => {
    const set = companiesOfCentre.get(p.centreId) ?? new Set<string>();
    set.add(p.companyId);
    companiesOfCentre.set(p.centreId, set);
  };
  for (const pulls of parsed.pulls.values()) for (const { response } of pulls) for (const op of response?.patch ?? []) if (op.op === 'put' && op.entity === 'preApplication') observe(op.value);
  for (const projection of input.projections.values()) for (const p of projection.preApplication.values()) observe(p);
  const outOfScope = (user: UserDto, op: PatchOp): string | null => {
    if (op.op === 'del') return null;
    if (user.role === 'moderator') {
      switch (op.entity) {
        case 'centre':
          return op.value.id === user.centreId ? null : `centre ${op.value.id}`;
        case 'fair':
          return op.value.centreId === user.centreId ? null : `fair ${op.value.id} of centre ${op.value.centreId}`;
        case 'preApplication':
          return op.value.centreId === user.centreId ? null : `pre-application ${op.value.id} of centre ${op.value.centreId}`;
        case 'company':
          return companiesOfCentre.get(user.centreId ?? '')?.has(op.value.id) ? null : `company ${op.value.id} with no application to this centre`;
      }
    }
    switch (op.entity) {
      case 'company':
        return op.value.employerId === user.employerId ? null : `company ${op.value.id} of employer ${op.value.employerId}`;
      case 'preApplication':
        return op.value.employerId === user.employerId ? null : `pre-application ${op.value.id} of employer ${op.value.employerId}`;
      default:
        return null; // centres and fairs are public
    }
  };
  for (const [clientId, pulls] of parsed.pulls) {
    const user = userOf.get(clientId);
    const label = parsed.labelOf.get(clientId) ?? clientId;
    if (!user) continue;
    for (const { response, exchange } of pulls) {
      for (const op of response?.patch ?? []) {
        const leak = outOfScope(user, op);
        if (leak) fail(7, `${label} (${user.email}) received ${leak} in pull #${exchange.seq}`);
      }
      for (const r of response?.results ?? []) {
        const mine = mutationOf(clientId, r.mutationId);
        if (!mine || (r.recordId !== null && r.recordId !== mine.args['id'])) fail(7, `${label}: pull #${exchange.seq} carries a result (mutation ${r.mutationId}, record ${String(r.recordId)}) that is not about its own mutation`);
      }
    }
    for (const { response, exchange } of parsed.pushes.get(clientId) ?? []) {
      for (const r of response?.results ?? []) {
        const mine = mutationOf(clientId, r.mutationId);
        if (!mine || (r.recordId !== null && r.recordId !== mine.args['id'])) fail(7, `${label}: push answer #${exchange.seq} carries a result not about its own mutation ${r.mutationId}`);
      }
    }
  }
  for (const client of input.clients) {
    for (const entity of ['centre', 'fair', 'company', 'preApplication'] as const) {
      for (const value of (input.projections.get(client.actor.label)?.[entity] ?? new Map<string, never>()).values()) {
        const leak = outOfScope(client.user, { op: 'put', entity, value } as PatchOp);
        if (leak) fail(7, `${client.actor.label}: a fresh snapshot holds ${leak}`);
      }
    }
  }

  // ---- 8. cookies never go back --------------------------------------------------------------
  for (const [clientId, pulls] of parsed.pulls) {
    const label = parsed.labelOf.get(clientId) ?? clientId;
    let previous: { cookie: string; parts: number[] } | null = null;
    for (const { request, response, exchange } of [...pulls].filter((p) => !p.exchange.injected).sort((a, b) => a.exchange.requestSeq - b.exchange.requestSeq)) {
      if (request.cookie !== null) {
        const parts = cookieParts(request.cookie);
        if (previous && parts && previous.parts && goesBack(previous.parts, parts)) fail(8, `${label} sent cookie ${request.cookie} after ${previous.cookie} (#${exchange.seq})`);
        if (parts) previous = { cookie: request.cookie, parts };
      }
      if (response && request.cookie !== null) {
        const from = cookieParts(request.cookie);
        const to = cookieParts(response.cookie);
        if (from && to && !response.more && goesBack(from, to)) fail(8, `${label}: the server answered cookie ${request.cookie} with an older ${response.cookie} (#${exchange.seq})`);
      }
    }
  }

  // ---- 9. only legal moves; concurrent decisions: one wins, the others are rejected --------
  const observations = new Map<string, PreApplicationDto[]>();
  const note = (p: PreApplicationDto): void => {
    const list = observations.get(p.id) ?? [];
    list.push(p);
    observations.set(p.id, list);
  };
  for (const pulls of parsed.pulls.values()) for (const { response } of pulls) for (const op of response?.patch ?? []) if (op.op === 'put' && op.entity === 'preApplication') note(op.value);
  const finalState = new Map<string, PreApplicationDto>();
  for (const projection of input.projections.values()) for (const p of projection.preApplication.values()) {
    note(p);
    finalState.set(p.id, p);
  }
  for (const [id, seen] of observations) {
    const byVersion = new Map<number, string>();
    for (const p of seen) {
      const text = stableJson(p);
      const other = byVersion.get(p.version);
      if (other !== undefined && other !== text) fail(9, `pre-application ${id}: two different contents under version ${p.version}`);
      byVersion.set(p.version, text);
    }
    const ordered = [...seen].sort((a, b) => a.version - b.version);
    for (let i = 1; i < ordered.length; i += 1) {
      const before = ordered[i - 1] as PreApplicationDto;
      const after = ordered[i] as PreApplicationDto;
      if (before.status !== after.status && before.status !== 'under_review') fail(9, `pre-application ${id} moved ${before.status} → ${after.status} (v${before.version} → v${after.version})`);
      if (before.status !== 'under_review' && before.decidedBy !== after.decidedBy) fail(9, `pre-application ${id}: its decision changed hands after it was final`);
    }
    const last = ordered[ordered.length - 1];
    if (last && (last.status === 'approved' || last.status === 'rejected') && (last.decidedBy === null || last.decidedAt === null)) fail(9, `pre-application ${id} is ${last.status} without who/when`);
    if (last && last.status === 'rejected' && !last.rejectionReason) fail(9, `pre-application ${id} rejected without a reason`);
  }
  const contenders = new Map<string, Array<{ clientId: string; m: PushedMutation }>>();
  for (const [clientId, byId] of parsed.mutations) {
    for (const [id, copies] of byId) {
      const m = copies[0];
      if (!m || (m.name !== 'decidePreApplication' && m.name !== 'withdrawPreApplication')) continue;
      if (id > (finalLast.get(clientId) ?? 0)) continue;
      const list = contenders.get(String(m.args['id'])) ?? [];
      list.push({ clientId, m });
      contenders.set(String(m.args['id']), list);
    }
  }
  for (const [recordId, list] of contenders) {
    const winners = list.filter(({ clientId, m }) => applied(clientId, m.id));
    if (list.length > 1) stats.contestedRecords += 1;
    stats.lostRaces += list.length - winners.length;
    if (winners.length > 1) fail(9, `pre-application ${recordId}: ${winners.length} competing changes were all applied (${winners.map((w) => `${parsed.labelOf.get(w.clientId)} ${w.m.name}`).join(', ')})`);
    const final = finalState.get(recordId);
    const winner = winners[0];
    if (!final || !winner) continue;
    const user = userOf.get(winner.clientId);
    if (winner.m.name === 'withdrawPreApplication' && final.status !== 'withdrawn') fail(9, `pre-application ${recordId}: withdrawal applied but the status is ${final.status}`);
    if (winner.m.name === 'decidePreApplication') {
      const expected = winner.m.args['decision'] === 'approve' ? 'approved' : 'rejected';
      if (final.status !== expected || final.decidedBy !== user?.id) fail(9, `pre-application ${recordId}: ${parsed.labelOf.get(winner.clientId)}'s decision won but the record is ${final.status} by ${String(final.decidedBy)}`);
    }
  }
  const numbers = new Map<string, string>();
  for (const p of finalState.values()) {
    if (!/^\d{8}-\d+$/.test(p.number)) fail(9, `pre-application ${p.id} has number "${p.number}"`);
    const other = numbers.get(p.number);
    if (other && other !== p.id) fail(1, `two pre-applications share number ${p.number}`);
    numbers.set(p.number, p.id);
  }

  // ---- 10. a crash leaves the old or the new state ------------------------------------------
  for (const client of input.clients) for (const finding of client.crashFindings) fail(10, `${client.actor.label}: ${finding}`);

  return { violations, stats };
}

/**
 * Whether a mutation's effect shows in `state` (null: the mutation has no effect this check can
 * see, e.g. a fair edit that a later edit may have overwritten).
 */
function effectVisible(state: Replica, m: PushedMutation, user: UserDto): boolean | null {
  const id = String(m.args['id']);
  switch (m.name) {
    case 'createPreApplication':
      return state.preApplication.has(id);
    case 'withdrawPreApplication':
      return state.preApplication.get(id)?.status === 'withdrawn';
    case 'decidePreApplication': {
      const p = state.preApplication.get(id);
      const expected = m.args['decision'] === 'approve' ? 'approved' : 'rejected';
      return p !== undefined && p.status === expected && p.decidedBy === user.id;
    }
    case 'createFair':
      return state.fair.has(id);
    default:
      return null;
  }
}

/** The integers of a cookie (`<version>.<epoch>` today); null if it has none. */
function cookieParts(cookie: string): number[] | null {
  const parts = cookie.match(/\d+/g);
  return parts ? parts.map(Number) : null;
}

function goesBack(before: number[], after: number[]): boolean {
  if (before.length !== after.length) return false;
  return before.some((value, i) => (after[i] ?? 0) < value);
}
