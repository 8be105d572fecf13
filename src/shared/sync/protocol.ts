import { z } from 'zod';
import { Mutation, MutationResult } from './mutations';
import { PatchOp } from '../api/http';

/**
 * Push/pull, server-authoritative (see ARCHITECTURE.md "Sync protocol").
 *
 * Push applies each mutation in its own server transaction, in id order: ids ≤ the client's
 * lastMutationId are skipped (replays are harmless), a gap stops the batch, a permanent rule failure
 * consumes the id and is recorded as a rejection, a transient failure aborts without advancing.
 *
 * Pull returns what changed in the caller's scope since `cookie`, the client's lastMutationId (all
 * its mutations up to it are reflected in the patch, none above it), and the rejections of this
 * client's mutations with id > `resultsAfter` — so a rejection survives a lost push response.
 */
export const MAX_PUSH_MUTATIONS = 500;
/**
 * Rows per page of an initial snapshot. Pages are pipelined (the next is fetched while one is
 * written), so smaller pages cost little time; 1,000 keeps a client's peak heap the same for any
 * scope size (2,000 let it climb with the number of pages).
 */
export const SNAPSHOT_PAGE_SIZE = 1000;

export const PushRequest = z.object({
  clientId: z.string().uuid(),
  schemaVersion: z.number().int(),
  mutations: z.array(Mutation).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** Highest mutation id of this client the server has consumed (applied or rejected). */
  lastMutationId: z.number().int().nonnegative(),
  /** Rejections among the mutations this push consumed. */
  results: z.array(MutationResult),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const SyncPullRequest = z.object({
  clientId: z.string().uuid(),
  schemaVersion: z.number().int(),
  /** Opaque; `null` starts an initial snapshot (or continues one with `snapshotCursor`). */
  cookie: z.string().max(200).nullable(),
  /** Continues a paged initial snapshot; only with `cookie: null`. */
  snapshotCursor: z.string().max(500).nullable().default(null),
  /** Highest mutation id whose rejection the client has already stored. */
  resultsAfter: z.number().int().nonnegative().default(0),
});
export type SyncPullRequest = z.input<typeof SyncPullRequest>;

export const SyncPullResponse = z.object({
  /** The cookie to send next time. During a paged snapshot it is only valid once `more` is false. */
  cookie: z.string(),
  lastMutationId: z.number().int().nonnegative(),
  results: z.array(MutationResult),
  /** True: the client must replace its whole scope with the patch (all pages of it, atomically). */
  reset: z.boolean(),
  patch: z.array(PatchOp),
  /** A paged snapshot has more pages: call again with `cookie: null, snapshotCursor`. */
  more: z.boolean(),
  snapshotCursor: z.string().nullable(),
});
export type SyncPullResponse = z.infer<typeof SyncPullResponse>;
