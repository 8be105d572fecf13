import { describe, expect, it } from 'vitest';
import { mediaFailureOf } from './mediaFailure';

const domError = (name: string): Error => Object.assign(new Error('x'), { name });

describe('getUserMedia errors as something the person can act on', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['PermissionDeniedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'missing'],
    ['DevicesNotFoundError', 'missing'],
    ['NotReadableError', 'busy'],
    ['TrackStartError', 'busy'],
    ['AbortError', 'busy'],
    ['OverconstrainedError', 'constraints'],
    ['TypeError', 'unsupported'],
    ['SomethingElse', 'unknown'],
  ] as const)('%s → %s', (name, expected) => {
    expect(mediaFailureOf(domError(name))).toBe(expected);
  });

  it('reads anything that is not an error as unknown', () => {
    expect(mediaFailureOf('no')).toBe('unknown');
    expect(mediaFailureOf(null)).toBe('unknown');
    expect(mediaFailureOf({})).toBe('unknown');
  });
});
