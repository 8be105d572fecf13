/**
 * Why the camera or microphone could not be opened, in words the person can act on. getUserMedia
 * rejects with DOMExceptions whose `name` says what went wrong (older Chromium used other names).
 */
export type MediaFailure =
  /** The person or the browser's policy refused the permission. */
  | 'denied'
  /** No camera or microphone is connected. */
  | 'missing'
  /** The device exists but another application holds it (or the OS blocked it). */
  | 'busy'
  /** The chosen device is gone or cannot deliver what was asked. */
  | 'constraints'
  /** No media API at all: an insecure (http) page or an old browser. */
  | 'unsupported'
  | 'unknown';

export function mediaFailureOf(error: unknown): MediaFailure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return 'constraints';
    case 'TypeError':
      // Thrown when navigator.mediaDevices is missing (insecure context) and we called it anyway.
      return 'unsupported';
    default:
      return 'unknown';
  }
}

/** Thrown by `openLocalMedia` so callers get the classified reason, not a bare DOMException. */
export class MediaOpenError extends Error {
  constructor(
    readonly failure: MediaFailure,
    override readonly cause?: unknown,
  ) {
    super(`The camera or microphone could not be opened (${failure}).`);
    this.name = 'MediaOpenError';
  }
}
