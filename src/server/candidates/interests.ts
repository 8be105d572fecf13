import crypto from 'node:crypto';
import { QueryFailedError, type DataSource } from 'typeorm';
import { Candidate, EmployerInterest, Participation } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { ServerError } from '../errors';
import { recordDeletion } from '../sync/tombstones';

/**
 * "Want to work for you": interest in an employer as a whole at one fair. Adding and removing are
 * idempotent (adding twice keeps one; removing what is not there is fine).
 */
export class CandidateInterests {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionRunner,
    /** Tells the employer's desktops that an interest came or went (after the commit). */
    private readonly pokeEmployer: (employerId: string) => void = () => undefined,
  ) {}

  /** @throws ServerError 404 when the participation is not an approved one (not shown on a fair). */
  async add(candidateId: string, participationId: string): Promise<void> {
    const participation = await this.db.getRepository(Participation).findOneBy({ id: participationId });
    if (participation?.status !== 'approved') {
      throw new ServerError('not_found', 404, 'This employer does not take part in a fair (anymore).');
    }
    if (await this.db.getRepository(EmployerInterest).existsBy({ candidateId, participationId })) return;
    try {
      await this.tx.write(async ({ manager, version, now }) => {
        const candidate = await manager.findOneByOrFail(Candidate, { id: candidateId });
        await manager.insert(EmployerInterest, {
          id: crypto.randomUUID(),
          candidateId,
          participationId,
          fairId: participation.fairId,
          employerId: participation.employerId,
          candidateName: candidate.name,
          candidateEmail: candidate.email,
          candidatePhone: candidate.phone,
          createdAt: now,
          version,
        });
      });
      this.pokeEmployer(participation.employerId);
    } catch (err) {
      // A concurrent identical request won the unique key: the interest exists, which is what was asked.
      if (!(err instanceof QueryFailedError && (await this.db.getRepository(EmployerInterest).existsBy({ candidateId, participationId })))) throw err;
    }
  }

  /** Removes the interest; a tombstone (employer only, never a centre) makes the employer's desktops drop it. */
  async remove(candidateId: string, participationId: string): Promise<void> {
    const employerId = await this.tx.write(async (ctx) => {
      const row = await ctx.manager.findOneBy(EmployerInterest, { candidateId, participationId });
      if (!row) return null;
      await ctx.manager.delete(EmployerInterest, { id: row.id });
      await recordDeletion(ctx, 'interest', row.id, { centreId: null, employerId: row.employerId });
      return row.employerId;
    });
    if (employerId) this.pokeEmployer(employerId);
  }

  async list(candidateId: string): Promise<string[]> {
    const rows = await this.db.getRepository(EmployerInterest).find({ where: { candidateId }, order: { createdAt: 'ASC' } });
    return rows.map((r) => r.participationId);
  }
}
