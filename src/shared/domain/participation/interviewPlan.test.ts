import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InterviewPlan,
  InterviewPlanError,
  interviewDay,
  interviewSlots,
  timetable,
  validateInterviewPlan,
  type InterviewPlanEntry,
} from './interviewPlan';

const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';
const almaty = { timeZone: 'Asia/Almaty' };
const berlin = { timeZone: 'Europe/Berlin' };
/** A two-day fair: interviews are on Friday 18 December. */
const fair = { startsOn: '2026-12-16', endsOn: '2026-12-17' };

const machineZone = process.env.TZ;
beforeAll(() => {
  // The machine runs in UTC while the centre is in Almaty (UTC+5): nothing may use the machine's zone.
  process.env.TZ = 'UTC';
});
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('interview plan schema', () => {
  const entry = (over: Partial<InterviewPlanEntry> = {}): InterviewPlanEntry => ({ managerId: M1, startTime: '10:00', count: 3, ...over });
  const messages = (plan: unknown): string[] => {
    const r = InterviewPlan.safeParse(plan);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts one line per manager with a count of 1 to 10', () => {
    expect(messages([entry(), entry({ managerId: M2, count: 10, startTime: '00:00' })])).toEqual([]);
    expect(messages([])).toEqual([]);
  });

  it('refuses more than 10 interviews, none, or a fraction', () => {
    expect(messages([entry({ count: 11 })])).toEqual(['0.count: At most 10 interviews per manager.']);
    expect(messages([entry({ count: 0 })])[0]).toMatch(/at least one interview/);
    expect(messages([entry({ count: 2.5 })])[0]).toMatch(/whole number/);
  });

  it('refuses a start time that is not HH:mm', () => {
    for (const startTime of ['9:00', '24:00', '10:60', '10.00', '']) {
      expect(messages([entry({ startTime })])).toEqual(['0.startTime: Enter the start time as HH:mm, e.g. 10:00.']);
    }
  });

  it('refuses a series that runs past midnight, accepts one ending exactly at it', () => {
    expect(messages([entry({ startTime: '23:00', count: 3 })])).toEqual([]);
    expect(messages([entry({ startTime: '23:00', count: 4 })])).toEqual([
      '0.count: The interviews must end the same day; start earlier or plan fewer.',
    ]);
  });

  it('refuses the same manager twice, pointing at the second line', () => {
    expect(messages([entry(), entry({ startTime: '15:00' })])).toEqual([
      '1.managerId: This manager is already in the plan; change the existing line instead.',
    ]);
  });
});

describe('interview slots', () => {
  it('falls on the day after the fair’s LAST day', () => {
    expect(interviewDay(fair)).toBe('2026-12-18');
    expect(interviewDay({ endsOn: '2026-12-31' })).toBe('2027-01-01');
  });

  it('are 20 minutes back to back from the start time in the centre’s zone (Almaty, machine in UTC)', () => {
    const slots = interviewSlots([{ managerId: M1, startTime: '10:00', count: 3 }], fair, almaty);
    // 10:00 in Almaty (UTC+5) is 05:00 UTC.
    expect(slots.map((s) => [s.startsAt, s.endsAt])).toEqual([
      [Date.UTC(2026, 11, 18, 5, 0), Date.UTC(2026, 11, 18, 5, 20)],
      [Date.UTC(2026, 11, 18, 5, 20), Date.UTC(2026, 11, 18, 5, 40)],
      [Date.UTC(2026, 11, 18, 5, 40), Date.UTC(2026, 11, 18, 6, 0)],
    ]);
    expect(slots.map((s) => `${s.startLabel}–${s.endLabel}`)).toEqual(['10:00–10:20', '10:20–10:40', '10:40–11:00']);
    expect(slots.every((s) => s.day === '2026-12-18' && s.utcOffsetMinutes === 300)).toBe(true);
    expect(slots.map((s) => s.index)).toEqual([1, 2, 3]);
  });

  it('do not depend on the machine’s zone', () => {
    const inUtc = interviewSlots([{ managerId: M1, startTime: '09:40', count: 2 }], fair, almaty);
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(interviewSlots([{ managerId: M1, startTime: '09:40', count: 2 }], fair, almaty)).toEqual(inUtc);
    } finally {
      process.env.TZ = 'UTC';
    }
  });

  it('an early Almaty morning slot is still the previous evening in UTC, and stays on the interview day', () => {
    const [slot] = interviewSlots([{ managerId: M1, startTime: '00:20', count: 1 }], fair, almaty);
    expect(slot?.startsAt).toBe(Date.UTC(2026, 11, 17, 19, 20));
    expect(slot?.day).toBe('2026-12-18');
  });

  it('interleave managers by time, plan order breaking ties', () => {
    const slots = interviewSlots(
      [
        { managerId: M2, startTime: '10:20', count: 2 },
        { managerId: M1, startTime: '10:00', count: 2 },
      ],
      fair,
      almaty,
    );
    expect(slots.map((s) => `${s.startLabel} ${s.managerId === M1 ? 'M1' : 'M2'}`)).toEqual(['10:00 M1', '10:20 M2', '10:20 M1', '10:40 M2']);
  });

  it('keep the 20-minute rhythm across a spring-forward change (Berlin, 29 March 2026)', () => {
    const spring = { startsOn: '2026-03-28', endsOn: '2026-03-28' };
    const slots = interviewSlots([{ managerId: M1, startTime: '01:20', count: 4 }], spring, berlin);
    // 02:00 CET becomes 03:00 CEST: real time flows on, the labels jump.
    expect(slots.map((s) => `${s.startLabel}–${s.endLabel}`)).toEqual(['01:20–01:40', '01:40–03:00', '03:00–03:20', '03:20–03:40']);
    expect(slots.map((s) => s.endsAt - s.startsAt)).toEqual([1_200_000, 1_200_000, 1_200_000, 1_200_000]);
    expect(slots[0]?.startsAt).toBe(Date.UTC(2026, 2, 29, 0, 20));
    expect(slots.map((s) => s.utcOffsetMinutes)).toEqual([60, 60, 120, 120]);
  });

  it('refuse a start time the clocks skip', () => {
    const spring = { startsOn: '2026-03-28', endsOn: '2026-03-28' };
    const plan = [{ managerId: M1, startTime: '02:30', count: 2 }];
    expect(validateInterviewPlan(plan, spring, berlin)).toEqual([
      { entry: 0, field: 'startTime', message: expect.stringContaining('02:30 does not exist on 2026-03-29 in Europe/Berlin') },
    ]);
    expect(() => interviewSlots(plan, spring, berlin)).toThrow(InterviewPlanError);
    // The same time the day before is fine.
    expect(validateInterviewPlan(plan, { endsOn: '2026-03-27' }, berlin)).toEqual([]);
  });

  it('keep the rhythm across a fall-back change (Berlin, 25 October 2026), the repeated hour told apart by offset', () => {
    const autumn = { startsOn: '2026-10-24', endsOn: '2026-10-24' };
    const slots = interviewSlots([{ managerId: M1, startTime: '02:00', count: 6 }], autumn, berlin);
    expect(slots.map((s) => s.startLabel)).toEqual(['02:00', '02:20', '02:40', '02:00', '02:20', '02:40']);
    expect(slots.map((s) => s.utcOffsetMinutes)).toEqual([120, 120, 120, 60, 60, 60]);
    expect(slots[0]?.startsAt).toBe(Date.UTC(2026, 9, 25, 0, 0));
    expect(slots[5]?.endsAt).toBe(Date.UTC(2026, 9, 25, 2, 0));
  });

  it('refuse a series that runs into the next day in real time', () => {
    // Europe/Berlin's 23-hour day: 23:00 + 3 slots ends at 00:00 exactly — allowed.
    expect(validateInterviewPlan([{ managerId: M1, startTime: '23:00', count: 3 }], { endsOn: '2026-03-28' }, berlin)).toEqual([]);
    expect(validateInterviewPlan([{ managerId: M1, startTime: '23:00', count: 4 }], fair, almaty)).toEqual([
      { entry: 0, field: 'count', message: 'The interviews must end the same day; start earlier or plan fewer.' },
    ]);
  });

  it('treat an unknown centre zone as UTC rather than failing', () => {
    const [slot] = interviewSlots([{ managerId: M1, startTime: '10:00', count: 1 }], fair, { timeZone: 'Mars/Olympus' });
    expect(slot?.startsAt).toBe(Date.UTC(2026, 11, 18, 10, 0));
  });
});

describe('timetable', () => {
  it('lists each manager’s series with names, first start first', () => {
    const table = timetable(
      [
        { managerId: M1, startTime: '14:00', count: 2 },
        { managerId: M2, startTime: '10:00', count: 10 },
      ],
      fair,
      almaty,
      { [M1]: 'Timur Akhmetov' },
    );
    expect(table.day).toBe('2026-12-18');
    expect(table.timeZone).toBe('Asia/Almaty');
    expect(table.totalSlots).toBe(12);
    expect(table.rows.map((r) => [r.managerName, r.from, r.to, r.slots.length])).toEqual([
      [M2, '10:00', '13:20', 10],
      ['Timur Akhmetov', '14:00', '14:40', 2],
    ]);
    expect(table.startsAt).toBe(Date.UTC(2026, 11, 18, 5, 0));
    expect(table.endsAt).toBe(Date.UTC(2026, 11, 18, 9, 40));
  });

  it('is empty for an empty plan', () => {
    expect(timetable([], fair, almaty)).toEqual({ day: '2026-12-18', timeZone: 'Asia/Almaty', totalSlots: 0, startsAt: null, endsAt: null, rows: [] });
  });
});
