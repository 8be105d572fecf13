import { describe, expect, it } from 'vitest';
import {
  changesDeadline,
  dayInCentre,
  describeDay,
  isBeforeChangesDeadline,
  isBeforePreApplicationDeadline,
  isWorkingDay,
  lastDayForChanges,
  lastDayForPreApplication,
  preApplicationDeadline,
} from './deadlines';

const almaty = { timeZone: 'Asia/Almaty', holidays: [] as string[] };
const almatyWithHolidays = { timeZone: 'Asia/Almaty', holidays: ['2026-12-16', '2026-12-17'] };

describe('working days', () => {
  it('excludes weekends and the centre’s holidays', () => {
    expect(isWorkingDay('2026-12-11', almaty)).toBe(true); // Friday
    expect(isWorkingDay('2026-12-12', almaty)).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-13', almaty)).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-16', almaty)).toBe(true); // Wednesday, no holidays configured
    expect(isWorkingDay('2026-12-16', almatyWithHolidays)).toBe(false);
  });

  it('takes the calendar day in the centre’s zone, not the machine’s', () => {
    // 23:30 UTC on 8 December is already 04:30 on 9 December in Almaty (UTC+5).
    expect(dayInCentre(Date.UTC(2026, 11, 8, 23, 30), almaty)).toBe('2026-12-09');
    expect(dayInCentre(Date.UTC(2026, 11, 8, 23, 30), { timeZone: 'UTC' })).toBe('2026-12-08');
    expect(dayInCentre(Date.UTC(2026, 11, 9, 3, 0), { timeZone: 'America/New_York' })).toBe('2026-12-08');
  });
});

describe('last day for a pre-application (3 working days before the fair)', () => {
  it.each([
    ['Monday fair → Wednesday before', '2026-12-14', almaty, '2026-12-09'],
    ['Thursday fair → Monday of the same week', '2026-12-17', almaty, '2026-12-14'],
    ['Sunday fair → Wednesday before (weekend days never count)', '2026-12-20', almaty, '2026-12-16'],
    ['holidays are skipped', '2026-12-21', almatyWithHolidays, '2026-12-14'],
    ['a holiday right before the fair is skipped too', '2026-12-18', almatyWithHolidays, '2026-12-11'],
  ])('%s', (_label, fair, centre, expected) => {
    expect(lastDayForPreApplication(fair, centre)).toBe(expected);
  });

  it('accepts until the END of the last day in the centre’s zone', () => {
    // Last day Wednesday 9 December; in Almaty it ends at 2026-12-10T00:00+05 = 2026-12-09T19:00Z.
    const deadline = preApplicationDeadline('2026-12-14', almaty);
    expect(deadline).toBe(Date.UTC(2026, 11, 9, 19, 0));
    expect(isBeforePreApplicationDeadline('2026-12-14', almaty, Date.UTC(2026, 11, 9, 18, 59, 59, 999))).toBe(true);
    expect(isBeforePreApplicationDeadline('2026-12-14', almaty, Date.UTC(2026, 11, 9, 19, 0))).toBe(false);
    // 20:00 UTC on the last day is still "Wednesday" in UTC but already Thursday in Almaty: too late.
    expect(isBeforePreApplicationDeadline('2026-12-14', almaty, Date.UTC(2026, 11, 9, 20, 0))).toBe(false);
  });

  it('depends on the zone: the same fair closes later in the west', () => {
    const ny = { timeZone: 'America/New_York', holidays: [] };
    expect(preApplicationDeadline('2026-12-14', ny)).toBe(Date.UTC(2026, 11, 10, 5, 0));
  });

  it('falls back to UTC for an unknown zone rather than failing', () => {
    expect(preApplicationDeadline('2026-12-14', { timeZone: 'Mars/Olympus', holidays: [] })).toBe(Date.UTC(2026, 11, 10));
  });

  it('refuses a non-date', () => {
    expect(() => lastDayForPreApplication('14.12.2026', almaty)).toThrow(RangeError);
  });

  it('words the day for messages', () => {
    expect(describeDay('2026-12-09')).toBe('Wednesday 9 December');
  });
});

describe('last day for changes (1 calendar day before the fair)', () => {
  it('is the calendar day before, weekends included', () => {
    expect(lastDayForChanges('2026-12-14')).toBe('2026-12-13');
    expect(lastDayForChanges('2027-01-01')).toBe('2026-12-31');
  });

  it('ends at midnight in the centre’s zone', () => {
    expect(changesDeadline('2026-12-14', almaty)).toBe(Date.UTC(2026, 11, 13, 19, 0));
    expect(isBeforeChangesDeadline('2026-12-14', almaty, Date.UTC(2026, 11, 13, 18, 59))).toBe(true);
    expect(isBeforeChangesDeadline('2026-12-14', almaty, Date.UTC(2026, 11, 13, 19, 0))).toBe(false);
  });
});
