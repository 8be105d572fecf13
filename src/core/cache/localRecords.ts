import { IsNull, type EntityManager } from 'typeorm';
import type {
  LocalFair,
  LocalParticipation,
  LocalPreApplication,
  LocalStand,
  LocalUpload,
  LocalVacancy,
  RecordSync,
  Rejection,
} from '../../shared/contract/ipc';
import type { ParticipationStatus } from '../../shared/domain/participation/participationRules';
import type { CentreDto, CompanyDto, PreApplicationStatus } from '../../shared/domain/records';
import { RejectionCode } from '../../shared/sync/mutations';
import {
  CentreRow,
  ChatMessageRow,
  CompanyRow,
  FairRow,
  OutboxEntry,
  ParticipationRow,
  PreApplicationRow,
  RejectionRow,
  StandRow,
  UploadRow,
  VacancyRow,
} from './entities';
import {
  centreFromRow,
  companyFromRow,
  fairFromRow,
  participationFromRow,
  preApplicationFromRow,
  standFromRow,
  vacancyFromRow,
} from './recordMapping';

/**
 * Reading the cache as the user sees it: each record with where it stands with the server
 * (`synced`, `pending` while an outbox entry is about it, `rejected` while an undismissed
 * rejection is). All functions run inside the caller's `cache.read`.
 */

export interface PreApplicationFilter {
  status?: PreApplicationStatus;
  /** Matched case-insensitively against company name, number and professions. */
  search?: string;
}

/** Sync state of every record that is not simply `synced`. */
async function syncStates(m: EntityManager): Promise<(recordId: string) => RecordSync> {
  const pending = new Set((await m.find(OutboxEntry, { select: { recordId: true } })).map((e) => e.recordId));
  const rejected = new Map<string, Rejection>();
  // Oldest first, so the newest rejection of a record is the one kept.
  for (const row of await m.find(RejectionRow, { where: { dismissedAt: IsNull() }, order: { mutationId: 'ASC' } })) {
    if (row.recordId !== null) rejected.set(row.recordId, rejectionFromRow(row));
  }
  return (recordId) => {
    const rejection = rejected.get(recordId) ?? null;
    if (pending.has(recordId)) return { state: 'pending', rejection };
    if (rejection) return { state: 'rejected', rejection };
    return { state: 'synced', rejection: null };
  };
}

export function rejectionFromRow(row: RejectionRow): Rejection {
  return {
    mutationId: row.mutationId,
    status: 'rejected',
    code: RejectionCode.parse(row.code),
    message: row.message,
    recordId: row.recordId,
    decidedAt: row.decidedAt,
    mutationName: row.mutationName,
    recordLabel: row.recordLabel,
  };
}

/** Fairs in scope, soonest first. */
export async function listFairs(m: EntityManager): Promise<LocalFair[]> {
  const syncOf = await syncStates(m);
  const rows = await m.find(FairRow, { order: { startsOn: 'ASC', title: 'ASC' } });
  return rows.map((row) => ({ ...fairFromRow(row), sync: syncOf(row.id) }));
}

export async function findFair(m: EntityManager, id: string): Promise<LocalFair | null> {
  const row = await m.findOneBy(FairRow, { id });
  return row ? { ...fairFromRow(row), sync: (await syncStates(m))(id) } : null;
}

/** Pre-applications in scope, newest first, optionally filtered. */
export async function listPreApplications(m: EntityManager, filter: PreApplicationFilter = {}): Promise<LocalPreApplication[]> {
  const syncOf = await syncStates(m);
  const rows = await m.find(PreApplicationRow, {
    where: filter.status ? { status: filter.status } : {},
    order: { createdAt: 'DESC', number: 'DESC' },
  });
  const records = rows.map((row) => ({ ...preApplicationFromRow(row), sync: syncOf(row.id) }));
  const needle = filter.search?.trim().toLocaleLowerCase() ?? '';
  // Filtered here, not with SQL LIKE: SQLite folds case for ASCII only, and company names
  // and professions are mostly Cyrillic. A centre's queue is at most a few thousand rows.
  if (!needle) return records;
  return records.filter(
    (p) =>
      p.companyName.toLocaleLowerCase().includes(needle) ||
      p.number.toLocaleLowerCase().includes(needle) ||
      p.professions.some((profession) => profession.toLocaleLowerCase().includes(needle)),
  );
}

export async function findPreApplication(m: EntityManager, id: string): Promise<LocalPreApplication | null> {
  const row = await m.findOneBy(PreApplicationRow, { id });
  return row ? { ...preApplicationFromRow(row), sync: (await syncStates(m))(id) } : null;
}

export async function listCentres(m: EntityManager): Promise<CentreDto[]> {
  return (await m.find(CentreRow, { order: { name: 'ASC' } })).map(centreFromRow);
}

export async function listCompanies(m: EntityManager): Promise<CompanyDto[]> {
  return (await m.find(CompanyRow, { order: { legalName: 'ASC' } })).map(companyFromRow);
}

/** Rejections the user has not dismissed, newest first. */
export async function listRejections(m: EntityManager): Promise<Rejection[]> {
  const rows = await m
    .createQueryBuilder(RejectionRow, 'r')
    .where('r.dismissed_at IS NULL')
    .orderBy('r.decided_at', 'DESC')
    .addOrderBy('r.mutation_id', 'DESC')
    .getMany();
  return rows.map(rejectionFromRow);
}

/**
 * The two numbers the status bar shows: "waiting to send" (queued changes and queued files: a
 * picked image is as unsent as a change) and undismissed rejections.
 */
export async function syncCounts(m: EntityManager): Promise<{ pending: number; rejections: number }> {
  const pending = (await m.count(OutboxEntry)) + (await m.countBy(UploadRow, { state: 'queued' }));
  const [row] = (await m.query(`SELECT COUNT(*) AS n FROM "rejections" WHERE "dismissed_at" IS NULL`)) as Array<{ n: number }>;
  return { pending, rejections: Number(row?.n ?? 0) };
}

/**
 * Everything of the user's that has not reached the server: queued changes, queued files and chat
 * messages still "sending…". Signing out would lose them, so sign-out is refused while any wait.
 */
export async function unsentCount(m: EntityManager): Promise<number> {
  const { pending } = await syncCounts(m);
  return pending + (await m.countBy(ChatMessageRow, { delivery: 'sending' }));
}

/** Marks a rejection as read. @returns false when there is no such rejection. */
export async function dismissRejection(m: EntityManager, mutationId: number, now: number): Promise<boolean> {
  const row = await m.findOneBy(RejectionRow, { mutationId });
  if (!row) return false;
  if (row.dismissedAt === null) await m.update(RejectionRow, { mutationId }, { dismissedAt: now });
  return true;
}

// ---- participation -------------------------------------------------------------------------

/**
 * A row showing local changes is `pending` even when no outbox entry names it: an import is one
 * entry about the participation info, yet every vacancy it added waits for the server too.
 */
const withOptimistic = (sync: RecordSync, optimistic: number): RecordSync =>
  optimistic === 1 && sync.state !== 'pending' ? { state: 'pending', rejection: sync.rejection } : sync;

/** Stands in scope (the employer's own; a moderator's: those its centre's infos show), by name. */
export async function listStands(m: EntityManager): Promise<LocalStand[]> {
  const syncOf = await syncStates(m);
  const rows = await m.find(StandRow, { where: { deleted: 0 }, order: { internalName: 'ASC', createdAt: 'ASC' } });
  return rows.map((row) => ({ ...standFromRow(row), sync: withOptimistic(syncOf(row.id), row.optimistic) }));
}

/** A stand as the user sees it; null when missing or deleted locally. */
export async function findStand(m: EntityManager, id: string): Promise<LocalStand | null> {
  const row = await m.findOneBy(StandRow, { id, deleted: 0 });
  return row ? { ...standFromRow(row), sync: withOptimistic((await syncStates(m))(id), row.optimistic) } : null;
}

export interface VacancyFilter {
  /** null: the company library. */
  participationId: string | null;
  companyId?: string;
}

/** Vacancies of one participation info or of the library, oldest first (the order they were added in). */
export async function listVacancies(m: EntityManager, filter: VacancyFilter): Promise<LocalVacancy[]> {
  const syncOf = await syncStates(m);
  const rows = await m.find(VacancyRow, {
    where: {
      deleted: 0,
      participationId: filter.participationId ?? IsNull(),
      ...(filter.companyId ? { companyId: filter.companyId } : {}),
    },
    order: { createdAt: 'ASC', title: 'ASC' },
  });
  return rows.map((row) => ({ ...vacancyFromRow(row), sync: withOptimistic(syncOf(row.id), row.optimistic) }));
}

export async function findVacancies(m: EntityManager, ids: readonly string[]): Promise<LocalVacancy[]> {
  const syncOf = await syncStates(m);
  const found: LocalVacancy[] = [];
  for (const id of ids) {
    const row = await m.findOneBy(VacancyRow, { id, deleted: 0 });
    if (row) found.push({ ...vacancyFromRow(row), sync: withOptimistic(syncOf(row.id), row.optimistic) });
  }
  return found;
}

export interface ParticipationFilter {
  status?: ParticipationStatus;
  fairId?: string;
  /** Leave drafts out (a moderator's list: a draft is the employer's business until it is sent). */
  withoutDrafts?: boolean;
}

/** Participation infos in scope, newest first. */
export async function listParticipations(m: EntityManager, filter: ParticipationFilter = {}): Promise<LocalParticipation[]> {
  const syncOf = await syncStates(m);
  const rows = await m.find(ParticipationRow, {
    where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.fairId ? { fairId: filter.fairId } : {}) },
    order: { createdAt: 'DESC', number: 'DESC' },
  });
  return rows
    .filter((row) => !(filter.withoutDrafts && row.status === 'draft'))
    .map((row) => ({ ...participationFromRow(row), sync: withOptimistic(syncOf(row.id), row.optimistic) }));
}

export async function findParticipation(m: EntityManager, id: string): Promise<LocalParticipation | null> {
  const row = await m.findOneBy(ParticipationRow, { id });
  return row ? { ...participationFromRow(row), sync: withOptimistic((await syncStates(m))(id), row.optimistic) } : null;
}

export function uploadFromRow(row: UploadRow): LocalUpload {
  return {
    id: row.id,
    kind: row.kind as LocalUpload['kind'],
    fileName: row.fileName,
    mime: row.mime,
    size: row.size,
    width: row.width,
    height: row.height,
    state: row.state as LocalUpload['state'],
    error: row.error,
  };
}

/** Files still queued or refused, oldest first. */
export async function listPendingUploads(m: EntityManager): Promise<LocalUpload[]> {
  const rows = await m.find(UploadRow, { where: [{ state: 'queued' }, { state: 'refused' }], order: { createdAt: 'ASC', id: 'ASC' } });
  return rows.map(uploadFromRow);
}
