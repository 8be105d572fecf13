import type { EntityManager } from 'typeorm';
import { mutationArgs, type Mutation, type MutationResult } from '../../shared/sync/mutations';
import type { PushRequest, PushResponse } from '../../shared/sync/protocol';
import { MutationResultRow, SyncClient, type User } from '../db/entities';
import { isTransientDatabaseError, type TransactionRunner, type WriteContext } from '../db/transactions';
import type { ChangeContext } from '../domain/baseVersion';
import { FairService } from '../domain/fairService';
import { ParticipationService } from '../domain/participationService';
import { PreApplicationService } from '../domain/preApplicationService';
import { StandService } from '../domain/standService';
import { VacancyService } from '../domain/vacancyService';
import { inviteToVideoInterview, saveVideoNote } from '../video/videoInterviewService';
import { MutationRejected, type Applied } from '../domain/rejection';
import { ServerError } from '../errors';
import type { Logger } from '../logger';
import { foreignClient } from './pullService';

/** Raised inside a mutation's transaction to roll it back without consuming anything. */
class NotThisOne extends Error {
  constructor(readonly why: 'done' | 'gap') {
    super(why);
  }
}

/**
 * Applies pushed mutations (ARCHITECTURE.md "Sync protocol"): in id order, each in its own write
 * transaction that first takes the version lock. Ids at or below the client's lastMutationId are
 * skipped (a replay changes nothing), a gap stops the batch, a rule failure is recorded as a
 * rejection and still consumes the id, and a transient failure aborts the batch (503) without
 * consuming the failed mutation. The domain rules live in the services, not here.
 */
export class PushService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly logger: Logger,
    /** Tells the affected rooms' clients to pull; called once per push, after the commits. */
    private readonly poke: (rooms: string[]) => void,
  ) {}

  async push(actor: User, request: PushRequest): Promise<PushResponse> {
    assertIncreasing(request.mutations);
    // Refuse a foreign client id before doing anything (re-checked under the lock in each transaction).
    const bound = await this.tx.read((m) => m.findOneBy(SyncClient, { clientId: request.clientId }));
    if (bound && bound.userId !== actor.id) throw foreignClient();

    let lastMutationId = bound?.lastMutationId ?? 0;
    const results: MutationResult[] = [];
    const rooms = new Set<string>();
    try {
      for (const mutation of request.mutations) {
        if (mutation.id <= lastMutationId) continue;
        if (mutation.id > lastMutationId + 1) break;
        let outcome: Awaited<ReturnType<PushService['applyOne']>>;
        try {
          outcome = await this.tx.write((ctx) => this.applyOne(ctx, actor, request.clientId, mutation));
        } catch (err) {
          if (err instanceof NotThisOne) {
            // Another push of the same client got there first: learn where it stands and go on.
            lastMutationId = await this.lastMutationIdOf(request.clientId);
            if (err.why === 'gap' && mutation.id > lastMutationId + 1) break;
            continue;
          }
          throw err;
        }
        lastMutationId = mutation.id;
        if (outcome.rejected) results.push(outcome.rejected);
        for (const room of outcome.rooms) rooms.add(room);
      }
    } catch (err) {
      if (err instanceof ServerError) throw err;
      if (!isTransientDatabaseError(err)) this.logger.error({ err, clientId: request.clientId }, 'push failed');
      else this.logger.warn({ err, clientId: request.clientId }, 'push aborted by a transient database failure');
      throw new ServerError(
        'internal',
        503,
        'The server could not save your changes just now. They stay queued on your device; try again in a moment.',
      );
    } finally {
      if (rooms.size > 0) this.poke([...rooms]);
    }
    return { lastMutationId, results };
  }

  private async lastMutationIdOf(clientId: string): Promise<number> {
    const row = await this.tx.read((m) => m.findOneBy(SyncClient, { clientId }));
    return row?.lastMutationId ?? 0;
  }

  /** One mutation, inside its write transaction (the version lock is held). */
  private async applyOne(
    ctx: WriteContext,
    actor: User,
    clientId: string,
    mutation: Mutation,
  ): Promise<{ rejected: MutationResult | null; rooms: string[] }> {
    const { manager, now } = ctx;
    const client = await manager.findOneBy(SyncClient, { clientId });
    if (client && client.userId !== actor.id) throw foreignClient();
    const last = client?.lastMutationId ?? 0;
    if (mutation.id <= last) throw new NotThisOne('done');
    if (mutation.id > last + 1) throw new NotThisOne('gap');
    if (!client) {
      await manager.insert(SyncClient, { clientId, userId: actor.id, lastMutationId: 0, createdAt: now, updatedAt: now });
    }

    let applied: Applied | null = null;
    let rejected: MutationResult | null = null;
    try {
      // A savepoint: should a service ever fail after a partial write, nothing of it stays.
      applied = await manager.transaction((inner) => dispatch({ ...ctx, manager: inner, clientId }, actor, mutation));
    } catch (err) {
      if (!(err instanceof MutationRejected)) throw err;
      rejected = {
        mutationId: mutation.id,
        status: 'rejected',
        code: err.code,
        message: err.message,
        recordId: err.recordId ?? recordIdOf(mutation.args),
        decidedAt: now,
      };
      await manager.insert(MutationResultRow, {
        clientId,
        mutationId: mutation.id,
        code: rejected.code,
        message: rejected.message,
        recordId: rejected.recordId,
        decidedAt: now,
      });
    }
    await manager.update(SyncClient, { clientId }, { lastMutationId: mutation.id, updatedAt: now });
    return { rejected, rooms: applied?.rooms ?? [] };
  }
}

/** Validates the args and calls the one domain service method the mutation names. */
async function dispatch(ctx: ChangeContext & { manager: EntityManager }, actor: User, mutation: Mutation): Promise<Applied> {
  const fairs = new FairService(ctx);
  const applications = new PreApplicationService(ctx);
  const stands = new StandService(ctx);
  const vacancies = new VacancyService(ctx);
  const participations = new ParticipationService(ctx);
  switch (mutation.name) {
    case 'createFair':
      return fairs.createFair(actor, parseArgs(mutationArgs.createFair, mutation));
    case 'updateFair':
      return fairs.updateFair(actor, parseArgs(mutationArgs.updateFair, mutation));
    case 'createPreApplication':
      return applications.createPreApplication(actor, parseArgs(mutationArgs.createPreApplication, mutation));
    case 'withdrawPreApplication':
      return applications.withdrawPreApplication(actor, parseArgs(mutationArgs.withdrawPreApplication, mutation));
    case 'decidePreApplication':
      return applications.decidePreApplication(actor, parseArgs(mutationArgs.decidePreApplication, mutation));
    case 'saveStand':
      return stands.saveStand(actor, parseArgs(mutationArgs.saveStand, mutation));
    case 'deleteStand':
      return stands.deleteStand(actor, parseArgs(mutationArgs.deleteStand, mutation));
    case 'saveVacancy':
      return vacancies.saveVacancy(actor, parseArgs(mutationArgs.saveVacancy, mutation));
    case 'deleteVacancy':
      return vacancies.deleteVacancy(actor, parseArgs(mutationArgs.deleteVacancy, mutation));
    case 'importVacancies':
      return vacancies.importVacancies(actor, parseArgs(mutationArgs.importVacancies, mutation));
    case 'updateParticipation':
      return participations.updateParticipation(actor, parseArgs(mutationArgs.updateParticipation, mutation));
    case 'sendParticipation':
      return participations.sendParticipation(actor, parseArgs(mutationArgs.sendParticipation, mutation));
    case 'withdrawParticipation':
      return participations.withdrawParticipation(actor, parseArgs(mutationArgs.withdrawParticipation, mutation));
    case 'reopenParticipation':
      return participations.reopenParticipation(actor, parseArgs(mutationArgs.reopenParticipation, mutation));
    case 'decideParticipation':
      return participations.decideParticipation(actor, parseArgs(mutationArgs.decideParticipation, mutation));
    case 'inviteToVideoInterview':
      return inviteToVideoInterview(ctx, actor, parseArgs(mutationArgs.inviteToVideoInterview, mutation));
    case 'saveVideoNote':
      return saveVideoNote(ctx, actor, parseArgs(mutationArgs.saveVideoNote, mutation));
  }
}

interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
}

/** Args that fail their schema reject the mutation (`invalid`), not the batch. */
function parseArgs<T>(schema: Schema<T>, mutation: Mutation): T {
  const parsed = schema.safeParse(mutation.args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  throw new MutationRejected('invalid', `The change could not be saved: ${where}${issue?.message ?? 'invalid data'}.`, recordIdOf(mutation.args));
}

/** The `id` the mutation's args name, when it looks like one (for the client to mark the record). */
function recordIdOf(args: unknown): string | null {
  if (typeof args !== 'object' || args === null) return null;
  const id = (args as { id?: unknown }).id;
  return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

function assertIncreasing(mutations: readonly Mutation[]): void {
  for (let i = 1; i < mutations.length; i++) {
    const prev = mutations[i - 1];
    const cur = mutations[i];
    if (prev && cur && cur.id <= prev.id) {
      throw new ServerError(
        'bad_request',
        400,
        `Mutation ids must strictly increase within a push (id ${cur.id} follows ${prev.id}).`,
      );
    }
  }
}
