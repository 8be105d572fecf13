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

/** Participation mutations on the seeded records: KazLogistics Retail's draft, Steppe Foods' sent info. */
const EXPECTED_PARTICIPATION: Record<string, Record<Role, string>> = {
  saveStand: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'applied', employerManager: 'applied', otherEmployer: 'invalid' },
  saveVacancy: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'applied', employerManager: 'applied', otherEmployer: 'invalid' },
  importVacancies: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'applied', employerManager: 'applied', otherEmployer: 'not_found' },
  updateParticipation: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'applied', employerManager: 'applied', otherEmployer: 'not_found' },
  deleteVacancy: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'applied', employerManager: 'applied', otherEmployer: 'not_found' },
  deleteStand: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'applied', employerManager: 'applied', otherEmployer: 'not_found' },
  withdrawParticipation: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'state_changed', employerManager: 'state_changed', otherEmployer: 'not_found' },
  reopenParticipation: { moderatorOwn: 'forbidden', moderatorOther: 'forbidden', employerAdmin: 'state_changed', employerManager: 'state_changed', otherEmployer: 'not_found' },
  // Steppe Foods' sent info: only the Almaty moderator may decide (and does, first); its employer may not.
  decideParticipation: { moderatorOwn: 'applied', moderatorOther: 'not_found', employerAdmin: 'forbidden', employerManager: 'forbidden', otherEmployer: 'forbidden' },
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
      // Video invitations are the employers' (moderators: forbidden); a response that is not the caller's is not_found.
      // (The applied path and other employers' real responses: tests/integration/video and the service's tests.)
      const invite = await run(role, { name: 'inviteToVideoInterview', args: { id: crypto.randomUUID(), responseId: ghost } });
      expect(invite).toBe(role.startsWith('moderator') ? 'forbidden' : 'not_found');
      // Notes after the call likewise (the held/missed and inviting-manager rules: the service's tests and
      // tests/integration/desktop/videoAgainstServer); a note over the limit fails the shared schema for everyone.
      const note = await run(role, { name: 'saveVideoNote', args: { id: crypto.randomUUID(), note: 'Matrix note' } });
      expect(note).toBe(role.startsWith('moderator') ? 'forbidden' : 'not_found');
      expect(await run(role, { name: 'saveVideoNote', args: { id: crypto.randomUUID(), note: 'x'.repeat(4001) } })).toBe('invalid');
    });
  }

  for (const role of Object.keys(ROLES) as Role[]) {
    it(`${role}: every participation mutation on the own and a foreign tenant's records`, async () => {
      const e = (name: string) => EXPECTED_PARTICIPATION[name]?.[role];
      const kaz = await pullAll(env.server.url, sessions.employerAdmin.token, { clientId: newClientId(), cookie: null });
      const draft = putsOf(kaz.patch, 'participation').find((p) => p.status === 'draft');
      const retail = putsOf(kaz.patch, 'company').find((c) => c.id === draft?.companyId);
      const mod = await pullAll(env.server.url, sessions.moderatorOwn.token, { clientId: newClientId(), cookie: null });
      const steppeInfo = putsOf(mod.patch, 'participation').find((p) => p.companyName === 'Steppe Foods JSC');
      expect([draft, retail, steppeInfo].every((x) => x !== undefined)).toBe(true);
      const standFields = {
        internalName: `Matrix ${role}`, companyId: retail?.id, companyName: 'KazLogistics Retail LLP', address: '', website: '', companyInfo: '',
        activity: 'Delivery', advantages: '', slogan: '', socialLinks: [], logoUploadId: null, bannerUploadIds: [], posterUploadIds: [],
        brochureUploadIds: [], videoUrl: '',
      };
      const job = { title: 'Courier', profession: 'Courier', salaryFrom: 1, salaryTo: 2, currency: 'KZT', places: 1, location: '', description: '', requirements: '', employmentType: 'shift' };
      const standId = crypto.randomUUID();
      expect(await run(role, { name: 'saveStand', args: { id: standId, fields: standFields, baseVersion: null } })).toBe(e('saveStand'));
      const vacancyId = crypto.randomUUID();
      expect(await run(role, { name: 'saveVacancy', args: { id: vacancyId, companyId: retail?.id, participationId: null, fields: job, active: true, baseVersion: null } })).toBe(e('saveVacancy'));
      expect(await run(role, { name: 'importVacancies', args: { participationId: draft?.id, vacancies: [{ id: crypto.randomUUID(), fields: job }] } })).toBe(e('importVacancies'));
      const current = putsOf((await pullAll(env.server.url, sessions.employerAdmin.token, { clientId: newClientId(), cookie: null })).patch, 'participation').find((p) => p.id === draft?.id);
      expect(await run(role, { name: 'updateParticipation', args: { id: draft?.id, standId: null, interviewPlan: [], baseVersion: current?.version ?? 0 } })).toBe(e('updateParticipation'));
      // Employers delete their own (just created) records; others try the seeded library vacancy / stand of KazLogistics.
      const own = e('saveStand') === 'applied';
      const kazVacancy = putsOf(kaz.patch, 'vacancy').find((v) => v.participationId === null)?.id;
      const kazStand = putsOf(kaz.patch, 'stand')[0]?.id;
      expect(await run(role, { name: 'deleteVacancy', args: { id: own ? vacancyId : kazVacancy } })).toBe(e('deleteVacancy'));
      expect(await run(role, { name: 'deleteStand', args: { id: own ? standId : kazStand } })).toBe(e('deleteStand'));
      expect(await run(role, { name: 'withdrawParticipation', args: { id: draft?.id } })).toBe(e('withdrawParticipation'));
      expect(await run(role, { name: 'reopenParticipation', args: { id: draft?.id } })).toBe(e('reopenParticipation'));
      expect(await run(role, { name: 'decideParticipation', args: { id: steppeInfo?.id, decision: 'approve', reason: null, expectedStatus: 'sent' } })).toBe(e('decideParticipation'));
    });
  }

  it('a stale baseVersion is a version conflict — unless the change since came from the same client', async () => {
    const version = await fairVersion(almatyFair.id);
    expect(await run('moderatorOwn', { name: 'updateFair', args: { id: almatyFair.id, fields: { title: 'First' }, baseVersion: version } })).toBe('applied');
    // The same desktop's second offline edit, built on the same base: lands.
    expect(await run('moderatorOwn', { name: 'updateFair', args: { id: almatyFair.id, fields: { title: 'Second' }, baseVersion: version } })).toBe('applied');
    // Another desktop of the same moderator, still on the old base: refused.
    const other = await push(env.server.url, sessions.moderatorOwn.token, {
      clientId: newClientId(),
      mutations: [{ id: 1, name: 'updateFair', args: { id: almatyFair.id, fields: { title: 'Third' }, baseVersion: version }, createdAt: Date.now() }],
    });
    expect(other.results.map((r) => r.code)).toEqual(['version_conflict']);
  });

  it('every role’s pull — snapshot and incremental — holds no foreign row', async () => {
    for (const role of Object.keys(ROLES) as Role[]) {
      const me = sessions[role].user;
      const snapshot = await pullAll(env.server.url, sessions[role].token, { clientId: newClientId(), cookie: null });
      const incremental = await pull(env.server.url, sessions[role].token, { clientId: newClientId(), cookie: `1.0` });
      // A moderator's companies are exactly those behind the applications of its centre.
      const companiesInScope = new Set(putsOf(snapshot.patch, 'preApplication').map((a) => a.companyId));
      for (const patch of [snapshot.patch, incremental.patch]) assertOwnScope(patch, me, companiesInScope);
      const infos = new Set(putsOf(snapshot.patch, 'participation').map((p) => p.id));
      const standsShown = new Set(putsOf(snapshot.patch, 'participation').flatMap((p) => (p.standId ? [p.standId] : [])));
      if (me.role === 'moderator') {
        expect(putsOf(snapshot.patch, 'vacancy').every((v) => v.participationId !== null && infos.has(v.participationId)), role).toBe(true);
        expect(putsOf(snapshot.patch, 'stand').every((st) => standsShown.has(st.id)), role).toBe(true);
      }
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
    const infos = putsOf(patch, 'participation');
    expect(infos.every((p) => p.centreId === me.centreId)).toBe(true);
    // Library vacancies never reach a moderator; participation ones only through the centre's participations (scope.ts).
    expect(putsOf(patch, 'vacancy').every((v) => v.participationId !== null)).toBe(true);
    for (const c of putsOf(patch, 'company')) expect(companiesInScope.has(c.id), c.legalName).toBe(true);
    // Candidates' personal data never reaches a moderator (the fair overview has counts only).
    expect([putsOf(patch, 'response').length, putsOf(patch, 'interest').length]).toEqual([0, 0]);
  } else {
    expect(putsOf(patch, 'company').every((c) => c.employerId === me.employerId)).toBe(true);
    expect(putsOf(patch, 'preApplication').every((a) => a.employerId === me.employerId)).toBe(true);
    for (const entity of ['stand', 'vacancy', 'participation', 'response', 'interest'] as const) {
      expect(putsOf(patch, entity).every((x) => x.employerId === me.employerId), entity).toBe(true);
    }
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
