import type { VideoInterview } from '../db/entities';

/**
 * What a booked interview becomes once its slot (or its call) has ended: held when both sides were
 * in the call (its duration from the moment both were in to the end), otherwise missed with who
 * never joined.
 */
export function settledOutcome(row: VideoInterview): Pick<VideoInterview, 'state' | 'callEndedAt' | 'durationSeconds' | 'absent'> {
  const end = row.callEndedAt ?? row.slotEndsAt ?? 0;
  if (row.managerJoinedAt !== null && row.candidateJoinedAt !== null && row.callStartedAt !== null) {
    return { state: 'held', callEndedAt: end, durationSeconds: Math.max(0, Math.floor((end - row.callStartedAt) / 1000)), absent: null };
  }
  const absent = row.managerJoinedAt === null && row.candidateJoinedAt === null ? 'both' : row.candidateJoinedAt === null ? 'candidate' : 'manager';
  return { state: 'missed', callEndedAt: row.callEndedAt, durationSeconds: null, absent };
}
