import type { User } from '../db/entities';
import { MutationRejected } from './rejection';

/** The acting user must be a moderator attached to a centre; returns that centre's id. */
export function requireModerator(actor: User, what: string): string {
  if (actor.role !== 'moderator' || !actor.centreId) {
    throw new MutationRejected('forbidden', `Only a career centre’s moderators can ${what}.`);
  }
  return actor.centreId;
}

/** The acting user must be an employer admin or manager; returns the employer's id. */
export function requireEmployer(actor: User, what: string): string {
  if ((actor.role !== 'employer_admin' && actor.role !== 'employer_manager') || !actor.employerId) {
    throw new MutationRejected('forbidden', `Only an employer’s admin or managers can ${what}.`);
  }
  return actor.employerId;
}
