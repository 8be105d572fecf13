import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmployerMember } from '../../shared/domain/roles';
import { startCore, type CoreUnderTest } from '../testing/coreHarness';
import { FakeSyncServer } from '../testing/fakeSyncServer';
import { employerId, makeUser } from '../testing/fixtures';

/** `employer.members` through the real handler table and cache, against a fake server over HTTP. */
const otherEmployerId = '00000000-0000-4000-8000-0000000000e2';
const admin = makeUser({ role: 'employer_admin', centreId: null, employerId, email: 'admin@altyn.example', displayName: 'Zhanna Admin' });
const manager = makeUser({ role: 'employer_manager', centreId: null, employerId, email: 'manager@altyn.example', displayName: 'Asel Manager' });
const former = makeUser({ role: 'employer_manager', centreId: null, employerId, email: 'former@altyn.example', displayName: 'Bekzat Former' });
const other = makeUser({ role: 'employer_admin', centreId: null, employerId: otherEmployerId, email: 'hr@other.example', displayName: 'Other HR' });
const moderator = makeUser({ role: 'moderator', email: 'mod@centre.example' });

describe('employer.members', () => {
  let server: FakeSyncServer;
  let app: CoreUnderTest;

  beforeEach(async () => {
    server = await FakeSyncServer.start([admin, manager, former, other, moderator].map((user) => ({ password: 'p', user })));
    server.inactiveUsers.add(former.id);
    app = await startCore();
  });
  afterEach(async () => {
    await app.core.close();
    await server.close();
  });

  const signIn = async (email: string): Promise<void> => {
    const mark = app.transport.events.length;
    await app.call('session.login', { serverUrl: server.url, email, password: 'p' });
    await app.syncState('idle', mark);
  };
  const members = () => app.call<EmployerMember[]>('employer.members');

  it('answers the own employer’s members online, the kept copy offline', async () => {
    expect(await members()).toEqual([]); // signed out
    await signIn(manager.email);
    const online = await members();
    expect(online).toEqual([
      { id: manager.id, displayName: 'Asel Manager', email: manager.email, role: 'employer_manager', active: true },
      { id: former.id, displayName: 'Bekzat Former', email: former.email, role: 'employer_manager', active: false },
      { id: admin.id, displayName: 'Zhanna Admin', email: admin.email, role: 'employer_admin', active: true },
    ]);
    await server.suspend();
    expect(await members()).toEqual(online);
    await server.resume();
  });

  it('offline and never fetched: empty; moderators: empty without asking the server', async () => {
    await signIn(admin.email);
    await server.suspend();
    expect(await members()).toEqual([]);
    await server.resume();
    await signIn(moderator.email);
    const asked = server.requests.length;
    expect(await members()).toEqual([]);
    expect(server.requests.slice(asked).some((r) => r.path.includes('/employer/members'))).toBe(false);
  });

  it('the kept copy is dropped when another user signs in', async () => {
    await signIn(admin.email);
    expect((await members()).length).toBe(3);
    await signIn(other.email);
    await server.suspend();
    // Not the previous employer's copy: nothing was fetched for this user yet.
    expect(await members()).toEqual([]);
    await server.resume();
    expect((await members()).map((m) => m.email)).toEqual([other.email]);
  });
});
