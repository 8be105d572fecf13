import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandidateSessions } from '../candidates/candidateSessions';
import { openTestWorld, type TestWorld } from '../sync/testWorld';
import { UploadFileStore } from '../uploads/fileStore';
import { samplePng } from '../uploads/sampleFiles';
import { UploadService } from '../uploads/uploadService';
import { Candidate, CandidateSession, Upload } from './entities';
import { databaseKindsUnderTest } from './testDatabases';
import { duringRolledBackTransaction } from './testTransactions';

/**
 * Writes made outside sync transactions (a stored upload, a portal sign-out) while a sync
 * transaction is open and then rolled back. On SQLite they share its one connection; they must
 * still land, because the client has already been told they did. (PostgreSQL runs them on another
 * connection; it is here to show the same calls hold there.)
 */
describe.each(databaseKindsUnderTest())('writes outside sync transactions on %s', (kind) => {
  let world: TestWorld;
  let dir: string;

  beforeAll(async () => {
    world = await openTestWorld(kind, Date.UTC(2026, 10, 23, 9));
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fairdesk-queued-writes-'));
  });
  afterAll(async () => {
    await world?.dispose();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('keeps an upload row whose 201 was answered while another transaction rolled back', async () => {
    const uploads = new UploadService(world.tx, new UploadFileStore(dir));
    const admin = await world.user('admin@kazlogistics.demo');
    const stored = await duringRolledBackTransaction(world.tx, () => uploads.create(admin, { kind: 'image', bytes: samplePng(4, 4), declaredName: 'logo.png' }));
    expect(await world.t.db.getRepository(Upload).findOneBy({ id: stored.id })).toMatchObject({ sha256: stored.sha256, employerId: admin.employerId });
  });

  it('keeps a portal sign-out made while another transaction rolled back', async () => {
    const sessions = new CandidateSessions(world.tx, 's'.repeat(40));
    const candidate = world.t.db.getRepository(Candidate).create({
      id: crypto.randomUUID(), email: 'queued-writes@candidate.kz', name: 'Queued Writes', phone: '+7 700 000 00 00', locale: 'en', createdAt: 1, updatedAt: 1,
    });
    await world.t.db.getRepository(Candidate).insert(candidate);
    const { token, session } = await world.tx.job((manager) => sessions.create(manager, candidate.id));
    await duringRolledBackTransaction(world.tx, () => sessions.revoke(session.id));
    expect((await world.t.db.getRepository(CandidateSession).findOneByOrFail({ id: session.id })).revokedAt).not.toBeNull();
    await expect(sessions.authenticate(token)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
