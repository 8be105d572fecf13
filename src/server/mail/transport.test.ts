import { describe, expect, it } from 'vitest';
import { describeSmtp, redact } from './transport';

describe('SMTP transport helpers', () => {
  it('never lets the SMTP password into logs or the outbox', () => {
    expect(describeSmtp('smtp://user:hunter2@mail.example:587')).toBe('smtp://user:***@mail.example:587');
    expect(redact('Invalid login for smtps://user:hunter2@mail.example:465')).toBe('Invalid login for smtps://user:***@mail.example:465');
    expect(redact('x'.repeat(5000))).toHaveLength(1000);
  });
});
