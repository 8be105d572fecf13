import { describe, expect, it } from 'vitest';
import { joinFailureOf } from './joinFailure';

const httpError = (status: number, message: string): Error => Object.assign(new Error(message), { status });

describe('what a failed join means', () => {
  it('keeps the server’s words for refusals that a retry cannot cure', () => {
    expect(joinFailureOf(httpError(409, 'This interview has ended.'))).toEqual({ kind: 'refused', status: 409, message: 'This interview has ended.' });
    expect(joinFailureOf(httpError(403, 'Only the manager who sent the invitation can start this interview.')).kind).toBe('refused');
    expect(joinFailureOf(httpError(404, 'x')).kind).toBe('refused');
    expect(joinFailureOf(httpError(401, 'x')).kind).toBe('refused');
  });

  it('retries what may pass: no connection, server faults, unknown errors', () => {
    expect(joinFailureOf(httpError(0, 'Failed to fetch'))).toEqual({ kind: 'transient', message: 'Failed to fetch' });
    expect(joinFailureOf(httpError(503, 'busy')).kind).toBe('transient');
    expect(joinFailureOf(new Error('boom')).kind).toBe('transient');
    expect(joinFailureOf('odd').kind).toBe('transient');
  });
});
