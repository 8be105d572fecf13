import { describe, expect, it } from 'vitest';
import { pickLocale } from './pickLocale';

describe('pickLocale', () => {
  it('keeps an explicit earlier choice', () => {
    expect(pickLocale('kk', ['en-US'])).toBe('kk');
  });

  it('ignores a stored value FairDesk does not speak', () => {
    expect(pickLocale('de', ['en-GB'])).toBe('en');
  });

  it('takes the first supported system language, by primary subtag', () => {
    expect(pickLocale(null, ['de-DE', 'kk-KZ', 'ru-RU'])).toBe('kk');
    expect(pickLocale(null, ['RU'])).toBe('ru');
  });

  it('falls back to Russian', () => {
    expect(pickLocale(null, ['de-DE', 'fr'])).toBe('ru');
    expect(pickLocale(null, [])).toBe('ru');
  });
});
