import type { Rejection } from '../../../shared/contract/ipc';
import type { UserDto } from '../../../shared/domain/roles';
import type { VideoInterviewDto } from '../../../shared/domain/video/records';
import { joinOpensAt, joinRefusal, type VideoRefusal } from '../../../shared/domain/video/rules';

/** One inviting manager's part of "My video interviews": booked slots first (by time), then open invitations. */
export interface ManagerTimetable {
  managerId: string;
  managerName: string;
  interviews: VideoInterviewDto[];
}

/** What the *Join* button says for the signed-in manager right now (on the server's clock). */
export type JoinAvailability = { enabled: true } | { enabled: false; refusal: VideoRefusal; opensAt: number | null };

/**
 * The difference between the server's clock and this computer's (add it to `Date.now()` to get the
 * server's time), from a `serverNow` received at `receivedAt` (local). Join rules follow the server.
 */
export const serverClockOffset = (serverNow: number, receivedAt: number): number => serverNow - receivedAt;

/**
 * Groups the employer's interviews by inviting manager (managers by name), each ordered by slot
 * time; invitations without a slot (sent, declined, cancelled) follow the booked ones, newest first.
 */
export function timetableByManager(interviews: readonly VideoInterviewDto[]): ManagerTimetable[] {
  const groups = new Map<string, ManagerTimetable>();
  for (const interview of interviews) {
    const group = groups.get(interview.invitedByUserId) ?? {
      managerId: interview.invitedByUserId,
      managerName: interview.invitedByName,
      interviews: [],
    };
    group.interviews.push(interview);
    groups.set(interview.invitedByUserId, group);
  }
  const bySlot = (a: VideoInterviewDto, b: VideoInterviewDto): number => {
    if (a.slotStartsAt !== null && b.slotStartsAt !== null) return a.slotStartsAt - b.slotStartsAt;
    if (a.slotStartsAt !== null) return -1;
    if (b.slotStartsAt !== null) return 1;
    return b.invitedAt - a.invitedAt;
  };
  return [...groups.values()]
    .map((group) => ({ ...group, interviews: [...group.interviews].sort(bySlot) }))
    .sort((a, b) => a.managerName.localeCompare(b.managerName));
}

/** Whether `userId` may press *Join* at `serverNow`; when not, why (and from when, if it is only too early). */
export function joinAvailability(interview: VideoInterviewDto, userId: string, serverNow: number): JoinAvailability {
  const refusal = joinRefusal(interview, { side: 'manager', userId }, serverNow);
  if (refusal === null) return { enabled: true };
  const opensAt = refusal === 'too_early' && interview.slotStartsAt !== null ? joinOpensAt(interview.slotStartsAt) : null;
  return { enabled: false, refusal, opensAt };
}

/** Whether `user` may write the note on `interview`: once held or missed, the inviting manager or the employer admin (the server's rule). */
export function mayWriteNote(interview: VideoInterviewDto, user: Pick<UserDto, 'id' | 'role'> | null): boolean {
  if (!user || (interview.state !== 'held' && interview.state !== 'missed')) return false;
  return interview.invitedByUserId === user.id || user.role === 'employer_admin';
}

/** A note queued from this session: its text as the core queued it, the interview's version then, and the rejections about it already there. */
export interface QueuedNote {
  note: string;
  version: number;
  rejectionsBefore: number[];
}

/**
 * The queued notes still on their way. One leaves once the list carries it — or anything newer: a
 * held or missed interview changes only by its note, so a later version means the push landed —
 * or once the server refused it (a rejection about the interview that was not there when queued).
 */
export function notesOnTheirWay(
  queued: Readonly<Record<string, QueuedNote>>,
  interviews: readonly VideoInterviewDto[],
  rejections: readonly Pick<Rejection, 'mutationId' | 'recordId'>[],
): Record<string, QueuedNote> {
  return Object.fromEntries(
    Object.entries(queued).filter(([id, note]) => {
      const listed = interviews.find((i) => i.id === id);
      if (listed && (listed.note === note.note || listed.version > note.version)) return false;
      return !rejections.some((r) => r.recordId === id && !note.rejectionsBefore.includes(r.mutationId));
    }),
  );
}

/** The invitation sent on a response (the newest one, should the server ever hold several). */
export function invitationFor(interviews: readonly VideoInterviewDto[], responseId: string): VideoInterviewDto | null {
  let found: VideoInterviewDto | null = null;
  for (const interview of interviews) {
    if (interview.responseId === responseId && (found === null || interview.invitedAt > found.invitedAt)) found = interview;
  }
  return found;
}

/** A time of day and the day in the career centre's zone, e.g. "24 Nov, 10:20" (`clockOnly`: "10:20"). */
export function formatInZone(epochMs: number, intlLocale: string, timeZone: string | null, clockOnly = false): string {
  const options: Intl.DateTimeFormatOptions = clockOnly
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(intlLocale, timeZone ? { ...options, timeZone } : options).format(epochMs);
  } catch {
    // An unknown zone name (a centre edited on a newer server): the computer's own zone.
    return new Intl.DateTimeFormat(intlLocale, options).format(epochMs);
  }
}

/** Minutes and seconds, e.g. "18 min 40 s", of a held interview. */
export function durationParts(seconds: number): { minutes: number; seconds: number } {
  return { minutes: Math.floor(seconds / 60), seconds: seconds % 60 };
}

/** The HTTP status a core error code stands for, so the call view can tell a refusal from a blip. */
const STATUS_OF_CODE: Record<string, number> = { bad_request: 400, unauthenticated: 401, session_expired: 401, forbidden: 403, not_found: 404, conflict: 409 };

/** A failed join as the shared call view reads it (`status` + message: src/ui/video/joinFailure.ts). */
export class VideoJoinError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'VideoJoinError';
  }
}

/** `code` from the core (null: not a core error): refusals get their status, anything else none (retried). */
export function joinErrorOf(code: string | null, message: string): VideoJoinError {
  return new VideoJoinError(message, code === null ? undefined : STATUS_OF_CODE[code]);
}
