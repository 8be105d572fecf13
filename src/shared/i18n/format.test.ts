import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatCalendarRange, formatDateTime, formatMoment, formatShortDateTime, intlLocale } from './format';

describe('format', () => {
  it('maps UI languages to regional Intl locales', () => {
    expect(intlLocale('ru')).toBe('ru-RU');
    expect(intlLocale('kk')).toBe('kk-KZ');
    expect(intlLocale('en')).toBe('en-GB');
  });

  it('formats calendar dates without a time-zone shift', () => {
    // Would read "31 December" in a zone west of UTC if the date were treated as an instant.
    expect(formatCalendarDate('2031-01-01', 'en')).toBe('1 January 2031');
    expect(formatCalendarDate('2031-05-14', 'ru')).toMatch(/^14 мая 2031/);
  });

  it('collapses one-day ranges and joins multi-day ones', () => {
    expect(formatCalendarRange('2031-05-14', '2031-05-14', 'en')).toBe('14 May 2031');
    const range = formatCalendarRange('2031-05-14', '2031-05-15', 'en');
    expect(range).toContain('14');
    expect(range).toContain('15 May 2031');
  });

  it('abbreviates months in short ranges', () => {
    // ICU puts thin spaces around the dash.
    expect(formatCalendarRange('2026-12-22', '2027-01-06', 'en', true)).toMatch(/^22 Dec 2026\s–\s6 Jan 2027$/);
  });

  it('formats instants in the chosen language', () => {
    const instant = new Date(2031, 4, 14, 14, 2).getTime();
    expect(formatDateTime(instant, 'en')).toContain('14:02');
    expect(formatDateTime(instant, 'en')).toContain('2031');
    expect(formatShortDateTime(instant, 'ru')).toBe('14.05.2031, 14:02');
  });

  it('shows only the time for a moment earlier the same day', () => {
    const now = new Date(2031, 4, 14, 18, 0).getTime();
    expect(formatMoment(new Date(2031, 4, 14, 14, 2).getTime(), 'en', now)).toBe('14:02');
    expect(formatMoment(new Date(2031, 4, 13, 14, 2).getTime(), 'en', now)).toContain('13');
  });
});
