import { In, type EntityManager } from 'typeorm';
import type { IpcParsedInput, LocalResponse } from '../../shared/contract/ipc';
import { overviewTotals, plannedSlots } from '../../shared/domain/participation/overview';
import { InterestDto, ResponseDto, type FairOverview, type FairOverviewEmployer } from '../../shared/domain/participation/records';
import { InterestRow, ParticipationRow, ResponseRow, UploadRow, VacancyRow } from './entities';
import { participationFromRow } from './recordMapping';

/**
 * Responses and interests in the cache (migration 0005): DTO ⇄ row, the employer's lists, and
 * the fair overview as far as the cache knows it. Rows read back are re-validated with the shared
 * schemas, like the other scope tables.
 */

export const responseToRow = (dto: ResponseDto): ResponseRow => ({ ...dto, wantsVideoInterview: dto.wantsVideoInterview ? 1 : 0 });

export const responseFromRow = (row: ResponseRow): ResponseDto =>
  ResponseDto.parse({
    id: row.id,
    employerId: row.employerId,
    participationId: row.participationId,
    fairId: row.fairId,
    vacancyId: row.vacancyId,
    vacancyTitle: row.vacancyTitle,
    companyName: row.companyName,
    candidateId: row.candidateId,
    candidateName: row.candidateName,
    candidateEmail: row.candidateEmail,
    candidatePhone: row.candidatePhone,
    resumeUploadId: row.resumeUploadId,
    resumeFileName: row.resumeFileName,
    wantsVideoInterview: row.wantsVideoInterview === 1,
    coverNote: row.coverNote,
    createdAt: row.createdAt,
    version: row.version,
  });

export const interestToRow = (dto: InterestDto): InterestRow => ({ ...dto });

export const interestFromRow = (row: InterestRow): InterestDto =>
  InterestDto.parse({
    id: row.id,
    employerId: row.employerId,
    participationId: row.participationId,
    fairId: row.fairId,
    candidateId: row.candidateId,
    candidateName: row.candidateName,
    candidateEmail: row.candidateEmail,
    candidatePhone: row.candidatePhone,
    createdAt: row.createdAt,
    version: row.version,
  });

export type ResponseFilter = NonNullable<IpcParsedInput<'responses.list'>>;

/** Responses, newest first; `resumeCached` = the resume's upload row is stored in this cache (readable offline). */
export async function listResponses(m: EntityManager, filter: ResponseFilter = {}): Promise<LocalResponse[]> {
  const rows = await m.find(ResponseRow, {
    where: {
      ...(filter.fairId ? { fairId: filter.fairId } : {}),
      ...(filter.participationId ? { participationId: filter.participationId } : {}),
      ...(filter.vacancyId ? { vacancyId: filter.vacancyId } : {}),
      ...(filter.wantsVideoInterview !== undefined ? { wantsVideoInterview: filter.wantsVideoInterview ? 1 : 0 } : {}),
    },
    order: { createdAt: 'DESC', id: 'ASC' },
  });
  const needle = filter.search?.trim().toLocaleLowerCase() ?? '';
  const matching = needle
    ? rows.filter((r) => [r.candidateName, r.candidateEmail, r.vacancyTitle].some((text) => text.toLocaleLowerCase().includes(needle)))
    : rows;
  const resumeIds = [...new Set(matching.map((r) => r.resumeUploadId))];
  const cached = new Set<string>();
  for (let start = 0; start < resumeIds.length; start += 500) {
    const chunk = resumeIds.slice(start, start + 500);
    for (const u of await m.find(UploadRow, { select: { id: true }, where: { id: In(chunk), state: 'uploaded' } })) cached.add(u.id);
  }
  return matching.map((r) => ({ ...responseFromRow(r), resumeCached: cached.has(r.resumeUploadId) }));
}

/** Interests, newest first. */
export async function listInterests(m: EntityManager, filter: IpcParsedInput<'interests.list'> = {}): Promise<InterestDto[]> {
  const rows = await m.find(InterestRow, {
    where: { ...(filter?.fairId ? { fairId: filter.fairId } : {}), ...(filter?.participationId ? { participationId: filter.participationId } : {}) },
    order: { createdAt: 'DESC', id: 'ASC' },
  });
  return rows.map(interestFromRow);
}

/**
 * The fair overview from the cache alone (offline): the fair's participation infos that are not
 * drafts, their cached vacancies and interview plans. Response and interest counts are null (a
 * moderator's cache holds none; only the server counts them), and so is `countedAt`.
 */
export async function overviewFromCache(m: EntityManager, fairId: string): Promise<FairOverview> {
  const infos = (await m.find(ParticipationRow, { where: { fairId }, order: { companyName: 'ASC', id: 'ASC' } })).filter((p) => p.status !== 'draft');
  const vacancies = infos.length
    ? await m.find(VacancyRow, { where: { participationId: In(infos.map((p) => p.id)), deleted: 0 } })
    : [];
  const employers: FairOverviewEmployer[] = infos.map((row) => {
    const info = participationFromRow(row);
    const own = vacancies.filter((v) => v.participationId === info.id);
    return {
      participationId: info.id,
      companyName: info.companyName,
      status: info.status,
      vacancyCount: own.length,
      placeCount: own.reduce((sum, v) => sum + v.places, 0),
      responseCount: null,
      interestCount: null,
      videoResponseCount: null,
      plannedSlots: plannedSlots(info.interviewPlan),
      unansweredChats: null,
      oldestUnansweredSince: null,
    };
  });
  return { fairId, employers, totals: overviewTotals(employers), countedAt: null };
}
