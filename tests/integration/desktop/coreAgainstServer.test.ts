import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFair, LocalPreApplication, Rejection, SyncStatus } from '../../../src/shared/contract/ipc';
import { createServerDataSource, SQLITE_FILE_NAME } from '../../../src/server/db/dataSource';
import { User } from '../../../src/server/db/entities';
import type { CoreUnderTest } from '../../../src/core/testing/coreHarness';
import { signedInCore, syncDrained } from '../support/desktopCores';
import { loginAs, newClientId, pullAll, putsOf } from '../support/syncClient';
import { startServer, type RunningServer } from '../support/serverProcess';

/**
 * The desktop core (createCore, through its handler table) against a REAL sync server process on
 * SQLite: decisions made while the server is down are pushed when it returns, and two moderators
 * deciding the same application offline end with one applied and the other told why.
 */
const MODERATOR = 'moderator@fairdesk.demo';
const SECOND_MODERATOR = 'moderator2@fairdesk.demo';

describe('desktop core against the real sync server (SQLite)', () => {
  let dataDir: string;
  let server: RunningServer;
  let port: number;
  const cores: CoreUnderTest[] = [];

  /** Stops the server process (the "network" is gone for every core). */
  const stopServer = async (): Promise<void> => {
    await server.stop();
  };
  /** Starts it again on the same port and database. */
  const startAgain = async (): Promise<void> => {
    server = await startServer({ dataDir, seed: false, env: { FAIRDESK_PORT: String(port) } });
  };

  const openCore = async (email: string): Promise<CoreUnderTest> => (await signedInCore(cores, server.url, email)).core;
  const drained = syncDrained;
  const underReview = async (core: CoreUnderTest): Promise<LocalPreApplication[]> =>
    core.call<LocalPreApplication[]>('preApplications.list', { status: 'under_review' });
  /** The application as the server has it, read by a separate API client. */
  const onServer = async (id: string) => {
    const session = await loginAs(server.url, MODERATOR);
    const snapshot = await pullAll(server.url, session.token, { clientId: newClientId(), cookie: null });
    return putsOf(snapshot.patch, 'preApplication').find((p) => p.id === id);
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-core-int-'));
    server = await startServer({ dataDir });
    port = server.port;
    // A second moderator of the Almaty centre (the demo world has one): a copy of the first.
    const direct = createServerDataSource({ kind: 'sqlite', file: path.join(dataDir, SQLITE_FILE_NAME) }, { runMigrations: false });
    await direct.initialize();
    try {
      const users = direct.getRepository(User);
      const first = await users.findOneByOrFail({ email: MODERATOR });
      await users.insert({ ...first, id: crypto.randomUUID(), email: SECOND_MODERATOR, displayName: 'Marat Second' });
    } finally {
      await direct.destroy();
    }
  });
  afterAll(async () => {
    for (const core of cores) await core.core.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a moderator decides while the server is down; the decision lands when it is back', async () => {
    const core = await openCore(MODERATOR);
    const [target] = await underReview(core);
    if (!target) throw new Error('the demo world has no application under review');

    await stopServer();
    const queued = await core.call<LocalPreApplication>('preApplications.decide', {
      id: target.id,
      decision: 'reject',
      reason: 'Vacancies must show salaries.',
    });
    expect(queued).toMatchObject({ status: 'rejected', sync: { state: 'pending' } });
    await expect.poll(async () => core.call<SyncStatus>('sync.status')).toMatchObject({ state: 'offline', pending: 1 });
    // Offline reads still work.
    expect((await core.call<LocalPreApplication[]>('preApplications.list')).length).toBeGreaterThan(1);

    await startAgain();
    const status = await drained(core);
    expect(status).toMatchObject({ pending: 0, rejections: 0 });
    const mine = (await core.call<LocalPreApplication[]>('preApplications.list')).find((p) => p.id === target.id);
    expect(mine).toMatchObject({ status: 'rejected', rejectionReason: 'Vacancies must show salaries.', number: target.number, sync: { state: 'synced' } });
    expect(await onServer(target.id)).toMatchObject({ status: 'rejected', rejectionReason: 'Vacancies must show salaries.', decidedByName: 'Aigerim Sadykova' });
  });

  it('two moderators decide the same application offline: one is applied, the other rejected with the reason', async () => {
    const first = cores[0] ?? (await openCore(MODERATOR));
    await drained(first);
    const second = await openCore(SECOND_MODERATOR);
    const [target] = await underReview(second);
    if (!target) throw new Error('no application under review left');
    const [fair] = (await first.call<LocalFair[]>('fairs.list')).filter((f) => f.centreId === target.centreId);

    await stopServer();
    await first.call('preApplications.decide', { id: target.id, decision: 'approve', fairId: target.way === 1 ? (fair?.id ?? null) : null });
    await second.call('preApplications.decide', { id: target.id, decision: 'reject', reason: 'Contact data incomplete.' });
    await startAgain();

    await drained(first);
    await drained(second);
    // Both pull once more so each sees the other's outcome.
    const statuses = [await first.call<SyncStatus>('sync.now'), await second.call<SyncStatus>('sync.now')];
    const rejections = [await first.call<Rejection[]>('sync.rejections'), await second.call<Rejection[]>('sync.rejections')];
    expect(rejections.map((r) => r.length).sort()).toEqual([0, 1]);
    expect(statuses.map((s) => s.rejections).sort()).toEqual([0, 1]);

    const serverRow = await onServer(target.id);
    const winner = serverRow?.status;
    expect(['approved', 'rejected']).toContain(winner);
    const loser = winner === 'approved' ? second : first;
    const [rejection] = await loser.call<Rejection[]>('sync.rejections');
    expect(rejection).toMatchObject({ code: 'state_changed', recordId: target.id, mutationName: 'decidePreApplication' });
    expect(rejection?.message.length).toBeGreaterThan(10);
    for (const core of [first, second]) {
      const seen = (await core.call<LocalPreApplication[]>('preApplications.list')).find((p) => p.id === target.id);
      expect(seen?.status).toBe(winner);
    }
    const loserView = (await loser.call<LocalPreApplication[]>('preApplications.list')).find((p) => p.id === target.id);
    expect(loserView?.sync).toMatchObject({ state: 'rejected', rejection: { message: rejection?.message } });
  });
});
