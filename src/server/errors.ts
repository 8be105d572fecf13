import type { ApiError, ErrorCode } from '../shared/api/errors';

type Issue = NonNullable<ApiError['issues']>[number];

/**
 * A failure a client should see: carries the shared error code, the HTTP status it maps to and
 * a message written for the user. Anything else thrown inside the server becomes `internal`.
 */
export class ServerError extends Error {
  override name = 'ServerError';

  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }

  toBody(): { error: ApiError } {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }
}

export const unauthenticated = (message = 'Please sign in.'): ServerError =>
  new ServerError('unauthenticated', 401, message);
