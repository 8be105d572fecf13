import type { EntityManager } from 'typeorm';
import { overviewTotals, plannedSlots } from '../../shared/domain/participation/overview';
import type { FairOverview, FairOverviewEmployer } from '../../shared/domain/participation/records';
import { ChatConversation, EmployerInterest, Fair, Participation, Vacancy, VacancyResponse, type User } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';

/**
 * The moderator's fair overview (SPEC: employers taking part, vacancies, responses, video slots):
 * per participation info of the fair that is not a draft — company, status, vacancy and place
 * counts, response / interest / video-wanted counts, planned interview slots, chats waiting for the
 * employer's answer (how many, and since when the longest has waited) — and totals.
 * Counts only: candidates' personal data stays with the employer they responded to.
 *
 * Only a moderator of the fair's centre: anyone else who is not a moderator gets 403; a
 * moderator of another centre (or an unknown fair) 404, so fairs of other centres do not leak.
 */
export class FairOverviewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly now: () => number = Date.now,
  ) {}

  /** @throws ServerError 403 (not a moderator), 404 (no such fair at the moderator's centre). */
  async overview(user: User, fairId: string): Promise<FairOverview> {
    if (user.role !== 'moderator' || user.centreId === null) {
      throw new ServerError('forbidden', 403, 'Only moderators of the fair’s career centre see the fair overview.');
    }
    const centreId = user.centreId;
    return this.tx.read((manager) => this.count(manager, centreId, fairId));
  }

  private async count(manager: EntityManager, centreId: string, fairId: string): Promise<FairOverview> {
    const fair = await manager.findOneBy(Fair, { id: fairId });
    if (fair?.centreId !== centreId) throw new ServerError('not_found', 404, 'There is no such fair at your career centre.');
    const participations = (await manager.find(Participation, { where: { fairId }, order: { companyName: 'ASC', id: 'ASC' } })).filter(
      (p) => p.status !== 'draft',
    );
    const ids = participations.map((p) => p.id);
    const countBy = async (
      sql: string,
    ): Promise<Map<string, { n: number; extra: number }>> => {
      const result = new Map<string, { n: number; extra: number }>();
      if (ids.length === 0) return result;
      const rows: Array<{ pid: string; n: string | number; extra: string | number | null }> = await manager.query(
        `${sql} WHERE participation_id IN (${ids.map((_, i) => (manager.connection.options.type === 'postgres' ? `$${i + 1}` : '?')).join(', ')}) GROUP BY participation_id`,
        ids,
      );
      for (const row of rows) result.set(row.pid, { n: Number(row.n), extra: Number(row.extra ?? 0) });
      return result;
    };
    const table = (entity: new () => unknown): string => manager.connection.getMetadata(entity).tableName;
    const vacancies = await countBy(`SELECT participation_id AS pid, COUNT(*) AS n, SUM(places) AS extra FROM ${table(Vacancy)}`);
    const responses = await countBy(
      `SELECT participation_id AS pid, COUNT(*) AS n, SUM(CASE WHEN wants_video_interview THEN 1 ELSE 0 END) AS extra FROM ${table(VacancyResponse)}`,
    );
    const interests = await countBy(`SELECT participation_id AS pid, COUNT(*) AS n, 0 AS extra FROM ${table(EmployerInterest)}`);
    // A conversation counts under the participation of the candidate's latest response to the employer.
    const unanswered = await countBy(
      `SELECT participation_id AS pid, COUNT(*) AS n, MIN(awaiting_reply_since) AS extra FROM (SELECT participation_id, awaiting_reply_since FROM ${table(ChatConversation)} WHERE awaiting_reply_since IS NOT NULL) awaiting`,
    );

    const employers: FairOverviewEmployer[] = participations.map((p) => ({
      participationId: p.id,
      companyName: p.companyName,
      status: p.status,
      vacancyCount: vacancies.get(p.id)?.n ?? 0,
      placeCount: vacancies.get(p.id)?.extra ?? 0,
      responseCount: responses.get(p.id)?.n ?? 0,
      interestCount: interests.get(p.id)?.n ?? 0,
      videoResponseCount: responses.get(p.id)?.extra ?? 0,
      plannedSlots: plannedSlots(p.interviewPlan),
      unansweredChats: unanswered.get(p.id)?.n ?? 0,
      oldestUnansweredSince: unanswered.get(p.id)?.extra ?? null,
    }));
    return {
      fairId,
      employers,
      totals: overviewTotals(employers),
      countedAt: this.now(),
    };
  }
}
