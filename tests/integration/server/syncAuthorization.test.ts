import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatchOp } from '../../../src/shared/api/http';
import type { Mutation } from '../../../src/shared/sync/mutations';
import { serverDatabaseKinds, startServerOn, type ServerOnDatabase } from '../support/databases';
import { loginAs, newClientId, pull, pullAll, push, putsOf, type Session } from '../support/syncClient';

/**
 * Every sync mutation × every role, on the own tenant's records and a foreign tenant's, through
 * a real server: applied, or rejected with the code the rules say. Then every role's pull scope.
 * "Own tenant" = the Almaty centre and the employer KazLogistics.
 */
const ROLES = {
  moderatorOwn: 'moderator@fairdesk.demo',
  moderatorOther: 'moderator.astana@fairdesk.demo',
  employerAdmin: 'admin@kazlogistics.demo',
  employerManager: 'manager1@kazlogistics.demo',
  otherEmployer: 'admin@steppefoods.demo',
} as const;
type Role = keyof typeof ROLES;
type Expected = 'applied' | 'forbidden' | 'not_found';

const EXPECTED: Record<string, Record<Role, Expected>> = {
  createFair: { moderatorOwn: 'applied', moderatorOther: 'applied', employerAdmin: 'forbidden', employerManager: 'forbidden', otherEmployer: 'forbidden' },
  updateFair: { moderatorOwn: 'applied', moderatorOther: 'not_found', employerAdmin: 'forbidden', employerManager: 'forbidden', otherEmployer: 'forbidden' },
  createPreApplication: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'applied', employerManager: 'applied', otherEmployer: 'not_found' },
  withdrawPreApplication: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'applied', employerManager: 'applied', otherEmployer: 'not_found' },
  decidePreApplication: { moderatorOwn: 'applied', moderatorOther: 'not_found', employerAdmin: 'forbidden', employerManager: 'forbidden', otherEmployer: 'forbidden' },
};

describe.each(serverDatabaseKinds())('sync authorization matrix (%s)', (kind) => {
  let env: ServerOnDatabase;
  const sessions = {} as Record<Role, Session>;
  const clients = {} as Record<Role, { id: string; next: number }>;
  let almatyFair: { id: string };
  let kazCompanyId: string;

  const run = async (role: Role, m: Omit<Mutation, 'id' | 'createdAt'>): Promise<Expected | string> => {
    const c = clients[role];
    const id = ++c.next;
    const res = await push(env.server.url, sessions[role].token, { clientId: c.id, mutations: [{ ...m, id, createdAt: Date.now() }] });
    expect(res.lastMutationId).toBe(id);
    return res.results[0]?.code ?? 'applied';
  };
  const newApplication = async (): Promise<string> => {
    const id = crypto.randomUUID();
    expect(await run('employerAdmin', { name: 'createPreApplication', args: application(id, kazCompanyId, almatyFair.id) })).toBe('applied');
    return id;
  };
  const fairVersion = async (fairId: string): Promise<number> => {
    const all = await pullAll(env.server.url, sessions.moderatorOwn.token, { clientId: newClientId(), cookie: null });
    return putsOf(all.patch, 'fair').find((f) => f.id === fairId)?.version ?? -1;
  };

  beforeAll(async () => {
    env = await startServerOn(kind);
    for (const role of Object.keys(ROLES) as Role[]) {
      sessions[role] = await loginAs(env.server.url, ROLES[role]);
      clients[role] = { id: newClientId(), next: 0 };
    }
    const first = await pull(env.server.url, sessions.employerAdmin.token, { clientId: newClientId(), cookie: null });
    almatyFair = putsOf(first.patch, 'fair').find((f) => f.region === 'Almaty') ?? { id: '' };
    kazCompanyId = putsOf(first.patch, 'company')[0]?.id ?? '';
  });
  afterAll(async () => {
    await env?.dispose();
  });

  for (const role of Object.keys(ROLES) as Role[]) {
    it(`${role}: every mutation on the own and a foreign tenant's records`, async () => {
      const e = (name: string) => EXPECTED[name]?.[role];
      const today = new Date();
      const day = (d: number) => new Date(today.getTime() + d * 86_400_000).toISOString().slice(0, 10);
      expect(await run(role, { name: 'createFair', args: { id: crypto.randomUUID(), title: 'Matrix fair', city: 'Almaty', startsOn: day(40), endsOn: day(40), description: '' } })).toBe(e('createFair'));
      expect(await run(role, { name: 'updateFair', args: { id: almatyFair.id, fields: { description: `edited by ${role}` }, baseVersion: await fairVersion(almatyFair.id) } })).toBe(e('updateFair'));
      expect(await run(role, { name: 'createPreApplication', args: application(crypto.randomUUID(), kazCompanyId, almatyFair.id) })).toBe(e('createPreApplication'));
      expect(await run(role, { name: 'withdrawPreApplication', args: { id: await newApplication() } })).toBe(e('withdrawPreApplication'));
      const decision = { decision: 'reject', reason: 'Matrix', fairId: null, expectedStatus: 'under_review' } as const;
      expect(await run(role, { name: 'decidePreApplication', args: { id: await newApplication(), ...decision } })).toBe(e('decidePreApplication'));
      // A record that does not exist at all is `not_found` for whoever may act on its kind.
      const ghost = crypto.randomUUID();
      const ghostWithdraw = await run(role, { name: 'withdrawPreApplication', args: { id: ghost } });
      expect(ghostWithdraw).toBe(e('withdrawPreApplication') === 'forbidden' ? 'forbidden' : 'not_found');
    });
  }

  it('a stale baseVersion is a version conflict', async () => {
    const version = await fairVersion(almatyFair.id);
    expect(await run('moderatorOwn', { name: 'updateFair', args: { id: almatyFair.id, fields: { title: 'First' }, baseVersion: version } })).toBe('applied');
    expect(await run('moderatorOwn', { name: 'updateFair', args: { id: almatyFair.id, fields: { title: 'Second' }, baseVersion: version } })).toBe('version_conflict');
  });

  it('every role’s pull — snapshot and incremental — holds no foreign row', async () => {
    for (const role of Object.keys(ROLES) as Role[]) {
      const me = sessions[role].user;
      const snapshot = await pullAll(env.server.url, sessions[role].token, { clientId: newClientId(), cookie: null });
      const incremental = await pull(env.server.url, sessions[role].token, { clientId: newClientId(), cookie: `1.0` });
      // A moderator's companies are exactly those behind the applications of its centre.
      const companiesInScope = new Set(putsOf(snapshot.patch, 'preApplication').map((a) => a.companyId));
      for (const patch of [snapshot.patch, incremental.patch]) assertOwnScope(patch, me, companiesInScope);
      expect(putsOf(snapshot.patch, 'preApplication').length, role).toBeGreaterThan(0);
    }
  });
});

function assertOwnScope(patch: PatchOp[], me: { role: string; centreId: string | null; employerId: string | null }, companiesInScope: Set<string>): void {
  if (me.role === 'moderator') {
    expect(putsOf(patch, 'centre').map((c) => c.id).every((id) => id === me.centreId)).toBe(true);
    expect(putsOf(patch, 'fair').every((f) => f.centreId === me.centreId)).toBe(true);
    const apps = putsOf(patch, 'preApplication');
    expect(apps.every((a) => a.centreId === me.centreId)).toBe(true);
    for (const c of putsOf(patch, 'company')) expect(companiesInScope.has(c.id), c.legalName).toBe(true);
  } else {
    expect(putsOf(patch, 'company').every((c) => c.employerId === me.employerId)).toBe(true);
    expect(putsOf(patch, 'preApplication').every((a) => a.employerId === me.employerId)).toBe(true);
  }
}

function application(id: string, companyId: string, fairId: string) {
  return {
    id, way: 2 as const, companyId, centreId: null, fairId, desiredFrom: null, desiredTo: null,
    companyInfo: 'Freight forwarding', vacantPlaces: 4, professions: ['Driver'], contactName: 'Dana Omarova',
    contactPhone: '+7 701 234 56 78', contactEmail: 'hr@kazlogistics.demo',
    consentSalaryShown: true as const, consentChatDuringFair: true as const, wantsVideoInterviews: false,
  };
}
