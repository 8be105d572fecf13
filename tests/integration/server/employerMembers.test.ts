import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmployerMembersResponse, routes } from '../../../src/shared/api/http';
import { createServerDataSource } from '../../../src/server/db/dataSource';
import { User } from '../../../src/server/db/entities';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { call, errorOf, loginAs } from '../support/syncClient';

/** `GET /api/employer/members`: an employer's admins and managers see their own employer's users only. */
describe.each(serverDatabaseKinds())('employer members (%s)', (kind) => {
  let env: ServerOnDatabase;

  beforeAll(async () => {
    env = await startServerOn(kind);
  });
  afterAll(async () => {
    await env?.dispose();
  });

  const members = (token: string) => call(env.server.url, 'GET', routes.employerMembers.path, { token });

  it('lists exactly the own employer’s users, sorted by name, inactive ones flagged', async () => {
    const url = env.server.url;
    const kaz = await loginAs(url, 'admin@kazlogistics.demo');
    const res = await members(kaz.token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(EmployerMembersResponse.parse(res.body).members.map((m) => [m.displayName, m.email, m.role, m.active])).toEqual([
      ['Dana Omarova', 'admin@kazlogistics.demo', 'employer_admin', true],
      ['Saule Ibraeva', 'manager2@kazlogistics.demo', 'employer_manager', true],
      ['Timur Akhmetov', 'manager1@kazlogistics.demo', 'employer_manager', true],
    ]);

    const steppe = await loginAs(url, 'admin@steppefoods.demo');
    const own = EmployerMembersResponse.parse((await members(steppe.token)).body).members;
    expect(own.map((m) => m.email)).toEqual(['admin@steppefoods.demo']);
    expect(own[0]?.id).toBe(steppe.user.id);

    // A manager sees the same list; a deactivated colleague stays listed, flagged.
    const manager = await loginAs(url, 'manager1@kazlogistics.demo');
    const direct = createServerDataSource(env.target, { runMigrations: false });
    await direct.initialize();
    try {
      await direct.getRepository(User).update({ email: 'manager2@kazlogistics.demo' }, { active: false });
    } finally {
      await direct.destroy();
    }
    const after = EmployerMembersResponse.parse((await members(manager.token)).body).members;
    expect(after.map((m) => [m.email, m.active])).toEqual([
      ['admin@kazlogistics.demo', true],
      ['manager2@kazlogistics.demo', false],
      ['manager1@kazlogistics.demo', true],
    ]);
  });

  it('refuses moderators (403) and anonymous callers (401)', async () => {
    const moderator = await loginAs(env.server.url, 'moderator@fairdesk.demo');
    const refused = await members(moderator.token);
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/employer/) as unknown });
    const anonymous = await call(env.server.url, 'GET', routes.employerMembers.path);
    expect(anonymous.status).toBe(401);
    expect(errorOf(anonymous).code).toBe('unauthenticated');
  });
});
