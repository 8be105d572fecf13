import type { VideoSlotDto } from '../../shared/domain/video/records';
import { joinOpensAt } from '../../shared/domain/video/rules';

/** The free slots of one day (`YYYY-MM-DD` in the centre's zone), in start order. */
export interface SlotDay {
  day: string;
  slots: VideoSlotDto[];
}

/** Groups slots by their day in the centre's zone, days and slots in start order. */
export function slotsByDay(slots: readonly VideoSlotDto[]): SlotDay[] {
  const days = new Map<string, VideoSlotDto[]>();
  for (const slot of [...slots].sort((a, b) => a.startsAt - b.startsAt)) {
    const list = days.get(slot.day) ?? [];
    list.push(slot);
    days.set(slot.day, list);
  }
  return [...days].map(([day, list]) => ({ day, slots: list }));
}

/**
 * Whether *Join* is active for a slot starting at `slotStartsAt`, on the server's clock (the device's
 * clock corrected by `offset` = serverNow − local time when the list arrived), and from when.
 */
export function joinAvailability(slotStartsAt: number, slotEndsAt: number, localNow: number, offset: number): { open: boolean; opensAt: number; over: boolean } {
  const now = localNow + offset;
  const opensAt = joinOpensAt(slotStartsAt);
  const over = now >= slotEndsAt;
  return { open: now >= opensAt && !over, opensAt, over };
}
