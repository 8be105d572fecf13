import { describe, expect, it } from 'vitest';
import { isIsoDate, serverIssuesByField } from './formErrors';

describe('form errors', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2032-02-29')).toBe(true);
    expect(isIsoDate('2031-02-29')).toBe(false);
    expect(isIsoDate('2031-2-1')).toBe(false);
  });

  it('puts the server’s issues on the form’s fields, unknown ones under the empty key', () => {
    const issues = [
      { path: 'fields.title', message: 'A fair needs a title.' },
      { path: 'professions.1', message: 'Too long.' },
      { path: 'professions.2', message: 'Second message is not shown.' },
      { path: 'somethingElse', message: 'Odd.' },
    ];
    expect(serverIssuesByField(issues, ['title', 'professions'], 'fields')).toEqual({
      title: 'A fair needs a title.',
      professions: 'Too long.',
      '': 'Odd.',
    });
  });
});
