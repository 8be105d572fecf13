import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, User } from '../db/entities';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../db/testDatabases';
import { duringRolledBackTransaction } from '../db/testTransactions';
import { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';
import { LAST_SEEN_RESOLUTION_MS, SessionService } from './sessionService';
import { hashSessionToken } from './tokens';

const SECRET = 's'.repeat(40);
const TTL = 3_600_000;

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ServerError);
  expect((error as ServerError).code).toBe(code);
}

describe.each(databaseKindsUnderTest())('SessionService on %s', (kind) => {
  let t: TestDatabase;
  let now = 1_800_000_000_000;
  let service: SessionService;
  let tx: TransactionRunner;
  let user: User;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    tx = new TransactionRunner(t.db);
    service = new SessionService(tx, { secret: SECRET, ttlMs: TTL, now: () => now });
    user = t.db.getRepository(User).create({
      id: crypto.randomUUID(), email: 'u@e.kz', passwordHash: 'x', displayName: 'U', role: 'employer_admin',
      centreId: null, employerId: null, active: true, locale: 'en', createdAt: now,
    });
    await t.db.getRepository(User).insert(user);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('stores only the keyed hash of the token it hands out', async () => {
    const { token, session } = await service.create(user, 'desktop');
    const stored = await t.db.getRepository(Session).findOneByOrFail({ id: session.id });
    expect(stored.tokenHash).toBe(hashSessionToken(SECRET, token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt).toBe(now + TTL);
    const auth = await service.authenticate(token);
    expect(auth.user.id).toBe(user.id);
  });

  it('refuses missing, malformed and unknown tokens as unauthenticated', async () => {
    await expectCode(service.authenticate(undefined), 'unauthenticated');
    await expectCode(service.authenticate('nope'), 'unauthenticated');
    await expectCode(service.authenticate('A'.repeat(43)), 'unauthenticated');
  });

  it('expires sessions after the TTL', async () => {
    const { token } = await service.create(user, 'desktop');
    now += TTL - 1;
    await service.authenticate(token);
    now += 1;
    await expectCode(service.authenticate(token), 'session_expired');
  });

  it('revokes a session once and tells listeners', async () => {
    const { token, session } = await service.create(user, 'desktop');
    const revoked: string[] = [];
    const off = service.onRevoked((id) => revoked.push(id));
    await service.revoke(session.id);
    await service.revoke(session.id);
    off();
    expect(revoked).toEqual([session.id]);
    await expectCode(service.authenticate(token), 'unauthenticated');
  });

  it('touches lastSeenAt at most once a minute', async () => {
    const { token, session } = await service.create(user, 'desktop');
    const lastSeen = async () => (await t.db.getRepository(Session).findOneByOrFail({ id: session.id })).lastSeenAt;
    const created = now;
    now += LAST_SEEN_RESOLUTION_MS - 1;
    await service.authenticate(token);
    expect(await lastSeen()).toBe(created);
    now += 1;
    await service.authenticate(token);
    expect(await lastSeen()).toBe(now);
  });

  it('keeps a sign-in, a sign-out and a lastSeenAt touch made while another transaction is open and then rolled back', async () => {
    const stored = (id: string) => t.db.getRepository(Session).findOneBy({ id });
    const signedIn = await duringRolledBackTransaction(tx, () => service.create(user, 'desktop'));
    expect(await stored(signedIn.session.id)).not.toBeNull();
    await expect(service.authenticate(signedIn.token)).resolves.toMatchObject({ session: { id: signedIn.session.id } });

    now += LAST_SEEN_RESOLUTION_MS;
    await duringRolledBackTransaction(tx, () => service.authenticate(signedIn.token));
    expect((await stored(signedIn.session.id))?.lastSeenAt).toBe(now);

    await duringRolledBackTransaction(tx, () => service.revoke(signedIn.session.id));
    expect((await stored(signedIn.session.id))?.revokedAt).toBe(now);
    await expectCode(service.authenticate(signedIn.token), 'unauthenticated');
  });

  it('stops sessions of a deactivated account', async () => {
    const { token } = await service.create(user, 'desktop');
    await t.db.getRepository(User).update({ id: user.id }, { active: false });
    await expectCode(service.authenticate(token), 'account_inactive');
    await t.db.getRepository(User).update({ id: user.id }, { active: true });
  });
});
