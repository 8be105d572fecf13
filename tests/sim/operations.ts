import { DateTime } from 'luxon';
import type { LocalFair, LocalPreApplication, Rejection, SyncStatus } from '../../src/shared/contract/ipc';
import type { CentreDto, CompanyDto } from '../../src/shared/domain/records';
import type { MutationName } from '../../src/shared/sync/mutations';
import type { ClientProcess } from './clientProcess';
import type { Prng } from './prng';
import type { Actor } from './world';

/**
 * The simulation's operations. The whole sequence — which client does what, and every random
 * number each step will use to choose its target — is drawn from the seed BEFORE the run starts,
 * so one seed always means the same operation sequence. What a step then picks depends on what
 * that client sees at that moment (its cache), which is the point of the exercise.
 */
export type OpKind =
  | 'decide'
  | 'contest'
  | 'createFair'
  | 'updateFair'
  | 'createPreApplication'
  | 'withdraw'
  | 'dismissRejection'
  | 'syncNow'
  | 'goOffline'
  | 'goOnline'
  | 'killClient'
  | 'killServer';

export interface PlannedOp {
  step: number;
  actor: string;
  kind: OpKind;
  /** Random numbers in [0, 1) for this step's choices. */
  r: [number, number, number, number];
}

const MODERATOR_WEIGHTS: Record<OpKind, number> = {
  decide: 10,
  contest: 7,
  createFair: 5,
  updateFair: 6,
  createPreApplication: 0,
  withdraw: 0,
  dismissRejection: 4,
  syncNow: 20,
  goOffline: 7,
  goOnline: 7,
  killClient: 4,
  killServer: 1.2,
};
const EMPLOYER_WEIGHTS: Record<OpKind, number> = {
  ...MODERATOR_WEIGHTS,
  decide: 0,
  contest: 0,
  createFair: 0,
  updateFair: 0,
  createPreApplication: 40,
  withdraw: 8,
};

export function planOperations(prng: Prng, actors: readonly Actor[], count: number): PlannedOp[] {
  const ops: PlannedOp[] = [];
  for (let step = 1; step <= count; step += 1) {
    const actor = prng.pick(actors);
    const kind = prng.weighted(actor.kind === 'moderator' ? MODERATOR_WEIGHTS : EMPLOYER_WEIGHTS);
    ops.push({ step, actor: actor.label, kind, r: [prng.next(), prng.next(), prng.next(), prng.next()] });
  }
  return ops;
}

/** A short fingerprint of a plan, printed with the summary: equal seeds give equal fingerprints. */
export function planFingerprint(ops: readonly PlannedOp[]): string {
  let h = 0x811c9dc5;
  for (const op of ops) {
    const text = `${op.step}|${op.actor}|${op.kind}|${op.r.map((x) => x.toFixed(6)).join(',')}`;
    for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A local change the core accepted (it is in the outbox, with its optimistic effect). */
export interface AckedChange {
  step: number;
  client: string;
  mutation: MutationName;
  recordId: string;
  /** For decisions: what was decided. */
  decision?: 'approve' | 'reject';
}

export type OpOutcome =
  | { status: 'done'; acked?: AckedChange; dismissed?: { mutationId: number; recordId: string | null } }
  | { status: 'skipped'; reason: string }
  | { status: 'refused'; code: string; message: string };

const REJECTION_REASONS = [
  'The company profile lacks a verified BIN.',
  'The desired period does not match any fair of the centre.',
  'Please list concrete professions with salaries.',
  'The number of vacant places looks implausible.',
];
const CITIES = ['Almaty', 'Astana', 'Shymkent', 'Karaganda'];
const PROFESSIONS = ['Driver', 'Warehouse operator', 'Baker', 'Accountant', 'Courier', 'Engineer', 'Sales representative'];
const ZONE = 'Asia/Almaty';

const today = (): DateTime => DateTime.now().setZone(ZONE).startOf('day');
const iso = (d: DateTime): string => d.toISODate() ?? '';
const pickBy = <T>(items: readonly T[], r: number): T => items[Math.min(items.length - 1, Math.floor(r * items.length))] as T;

/** The moderator's queue as its cache shows it: under review, oldest first. */
export async function reviewQueue(client: ClientProcess): Promise<LocalPreApplication[]> {
  return (await client.value<LocalPreApplication[]>('preApplications.list', { status: 'under_review' }))
    .filter((a) => a.status === 'under_review')
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Approves (way 1: for one of the centre's upcoming fairs) or rejects `target` with a reason. */
export async function decideOn(
  client: ClientProcess,
  actor: Actor,
  op: PlannedOp,
  target: LocalPreApplication,
  r1: number,
  r2: number,
  r3: number,
): Promise<OpOutcome> {
  let decision: 'approve' | 'reject' = r1 < 0.6 ? 'approve' : 'reject';
  let fairId: string | null = null;
  if (decision === 'approve' && target.way === 1) {
    const fairs = (await client.value<LocalFair[]>('fairs.list')).filter((f) => f.startsOn > iso(today()));
    if (fairs.length === 0) decision = 'reject';
    else fairId = pickBy(fairs, r2).id;
  }
  const reason = decision === 'reject' ? pickBy(REJECTION_REASONS, r3) : null;
  const result = await client.call('preApplications.decide', { id: target.id, decision, reason, fairId });
  if (!result.ok) return { status: 'refused', code: result.error.code, message: result.error.message };
  return { status: 'done', acked: { step: op.step, client: actor.label, mutation: 'decidePreApplication', recordId: target.id, decision } };
}

/** Runs one domain operation (decide, create, …) on a client through its IPC methods. */
export async function runDomainOp(op: PlannedOp, client: ClientProcess, actor: Actor): Promise<OpOutcome> {
  const [r0, r1, r2, r3] = op.r;
  const accepted = (mutation: MutationName, recordId: string, extra: Partial<AckedChange> = {}): OpOutcome => ({
    status: 'done',
    acked: { step: op.step, client: actor.label, mutation, recordId, ...extra },
  });
  const refusedOr = async <T>(method: string, input: unknown, then: (value: T) => OpOutcome): Promise<OpOutcome> => {
    const result = await client.call(method, input);
    if (!result.ok) return { status: 'refused', code: result.error.code, message: result.error.message };
    return then(result.value as T);
  };

  switch (op.kind) {
    case 'decide': {
      const queue = await reviewQueue(client);
      if (queue.length === 0) return { status: 'skipped', reason: 'queue empty' };
      // Skewed towards the oldest application, so both Almaty moderators often decide the same one.
      return decideOn(client, actor, op, pickBy(queue, r0 * r0), r1, r2, r3);
    }
    case 'createFair': {
      const startsOn = today().plus({ days: 8 + Math.floor(r0 * 50) });
      const input = {
        title: `Simulation fair ${op.step}`,
        city: pickBy(CITIES, r1),
        startsOn: iso(startsOn),
        endsOn: iso(startsOn.plus({ days: Math.floor(r2 * 3) })),
        description: `Created by ${actor.label} at step ${op.step}.`,
      };
      return refusedOr<LocalFair>('fairs.create', input, (fair) => accepted('createFair', fair.id));
    }
    case 'updateFair': {
      const fairs = (await client.value<LocalFair[]>('fairs.list')).sort((a, b) => a.id.localeCompare(b.id));
      if (fairs.length === 0) return { status: 'skipped', reason: 'no fairs' };
      const fair = pickBy(fairs, r0);
      const fields =
        r1 < 0.5
          ? { title: `${fair.title.replace(/ \(rev \d+\)$/, '')} (rev ${op.step})` }
          : { description: `Revised by ${actor.label} at step ${op.step}.`, city: pickBy(CITIES, r2) };
      return refusedOr<LocalFair>('fairs.update', { id: fair.id, fields }, (f) => accepted('updateFair', f.id));
    }
    case 'createPreApplication': {
      const companies = (await client.value<CompanyDto[]>('companies.list')).sort((a, b) => a.id.localeCompare(b.id));
      if (companies.length === 0) return { status: 'skipped', reason: 'no companies in the cache yet' };
      const company = pickBy(companies, r0);
      const upcoming = (await client.value<LocalFair[]>('fairs.list'))
        .filter((f) => f.startsOn > iso(today().plus({ days: 1 })))
        .sort((a, b) => a.id.localeCompare(b.id));
      const centres = (await client.value<CentreDto[]>('centres.list')).sort((a, b) => a.id.localeCompare(b.id));
      const way: 1 | 2 = r1 < 0.5 || upcoming.length === 0 ? 1 : 2;
      if (way === 1 && centres.length === 0) return { status: 'skipped', reason: 'no centres in the cache yet' };
      const month = today().plus({ months: 1 + Math.floor(r3 * 3) });
      const input = {
        way,
        companyId: company.id,
        centreId: way === 1 ? pickBy(centres, r2).id : null,
        fairId: way === 2 ? pickBy(upcoming, r2).id : null,
        desiredFrom: way === 1 ? iso(month.startOf('month')) : null,
        desiredTo: way === 1 ? iso(month.endOf('month')) : null,
        companyInfo: company.info || `${company.legalName}: an employer of the simulation.`,
        vacantPlaces: 1 + Math.floor(r3 * 20),
        professions: [pickBy(PROFESSIONS, r2), pickBy(PROFESSIONS, r3)].filter((p, i, all) => all.indexOf(p) === i),
        contactName: `HR of ${company.legalName}`,
        contactPhone: '+7 700 000 00 00',
        contactEmail: 'hr@simulation.demo',
        consentSalaryShown: true,
        consentChatDuringFair: true,
        wantsVideoInterviews: r1 > 0.75,
      };
      return refusedOr<LocalPreApplication>('preApplications.create', input, (app) => accepted('createPreApplication', app.id));
    }
    case 'withdraw': {
      const mine = (await client.value<LocalPreApplication[]>('preApplications.list', { status: 'under_review' }))
        .filter((a) => a.status === 'under_review')
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      if (mine.length === 0) return { status: 'skipped', reason: 'nothing to withdraw' };
      const target = pickBy(mine, r0);
      return refusedOr('preApplications.withdraw', { id: target.id }, () => accepted('withdrawPreApplication', target.id));
    }
    case 'dismissRejection': {
      const rejections = await client.value<Rejection[]>('sync.rejections');
      if (rejections.length === 0) return { status: 'skipped', reason: 'no rejections' };
      const rejection = pickBy([...rejections].sort((a, b) => a.mutationId - b.mutationId), r0);
      return refusedOr('sync.dismissRejection', { mutationId: rejection.mutationId }, () => ({
        status: 'done',
        dismissed: { mutationId: rejection.mutationId, recordId: rejection.recordId },
      }));
    }
    case 'syncNow':
      return refusedOr<SyncStatus>('sync.now', undefined, () => ({ status: 'done' }));
    default:
      throw new Error(`${op.kind} is not a domain operation`);
  }
}
