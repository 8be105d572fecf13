import type { EntityManager } from 'typeorm';
import { interviewSlots, type InterviewSlot } from '../../shared/domain/participation/interviewPlan';
import type { VideoSlotDto } from '../../shared/domain/video/records';
import { CareerCentre, Fair, Participation, VideoSlotBooking } from '../db/entities';

/** A participation's approved interview slots, with the zone their labels are in. */
export interface PlanSlots {
  participation: Participation;
  timeZone: string;
  slots: InterviewSlot[];
}

/**
 * The slots of a participation's current plan (SPEC "Video interviews"). A plan that no longer
 * validates for its fair and centre (say, the fair moved onto a DST night) yields no slots rather
 * than an error: nobody can book or join a time the plan cannot produce.
 */
export async function planSlots(m: EntityManager, participationId: string): Promise<PlanSlots | null> {
  const participation = await m.findOneBy(Participation, { id: participationId });
  if (!participation) return null;
  const fair = await m.findOneByOrFail(Fair, { id: participation.fairId });
  const centre = await m.findOneByOrFail(CareerCentre, { id: participation.centreId });
  let slots: InterviewSlot[] = [];
  try {
    slots = interviewSlots(participation.interviewPlan, fair, centre);
  } catch {
    slots = [];
  }
  return { participation, timeZone: centre.timeZone, slots };
}

/** One manager's slots of the plan, in start order. */
export const slotsOf = (plan: PlanSlots, managerId: string): InterviewSlot[] => plan.slots.filter((s) => s.managerId === managerId);

/** Is the slot (manager, start) still in the plan? False once the plan was edited to drop it. */
export const slotInPlan = (plan: PlanSlots | null, managerId: string | null, startsAt: number | null): boolean =>
  plan !== null && managerId !== null && startsAt !== null && plan.slots.some((s) => s.managerId === managerId && s.startsAt === startsAt);

export const toSlotDto = (slot: InterviewSlot, timeZone: string): VideoSlotDto => ({
  startsAt: slot.startsAt,
  endsAt: slot.endsAt,
  startLabel: slot.startLabel,
  endLabel: slot.endLabel,
  day: slot.day,
  timeZone,
});

/** The manager's slots that nobody holds and that have not started by `now`, in start order. */
export async function freeSlots(m: EntityManager, plan: PlanSlots, managerId: string, now: number): Promise<VideoSlotDto[]> {
  const booked = await m.find(VideoSlotBooking, { where: { participationId: plan.participation.id, managerId }, select: { startsAt: true } });
  const taken = new Set(booked.map((b) => b.startsAt));
  return slotsOf(plan, managerId)
    .filter((s) => !taken.has(s.startsAt) && s.startsAt > now)
    .map((s) => toSlotDto(s, plan.timeZone));
}
