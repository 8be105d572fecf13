import { z } from 'zod';

/**
 * Error codes shared by the HTTP API and the IPC contract. A client shows `message` to the user;
 * `code` is for logic (e.g. `session_expired` sends the user back to the login screen).
 */
export const ErrorCode = z.enum([
  'bad_request',
  'invalid_credentials',
  'account_inactive',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'upgrade_required',
  'server_unreachable',
  'bad_server_url',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field-level problems for forms: `{ path: 'email', message: '…' }`. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Body of every non-2xx HTTP answer. */
export const ApiErrorBody = z.object({ error: ApiError });
