import crypto from 'node:crypto';
import { QueryFailedError, type DataSource } from 'typeorm';
import { EmployerInterest, Participation } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';

/**
 * "Want to work for you": interest in an employer as a whole at one fair. Adding and removing are
 * idempotent (adding twice keeps one; removing what is not there is fine).
 */
export class CandidateInterests {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  /** @throws ServerError 404 when the participation is not an approved one (not shown on a fair). */
  async add(candidateId: string, participationId: string): Promise<void> {
    const participation = await this.db.getRepository(Participation).findOneBy({ id: participationId });
    if (participation?.status !== 'approved') {
      throw new ServerError('not_found', 404, 'This employer does not take part in a fair (anymore).');
    }
    if (await this.db.getRepository(EmployerInterest).existsBy({ candidateId, participationId })) return;
    try {
      await this.tx.write(({ manager, version, now }) =>
        manager.insert(EmployerInterest, {
          id: crypto.randomUUID(),
          candidateId,
          participationId,
          fairId: participation.fairId,
          employerId: participation.employerId,
          createdAt: now,
          version,
        }),
      );
    } catch (err) {
      // A concurrent identical request won the unique key: the interest exists, which is what was asked.
      if (!(err instanceof QueryFailedError && (await this.db.getRepository(EmployerInterest).existsBy({ candidateId, participationId })))) throw err;
    }
  }

  async remove(candidateId: string, participationId: string): Promise<void> {
    await this.tx.write(({ manager }) => manager.delete(EmployerInterest, { candidateId, participationId }));
  }

  async list(candidateId: string): Promise<string[]> {
    const rows = await this.db.getRepository(EmployerInterest).find({ where: { candidateId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.participationId);
  }
}
