import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../src/shared/api/http';
import type { LocalFair, LocalPreApplication, Rejection, SessionInfo, SyncStatus } from '../../src/shared/contract/ipc';
import type { CentreDto, CompanyDto } from '../../src/shared/domain/records';
import type { RejectionCode } from '../../src/shared/sync/mutations';
import type { SyncPullResponse } from '../../src/shared/sync/protocol';
import { ClientGone, ClientProcess } from './clientProcess';
import { parseLog, type ClientEvidence } from './evidence';
import { ExchangeLog, type FaultKind } from './exchangeLog';
import { FaultProxy, type FaultRates } from './faultProxy';
import { checkInvariants, type CheckStats, type Violation } from './invariants';
import { decideOn, planFingerprint, planOperations, reviewQueue, runDomainOp, type AckedChange, type OpKind, type PlannedOp } from './operations';
import { Prng } from './prng';
import { applyPatch, diffReplicas, emptyReplica, replicaFrom, type Replica } from './replica';
import { bearer, fullSnapshot, login, pull, push } from './serverApi';
import { SimServer } from './simServer';
import { ACTORS, addSecondAlmatyModerator, PASSWORD, type Actor } from './world';

export interface SimulationOptions {
  seed: number;
  ops: number;
  /** PostgreSQL instead of the server's SQLite file. */
  databaseUrl?: string;
  /** Core and proxy diagnostics on stderr. */
  debug?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  rates?: FaultRates;
  /** Keep the working directory (server data, caches) for a post-mortem. */
  keepWorkDir?: boolean;
}

export interface SimulationSummary {
  seed: number;
  plannedOps: number;
  planFingerprint: string;
  opsByKind: Record<string, { done: number; skipped: number; refused: number }>;
  faults: Partial<Record<FaultKind, number>>;
  clientKills: number;
  serverKills: { mid_push: number; before_response: number };
  rejectionsByCode: Partial<Record<RejectionCode, number>>;
  pushes: number;
  pulls: number;
  mutations: number;
  checks: CheckStats;
  durationMs: number;
  workDir: string;
}

export interface SimulationResult {
  summary: SimulationSummary;
  violations: Violation[];
}

export const DEFAULT_RATES: FaultRates = { dropRequest: 0.08, dropResponse: 0.1, duplicate: 0.1, delay: 0.1, reorder: 0.05 };
/** The core's per-request timeout in the simulation: a held-back request outlives it. */
const CLIENT_TIMEOUT_MS = 1_500;
const MAX_DRAIN_ROUNDS = 25;

interface SimClient {
  actor: Actor;
  dataDir: string;
  proxy: FaultProxy;
  process: ClientProcess;
  user: SessionInfo['user'] | null;
  acked: AckedChange[];
  dismissed: number[];
  /** Records whose rejection the user dismissed (their effect may be gone for a reason no longer shown). */
  dismissedRecords: Set<string>;
  rejectedEvents: Map<number, number>;
  crashFindings: string[];
}

/**
 * The seeded sync simulation (see ARCHITECTURE.md, "Sync protocol"): five real desktop cores in
 * their own processes, each behind its own fault-injecting proxy, against a real server process;
 * a planned sequence of operations, client kills and server kills mid-push; then quiescence and
 * the check of all ten invariants.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const started = Date.now();
  const say = options.log ?? ((): void => undefined);
  const prng = new Prng(options.seed);
  const plan = planOperations(prng.fork('plan'), ACTORS, options.ops);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `fairdesk-sim-${options.seed}-`));
  const log = new ExchangeLog();
  const server = new SimServer(path.join(workDir, 'server'), options.databaseUrl);
  const clients: SimClient[] = [];
  const opsByKind: SimulationSummary['opsByKind'] = {};
  const serverKills = { mid_push: 0, before_response: 0 };
  let clientKills = 0;
  let failed = true;

  const startProcess = (client: Omit<SimClient, 'process'> & { process?: ClientProcess }): Promise<ClientProcess> =>
    ClientProcess.start({
      label: client.actor.label,
      dataDir: client.dataDir,
      serverUrl: client.proxy.url,
      serverTimeoutMs: CLIENT_TIMEOUT_MS,
      debug: options.debug,
      onEvent: (event, payload) => {
        if (event !== 'sync.rejected') return;
        const id = (payload as Rejection).mutationId;
        client.rejectedEvents.set(id, (client.rejectedEvents.get(id) ?? 0) + 1);
      },
    });

  try {
    // ---- world: server (seeded), a second Almaty moderator, five signed-in clients -------------
    await server.start();
    await server.stop();
    await addSecondAlmatyModerator(path.join(workDir, 'server'), options.databaseUrl);
    await server.start();
    say(`server up at ${server.url}; work dir ${workDir}`);

    for (const actor of ACTORS) {
      const partial = {
        actor,
        dataDir: path.join(workDir, 'clients', actor.label),
        proxy: await FaultProxy.start({
          client: actor.label,
          log,
          prng: prng.fork(`proxy:${actor.label}`),
          upstream: () => server.url,
          killServer: () => server.kill(),
        }),
        user: null,
        acked: [],
        dismissed: [],
        dismissedRecords: new Set<string>(),
        rejectedEvents: new Map<number, number>(),
        crashFindings: [],
      };
      const client: SimClient = { ...partial, process: await startProcess(partial) };
      const session = await client.process.value<SessionInfo>('session.login', { serverUrl: client.proxy.url, email: actor.email, password: PASSWORD });
      client.user = session.user;
      await client.process.value<SyncStatus>('sync.now');
      clients.push(client);
    }
    for (const client of clients) client.proxy.rates = options.rates ?? DEFAULT_RATES;
    say(`${clients.length} clients signed in; running ${plan.length} operations (plan ${planFingerprint(plan)})`);

    // ---- the planned operations -----------------------------------------------------------
    const byLabel = new Map(clients.map((c) => [c.actor.label, c]));
    for (const op of plan) {
      const client = byLabel.get(op.actor);
      if (!client) throw new Error(`unknown actor ${op.actor}`);
      const tally = (opsByKind[op.kind] ??= { done: 0, skipped: 0, refused: 0 });
      if (!server.isUp) await server.restart();
      const outcome = await runStep(op, client);
      tally[outcome] += 1;
      if (op.step % 25 === 0) say(`step ${op.step}/${plan.length}: ${log.exchanges.length} exchanges, server kills ${server.kills}, client kills ${clientKills}`);
    }

    // ---- quiescence ----------------------------------------------------------------------
    say('quiescence: faults off, everyone online, syncing until every outbox is empty');
    for (const client of clients) {
      client.proxy.rates = null;
      client.proxy.disarm();
      client.proxy.setOnline(true);
      if (!client.process.isAlive) await restartClient(client);
    }
    if (!server.isUp) await server.restart();
    const drainRounds = new Map<string, number | null>(clients.map((c) => [c.actor.label, null]));
    for (let round = 1; round <= MAX_DRAIN_ROUNDS; round += 1) {
      for (const client of clients) {
        const status = await client.process.value<SyncStatus>('sync.now');
        if (status.pending === 0 && status.state === 'idle' && drainRounds.get(client.actor.label) === null) drainRounds.set(client.actor.label, round);
      }
      if ([...drainRounds.values()].every((r) => r !== null)) break;
    }
    // One more round for everyone, so each client has pulled the others' last changes.
    for (const client of clients) await client.process.value<SyncStatus>('sync.now');

    // ---- evidence --------------------------------------------------------------------------
    const base = server.url;
    if (base === null) throw new Error('server is down at the end');
    const projections = new Map<string, Replica>();
    for (const client of clients) projections.set(client.actor.label, await projectionOf(base, client.actor.email));
    const evidence: ClientEvidence[] = [];
    for (const client of clients) evidence.push(await gatherEvidence(client, drainRounds.get(client.actor.label) ?? null));

    const parsed = parseLog(log);
    const { replayProbe, gapProbe, finalPulls } = await probes(base, clients, parsed, projections);
    for (const e of evidence) e.finalPull = finalPulls.get(e.actor.label) ?? null;
    const { violations, stats } = checkInvariants({ parsed, clients: evidence, projections, replayProbe, gapProbe });

    const rejectionsByCode: SimulationSummary['rejectionsByCode'] = {};
    for (const byId of parsed.rejections.values()) {
      for (const results of byId.values()) {
        const code = results[0]?.code;
        if (code) rejectionsByCode[code] = (rejectionsByCode[code] ?? 0) + 1;
      }
    }
    const summary: SimulationSummary = {
      seed: options.seed,
      plannedOps: plan.length,
      planFingerprint: planFingerprint(plan),
      opsByKind,
      faults: Object.fromEntries(log.faultCounts),
      clientKills,
      serverKills,
      rejectionsByCode,
      pushes: log.exchanges.filter((e) => e.path === '/api/sync/push').length,
      pulls: log.exchanges.filter((e) => e.path === '/api/sync/pull').length,
      mutations: [...parsed.mutations.values()].reduce((n, byId) => n + byId.size, 0),
      checks: stats,
      durationMs: Date.now() - started,
      workDir,
    };
    failed = violations.length > 0;
    return { summary, violations };
  } finally {
    await Promise.allSettled(clients.map((c) => c.process.close()));
    await Promise.allSettled(clients.map((c) => c.proxy.close()));
    await server.stop();
    if (!options.keepWorkDir && !failed) fs.rmSync(workDir, { recursive: true, force: true });
  }

  /** One planned step; returns how it went. */
  async function runStep(op: PlannedOp, client: SimClient): Promise<'done' | 'skipped' | 'refused'> {
    try {
      switch (op.kind) {
        case 'goOffline':
          client.proxy.setOnline(false);
          return 'done';
        case 'goOnline':
          if (client.proxy.online) return 'skipped';
          client.proxy.setOnline(true);
          return 'done';
        case 'killClient':
          await client.process.kill();
          clientKills += 1;
          await restartClient(client);
          return 'done';
        case 'killServer':
          return await killServerMidPush(op, client);
        case 'contest':
          return await contest(op, client);
        default:
          return await domainStep(op, client);
      }
    } catch (error) {
      if (error instanceof ClientGone) {
        client.crashFindings.push(`the process died on its own during step ${op.step} (${op.kind}):\n${client.process.recentStderr()}`);
        await restartClient(client);
        return 'refused';
      }
      throw error;
    }
  }

  async function domainStep(op: PlannedOp, client: SimClient): Promise<'done' | 'skipped' | 'refused'> {
    const outcome = await runDomainOp(op, client.process, client.actor);
    if (outcome.status === 'done') {
      if (outcome.acked) client.acked.push(outcome.acked);
      if (outcome.dismissed !== undefined) {
        client.dismissed.push(outcome.dismissed.mutationId);
        if (outcome.dismissed.recordId !== null) client.dismissedRecords.add(outcome.dismissed.recordId);
      }
      return 'done';
    }
    if (outcome.status === 'refused' && options.debug) say(`step ${op.step} ${op.kind} refused by ${client.actor.label}: ${outcome.code} ${outcome.message}`);
    return outcome.status;
  }

  /**
   * Two offline moderators of one centre decide the same application (ARCHITECTURE.md invariant 9):
   * both Almaty clients go offline, each decides the oldest application both still see as under
   * review, then both come back as they were. For the Astana moderator it is a plain decision.
   */
  async function contest(op: PlannedOp, client: SimClient): Promise<'done' | 'skipped' | 'refused'> {
    const pair = clients.filter((c) => c.actor.label.startsWith('mod-almaty'));
    if (!pair.includes(client) || pair.length !== 2) return domainStep({ ...op, kind: 'decide' }, client);
    const wasOnline = pair.map((c) => c.proxy.online);
    for (const c of pair) c.proxy.setOnline(false);
    try {
      const [first, second] = pair as [SimClient, SimClient];
      const seenBySecond = new Set((await reviewQueue(second.process)).map((a) => a.id));
      const common = (await reviewQueue(first.process)).filter((a) => seenBySecond.has(a.id));
      const target = common[Math.floor(op.r[0] * op.r[0] * common.length)];
      if (!target) return 'skipped';
      const outcomes = [
        await decideOn(first.process, first.actor, op, target, op.r[1], op.r[2], op.r[3]),
        await decideOn(second.process, second.actor, op, target, op.r[2], op.r[1], op.r[0]),
      ];
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'done' && outcome.acked) pair[i]?.acked.push(outcome.acked);
      });
      return outcomes.every((o) => o.status === 'done') ? 'done' : 'refused';
    } finally {
      pair.forEach((c, i) => c.proxy.setOnline(wasOnline[i] ?? true));
    }
  }

  /**
   * Makes sure the client has something to push (a change made offline, so the core's own
   * immediate sync cannot send it first), arms its proxy to kill the server on that push, syncs.
   * The two kill modes alternate, so both happen in every run that kills the server twice.
   */
  async function killServerMidPush(op: PlannedOp, client: SimClient): Promise<'done' | 'skipped' | 'refused'> {
    const mode = (serverKills.mid_push + serverKills.before_response) % 2 === 0 ? 'mid_push' : 'before_response';
    const wasOnline = client.proxy.online;
    client.proxy.setOnline(false);
    const status = await client.process.value<SyncStatus>('sync.status');
    if (status.pending === 0) {
      const change: OpKind = client.actor.kind === 'moderator' ? (op.r[1] < 0.7 ? 'decide' : 'createFair') : 'createPreApplication';
      if ((await domainStep({ ...op, kind: change }, client)) !== 'done') {
        client.proxy.setOnline(wasOnline);
        return 'skipped';
      }
    }
    client.proxy.armServerKill(mode);
    client.proxy.setOnline(true);
    await client.process.call('sync.now');
    client.proxy.disarm();
    if (server.isUp) return 'skipped';
    serverKills[mode] += 1;
    await server.restart();
    return 'done';
  }

  async function restartClient(client: SimClient): Promise<void> {
    client.process = await startProcess(client);
    // The core reports "signed out, nothing waiting" until its sync service has read the stored
    // session and outbox; the check starts from the first status that reflects them.
    const firstStatus = client.process.nextEvent<SyncStatus>('sync.status', (s) => s.state !== 'signed_out');
    const current = await client.process.value<SyncStatus>('sync.status');
    if (current.state === 'signed_out') await firstStatus;
    else void firstStatus.catch(() => undefined);
    client.crashFindings.push(...(await crashCheck(client)));
  }

  /** Invariant 10 right after a restart: the cache opens, is self-consistent, and kept every accepted change. */
  async function crashCheck(client: SimClient): Promise<string[]> {
    const findings: string[] = [];
    const session = await client.process.value<SessionInfo | null>('session.current');
    if (session === null) findings.push('the session was lost across the restart (the user would have to sign in again)');
    // The restarted core syncs at once: a push can land between reading the status and reading the
    // lists. Compare only reads that no sync run came between (the status the same before and after).
    let status = await client.process.value<SyncStatus>('sync.status');
    let apps: LocalPreApplication[] = [];
    let fairs: LocalFair[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      apps = await client.process.value<LocalPreApplication[]>('preApplications.list');
      fairs = await client.process.value<LocalFair[]>('fairs.list');
      const after = await client.process.value<SyncStatus>('sync.status');
      if (after.pending === status.pending && after.state === status.state) break;
      status = after;
    }
    const rejections = await client.process.value<Rejection[]>('sync.rejections');
    const pendingRecords = [...apps, ...fairs].filter((r) => r.sync.state === 'pending').length;
    if ((status.pending > 0) !== (pendingRecords > 0)) findings.push(`after a restart: ${status.pending} waiting changes but ${pendingRecords} records marked pending`);
    const explained = new Set<string | null>([...rejections.map((r) => r.recordId), ...client.dismissedRecords]);
    for (const change of client.acked) {
      if (explained.has(change.recordId)) continue;
      const app = apps.find((a) => a.id === change.recordId);
      const fair = fairs.find((f) => f.id === change.recordId);
      const ok = ((): boolean => {
        switch (change.mutation) {
          case 'createPreApplication':
            return app !== undefined;
          case 'createFair':
            return fair !== undefined;
          case 'decidePreApplication':
          case 'withdrawPreApplication':
            return app !== undefined && app.status !== 'under_review';
          default:
            return true;
        }
      })();
      if (!ok) findings.push(`after a restart, the accepted ${change.mutation} of ${change.recordId} (step ${change.step}) is gone without a rejection`);
    }
    return findings;
  }

  async function gatherEvidence(client: SimClient, drained: number | null): Promise<ClientEvidence> {
    const preApplications = await client.process.value<LocalPreApplication[]>('preApplications.list');
    const fairs = await client.process.value<LocalFair[]>('fairs.list');
    const centres = await client.process.value<CentreDto[]>('centres.list');
    const companies = await client.process.value<CompanyDto[]>('companies.list');
    const status = await client.process.value<SyncStatus>('sync.status');
    const rejections = await client.process.value<Rejection[]>('sync.rejections');
    const strip = <T extends { sync: unknown }>(items: T[]): Array<Omit<T, 'sync'>> => items.map(({ sync: _sync, ...rest }) => rest);
    if (!client.user) throw new Error(`${client.actor.label} never signed in`);
    return {
      actor: client.actor,
      user: client.user,
      acked: client.acked,
      dismissed: client.dismissed,
      rejectedEvents: client.rejectedEvents,
      crashFindings: client.crashFindings,
      drainRounds: drained,
      final: {
        replica: replicaFrom({ centres, companies, fairs: strip(fairs), preApplications: strip(preApplications) }),
        preApplications,
        fairs,
        status,
        rejections,
      },
      finalPull: null,
    };
  }
}

/** What the server says `email`'s scope holds, from a fresh login and a full (paged) snapshot. */
async function projectionOf(baseUrl: string, email: string): Promise<Replica> {
  const session = await login(baseUrl, email, PASSWORD);
  const { pages } = await fullSnapshot(baseUrl, bearer(session.token));
  const replica = emptyReplica();
  for (const page of pages) applyPatch(replica, page.patch);
  return replica;
}

/**
 * After quiescence, straight to the server as each client (its id, its recorded token):
 * - invariant 1: its last push, replayed three times, changes nothing (same answers, same data);
 * - invariant 2: a push that skips an id is not applied;
 * and the client's final lastMutationId and every rejection (`resultsAfter: 0`) for the checks.
 */
async function probes(
  baseUrl: string,
  clients: SimClient[],
  parsed: ReturnType<typeof parseLog>,
  projections: Map<string, Replica>,
): Promise<{ replayProbe: string[]; gapProbe: string[]; finalPulls: Map<string, SyncPullResponse> }> {
  const finalPulls = new Map<string, SyncPullResponse>();
  const replayProbe: string[] = [];
  const gapProbe: string[] = [];
  const finals = new Map<string, { clientId: string; authorization: string; lastMutationId: number; cookie: string | null }>();
  for (const client of clients) {
    const label = client.actor.label;
    const clientId = [...(parsed.clientIdsOf.get(label) ?? [])][0];
    const lastPull = [...(parsed.pulls.get(clientId ?? '') ?? [])].reverse().find((p) => p.response && !p.response.more && p.exchange.authorization);
    if (!clientId || !lastPull?.exchange.authorization) continue;
    const answer = await pull(baseUrl, lastPull.exchange.authorization, { clientId, cookie: lastPull.response?.cookie ?? null, resultsAfter: 0 });
    finals.set(label, { clientId, authorization: lastPull.exchange.authorization, lastMutationId: answer.lastMutationId, cookie: answer.cookie });
    finalPulls.set(label, answer);
  }

  for (const client of clients) {
    const label = client.actor.label;
    const final = finals.get(label);
    if (!final) continue;
    const pushes = parsed.pushes.get(final.clientId) ?? [];
    const lastPush = pushes[pushes.length - 1];
    if (lastPush) {
      for (let i = 0; i < 3; i += 1) {
        const answer = await push(baseUrl, final.authorization, lastPush.request);
        if (answer.status !== 200 || !answer.parsed) replayProbe.push(`${label}: replaying its last push answered HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
        else if (answer.parsed.lastMutationId !== final.lastMutationId) replayProbe.push(`${label}: a replayed push moved lastMutationId ${final.lastMutationId} → ${answer.parsed.lastMutationId}`);
      }
    }
    const gapId = final.lastMutationId + 2;
    const answer = await push(baseUrl, final.authorization, {
      clientId: final.clientId,
      schemaVersion: SCHEMA_VERSION,
      mutations: [{ id: gapId, name: 'withdrawPreApplication', args: { id: '00000000-0000-4000-8000-00000000dead' }, createdAt: Date.now() }],
    });
    if (answer.status === 200 && answer.parsed && answer.parsed.lastMutationId !== final.lastMutationId) gapProbe.push(`${label}: a push with only id ${gapId} (after ${final.lastMutationId}) moved lastMutationId to ${answer.parsed.lastMutationId}`);
    if (answer.status >= 500) gapProbe.push(`${label}: a push with a gap answered HTTP ${answer.status}`);
    const after = await pull(baseUrl, final.authorization, { clientId: final.clientId, cookie: final.cookie, resultsAfter: 0 });
    if (after.lastMutationId !== final.lastMutationId) gapProbe.push(`${label}: after the gap probe the server reports lastMutationId ${after.lastMutationId} (was ${final.lastMutationId})`);
    if (after.results.some((r) => r.mutationId === gapId)) gapProbe.push(`${label}: the server recorded a result for the skipped-ahead mutation ${gapId}`);
  }

  // Nothing the probes sent may have changed anyone's data.
  for (const client of clients) {
    const before = projections.get(client.actor.label);
    if (!before) continue;
    const now = await projectionOf(baseUrl, client.actor.email);
    const diff = diffReplicas(before, now, 3);
    if (diff.length > 0) replayProbe.push(`${client.actor.label}: replayed pushes changed the data: ${diff.join('; ')}`);
  }
  return { replayProbe, gapProbe, finalPulls };
}
