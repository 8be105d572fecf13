import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type {
  IpcOutput,
  IpcParsedInput,
  LocalFair,
  LocalParticipation,
  LocalPreApplication,
  LocalStand,
  LocalVacancy,
} from '../../shared/contract/ipc';
import { STAND_LIMITS } from '../../shared/domain/participation/stand';
import type { VacancyFields } from '../../shared/domain/participation/vacancy';
import type { MutationArgs, MutationName } from '../../shared/sync/mutations';
import type { CacheStore } from '../cache/cacheStore';
import { FairRow, MUTABLE_ENTITIES, ParticipationRow, StandRow, VacancyRow } from '../cache/entities';
import {
  dismissRejection,
  findFair,
  findParticipation,
  findPreApplication,
  findStand,
  findVacancies,
  listVacancies,
} from '../cache/localRecords';
import { standFromRow } from '../cache/recordMapping';
import type { EventSink } from '../events';
import { RpcError } from '../rpc/handlerTable';
import type { SessionService } from '../session/sessionService';
import { checkAndApply, mutators, parseArgs } from './mutators';
import { appendToOutbox, type MutationTarget } from './outbox';
import { serverVersionOfFair, serverVersionOfParticipation, serverVersionOfStand, serverVersionOfVacancy } from './optimisticRows';

export interface ChangeServiceDeps {
  cache: CacheStore;
  session: SessionService;
  emit: EventSink;
  /** Told after every queued change: refreshes the status counters and starts a push. */
  onQueued: () => void;
  now?: () => number;
}

/**
 * The user's changes, offline-first: each one is checked against the rules the app can see,
 * applied to the cache at once (optimistically) and appended to the outbox — in ONE SQLite
 * transaction, so a crash leaves either both or neither. A refused change queues nothing.
 */
export class ChangeService {
  private readonly now: () => number;

  constructor(private readonly deps: ChangeServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async createFair(input: IpcParsedInput<'fairs.create'>): Promise<LocalFair> {
    return this.queueAndRead('createFair', { ...input, id: randomUUID() }, findFair);
  }

  async updateFair(input: IpcParsedInput<'fairs.update'>): Promise<LocalFair> {
    return this.queueAndRead(
      'updateFair',
      async (m) => {
        const row = await m.findOneBy(FairRow, { id: input.id });
        const baseVersion = row ? serverVersionOfFair(row) : 0;
        if (baseVersion === null) {
          // Its version only exists once the server has the fair; an edit based on "no version"
          // would be refused as a conflict. The user can edit the (still local) fair once it is sent.
          throw new RpcError('conflict', 'This fair has not reached the server yet. Edit it again once it has been sent.');
        }
        return { id: input.id, fields: input.fields, baseVersion };
      },
      findFair,
    );
  }

  async createPreApplication(input: IpcParsedInput<'preApplications.create'>): Promise<LocalPreApplication> {
    return this.queueAndRead('createPreApplication', { ...input, id: randomUUID() }, findPreApplication);
  }

  async withdrawPreApplication(input: IpcParsedInput<'preApplications.withdraw'>): Promise<LocalPreApplication> {
    return this.queueAndRead('withdrawPreApplication', { id: input.id }, findPreApplication);
  }

  async decidePreApplication(input: IpcParsedInput<'preApplications.decide'>): Promise<LocalPreApplication> {
    const reason = input.reason === null || input.reason === '' ? null : input.reason;
    return this.queueAndRead(
      'decidePreApplication',
      {
        id: input.id,
        decision: input.decision,
        reason: input.decision === 'approve' ? null : reason,
        fairId: input.decision === 'approve' ? input.fairId : null,
        expectedStatus: 'under_review',
      },
      findPreApplication,
    );
  }

  // ---- participation ---------------------------------------------------------------------------

  /**
   * Creates (no id) or edits a stand. The base version is the server's last one; null for a stand
   * the server does not have yet (the server accepts a second edit from the same client anyway).
   */
  async saveStand(input: IpcParsedInput<'stands.save'>): Promise<LocalStand> {
    const id = input.id ?? randomUUID();
    return this.queueAndRead(
      'saveStand',
      async (m) => {
        const row = input.id ? await m.findOneBy(StandRow, { id: input.id }) : null;
        if (input.id && (!row || row.deleted === 1)) throw new RpcError('not_found', 'This stand is no longer in your list.');
        return { id, fields: input.fields, baseVersion: row ? serverVersionOfStand(row) : null };
      },
      findStand,
    );
  }

  /** A new stand with the same fields (images shared, not copied: the same files), named "… (copy)". */
  async duplicateStand(input: IpcParsedInput<'stands.duplicate'>): Promise<LocalStand> {
    return this.queueAndRead(
      'saveStand',
      async (m) => {
        const row = await m.findOneBy(StandRow, { id: input.id });
        if (!row || row.deleted === 1) throw new RpcError('not_found', 'This stand is no longer in your list.');
        const { id: _id, employerId: _employer, createdAt: _created, updatedAt: _updated, version: _version, ...fields } = standFromRow(row);
        return { id: randomUUID(), fields: { ...fields, internalName: copyName(fields.internalName) }, baseVersion: null };
      },
      findStand,
    );
  }

  async deleteStand(input: IpcParsedInput<'stands.delete'>): Promise<void> {
    await this.queue('deleteStand', { id: input.id });
  }

  async saveVacancy(input: IpcParsedInput<'vacancies.save'>): Promise<LocalVacancy> {
    const id = input.id ?? randomUUID();
    const [saved] = await this.queue(
      'saveVacancy',
      async (m) => {
        const row = input.id ? await m.findOneBy(VacancyRow, { id: input.id }) : null;
        if (input.id && (!row || row.deleted === 1)) throw new RpcError('not_found', 'This vacancy is no longer in your list.');
        return {
          id,
          companyId: input.companyId,
          participationId: input.participationId,
          fields: input.fields,
          active: input.active,
          baseVersion: row ? serverVersionOfVacancy(row) : null,
        };
      },
      (m) => findVacancies(m, [id]),
    );
    if (!saved?.[0]) throw new Error('saveVacancy: the vacancy is missing right after its optimistic effect');
    return saved[0];
  }

  async deleteVacancy(input: IpcParsedInput<'vacancies.delete'>): Promise<void> {
    await this.queue('deleteVacancy', { id: input.id });
  }

  /**
   * Adds vacancies to a participation info in ONE mutation (all or nothing), each with a new id.
   * @returns the vacancies as they now show.
   */
  async importVacancies(participationId: string, vacancies: readonly VacancyFields[]): Promise<LocalVacancy[]> {
    const withIds = vacancies.map((fields) => ({ id: randomUUID(), fields }));
    const [imported] = await this.queue('importVacancies', { participationId, vacancies: withIds }, (m) =>
      findVacancies(
        m,
        withIds.map((v) => v.id),
      ),
    );
    return imported ?? [];
  }

  /** Copies active library vacancies of the info's company into it (new ids; the library keeps its own). */
  async importFromLibrary(input: IpcParsedInput<'vacancies.importFromLibrary'>): Promise<LocalVacancy[]> {
    const fields = await this.deps.cache.read(async (m) => {
      const info = await m.findOneBy(ParticipationRow, { id: input.participationId });
      if (!info) throw new RpcError('not_found', 'This participation info is no longer in your list.');
      const library = new Map((await listVacancies(m, { participationId: null, companyId: info.companyId })).map((v) => [v.id, v]));
      return input.vacancyIds.map((id) => {
        const vacancy = library.get(id);
        if (!vacancy) throw new RpcError('bad_request', `A chosen vacancy is not in ${info.companyName}’s library any more; choose again.`);
        if (!vacancy.active) throw new RpcError('bad_request', `“${vacancy.title}” is not active; only active vacancies can be imported.`);
        return vacancyFieldsOf(vacancy);
      });
    });
    return this.importVacancies(input.participationId, fields);
  }

  async updateParticipation(input: IpcParsedInput<'participations.update'>): Promise<LocalParticipation> {
    return this.queueAndRead(
      'updateParticipation',
      async (m) => {
        const row = await m.findOneBy(ParticipationRow, { id: input.id });
        if (!row) throw new RpcError('not_found', 'This participation info is no longer in your list.');
        return { id: input.id, standId: input.standId, interviewPlan: input.interviewPlan, baseVersion: serverVersionOfParticipation(row) };
      },
      findParticipation,
    );
  }

  async sendParticipation(input: IpcParsedInput<'participations.send'>): Promise<LocalParticipation> {
    return this.queueAndRead('sendParticipation', { id: input.id }, findParticipation);
  }

  async withdrawParticipation(input: IpcParsedInput<'participations.withdraw'>): Promise<LocalParticipation> {
    return this.queueAndRead('withdrawParticipation', { id: input.id }, findParticipation);
  }

  async reopenParticipation(input: IpcParsedInput<'participations.reopen'>): Promise<LocalParticipation> {
    return this.queueAndRead('reopenParticipation', { id: input.id }, findParticipation);
  }

  async decideParticipation(input: IpcParsedInput<'participations.decide'>): Promise<LocalParticipation> {
    const reason = input.reason === null || input.reason === '' ? null : input.reason;
    return this.queueAndRead(
      'decideParticipation',
      { id: input.id, decision: input.decision, reason: input.decision === 'approve' ? null : reason, expectedStatus: 'sent' },
      findParticipation,
    );
  }

  /**
   * *Invite to video interview*: queued like any change (works offline) under an id chosen here,
   * which becomes the invitation's id on the server. No local effect: the state is the server's
   * (`videoInterviews.list`); a refusal arrives as a sync rejection.
   */
  async inviteToVideoInterview(input: IpcParsedInput<'videoInterviews.invite'>): Promise<IpcOutput<'videoInterviews.invite'>> {
    const invitationId = randomUUID();
    await this.queue('inviteToVideoInterview', { id: invitationId, responseId: input.responseId });
    return { invitationId };
  }

  /**
   * The note after the call on a held or missed interview: queued like any change (works offline);
   * no local effect (the interview is the server's). Whether it may be written there — the state,
   * the inviting manager — is the server's to say: a refusal arrives as a sync rejection.
   */
  async saveVideoNote(input: IpcParsedInput<'videoInterviews.saveNote'>): Promise<IpcOutput<'videoInterviews.saveNote'>> {
    await this.queue('saveVideoNote', { id: input.id, note: input.note });
    return { note: input.note };
  }

  /** The user has read a rejection: it stops being shown (and stops marking its record). */
  async dismissRejection(mutationId: number): Promise<void> {
    if (!(await this.deps.session.current())) throw new RpcError('unauthenticated', 'Sign in to manage your changes.');
    const found = await this.deps.cache.write((m) => dismissRejection(m, mutationId, this.now()));
    if (!found) throw new RpcError('not_found', 'There is no such rejected change.');
    this.deps.emit('cache.changed', { entities: [...MUTABLE_ENTITIES] });
  }

  /**
   * Validates, checks, applies and queues one mutation. `args` may be computed inside the
   * transaction (from the row as it is then), e.g. `updateFair`'s base version. `read` reads the
   * record back in the same transaction: exactly as this change left it.
   */
  private async queue<N extends MutationName, T>(
    name: N,
    args: MutationArgs<N> | ((m: EntityManager) => Promise<unknown>),
    read?: (m: EntityManager, target: MutationTarget) => Promise<T>,
  ): Promise<[T | undefined, MutationTarget]> {
    const session = await this.deps.session.current();
    if (!session) throw new RpcError('unauthenticated', 'Sign in to make changes.');
    const ctx = { actor: session.user, now: this.now() };
    const result = await this.deps.cache.write(async (m) => {
      const parsed = parseArgs(name, typeof args === 'function' ? await args(m) : args);
      const target = await checkAndApply(m, name, parsed, ctx);
      await appendToOutbox(m, { name, args: parsed, createdAt: ctx.now, target });
      return [read ? await read(m, target) : undefined, target] as [T | undefined, MutationTarget];
    });
    this.deps.emit('cache.changed', { entities: [...mutators[name].entities] });
    this.deps.onQueued();
    return result;
  }

  /** {@link queue} for a mutation about one record, returning that record as it now shows. */
  private async queueAndRead<N extends MutationName, T>(
    name: N,
    args: MutationArgs<N> | ((m: EntityManager) => Promise<unknown>),
    find: (m: EntityManager, id: string) => Promise<T | null>,
  ): Promise<T> {
    const [record] = await this.queue(name, args, (m, target) => find(m, target.id));
    if (!record) throw new Error(`${name}: the record is missing right after its optimistic effect`);
    return record;
  }
}

/** "Almaty, spring (copy)", clipped so that the suffix always fits the name's limit. */
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, STAND_LIMITS.internalName - suffix.length).trimEnd()}${suffix}`;
}

const vacancyFieldsOf = (v: LocalVacancy): VacancyFields => ({
  title: v.title,
  profession: v.profession,
  salaryFrom: v.salaryFrom,
  salaryTo: v.salaryTo,
  currency: v.currency,
  places: v.places,
  location: v.location,
  description: v.description,
  requirements: v.requirements,
  employmentType: v.employmentType,
});
