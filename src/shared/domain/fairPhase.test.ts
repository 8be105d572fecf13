import { describe, expect, it } from 'vitest';
import { calendarDateOf, fairPhase } from './fairPhase';

describe('fairPhase', () => {
  const fair = { startsOn: '2031-05-14', endsOn: '2031-05-15' };

  it('is soon before the first day, live on every fair day, finished after the last', () => {
    expect(fairPhase(fair, '2031-05-13')).toBe('soon');
    expect(fairPhase(fair, '2031-05-14')).toBe('live');
    expect(fairPhase(fair, '2031-05-15')).toBe('live');
    expect(fairPhase(fair, '2031-05-16')).toBe('finished');
  });

  it('compares across month and year boundaries', () => {
    expect(fairPhase({ startsOn: '2031-01-01', endsOn: '2031-01-01' }, '2030-12-31')).toBe('soon');
    expect(fairPhase({ startsOn: '2030-12-31', endsOn: '2030-12-31' }, '2031-01-01')).toBe('finished');
  });
});

describe('calendarDateOf', () => {
  it('gives the calendar date in the requested zone', () => {
    // 20:30 UTC on 31 Dec is already 1 Jan in Almaty (UTC+5) but still 31 Dec in New York.
    const instant = new Date(Date.UTC(2030, 11, 31, 20, 30));
    expect(calendarDateOf(instant, 'Asia/Almaty')).toBe('2031-01-01');
    expect(calendarDateOf(instant, 'America/New_York')).toBe('2030-12-31');
    expect(calendarDateOf(instant, 'UTC')).toBe('2030-12-31');
  });
});
