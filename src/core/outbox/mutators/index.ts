import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { mutationArgs, type MutationArgs, type MutationName } from '../../../shared/sync/mutations';
import { RpcError } from '../../rpc/handlerTable';
import type { MutationTarget } from '../outbox';
import { createFair } from './createFair';
import { createPreApplication } from './createPreApplication';
import { decidePreApplication } from './decidePreApplication';
import type { Mutator, MutatorContext } from './mutator';
import {
  decideParticipation,
  reopenParticipation,
  sendParticipation,
  updateParticipation,
  withdrawParticipation,
} from './participationMutators';
import { deleteStand, saveStand } from './standMutators';
import { updateFair } from './updateFair';
import { inviteToVideoInterview, saveVideoNote } from './videoInterviewMutators';
import { deleteVacancy, importVacancies, saveVacancy } from './vacancyMutators';
import { withdrawPreApplication } from './withdrawPreApplication';

export type { Mutator, MutatorContext } from './mutator';

/** One client-side mutator per command mutation of src/shared/sync/mutations.ts. */
export const mutators: { [N in MutationName]: Mutator<N> } = {
  createFair,
  updateFair,
  createPreApplication,
  withdrawPreApplication,
  decidePreApplication,
  saveStand,
  deleteStand,
  saveVacancy,
  deleteVacancy,
  importVacancies,
  updateParticipation,
  sendParticipation,
  withdrawParticipation,
  reopenParticipation,
  decideParticipation,
  inviteToVideoInterview,
  saveVideoNote,
};

/** Validates args with the shared schema (the server uses the same one); bad args are a `bad_request`. */
export function parseArgs<N extends MutationName>(name: N, args: unknown): MutationArgs<N> {
  const schema: z.ZodType = mutationArgs[name];
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new RpcError('bad_request', issues[0]?.message ?? 'Some fields are not valid.', issues);
  }
  return parsed.data as MutationArgs<N>;
}

/** Checks and applies a mutation's optimistic effect; throws the check's `RpcError`. */
export async function checkAndApply<N extends MutationName>(
  m: EntityManager,
  name: N,
  args: MutationArgs<N>,
  ctx: MutatorContext,
): Promise<MutationTarget> {
  const mutator = mutators[name] as Mutator<N>;
  const target = await mutator.check(m, args, ctx);
  await mutator.apply(m, args, ctx);
  return target;
}

/**
 * Replays a queued mutation during a rebase. @returns false when its local check fails now (the
 * record moved on at the server): no effect is shown, and the server's rejection will follow.
 */
export async function replay(m: EntityManager, name: MutationName, rawArgs: unknown, ctx: MutatorContext): Promise<boolean> {
  try {
    const args = parseArgs(name, rawArgs);
    await checkAndApply(m, name, args, ctx);
    return true;
  } catch (error) {
    if (error instanceof RpcError) return false;
    throw error;
  }
}
