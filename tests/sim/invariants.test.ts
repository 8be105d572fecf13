import { describe, expect, it } from 'vitest';
import type { LocalPreApplication, SyncStatus } from '../../src/shared/contract/ipc';
import type { PreApplicationDto } from '../../src/shared/domain/records';
import type { UserDto } from '../../src/shared/domain/roles';
import type { ClientEvidence } from './evidence';
import { parseLog } from './evidence';
import { ExchangeLog } from './exchangeLog';
import { checkInvariants, type Violation } from './invariants';
import { emptyReplica, type Replica } from './replica';

/**
 * The checker must be able to fail: each case feeds it a small, hand-made history with one
 * protocol breach and expects that breach — and only that invariant — to be reported.
 */
const CENTRE = '00000000-0000-4000-8000-0000000000c1';
const OTHER_CENTRE = '00000000-0000-4000-8000-0000000000c2';
const EMPLOYER = '00000000-0000-4000-8000-0000000000e1';
const CLIENT = '00000000-0000-4000-8000-00000000c11e';
const APP = '00000000-0000-4000-8000-0000000000a1';

const moderator: UserDto = {
  id: '00000000-0000-4000-8000-0000000000f1',
  email: 'moderator@fairdesk.demo',
  displayName: 'M',
  role: 'moderator',
  centreId: CENTRE,
  employerId: null,
  locale: 'en',
};

function app(overrides: Partial<PreApplicationDto> = {}): PreApplicationDto {
  return {
    id: APP,
    number: '20300101-1',
    employerId: EMPLOYER,
    companyId: '00000000-0000-4000-8000-0000000000b1',
    companyName: 'KazLogistics LLP',
    centreId: CENTRE,
    way: 2,
    fairId: null,
    fairTitle: null,
    region: 'Almaty',
    desiredFrom: null,
    desiredTo: null,
    companyInfo: '',
    vacantPlaces: 1,
    professions: ['Driver'],
    contactName: 'D',
    contactPhone: '+7 700',
    contactEmail: 'hr@example.test',
    consentSalaryShown: true,
    consentChatDuringFair: true,
    wantsVideoInterviews: false,
    status: 'under_review',
    rejectionReason: null,
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    createdAt: 1,
    updatedAt: 1,
    statusChangedAt: 1,
    version: 1,
    ...overrides,
  };
}

const approved = (version: number): PreApplicationDto =>
  app({ status: 'approved', decidedBy: moderator.id, decidedByName: 'M', decidedAt: 5, version });

const decide = (id: number) => ({ id, name: 'decidePreApplication', args: { id: APP, decision: 'approve', reason: null, fairId: null, expectedStatus: 'under_review' }, createdAt: 1 });

interface Step {
  path: 'push' | 'pull';
  request: unknown;
  response: unknown;
}

function world(steps: Step[], finalApp: PreApplicationDto, tweak: (e: ClientEvidence) => void = () => undefined): Violation[] {
  const log = new ExchangeLog();
  for (const step of steps) {
    const seq = log.nextSeq();
    log.add({ requestSeq: seq, client: 'mod', method: 'POST', path: `/api/sync/${step.path}`, authorization: 'Bearer t', requestBody: step.request, status: 200, responseBody: step.response, delivered: true, injected: false, faults: [] });
  }
  const final: Replica = emptyReplica();
  final.preApplication.set(finalApp.id, finalApp);
  const status: SyncStatus = { state: 'idle', lastSyncedAt: 1, pending: 0, rejections: 0, upgradeRequired: false, message: null };
  const local: LocalPreApplication = { ...finalApp, sync: { state: 'synced', rejection: null } };
  const evidence: ClientEvidence = {
    actor: { label: 'mod', email: moderator.email, kind: 'moderator' },
    user: moderator,
    acked: [{ step: 1, client: 'mod', mutation: 'decidePreApplication', recordId: APP, decision: 'approve' }],
    dismissed: [],
    rejectedEvents: new Map(),
    crashFindings: [],
    drainRounds: 1,
    final: { replica: final, preApplications: [local], fairs: [], status, rejections: [] },
    finalPull: { cookie: '9.0', lastMutationId: 1, results: [], reset: false, patch: [], more: false, snapshotCursor: null },
  };
  tweak(evidence);
  return checkInvariants({ parsed: parseLog(log), clients: [evidence], projections: new Map([['mod', final]]), replayProbe: [], gapProbe: [] }).violations;
}

const pull = (cookie: string | null, response: object): Step => ({
  path: 'pull',
  request: { clientId: CLIENT, schemaVersion: 1, cookie, snapshotCursor: null, resultsAfter: 0 },
  response: { results: [], reset: false, more: false, snapshotCursor: null, ...response },
});
const snapshot = pull(null, { cookie: '1.0', lastMutationId: 0, reset: true, patch: [{ op: 'put', entity: 'preApplication', value: app() }] });
const push: Step = { path: 'push', request: { clientId: CLIENT, schemaVersion: 1, mutations: [decide(1)] }, response: { lastMutationId: 1, results: [] } };
const catchUp = pull('1.0', { cookie: '2.0', lastMutationId: 1, patch: [{ op: 'put', entity: 'preApplication', value: approved(2) }] });
const invariantsOf = (violations: Violation[]): number[] => [...new Set(violations.map((v) => v.invariant))].sort();

describe('invariant checker', () => {
  it('accepts a clean history', () => {
    expect(world([snapshot, push, catchUp], approved(2))).toEqual([]);
  });

  it('catches a pull whose lastMutationId runs ahead of its effects (3)', () => {
    const early = pull('1.0', { cookie: '2.0', lastMutationId: 1, patch: [] });
    expect(invariantsOf(world([snapshot, push, early, pull('2.0', { cookie: '3.0', lastMutationId: 1, patch: [{ op: 'put', entity: 'preApplication', value: approved(3) }] })], approved(3)))).toContain(3);
  });

  it("catches another tenant's row in a pull (7)", () => {
    const leak = pull('2.0', { cookie: '3.0', lastMutationId: 1, patch: [{ op: 'put', entity: 'preApplication', value: app({ id: '00000000-0000-4000-8000-0000000000a2', centreId: OTHER_CENTRE, version: 3 }) }] });
    expect(invariantsOf(world([snapshot, push, catchUp, leak], approved(2)))).toEqual([7]);
  });

  it('catches a cookie going back (8)', () => {
    const back = pull('1.0', { cookie: '2.0', lastMutationId: 1, patch: [] });
    expect(invariantsOf(world([snapshot, push, catchUp, pull('2.0', { cookie: '2.0', lastMutationId: 1, patch: [] }), back], approved(2)))).toContain(8);
  });

  it('catches an illegal status change (9)', () => {
    const undo = pull('2.0', { cookie: '3.0', lastMutationId: 1, patch: [{ op: 'put', entity: 'preApplication', value: app({ version: 3 }) }] });
    expect(invariantsOf(world([snapshot, push, catchUp, undo], approved(2)))).toContain(9);
  });

  it('catches a mutation id reused for different content (2) and a lost change (4)', () => {
    const reused: Step = { path: 'push', request: { clientId: CLIENT, schemaVersion: 1, mutations: [{ ...decide(1), args: { ...decide(1).args, decision: 'reject', reason: 'x' } }] }, response: { lastMutationId: 1, results: [] } };
    expect(invariantsOf(world([snapshot, push, reused, catchUp], approved(2)))).toContain(2);
    expect(invariantsOf(world([snapshot, catchUp], approved(2)))).toContain(4);
  });

  it('catches a rejection announced twice or never listed (5)', () => {
    const rejectedPush: Step = {
      path: 'push',
      request: { clientId: CLIENT, schemaVersion: 1, mutations: [decide(1)] },
      response: { lastMutationId: 1, results: [{ mutationId: 1, status: 'rejected', code: 'state_changed', message: 'withdrawn', recordId: APP, decidedAt: 3 }] },
    };
    const violations = world([snapshot, rejectedPush, pull('1.0', { cookie: '2.0', lastMutationId: 1, patch: [] })], app(), (e) => {
      e.rejectedEvents.set(1, 2);
    });
    expect(invariantsOf(violations)).toEqual([5]);
    const messages = violations.map((v) => v.message).join('\n');
    expect(messages).toContain('announced 2 times');
    expect(messages).toContain('listed 0 times');
  });
});
