/**
 * What a failed `join()` means for the call. The join provider is the build's own HTTP client
 * (portal: PortalApiError; desktop: its API error); both carry the HTTP `status` and the server's
 * message, already written for people (src/shared/api/video.ts).
 */
export type JoinFailure =
  /** The server said no (too early, ended, not yours, slot gone…): retrying will not help; show its words. */
  | { kind: 'refused'; status: number; message: string }
  /** No answer, or a server fault: worth retrying. */
  | { kind: 'transient'; message: string };

export function joinFailureOf(error: unknown): JoinFailure {
  const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: unknown }).status) : NaN;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 400 || status === 401 || status === 403 || status === 404 || status === 409) return { kind: 'refused', status, message };
  return { kind: 'transient', message };
}
