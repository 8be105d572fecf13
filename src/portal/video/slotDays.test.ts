import { describe, expect, it } from 'vitest';
import type { VideoSlotDto } from '../../shared/domain/video/records';
import { joinAvailability, slotsByDay } from './slotDays';

const MINUTE = 60_000;
const slot = (startsAt: number, day: string, startLabel: string): VideoSlotDto => ({
  startsAt,
  endsAt: startsAt + 20 * MINUTE,
  startLabel,
  endLabel: '',
  day,
  timeZone: 'Asia/Almaty',
});

describe('free slots grouped by day', () => {
  it('groups by the centre-zone day and keeps start order, even from an unordered list', () => {
    const a = slot(1000 * MINUTE, '2031-05-16', '10:00');
    const b = slot(1020 * MINUTE, '2031-05-16', '10:20');
    // Late evening UTC is already the next day in Almaty: the server's `day` decides, not the device.
    const c = slot(2440 * MINUTE, '2031-05-17', '09:00');
    expect(slotsByDay([c, b, a])).toEqual([
      { day: '2031-05-16', slots: [a, b] },
      { day: '2031-05-17', slots: [c] },
    ]);
  });

  it('has no days without slots', () => {
    expect(slotsByDay([])).toEqual([]);
  });
});

describe('when Join is active, on the server clock', () => {
  const startsAt = 100 * MINUTE;
  const endsAt = startsAt + 20 * MINUTE;

  it('opens 10 minutes before the start', () => {
    expect(joinAvailability(startsAt, endsAt, startsAt - 10 * MINUTE - 1, 0)).toEqual({ open: false, opensAt: startsAt - 10 * MINUTE, over: false });
    expect(joinAvailability(startsAt, endsAt, startsAt - 10 * MINUTE, 0).open).toBe(true);
  });

  it('corrects a device clock that is off', () => {
    // The device is 5 minutes behind the server: at device time start−15 min the server is at start−10 min.
    expect(joinAvailability(startsAt, endsAt, startsAt - 15 * MINUTE, 5 * MINUTE).open).toBe(true);
    // The device is 5 minutes ahead: at device time start−6 min the server is only at start−11 min.
    expect(joinAvailability(startsAt, endsAt, startsAt - 6 * MINUTE, -5 * MINUTE).open).toBe(false);
  });

  it('closes when the slot ends', () => {
    expect(joinAvailability(startsAt, endsAt, endsAt - 1, 0).open).toBe(true);
    expect(joinAvailability(startsAt, endsAt, endsAt, 0)).toMatchObject({ open: false, over: true });
  });
});
