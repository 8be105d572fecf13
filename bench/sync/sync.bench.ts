import { EventEmitter, once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, expect, it } from 'vitest';
import type { LocalPreApplication, SessionInfo, SyncStatus } from '../../src/shared/contract/ipc';
import { openCacheDataSource } from '../../src/core/cache/openCache';
import { User } from '../../src/server/db/entities';
import { databaseTarget } from '../../src/server/db/dataSource';
import { TransactionRunner } from '../../src/server/db/transactions';
import { moveWalSyncsOffTheLoop } from '../../src/server/db/walFlusher';
import { PreApplicationService } from '../../src/server/domain/preApplicationService';
import { startServer, type RunningServer } from '../../tests/integration/support/serverProcess';
import { ClientProcess } from '../../tests/sim/clientProcess';
import { ExchangeLog } from '../../tests/sim/exchangeLog';
import { FaultProxy } from '../../tests/sim/faultProxy';
import { Prng } from '../../tests/sim/prng';
import { bearer, fullSnapshot, login } from '../../tests/sim/serverApi';
import { PASSWORD } from '../../tests/sim/world';
import { copyServerData, insertPreApplications, openServerData } from './benchWorld';

/**
 * `npm run bench:sync` — the sync engine against baselines measured in the same run (no
 * wall-clock asserts; the figures are printed):
 *  (a) initial sync of 100,000 pre-applications into an empty cache through the real core (its
 *      paged snapshot path, a real server process) vs a raw sqlite3 multi-row bulk insert of the
 *      same rows into the same cache schema — goal ≤ 2×;
 *  (b) draining 1,000 decisions made offline through the core's outbox and push vs applying the
 *      same 1,000 decisions through the server's domain service in-process — goal ≤ 2×;
 *  (c) the client process's memory during initial syncs of 25k, 50k and 100k rows — goal: flat,
 *      not proportional to the row count. Peak `heapUsed` alone cannot tell: V8 collects lazily, so
 *      garbage piles up longer in a longer run. Each size is therefore synced twice: once as is
 *      (the time, peak RSS and peak heap) and once with `--expose-gc`, the client forcing a full
 *      collection every 50 ms and recording what survives it (the peak live heap — retention).
 * Each client is the built core in its own process (tests/sim/driver.mjs), so its memory is its own.
 */
const ALMATY = 'Almaty City Career Centre';
const MODERATOR = 'moderator@fairdesk.demo';
const SIZES = (process.env['BENCH_SIZES'] ?? '25000,50000,100000').split(',').map(Number);
const DECISIONS = Number(process.env['BENCH_DECISIONS'] ?? 1000);

/**
 * The servers run as deployed: vitest sets NODE_ENV=test, which the server process would inherit
 * and then re-validate every answer against the shared zod schemas — a development aid that is
 * off in production and would otherwise be part of what (a) and (b) measure.
 */
const PRODUCTION = { NODE_ENV: 'production' };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-bench-sync-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

interface SyncRun {
  rows: number;
  syncMs: number;
  loginMs: number;
  peakRss: number;
  peakHeap: number;
  peakLiveHeap: number;
  idleRss: number;
  cacheDir: string;
  serverOnlyMs: number;
}

/** A server with only the demo world, stopped; returns its data dir. */
async function seededServerData(name: string): Promise<string> {
  const dataDir = path.join(work, name);
  const server = await startServer({ dataDir, seed: true });
  await server.stop();
  return dataDir;
}

async function clientFor(
  label: string,
  serverUrl: string,
  execArgv: string[] = [],
): Promise<{ client: ClientProcess; bus: EventEmitter; cacheDir: string }> {
  const bus = new EventEmitter();
  const cacheDir = path.join(work, `cache-${label}`);
  const client = await ClientProcess.start({
    execArgv,
    label,
    dataDir: cacheDir,
    serverUrl,
    serverTimeoutMs: 120_000,
    onEvent: (event, payload) => bus.emit(event, payload),
  });
  return { client, bus, cacheDir };
}

async function untilIdle(bus: EventEmitter): Promise<SyncStatus> {
  for (;;) {
    const [status] = (await once(bus, 'sync.status')) as [SyncStatus];
    if (status.state === 'idle' && status.lastSyncedAt !== null) return status;
    if (status.state === 'error' || status.state === 'signed_out') throw new Error(`sync failed: ${status.message ?? status.state}`);
  }
}

/** The server's part alone: every snapshot page over HTTP, parsed, nothing stored. */
async function serverSnapshotMs(server: RunningServer): Promise<number> {
  const session = await login(server.url, MODERATOR, PASSWORD);
  const t0 = performance.now();
  await fullSnapshot(server.url, bearer(session.token));
  return performance.now() - t0;
}

/** The highest live heap (after forced full collections) of a client syncing `rows` rows from scratch. */
async function measureLiveHeap(server: RunningServer, rows: number): Promise<number> {
  const { client, bus } = await clientFor(`live-heap-${rows}`, server.url, ['--expose-gc']);
  try {
    const idleNow = untilIdle(bus);
    await client.value<SessionInfo>('session.login', { serverUrl: server.url, email: MODERATOR, password: PASSWORD });
    await idleNow;
    const memory = await client.memory();
    expect(memory.peakLiveHeap ?? 0).toBeGreaterThan(0);
    return memory.peakLiveHeap ?? 0;
  } finally {
    await client.close();
  }
}

/** Signs a fresh client in and measures its initial sync (login answer → first "idle"). */
async function measureInitialSync(server: RunningServer, rows: number): Promise<SyncRun> {
  const { client, bus, cacheDir } = await clientFor(`initial-${rows}`, server.url);
  try {
    const idle = await client.memory(true);
    const idleNow = untilIdle(bus);
    const t0 = performance.now();
    await client.value<SessionInfo>('session.login', { serverUrl: server.url, email: MODERATOR, password: PASSWORD });
    const loggedIn = performance.now();
    await idleNow;
    const t1 = performance.now();
    const memory = await client.memory();
    const cached = await client.value<LocalPreApplication[]>('preApplications.list');
    expect(cached.length).toBeGreaterThanOrEqual(rows);
    // The sync starts while the login call is still returning; count it from the login answer
    // but never below zero, and report the login separately.
    return {
      rows,
      syncMs: t1 - loggedIn,
      loginMs: loggedIn - t0,
      peakRss: memory.peakRss,
      peakHeap: memory.peakHeap,
      peakLiveHeap: 0,
      idleRss: idle.rss,
      cacheDir,
      serverOnlyMs: await serverSnapshotMs(server),
    };
  } finally {
    await client.close();
  }
}

/** The raw baseline: the same pre-application rows, multi-row INSERTs of 500 in one transaction, into a fresh cache. */
async function rawBulkInsert(syncedCacheDir: string): Promise<{ ms: number; rows: number }> {
  const source = await openCacheDataSource(syncedCacheDir);
  const rows = (await source.query('SELECT * FROM pre_applications')) as Array<Record<string, unknown>>;
  await source.destroy();
  const freshDir = path.join(work, 'raw-cache');
  const fresh = await openCacheDataSource(freshDir);
  const file = fresh.options.database as string;
  await fresh.destroy();

  const db = new sqlite3.Database(file);
  const run = (sql: string, params: unknown[] = []): Promise<void> =>
    new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
  const columns = Object.keys(rows[0] ?? {});
  const perStatement = Math.min(500, Math.floor(30_000 / Math.max(1, columns.length)));
  const placeholder = `(${columns.map(() => '?').join(', ')})`;
  await run('PRAGMA journal_mode = WAL');
  const t0 = performance.now();
  await run('BEGIN');
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    for (const row of chunk) for (const column of columns) params.push(row[column]);
    await run(`INSERT INTO pre_applications (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${chunk.map(() => placeholder).join(', ')}`, params);
  }
  await run('COMMIT');
  const ms = performance.now() - t0;
  await new Promise<void>((resolve) => db.close(() => resolve()));
  return { ms, rows: rows.length };
}

it('sync benchmark', async () => {
  // ---- (a) and (c): initial syncs of growing scopes -----------------------------------------
  const dataDir = await seededServerData('server-initial');
  const runs: SyncRun[] = [];
  let inserted = 0;
  for (const size of SIZES) {
    await insertPreApplications(dataDir, { centreName: ALMATY, from: inserted, count: size - inserted, way: 1 });
    inserted = size;
    const server = await startServer({ dataDir, seed: false, env: PRODUCTION });
    try {
      const run = await measureInitialSync(server, size);
      run.peakLiveHeap = await measureLiveHeap(server, size);
      runs.push(run);
    } finally {
      await server.stop();
    }
    console.log(`[bench] initial sync of ${size} rows: ${secs(runs[runs.length - 1]?.syncMs ?? 0)}`);
  }
  const largest = runs[runs.length - 1] as SyncRun;
  const raw = await rawBulkInsert(largest.cacheDir);

  // ---- (b): 1,000 offline decisions, drained through the outbox vs the domain service --------
  const decisionsDir = await seededServerData('server-decisions');
  const ids = await insertPreApplications(decisionsDir, { centreName: ALMATY, from: 0, count: DECISIONS, way: 2 });
  const baselineDir = path.join(work, 'server-decisions-baseline');
  copyServerData(decisionsDir, baselineDir);
  const decisionOf = (i: number): { decision: 'approve' | 'reject'; reason: string | null } =>
    i % 2 === 0 ? { decision: 'approve', reason: null } : { decision: 'reject', reason: 'The benchmark rejects every second application.' };

  const server = await startServer({ dataDir: decisionsDir, seed: false, env: PRODUCTION });
  let drainMs = 0;
  let recordMs = 0;
  let syncCalls = 0;
  try {
    const proxy = await FaultProxy.start({ client: 'bench', log: new ExchangeLog(), prng: new Prng(1), upstream: () => server.url, killServer: async () => undefined });
    const { client, bus } = await clientFor('decisions', proxy.url);
    try {
      const idle = untilIdle(bus);
      await client.value<SessionInfo>('session.login', { serverUrl: proxy.url, email: MODERATOR, password: PASSWORD });
      await idle;
      proxy.setOnline(false);
      // "Waiting to send" is recounted just after each change; wait until it has counted them all.
      const allCounted = client.nextEvent<SyncStatus>('sync.status', (st) => st.pending === DECISIONS, 600_000);
      const t0 = performance.now();
      for (const [i, id] of ids.entries()) await client.value('preApplications.decide', { id, ...decisionOf(i), fairId: null });
      recordMs = performance.now() - t0;
      const waiting = await allCounted;
      proxy.setOnline(true);
      const t1 = performance.now();
      let status = waiting;
      while (status.pending > 0 && syncCalls < 50) {
        status = await client.value<SyncStatus>('sync.now');
        syncCalls += 1;
      }
      drainMs = performance.now() - t1;
      expect(status.pending).toBe(0);
      expect(status.rejections).toBe(0);
    } finally {
      await client.close();
      await proxy.close();
    }
  } finally {
    await server.stop();
  }

  const db = await openServerData(baselineDir);
  // As durable as the server: each decision is answered once its commit is on disk.
  const flusher = await moveWalSyncsOffTheLoop(db, databaseTarget({ dataDir: baselineDir, databaseUrl: null }));
  let directMs = 0;
  try {
    const tx = new TransactionRunner(db, undefined, undefined, flusher ?? undefined);
    const moderator = await db.manager.findOneByOrFail(User, { email: MODERATOR });
    const t0 = performance.now();
    for (const [i, id] of ids.entries()) {
      await tx.write((ctx) =>
        new PreApplicationService(ctx).decidePreApplication(moderator, { id, ...decisionOf(i), fairId: null, expectedStatus: 'under_review' }),
      );
    }
    directMs = performance.now() - t0;
  } finally {
    await flusher?.close();
    await db.destroy();
  }

  // ---- report -----------------------------------------------------------------------------------
  const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
  const table = [
    '',
    'FairDesk sync benchmark (one run; goals in brackets)',
    '',
    '| measurement | FairDesk | baseline | ratio |',
    '| --- | --- | --- | --- |',
    `| (a) initial sync, ${largest.rows.toLocaleString('en')} pre-applications into an empty cache [≤ 2×] | ${secs(largest.syncMs)} (core, snapshot pages over HTTP) | ${secs(raw.ms)} (raw sqlite3 multi-row INSERT, ${raw.rows.toLocaleString('en')} rows) | ${ratio(largest.syncMs, raw.ms)} |`,
    `| (b) drain ${DECISIONS.toLocaleString('en')} offline decisions [≤ 2×] | ${secs(drainMs)} (outbox → push → pull, ${syncCalls} sync call(s)) | ${secs(directMs)} (domain service in-process, one transaction each) | ${ratio(drainMs, directMs)} |`,
    '',
    `(recording the ${DECISIONS} decisions offline took ${secs(recordMs)}; login ≈ ${secs(largest.loginMs)}, excluded from (a))`,
    '',
    '| (c) initial sync of | time | of which the server could serve alone* | client peak RSS | client peak heap | peak live heap** | RSS before login |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map(
      (r) => `| ${r.rows.toLocaleString('en')} rows | ${secs(r.syncMs)} | ${secs(r.serverOnlyMs)} | ${mb(r.peakRss)} | ${mb(r.peakHeap)} | ${mb(r.peakLiveHeap)} | ${mb(r.idleRss)} |`,
    ),
    '',
    '* every snapshot page fetched and parsed by a bare HTTP client, nothing stored: the floor the server sets for (a).',
    '** the same sync again, the client forcing a full collection every 50 ms: the most it ever kept alive.',
    '',
  ].join('\n');
  console.log(table);
});
