import { describe, expect, it } from 'vitest';
import type { VideoInterviewDto } from '../../../shared/domain/video/records';
import { joinFailureOf } from '../../../ui/video/joinFailure';
import { formatInZone, invitationFor, joinAvailability, joinErrorOf, mayWriteNote, notesOnTheirWay, serverClockOffset, timetableByManager } from './videoInterviews';

const MINUTE = 60_000;
const SLOT = Date.UTC(2026, 10, 24, 5, 0); // 10:00 in Asia/Almaty (UTC+5)
const manager = '00000000-0000-4000-8000-00000000000a';
const other = '00000000-0000-4000-8000-00000000000b';

const interview = (patch: Partial<VideoInterviewDto>): VideoInterviewDto => ({
  id: '00000000-0000-4000-8000-000000000001',
  responseId: '00000000-0000-4000-8000-000000000101',
  employerId: '00000000-0000-4000-8000-000000000201',
  participationId: '00000000-0000-4000-8000-000000000301',
  fairId: '00000000-0000-4000-8000-000000000401',
  candidateId: '00000000-0000-4000-8000-000000000501',
  candidateName: 'Aliya',
  vacancyTitle: 'Driver',
  invitedByUserId: manager,
  invitedByName: 'Timur',
  state: 'booked',
  slotStartsAt: SLOT,
  slotEndsAt: SLOT + 20 * MINUTE,
  slotGone: false,
  invitedAt: 1,
  bookedAt: 2,
  declinedAt: null,
  callStartedAt: null,
  callEndedAt: null,
  durationSeconds: null,
  absent: null,
  note: '',
  updatedAt: 2,
  version: 1,
  ...patch,
});

describe('joinAvailability', () => {
  it('opens 10 minutes before the slot, for the inviting manager only, until the slot ends', () => {
    const booked = interview({});
    expect(joinAvailability(booked, manager, SLOT - 10 * MINUTE - 1)).toEqual({ enabled: false, refusal: 'too_early', opensAt: SLOT - 10 * MINUTE });
    expect(joinAvailability(booked, manager, SLOT - 10 * MINUTE)).toEqual({ enabled: true });
    expect(joinAvailability(booked, manager, SLOT + 20 * MINUTE - 1)).toEqual({ enabled: true });
    expect(joinAvailability(booked, manager, SLOT + 20 * MINUTE)).toEqual({ enabled: false, refusal: 'ended', opensAt: null });
    expect(joinAvailability(booked, other, SLOT)).toEqual({ enabled: false, refusal: 'not_inviter', opensAt: null });
  });

  it('says why an unbooked, moved or ended-early interview cannot be joined', () => {
    expect(joinAvailability(interview({ state: 'invited', slotStartsAt: null, slotEndsAt: null }), manager, SLOT)).toMatchObject({ refusal: 'not_booked' });
    expect(joinAvailability(interview({ slotGone: true }), manager, SLOT)).toMatchObject({ refusal: 'slot_gone' });
    expect(joinAvailability(interview({ state: 'held', callEndedAt: SLOT + MINUTE }), manager, SLOT + 2 * MINUTE)).toMatchObject({ refusal: 'ended' });
  });
});

describe('timetableByManager', () => {
  it('groups by inviting manager (by name), booked slots by time, then open invitations newest first', () => {
    const rows = [
      interview({ id: 'late', slotStartsAt: SLOT + 20 * MINUTE }),
      interview({ id: 'open-old', state: 'invited', slotStartsAt: null, slotEndsAt: null, invitedAt: 1 }),
      interview({ id: 'early', slotStartsAt: SLOT }),
      interview({ id: 'open-new', state: 'declined', slotStartsAt: null, slotEndsAt: null, invitedAt: 5 }),
      interview({ id: 'other', invitedByUserId: other, invitedByName: 'Aigerim' }),
    ];
    const groups = timetableByManager(rows);
    expect(groups.map((g) => [g.managerName, g.interviews.map((i) => i.id)])).toEqual([
      ['Aigerim', ['other']],
      ['Timur', ['early', 'late', 'open-new', 'open-old']],
    ]);
    expect(rows.map((r) => r.id)[0]).toBe('late'); // the input is left as it was
  });
});

describe('invitationFor', () => {
  it('finds the newest invitation of a response, or none', () => {
    const rows = [interview({ id: 'a', invitedAt: 1 }), interview({ id: 'b', invitedAt: 3 }), interview({ id: 'c', responseId: 'x', invitedAt: 9 })];
    expect(invitationFor(rows, '00000000-0000-4000-8000-000000000101')?.id).toBe('b');
    expect(invitationFor(rows, 'nobody')).toBeNull();
  });
});

describe('clock and formatting', () => {
  it('measures how far the server clock is ahead', () => {
    expect(serverClockOffset(10_500, 10_000)).toBe(500);
    expect(serverClockOffset(9_000, 10_000)).toBe(-1_000);
  });

  it('shows slot times in the career centre’s zone, whatever the computer’s zone', () => {
    expect(formatInZone(SLOT, 'en-GB', 'Asia/Almaty', true)).toBe('10:00');
    expect(formatInZone(SLOT, 'en-GB', 'Europe/London', true)).toBe('05:00');
    expect(formatInZone(SLOT, 'en-GB', 'Asia/Almaty')).toBe('24 Nov, 10:00');
    // An unknown zone falls back to the computer's (never throws).
    expect(formatInZone(SLOT, 'en-GB', 'Not/AZone', true)).toMatch(/^\d\d:\d\d$/);
  });

  it('maps core refusals to the HTTP status the call view treats as final, and anything else to a retry', () => {
    expect(joinErrorOf('forbidden', 'Only the manager…')).toMatchObject({ status: 403, message: 'Only the manager…' });
    expect(joinErrorOf('conflict', 'Too early').status).toBe(409);
    expect(joinErrorOf('not_found', 'x').status).toBe(404);
    expect(joinErrorOf('server_unreachable', 'offline').status).toBeUndefined();
    expect(joinErrorOf(null, 'boom').status).toBeUndefined();
    // As the shared call view reads them: a refusal is shown, a blip is retried.
    expect(joinFailureOf(joinErrorOf('forbidden', 'Only the manager…'))).toEqual({ kind: 'refused', status: 403, message: 'Only the manager…' });
    expect(joinFailureOf(joinErrorOf('server_unreachable', 'offline'))).toEqual({ kind: 'transient', message: 'offline' });
  });
});

describe('the note after the call', () => {
  const held = interview({ state: 'held', durationSeconds: 600, version: 5 });

  it('is written once held or missed, by the inviting manager or the employer admin', () => {
    expect(mayWriteNote(held, { id: manager, role: 'employer_manager' })).toBe(true);
    expect(mayWriteNote(interview({ state: 'missed', absent: 'candidate' }), { id: manager, role: 'employer_manager' })).toBe(true);
    expect(mayWriteNote(held, { id: other, role: 'employer_admin' })).toBe(true);
    expect(mayWriteNote(held, { id: other, role: 'employer_manager' })).toBe(false);
    expect(mayWriteNote(held, null)).toBe(false);
    for (const state of ['invited', 'booked', 'declined', 'cancelled'] as const) {
      expect(mayWriteNote(interview({ state }), { id: manager, role: 'employer_admin' })).toBe(false);
    }
  });

  it('stays "saving" until the list carries it or anything newer, or the server refused it', () => {
    const queued = { [held.id]: { note: 'Knows the routes', version: 5, rejectionsBefore: [3] } };
    // Not pushed yet: the list still has the old note at the same version; an old rejection does not count.
    expect(notesOnTheirWay(queued, [held], [{ mutationId: 3, recordId: held.id }])).toEqual(queued);
    expect(notesOnTheirWay(queued, [], [])).toEqual(queued);
    expect(notesOnTheirWay(queued, [interview({ ...held, note: 'Knows the routes', version: 6 })], [])).toEqual({});
    expect(notesOnTheirWay(queued, [interview({ ...held, note: 'Someone else’s later note', version: 7 })], [])).toEqual({});
    expect(notesOnTheirWay(queued, [held], [{ mutationId: 4, recordId: held.id }])).toEqual({});
    expect(notesOnTheirWay(queued, [held], [{ mutationId: 4, recordId: other }])).toEqual(queued);
  });
});
