import type { User } from '../db/entities';

/**
 * socket.io rooms. A poke to a room tells its clients "changes in your scope, pull":
 * - `user:<id>`: one account (e.g. its scope changed);
 * - `centre:<id>`: the centre's moderators (its fairs and queue changed);
 * - `employer:<id>`: the employer's admin and managers (its companies and applications changed);
 * - `employers`: every employer user — fairs and centres are public to all of them;
 * - `session:<id>`: one session (to disconnect it on logout);
 * - `candidate:<id>`: every portal socket of one candidate (its chat messages and conversations);
 * - `candidateSession:<id>`: one portal session (to disconnect it on sign-out).
 */
export const rooms = {
  user: (id: string) => `user:${id}`,
  centre: (id: string) => `centre:${id}`,
  employer: (id: string) => `employer:${id}`,
  allEmployers: 'employers',
  session: (id: string) => `session:${id}`,
  candidate: (id: string) => `candidate:${id}`,
  candidateSession: (id: string) => `candidateSession:${id}`,
} as const;

export function roomsFor(user: Pick<User, 'id' | 'centreId' | 'employerId'>): string[] {
  const result = [rooms.user(user.id)];
  if (user.centreId) result.push(rooms.centre(user.centreId));
  if (user.employerId) result.push(rooms.employer(user.employerId), rooms.allEmployers);
  return result;
}
