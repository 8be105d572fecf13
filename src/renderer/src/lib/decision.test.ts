import { describe, expect, it } from 'vitest';
import { validateRejectionReason } from './decision';

describe('rejection reason', () => {
  it('is required, says something, and fits the server’s limit', () => {
    expect(validateRejectionReason('  ')).toBe('required');
    expect(validateRejectionReason('No.')).toBe('tooShort');
    expect(validateRejectionReason('Please list the salary for every vacancy.')).toBeUndefined();
    expect(validateRejectionReason('x'.repeat(2001))).toBe('tooLong');
  });
});
