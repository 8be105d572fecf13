import type { RejectionCode } from '../../shared/sync/mutations';

/**
 * A permanent refusal of a change by a domain rule (role, tenant, state machine, deadline,
 * version). Services throw it BEFORE writing anything; push records it as the mutation's result
 * and consumes the mutation id. `message` is written for the user who made the change.
 */
export class MutationRejected extends Error {
  override name = 'MutationRejected';

  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly recordId: string | null = null,
  ) {
    super(message);
  }
}

/** What a successful domain change did, for the caller to notify clients. */
export interface Applied {
  recordId: string;
  /** socket.io rooms whose clients should pull. */
  rooms: string[];
}
