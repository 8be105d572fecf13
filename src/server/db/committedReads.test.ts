import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionService } from '../auth/sessionService';
import { seedDemoWorld } from '../seed/demoWorld';
import { openCommittedReads } from './dataSource';
import { Candidate, Session, User } from './entities';
import { openTempSqliteFile, type TestDatabase } from './testDatabases';
import { duringRolledBackTransaction } from './testTransactions';
import { TransactionRunner } from './transactions';

const NOW = Date.UTC(2026, 10, 23, 9);

const newCandidate = (): Candidate =>
  Object.assign(new Candidate(), { id: crypto.randomUUID(), email: `${crypto.randomUUID()}@candidate.kz`, name: 'Reads Test', phone: '+7 700 000 00 00', locale: 'en', createdAt: NOW, updatedAt: NOW });

/**
 * On a SQLite file every statement of the server's connection runs inside whatever transaction is
 * open on it; reads made outside a transaction go through a second, read-only connection instead
 * (TransactionRunner.reads) and see only committed rows.
 */
describe('reads outside transactions on a SQLite file', () => {
  let database: TestDatabase & { file: string };
  let reads: DataSource;
  let tx: TransactionRunner;

  beforeEach(async () => {
    database = await openTempSqliteFile();
    const opened = await openCommittedReads({ kind: 'sqlite', file: database.file });
    if (!opened) throw new Error('a SQLite file must get a reads connection');
    reads = opened;
    tx = new TransactionRunner(database.db, () => NOW, reads);
  });
  afterEach(async () => {
    if (reads?.isInitialized) await reads.destroy();
    await database.dispose();
  });

  it('see only committed rows: not those of a transaction still open (the server connection does), and a commit at once', async () => {
    const doomed = newCandidate();
    const seen = await duringRolledBackTransaction(
      tx,
      async () => ({
        // Why such reads must not use the server connection: there the row already shows.
        onServerConnection: await tx.db.getRepository(Candidate).findOneBy({ id: doomed.id }),
        onReads: await tx.reads.getRepository(Candidate).findOneBy({ id: doomed.id }),
      }),
      (manager) => manager.insert(Candidate, doomed),
    );
    expect(seen.onServerConnection).not.toBeNull();
    expect(seen.onReads).toBeNull();
    expect(await tx.db.getRepository(Candidate).findOneBy({ id: doomed.id })).toBeNull();

    const kept = newCandidate();
    await tx.job((manager) => manager.insert(Candidate, kept));
    expect(await tx.reads.getRepository(Candidate).findOneBy({ id: kept.id })).toMatchObject({ email: kept.email });
  });

  it('cannot write', async () => {
    await expect(tx.reads.getRepository(Candidate).insert(newCandidate())).rejects.toThrow(/readonly/i);
  });

  it('a session revoked in a transaction that is then rolled back keeps working meanwhile', async () => {
    await seedDemoWorld(database.db, NOW, { videoInterviews: false });
    const sessions = new SessionService(tx, { secret: 's'.repeat(40), ttlMs: 3_600_000, now: () => NOW });
    const admin = await tx.reads.getRepository(User).findOneByOrFail({ email: 'admin@kazlogistics.demo' });
    const { token, session } = await sessions.create(admin, 'test desktop');

    const during = await duringRolledBackTransaction(
      tx,
      () => sessions.authenticate(token),
      (manager) => manager.update(Session, { id: session.id }, { revokedAt: NOW }),
    );
    expect(during).toMatchObject({ user: { id: admin.id } });
    await expect(sessions.authenticate(token)).resolves.toMatchObject({ session: { id: session.id, revokedAt: null } });
  });
});

describe('openCommittedReads', () => {
  it('opens nothing where the server connection serves those reads itself (in-memory SQLite, PostgreSQL)', async () => {
    expect(await openCommittedReads({ kind: 'sqlite', file: ':memory:' })).toBeNull();
    expect(await openCommittedReads({ kind: 'postgres', url: 'postgres://127.0.0.1:1/none' })).toBeNull();
  });
});
