import { describe, expect, it } from 'vitest';
import { kazakhstanHolidays } from './kzHolidays';

describe('kazakhstanHolidays', () => {
  it('lists the public holidays of 2026 with weekend carry-over days', () => {
    const days = kazakhstanHolidays(2026);
    expect(days).toEqual(expect.arrayContaining([
      '2026-01-01', '2026-01-02', '2026-01-07', '2026-03-08', '2026-03-21', '2026-03-22', '2026-03-23',
      '2026-05-01', '2026-05-07', '2026-05-09', '2026-05-27', '2026-07-06', '2026-08-30', '2026-10-25', '2026-12-16',
    ]));
    // 8 March 2026 is a Sunday → Monday 9 March off; Nauryz 21–22 (Sat, Sun) → 24 and 25 March off.
    expect(days).toEqual(expect.arrayContaining(['2026-03-09', '2026-03-24', '2026-03-25']));
    expect(days).toEqual([...days].sort());
    expect(new Set(days).size).toBe(days.length);
  });

  it('never moves a religious holiday', () => {
    // 7 January 2027 is a Thursday anyway; Kurban Ait 16 May 2027 is a Sunday and stays alone.
    const days = kazakhstanHolidays(2027);
    expect(days).toContain('2027-05-16');
    expect(days).not.toContain('2027-05-17');
  });
});
