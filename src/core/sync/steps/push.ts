import { SCHEMA_VERSION } from '../../../shared/api/http';
import { MAX_PUSH_MUTATIONS } from '../../../shared/sync/protocol';
import { outboxAfter, toWire } from '../../outbox/outbox';
import { RunSuperseded, type StepContext } from './context';

export interface PushOutcome {
  /** Mutations sent (including ones the server had already consumed and skipped). */
  sent: number;
  /** True when the server stopped short of the last entry sent (a gap or a transient failure there). */
  stalled: boolean;
}

/**
 * Push step: sends the outbox in id order, in batches of at most MAX_PUSH_MUTATIONS. Nothing is
 * deleted here — the next pull says which ids the server consumed and brings the rejections, so a
 * lost push response costs nothing but a re-send (which the server skips).
 */
export async function pushOutbox(ctx: StepContext): Promise<PushOutcome> {
  let after = 0;
  let sent = 0;
  for (;;) {
    const batch = await ctx.cache.read((m) => outboxAfter(m, after, MAX_PUSH_MUTATIONS));
    const last = batch.at(-1);
    if (!last) return { sent, stalled: false };
    // The upload step before this one awaits the network: a sign-out or another user's sign-in may
    // have superseded this run meanwhile, and its token must not carry this outbox anywhere.
    if (!ctx.stillCurrent()) throw new RunSuperseded();
    const response = await ctx.server.push(ctx.token, {
      clientId: ctx.clientId,
      schemaVersion: SCHEMA_VERSION,
      mutations: batch.map(toWire),
    });
    sent += batch.length;
    if (response.lastMutationId < last.mutationId) {
      ctx.logger.warn(
        { first: batch[0]?.mutationId, last: last.mutationId, serverLast: response.lastMutationId },
        'push stopped short of the batch end; will retry',
      );
      return { sent, stalled: true };
    }
    after = last.mutationId;
  }
}
