import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../db/entities';
import { openTestDatabase, type TestDatabase } from '../db/testDatabases';
import { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';
import { LoginRateLimiter } from './loginRateLimiter';
import { LoginService } from './loginService';
import { hashPassword } from './passwords';
import { SessionService } from './sessionService';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  return error instanceof ServerError ? error.code : undefined;
}

describe('LoginService', () => {
  let t: TestDatabase;
  let sessions: SessionService;
  let login: LoginService;

  beforeAll(async () => {
    t = await openTestDatabase('sqlite');
    sessions = new SessionService(new TransactionRunner(t.db), { secret: 's'.repeat(40), ttlMs: 60_000 });
    login = new LoginService(t.db, sessions, new LoginRateLimiter(3, 60_000));
    const hash = await hashPassword('right-password');
    const base = { passwordHash: hash, role: 'moderator' as const, centreId: null, employerId: null, locale: 'ru' as const, createdAt: 1 };
    await t.db.getRepository(User).insert([
      { ...base, id: crypto.randomUUID(), email: 'active@centre.kz', displayName: 'Active', active: true },
      { ...base, id: crypto.randomUUID(), email: 'gone@centre.kz', displayName: 'Gone', active: false },
    ]);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('signs in with the right password, ignoring e-mail case', async () => {
    const result = await login.login({ email: 'Active@Centre.kz', password: 'right-password', clientName: 'test' }, '1.1.1.1');
    expect(result.user.email).toBe('active@centre.kz');
    expect((await sessions.authenticate(result.token)).user.email).toBe('active@centre.kz');
  });

  it('answers a wrong password and an unknown e-mail identically', async () => {
    expect(await codeOf(login.login({ email: 'active@centre.kz', password: 'wrong' }, '2.2.2.2'))).toBe('invalid_credentials');
    expect(await codeOf(login.login({ email: 'nobody@centre.kz', password: 'wrong' }, '2.2.2.2'))).toBe('invalid_credentials');
  });

  it('tells a deactivated user so only after a correct password', async () => {
    expect(await codeOf(login.login({ email: 'gone@centre.kz', password: 'wrong' }, '3.3.3.3'))).toBe('invalid_credentials');
    expect(await codeOf(login.login({ email: 'gone@centre.kz', password: 'right-password' }, '3.3.3.3'))).toBe('account_inactive');
  });

  it('throttles repeated failures per e-mail and address, even for the right password', async () => {
    for (let i = 0; i < 3; i++) await codeOf(login.login({ email: 'active@centre.kz', password: 'guess' }, '4.4.4.4'));
    const error = await login.login({ email: 'active@centre.kz', password: 'right-password' }, '4.4.4.4').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).code).toBe('forbidden');
    expect((error as ServerError).message).toMatch(/Too many failed sign-in attempts/);
    const elsewhere = await login.login({ email: 'active@centre.kz', password: 'right-password' }, '5.5.5.5');
    expect(elsewhere.token).toBeTruthy();
  });
});
