import { In, type EntityManager } from 'typeorm';
import type { CandidateVideoInterviewDto, VideoInterviewDto } from '../../shared/domain/video/records';
import { Candidate, Participation, User, VacancyResponse, type VideoInterview } from '../db/entities';
import { freeSlots, planSlots, slotInPlan, type PlanSlots } from './videoSlots';

/** Plans loaded once per participation while building a list of views. */
export class PlanCache {
  private readonly plans = new Map<string, Promise<PlanSlots | null>>();

  constructor(private readonly m: EntityManager) {}

  get(participationId: string): Promise<PlanSlots | null> {
    let plan = this.plans.get(participationId);
    if (!plan) {
      plan = planSlots(this.m, participationId);
      this.plans.set(participationId, plan);
    }
    return plan;
  }
}

/** Booked, and the booked slot is no longer in the plan (edited after the booking). */
export async function isSlotGone(plans: PlanCache, row: VideoInterview): Promise<boolean> {
  if (row.slotStartsAt === null) return false;
  return !slotInPlan(await plans.get(row.participationId), row.slotManagerId, row.slotStartsAt);
}

const byId = async <T extends { id: string }>(m: EntityManager, entity: new () => T, ids: string[]): Promise<Map<string, T>> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  // The cast: TypeORM cannot infer that `id` is a column of every T.
  const rows = await m.find(entity, { where: { id: In(unique) } as never });
  return new Map(rows.map((r) => [r.id, r]));
};

/** Employer views of `rows`, in the given order. */
export async function toVideoInterviewDtos(m: EntityManager, rows: VideoInterview[], plans = new PlanCache(m)): Promise<VideoInterviewDto[]> {
  const responses = await byId(m, VacancyResponse, rows.map((r) => r.responseId));
  const candidates = await byId(m, Candidate, rows.map((r) => r.candidateId));
  const users = await byId(m, User, rows.map((r) => r.invitedByUserId));
  const dtos: VideoInterviewDto[] = [];
  for (const row of rows) {
    const response = responses.get(row.responseId);
    const candidate = candidates.get(row.candidateId);
    dtos.push({
      id: row.id,
      responseId: row.responseId,
      employerId: row.employerId,
      participationId: row.participationId,
      fairId: row.fairId,
      candidateId: row.candidateId,
      candidateName: candidate?.name.trim() || response?.candidateName || candidate?.email || '',
      vacancyTitle: response?.vacancyTitle ?? '',
      invitedByUserId: row.invitedByUserId,
      invitedByName: users.get(row.invitedByUserId)?.displayName ?? '',
      state: row.state,
      slotStartsAt: row.slotStartsAt,
      slotEndsAt: row.slotEndsAt,
      slotGone: await isSlotGone(plans, row),
      invitedAt: row.invitedAt,
      bookedAt: row.bookedAt,
      declinedAt: row.declinedAt,
      callStartedAt: row.callStartedAt,
      callEndedAt: row.callEndedAt,
      durationSeconds: row.durationSeconds,
      absent: row.absent,
      note: row.note,
      updatedAt: row.updatedAt,
      version: row.version,
    });
  }
  return dtos;
}

export async function toVideoInterviewDto(m: EntityManager, row: VideoInterview, plans?: PlanCache): Promise<VideoInterviewDto> {
  const [dto] = await toVideoInterviewDtos(m, [row], plans);
  if (!dto) throw new Error('unreachable: one row gives one view');
  return dto;
}

/** The candidate's views: free slots of the interviewer while a time is still to be chosen. */
export async function toCandidateDtos(m: EntityManager, rows: VideoInterview[], now: number, plans = new PlanCache(m)): Promise<CandidateVideoInterviewDto[]> {
  const responses = await byId(m, VacancyResponse, rows.map((r) => r.responseId));
  const users = await byId(m, User, rows.map((r) => r.invitedByUserId));
  const participations = await byId(m, Participation, rows.map((r) => r.participationId));
  const dtos: CandidateVideoInterviewDto[] = [];
  for (const row of rows) {
    const plan = await plans.get(row.participationId);
    const slotGone = await isSlotGone(plans, row);
    const choosing = row.state === 'invited' || (row.state === 'booked' && slotGone);
    const response = responses.get(row.responseId);
    dtos.push({
      id: row.id,
      responseId: row.responseId,
      fairTitle: participations.get(row.participationId)?.fairTitle ?? '',
      companyName: response?.companyName ?? '',
      vacancyTitle: response?.vacancyTitle ?? '',
      interviewerName: users.get(row.invitedByUserId)?.displayName ?? '',
      state: row.state,
      slotStartsAt: row.slotStartsAt,
      slotEndsAt: row.slotEndsAt,
      slotGone,
      freeSlots: choosing && plan ? await freeSlots(m, plan, row.invitedByUserId, now) : [],
      timeZone: plan?.timeZone ?? 'UTC',
    });
  }
  return dtos;
}
