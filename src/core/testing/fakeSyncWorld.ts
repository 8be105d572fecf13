import type { PatchOp } from '../../shared/api/http';
import { canDecide, canWithdraw, nextPreApplicationNumber, numberDay } from '../../shared/domain/preApplicationRules';
import { createHash } from 'node:crypto';
import type { UploadResponse } from '../../shared/api/http';
import { checkAction, checkEdit, type ParticipationState, type RuleContext } from '../../shared/domain/participation/participationRules';
import { validateInterviewPlan } from '../../shared/domain/participation/interviewPlan';
import { overviewTotals, plannedSlots } from '../../shared/domain/participation/overview';
import type { FairOverview, FairOverviewEmployer, InterestDto, ParticipationDto, ResponseDto, StandDto, VacancyDto } from '../../shared/domain/participation/records';
import { standUploadIds } from '../../shared/domain/participation/stand';
import type { CentreDto, CompanyDto, FairDto, PreApplicationDto } from '../../shared/domain/records';
import { isEmployerRole, type UserDto } from '../../shared/domain/roles';
import { mutationArgs, type Mutation, type MutationResult, type RejectionCode } from '../../shared/sync/mutations';
import type { PushRequest, PushResponse, SyncPullRequest, SyncPullResponse } from '../../shared/sync/protocol';

/**
 * The state and rules behind FakeSyncServer, faithful to src/shared/sync/protocol.ts: a global
 * change version, per-client lastMutationId (ids ≤ it skipped, a gap stops the batch), rejections
 * recorded per client and returned by pull after `resultsAfter`, incremental pulls by cookie,
 * paged snapshots taken at one version, scopes per role. Simple rules for the five mutations.
 * It is NOT the server's code; integration tests against src/server cover that.
 */

type Entity = PatchOp['entity'];
type Value = CentreDto | FairDto | CompanyDto | PreApplicationDto | StandDto | VacancyDto | ParticipationDto | ResponseDto | InterestDto;

/** A file stored by `putUpload`. */
export interface FakeUpload {
  kind: string;
  ownerId: string;
  employerId: string | null;
  sha256: string;
  mime: string;
  fileName: string;
  bytes: Buffer;
}

interface Stored {
  entity: Entity;
  id: string;
  value: Value | null; // null: deleted (a tombstone, so incremental pulls can say so)
  version: number;
}

interface ClientRecord {
  userId: string;
  lastMutationId: number;
  results: MutationResult[];
}

interface Snapshot {
  ops: PatchOp[];
  version: number;
  lastMutationId: number;
}

export class FakeSyncError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'bad_request' | 'forbidden' | 'upgrade_required' | 'conflict' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

const key = (entity: Entity, id: string): string => `${entity}:${id}`;

export class FakeSyncWorld {
  version = 0;
  pageSize = 2000;
  /** Lowest schemaVersion answered; below it push and pull fail with `upgrade_required`. */
  minSchemaVersion = 1;
  /** Called before each mutation is applied; return true to fail it transiently (the batch stops there). */
  transientFailure: (mutation: Mutation) => boolean = () => false;
  /** Users whose next pull must be a reset (a scope change). */
  readonly resetNext = new Set<string>();
  readonly clients = new Map<string, ClientRecord>();
  /** Every mutation the world consumed, in order: `${clientId}#${id}:${status}`. */
  readonly consumed: string[] = [];
  now: () => number = Date.now;

  /** Uploads by id (PUT with a client-chosen id). */
  readonly uploads = new Map<string, FakeUpload>();
  private readonly rows = new Map<string, Stored>();
  /** The sync client whose mutation last wrote each row (the server's `last_client_id`). */
  private readonly lastClient = new Map<string, string>();
  /** The client whose mutation is being applied (null: a test seeding the world). */
  private writer: string | null = null;
  private readonly snapshots = new Map<string, Snapshot>();
  private snapshotCounter = 0;

  // ---- state ---------------------------------------------------------------------------------

  put(entity: 'centre', value: CentreDto): void;
  put(entity: 'fair', value: FairDto): void;
  put(entity: 'company', value: CompanyDto): void;
  put(entity: 'preApplication', value: PreApplicationDto): void;
  put(entity: 'stand', value: StandDto): void;
  put(entity: 'vacancy', value: VacancyDto): void;
  put(entity: 'participation', value: ParticipationDto): void;
  put(entity: 'response', value: ResponseDto): void;
  put(entity: 'interest', value: InterestDto): void;
  put(entity: Entity, value: Value): void {
    this.version += 1;
    const stored = 'version' in value ? { ...value, version: this.version } : value;
    this.rows.set(key(entity, value.id), { entity, id: value.id, value: stored, version: this.version });
    if (this.writer) this.lastClient.set(key(entity, value.id), this.writer);
    else this.lastClient.delete(key(entity, value.id));
  }

  del(entity: Entity, id: string): void {
    this.version += 1;
    this.rows.set(key(entity, id), { entity, id, value: null, version: this.version });
  }

  get<V extends Value>(entity: Entity, id: string): V | null {
    return (this.rows.get(key(entity, id))?.value as V | null | undefined) ?? null;
  }

  all<V extends Value>(entity: Entity): V[] {
    return [...this.rows.values()].filter((r) => r.entity === entity && r.value).map((r) => r.value as V);
  }

  /** What `user` may see (mirrors the server's readScope). */
  visible(user: UserDto, entity: Entity, value: Value): boolean {
    if (user.role === 'moderator') {
      switch (entity) {
        case 'centre':
          return value.id === user.centreId;
        case 'fair':
        case 'preApplication':
          return (value as FairDto).centreId === user.centreId;
        case 'company':
          return this.all<PreApplicationDto>('preApplication').some((p) => p.companyId === value.id && p.centreId === user.centreId);
        case 'participation':
          return (value as ParticipationDto).centreId === user.centreId;
        case 'vacancy': {
          const participationId = (value as VacancyDto).participationId;
          const info = participationId ? this.get<ParticipationDto>('participation', participationId) : null;
          return info?.centreId === user.centreId;
        }
        case 'stand':
          return this.all<ParticipationDto>('participation').some((p) => p.standId === value.id && p.centreId === user.centreId);
        case 'response':
        case 'interest':
          // Candidates' personal data stays with the employer they responded to.
          return false;
      }
    }
    switch (entity) {
      case 'centre':
      case 'fair':
        return true;
      case 'company':
      case 'preApplication':
      case 'stand':
      case 'vacancy':
      case 'participation':
      case 'response':
      case 'interest':
        return (value as CompanyDto).employerId === user.employerId;
    }
  }

  /**
   * `PUT /api/uploads/:kind/:id`: stores the bytes under the client's id. The same bytes by the
   * same user again answer the stored upload; other bytes or another owner are a 409.
   */
  putUpload(user: UserDto, kind: string, id: string, bytes: Buffer, mime: string, fileName = id): UploadResponse {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = this.uploads.get(id);
    if (existing && (existing.ownerId !== user.id || existing.sha256 !== sha256)) {
      throw new FakeSyncError(409, 'conflict', 'Another file was already uploaded under this id.');
    }
    this.uploads.set(id, { kind, ownerId: user.id, employerId: user.employerId, sha256, mime, fileName, bytes: Buffer.from(bytes) });
    return { id, mime, size: bytes.length, sha256, width: null, height: null };
  }

  /** `GET /api/fairs/:id/overview`: a simple count over the world (the server's is src/server/domain/fairOverview.ts). */
  fairOverview(user: UserDto, fairId: string, now: number): FairOverview {
    if (user.role !== 'moderator') throw new FakeSyncError(403, 'forbidden', 'Only moderators see the fair overview.');
    if (this.get<FairDto>('fair', fairId)?.centreId !== user.centreId) throw new FakeSyncError(404, 'not_found', 'There is no such fair at your career centre.');
    const infos = this.all<ParticipationDto>('participation')
      .filter((p) => p.fairId === fairId && p.status !== 'draft')
      .sort((a, b) => a.companyName.localeCompare(b.companyName));
    const employers: FairOverviewEmployer[] = infos.map((p) => {
      const vacancies = this.all<VacancyDto>('vacancy').filter((v) => v.participationId === p.id);
      const responses = this.all<ResponseDto>('response').filter((r) => r.participationId === p.id);
      return {
        participationId: p.id,
        companyName: p.companyName,
        status: p.status,
        vacancyCount: vacancies.length,
        placeCount: vacancies.reduce((sum, v) => sum + v.places, 0),
        responseCount: responses.length,
        interestCount: this.all<InterestDto>('interest').filter((i) => i.participationId === p.id).length,
        videoResponseCount: responses.filter((r) => r.wantsVideoInterview).length,
        plannedSlots: plannedSlots(p.interviewPlan),
        // The fake world has no chat.
        unansweredChats: 0,
        oldestUnansweredSince: null,
      };
    });
    return { fairId, employers, totals: overviewTotals(employers), countedAt: now };
  }

  /** The user's scope now, as puts sorted by entity and id (what a cache must equal after quiescence). */
  projection(user: UserDto): PatchOp[] {
    return [...this.rows.values()]
      .filter((r) => r.value && this.visible(user, r.entity, r.value))
      .sort((a, b) => key(a.entity, a.id).localeCompare(key(b.entity, b.id)))
      .map((r) => ({ op: 'put', entity: r.entity, value: r.value }) as PatchOp);
  }

  // ---- protocol ------------------------------------------------------------------------------

  push(user: UserDto, request: PushRequest): PushResponse {
    this.checkSchema(request.schemaVersion);
    const client = this.client(user, request.clientId);
    const results: MutationResult[] = [];
    for (const mutation of [...request.mutations].sort((a, b) => a.id - b.id)) {
      if (mutation.id <= client.lastMutationId) continue;
      if (mutation.id !== client.lastMutationId + 1) break;
      if (this.transientFailure(mutation)) break;
      this.writer = request.clientId;
      const rejection = this.apply(user, mutation);
      this.writer = null;
      client.lastMutationId = mutation.id;
      this.consumed.push(`${request.clientId}#${mutation.id}:${rejection ? 'rejected' : 'applied'}`);
      if (rejection) {
        const result: MutationResult = { mutationId: mutation.id, status: 'rejected', ...rejection, decidedAt: this.now() };
        client.results.push(result);
        results.push(result);
      }
    }
    return { lastMutationId: client.lastMutationId, results };
  }

  pull(user: UserDto, request: SyncPullRequest): SyncPullResponse {
    this.checkSchema(request.schemaVersion);
    const client = this.client(user, request.clientId);
    const resultsAfter = request.resultsAfter ?? 0;
    const results = client.results.filter((r) => r.mutationId > resultsAfter);
    const wantsReset = this.resetNext.delete(user.id);
    if (request.cookie === null || wantsReset) return this.snapshotPage(user, request.snapshotCursor ?? null, client, results);
    const since = Number(request.cookie);
    if (!Number.isInteger(since) || since > this.version) throw new FakeSyncError(400, 'bad_request', 'Unknown cookie.');
    const patch: PatchOp[] = [];
    for (const row of this.rows.values()) {
      if (row.version <= since) continue;
      if (row.value && this.visible(user, row.entity, row.value)) patch.push({ op: 'put', entity: row.entity, value: row.value } as PatchOp);
      else patch.push({ op: 'del', entity: row.entity, id: row.id });
    }
    return { cookie: String(this.version), lastMutationId: client.lastMutationId, results, reset: false, patch, more: false, snapshotCursor: null };
  }

  private snapshotPage(user: UserDto, cursor: string | null, client: ClientRecord, results: MutationResult[]): SyncPullResponse {
    let id: string;
    let offset: number;
    if (cursor === null) {
      id = `s${++this.snapshotCounter}`;
      offset = 0;
      this.snapshots.set(id, { ops: this.projection(user), version: this.version, lastMutationId: client.lastMutationId });
    } else {
      const [snapshotId, at] = cursor.split(':');
      id = snapshotId ?? '';
      offset = Number(at);
    }
    const snapshot = this.snapshots.get(id);
    if (!snapshot || !Number.isInteger(offset)) throw new FakeSyncError(400, 'bad_request', 'Unknown snapshot cursor.');
    const page = snapshot.ops.slice(offset, offset + this.pageSize);
    const more = offset + this.pageSize < snapshot.ops.length;
    return {
      cookie: String(snapshot.version),
      lastMutationId: snapshot.lastMutationId,
      results,
      reset: true,
      patch: page,
      more,
      snapshotCursor: more ? `${id}:${offset + this.pageSize}` : null,
    };
  }

  private checkSchema(schemaVersion: number): void {
    if (schemaVersion < this.minSchemaVersion) {
      throw new FakeSyncError(426, 'upgrade_required', 'This FairDesk version is too old for the server. Please update the app.');
    }
  }

  private client(user: UserDto, clientId: string): ClientRecord {
    const existing = this.clients.get(clientId);
    if (existing && existing.userId !== user.id) throw new FakeSyncError(403, 'forbidden', 'This client id belongs to another account.');
    if (existing) return existing;
    const created: ClientRecord = { userId: user.id, lastMutationId: 0, results: [] };
    this.clients.set(clientId, created);
    return created;
  }

  // ---- rules ---------------------------------------------------------------------------------

  private apply(user: UserDto, mutation: Mutation): { code: RejectionCode; message: string; recordId: string | null } | null {
    const reject = (code: RejectionCode, message: string, recordId: string | null) => ({ code, message, recordId });
    const schema = mutationArgs[mutation.name];
    const parsed = schema.safeParse(mutation.args);
    const recordId = typeof (mutation.args as { id?: unknown } | null)?.id === 'string' ? (mutation.args as { id: string }).id : null;
    if (!parsed.success) return reject('invalid', parsed.error.issues[0]?.message ?? 'Invalid change.', recordId);
    const now = this.now();
    switch (mutation.name) {
      case 'createFair': {
        const a = mutationArgs.createFair.parse(mutation.args);
        if (user.role !== 'moderator' || !user.centreId) return reject('forbidden', 'Only moderators create fairs.', a.id);
        const centre = this.get<CentreDto>('centre', user.centreId);
        const { id, ...fields } = a;
        this.put('fair', { id, centreId: user.centreId, region: centre?.region ?? '', ...fields, updatedAt: now, version: 0 });
        return null;
      }
      case 'updateFair': {
        const a = mutationArgs.updateFair.parse(mutation.args);
        const fair = this.get<FairDto>('fair', a.id);
        if (!fair || fair.centreId !== user.centreId) return reject('not_found', 'This fair does not exist.', a.id);
        if (fair.version !== a.baseVersion) return reject('version_conflict', 'Someone else changed this fair first.', a.id);
        const defined = Object.fromEntries(Object.entries(a.fields).filter(([, v]) => v !== undefined));
        this.put('fair', { ...fair, ...defined, updatedAt: now });
        return null;
      }
      case 'createPreApplication': {
        const a = mutationArgs.createPreApplication.parse(mutation.args);
        const company = this.get<CompanyDto>('company', a.companyId);
        if (!isEmployerRole(user.role) || !company || company.employerId !== user.employerId) {
          return reject('forbidden', 'Not one of your companies.', a.id);
        }
        const fair = a.fairId ? this.get<FairDto>('fair', a.fairId) : null;
        const centreId = a.way === 2 ? fair?.centreId : a.centreId;
        const centre = centreId ? this.get<CentreDto>('centre', centreId) : null;
        if (!centre || (a.way === 2 && !fair)) return reject('not_found', 'No such fair or region.', a.id);
        const day = numberDay(now, centre.timeZone);
        const issued = this.all<PreApplicationDto>('preApplication').map((p) => p.number);
        this.put('preApplication', {
          id: a.id,
          number: nextPreApplicationNumber(day, issued),
          employerId: company.employerId,
          companyId: company.id,
          companyName: company.legalName,
          centreId: centre.id,
          way: a.way,
          fairId: fair?.id ?? null,
          fairTitle: fair?.title ?? null,
          region: fair?.region ?? centre.region,
          desiredFrom: a.way === 1 ? a.desiredFrom : null,
          desiredTo: a.way === 1 ? a.desiredTo : null,
          companyInfo: a.companyInfo,
          vacantPlaces: a.vacantPlaces,
          professions: a.professions,
          contactName: a.contactName,
          contactPhone: a.contactPhone,
          contactEmail: a.contactEmail,
          consentSalaryShown: true,
          consentChatDuringFair: true,
          wantsVideoInterviews: a.wantsVideoInterviews,
          status: 'under_review',
          rejectionReason: null,
          decidedBy: null,
          decidedByName: null,
          decidedAt: null,
          createdAt: now,
          updatedAt: now,
          statusChangedAt: now,
          version: 0,
        });
        return null;
      }
      case 'withdrawPreApplication': {
        const a = mutationArgs.withdrawPreApplication.parse(mutation.args);
        const app = this.get<PreApplicationDto>('preApplication', a.id);
        if (!app || app.employerId !== user.employerId) return reject('not_found', 'No such application.', a.id);
        if (!canWithdraw(app, user)) return reject('state_changed', `The application is already ${app.status}.`, a.id);
        this.put('preApplication', { ...app, status: 'withdrawn', updatedAt: now, statusChangedAt: now });
        return null;
      }
      case 'decidePreApplication': {
        const a = mutationArgs.decidePreApplication.parse(mutation.args);
        const app = this.get<PreApplicationDto>('preApplication', a.id);
        if (!app || app.centreId !== user.centreId) return reject('not_found', 'No such application.', a.id);
        if (!canDecide(app, user)) {
          const message =
            app.status === 'withdrawn'
              ? 'The employer withdrew this application first.'
              : `Another moderator (${app.decidedByName ?? 'unknown'}) ${app.status} it first.`;
          return reject('state_changed', message, a.id);
        }
        const fair = a.decision === 'approve' && a.fairId ? this.get<FairDto>('fair', a.fairId) : null;
        this.put('preApplication', {
          ...app,
          status: a.decision === 'approve' ? 'approved' : 'rejected',
          rejectionReason: a.decision === 'approve' ? null : a.reason,
          ...(fair ? { fairId: fair.id, fairTitle: fair.title } : {}),
          decidedBy: user.id,
          decidedByName: user.displayName,
          decidedAt: now,
          updatedAt: now,
          statusChangedAt: now,
        });
        return null;
      }
      default:
        return this.applyParticipation(user, mutation, now);
    }
  }

  /** The baseVersion rule: the row's version, or the row's last write came from this very client. */
  private baseMatches(entity: Entity, value: { id: string; version: number }, baseVersion: number | null): boolean {
    return value.version === baseVersion || (this.writer !== null && this.lastClient.get(key(entity, value.id)) === this.writer);
  }

  private ruleContext(user: UserDto, info: ParticipationDto, now: number): { state: ParticipationState; ctx: RuleContext } | null {
    const fair = this.get<FairDto>('fair', info.fairId);
    const centre = this.get<CentreDto>('centre', info.centreId);
    if (!fair || !centre) return null;
    const vacancyCount = this.all<VacancyDto>('vacancy').filter((v) => v.participationId === info.id).length;
    return {
      state: { status: info.status, employerId: info.employerId, centreId: info.centreId, hasStand: info.standId !== null, vacancyCount },
      ctx: { actor: user, fair, centre, now },
    };
  }

  /** Simple versions of the server's participation rules (src/server/domain/participationService.ts is the real one). */
  private applyParticipation(user: UserDto, mutation: Mutation, now: number): { code: RejectionCode; message: string; recordId: string | null } | null {
    const reject = (code: RejectionCode, message: string, recordId: string | null) => ({ code, message, recordId });
    const refusal = (result: { ok: false; code: string; message: string }, recordId: string) =>
      reject(result.code === 'forbidden' ? 'forbidden' : result.code === 'incomplete' ? 'invalid' : result.code === 'deadline_passed' ? 'deadline_passed' : 'state_changed', result.message, recordId);
    const info = (id: string) => {
      const found = this.get<ParticipationDto>('participation', id);
      return found && (found.employerId === user.employerId || found.centreId === user.centreId) ? found : null;
    };
    switch (mutation.name) {
      case 'saveStand': {
        const a = mutationArgs.saveStand.parse(mutation.args);
        const existing = this.get<StandDto>('stand', a.id);
        if (!isEmployerRole(user.role) || !user.employerId || (existing && existing.employerId !== user.employerId)) return reject('forbidden', 'Not your stand.', a.id);
        if (existing && !this.baseMatches('stand', existing, a.baseVersion)) return reject('version_conflict', 'Someone else changed this stand first.', a.id);
        const missing = standUploadIds(a.fields).find((id) => this.uploads.get(id)?.kind !== 'image' || this.uploads.get(id)?.employerId !== user.employerId);
        if (missing) return reject('invalid', `The image ${missing} has not been uploaded.`, a.id);
        for (const shown of this.all<ParticipationDto>('participation').filter((p) => p.standId === a.id && (p.status === 'sent' || p.status === 'approved'))) {
          const rules = this.ruleContext(user, shown, now);
          const result = rules ? checkEdit(rules.state, 'stand', rules.ctx) : null;
          if (result && !result.ok) return refusal(result, a.id);
        }
        this.put('stand', { ...a.fields, id: a.id, employerId: user.employerId, createdAt: existing?.createdAt ?? now, updatedAt: now, version: 0 });
        return null;
      }
      case 'deleteStand': {
        const a = mutationArgs.deleteStand.parse(mutation.args);
        const existing = this.get<StandDto>('stand', a.id);
        if (!existing || existing.employerId !== user.employerId) return reject('not_found', 'No such stand.', a.id);
        const showing = this.all<ParticipationDto>('participation').filter((p) => p.standId === a.id);
        if (showing.some((p) => p.status === 'sent' || p.status === 'approved')) return reject('state_changed', 'A sent or approved participation info shows this stand.', a.id);
        for (const p of showing) this.put('participation', { ...p, standId: null, updatedAt: now });
        this.del('stand', a.id);
        return null;
      }
      case 'saveVacancy': {
        const a = mutationArgs.saveVacancy.parse(mutation.args);
        const existing = this.get<VacancyDto>('vacancy', a.id);
        if (!isEmployerRole(user.role) || !user.employerId || (existing && existing.employerId !== user.employerId)) return reject('forbidden', 'Not your vacancy.', a.id);
        if (existing && !this.baseMatches('vacancy', existing, a.baseVersion)) return reject('version_conflict', 'Someone else changed this vacancy first.', a.id);
        if (a.participationId) {
          const parent = info(a.participationId);
          const rules = parent ? this.ruleContext(user, parent, now) : null;
          if (!rules) return reject('not_found', 'No such participation info.', a.id);
          const result = checkEdit(rules.state, 'vacancies', rules.ctx);
          if (!result.ok) return refusal(result, a.id);
        }
        const { id, baseVersion: _base, fields, ...rest } = a;
        this.put('vacancy', { ...fields, ...rest, id, employerId: user.employerId, createdAt: existing?.createdAt ?? now, updatedAt: now, version: 0 });
        return null;
      }
      case 'deleteVacancy': {
        const a = mutationArgs.deleteVacancy.parse(mutation.args);
        const existing = this.get<VacancyDto>('vacancy', a.id);
        if (!existing || existing.employerId !== user.employerId) return reject('not_found', 'No such vacancy.', a.id);
        if (existing.participationId) {
          const parent = info(existing.participationId);
          const rules = parent ? this.ruleContext(user, parent, now) : null;
          const result = rules ? checkEdit(rules.state, 'vacancies', rules.ctx) : null;
          if (result && !result.ok) return refusal(result, a.id);
        }
        this.del('vacancy', a.id);
        return null;
      }
      case 'importVacancies': {
        const a = mutationArgs.importVacancies.parse(mutation.args);
        const parent = info(a.participationId);
        const rules = parent ? this.ruleContext(user, parent, now) : null;
        if (!parent || !rules) return reject('not_found', 'No such participation info.', a.participationId);
        const result = checkEdit(rules.state, 'vacancies', rules.ctx);
        if (!result.ok) return refusal(result, a.participationId);
        for (const v of a.vacancies) {
          this.put('vacancy', { ...v.fields, id: v.id, employerId: parent.employerId, companyId: parent.companyId, participationId: parent.id, active: true, createdAt: now, updatedAt: now, version: 0 });
        }
        return null;
      }
      case 'updateParticipation': {
        const a = mutationArgs.updateParticipation.parse(mutation.args);
        const parent = info(a.id);
        const rules = parent ? this.ruleContext(user, parent, now) : null;
        if (!parent || !rules) return reject('not_found', 'No such participation info.', a.id);
        if (!this.baseMatches('participation', parent, a.baseVersion)) return reject('version_conflict', 'Someone else changed this participation info first.', a.id);
        const result = checkEdit(rules.state, 'stand', rules.ctx);
        if (!result.ok) return refusal(result, a.id);
        if (validateInterviewPlan(a.interviewPlan, rules.ctx.fair, rules.ctx.centre).length > 0) return reject('invalid', 'The interview plan is not valid.', a.id);
        if (a.standId && this.get<StandDto>('stand', a.standId)?.employerId !== parent.employerId) return reject('invalid', 'Not your stand.', a.id);
        this.put('participation', { ...parent, standId: a.standId, interviewPlan: a.interviewPlan, updatedAt: now });
        return null;
      }
      case 'sendParticipation':
      case 'withdrawParticipation':
      case 'reopenParticipation':
      case 'decideParticipation': {
        const a = mutationArgs[mutation.name].parse(mutation.args) as { id: string; decision?: 'approve' | 'reject'; reason?: string | null };
        const parent = info(a.id);
        const rules = parent ? this.ruleContext(user, parent, now) : null;
        if (!parent || !rules) return reject('not_found', 'No such participation info.', a.id);
        const action = mutation.name === 'sendParticipation' ? 'send' : mutation.name === 'withdrawParticipation' ? 'withdraw' : mutation.name === 'reopenParticipation' ? 'reopen' : (a.decision ?? 'approve');
        if (mutation.name === 'decideParticipation' && parent.status !== 'sent') {
          return reject('state_changed', parent.status === 'withdrawn' ? 'The employer withdrew this participation info first.' : `Another moderator (${parent.decidedByName ?? 'unknown'}) ${parent.status} it first.`, a.id);
        }
        const result = checkAction(rules.state, action, rules.ctx);
        if (!result.ok) return refusal(result, a.id);
        const status = action === 'send' ? 'sent' : action === 'withdraw' ? 'withdrawn' : action === 'reopen' ? 'draft' : action === 'approve' ? 'approved' : 'rejected';
        const decided = action === 'approve' || action === 'reject';
        this.put('participation', {
          ...parent,
          status,
          ...(action === 'send' ? { sentAt: now } : {}),
          ...(decided ? { decidedBy: user.id, decidedByName: user.displayName, decidedAt: now, rejectionReason: action === 'reject' ? (a.reason ?? null) : null } : {}),
          updatedAt: now,
          statusChangedAt: now,
        });
        return null;
      }
      default:
        return reject('invalid', `The fake world does not know ${mutation.name}.`, null);
    }
  }
}
