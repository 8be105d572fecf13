import type { ApiError, ErrorCode } from '../../../shared/api/errors';

/**
 * Codes the renderer can see: every server/core code, plus `host_disconnected` for when the
 * renderer has lost its own link to the desktop core (the browser host's WebSocket dropped).
 */
export type ClientErrorCode = ErrorCode | 'host_disconnected';

/**
 * Thrown by the typed `api` proxy when a call fails. `message` is fit to show to a user;
 * `code` is for logic (e.g. `session_expired` sends the user back to the login screen).
 */
export class ApiCallError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly issues: NonNullable<ApiError['issues']> = [],
  ) {
    super(message);
    this.name = 'ApiCallError';
  }

  /** The message of the first issue on `path` (a form field), if the core reported one. */
  issueFor(path: string): string | undefined {
    return this.issues.find((issue) => issue.path === path)?.message;
  }
}

/** Raised by a bridge when its link to the core is gone; the proxy turns it into `host_disconnected`. */
export class BridgeDisconnectedError extends Error {
  constructor(message = 'Lost the connection to the FairDesk core. Reconnecting…') {
    super(message);
    this.name = 'BridgeDisconnectedError';
  }
}
