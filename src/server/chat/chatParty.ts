import type { EntityManager } from 'typeorm';
import type { ChatActor } from '../../shared/domain/chat/rules';
import type { Candidate, ChatConversation, User } from '../db/entities';
import { ChatFailure, chatForbidden, chatNotFound } from './chatFailure';
import { bool, selectOne } from './chatRows';

/** Who a chat request comes from, as the socket's handshake established it. */
export type ChatCaller = { kind: 'user'; userId: string } | { kind: 'candidate'; candidateId: string };

/** The caller resolved for one request: an employer's user (with its rule actor) or a candidate. */
export type ChatParty =
  | { side: 'employer'; user: Pick<User, 'id' | 'displayName'>; employerId: string; actor: ChatActor }
  | { side: 'candidate'; candidate: Pick<Candidate, 'id' | 'name' | 'email'>; name: string };

/**
 * Loads the caller afresh for every request, so a deactivated account or a user moved to another
 * employer loses access at once. Moderators take no part in chats (`forbidden`).
 */
export async function resolveParty(m: EntityManager, caller: ChatCaller): Promise<ChatParty> {
  // Plain SQL: it runs for every chat event (chatRows.ts says why).
  if (caller.kind === 'candidate') {
    const row = await selectOne(m, 'SELECT id, name, email FROM candidates WHERE id = ?', [caller.candidateId]);
    if (!row) throw new ChatFailure('unauthenticated', 'Your session has ended. Please sign in again.');
    const candidate = { id: String(row['id']), name: String(row['name']), email: String(row['email']) };
    return { side: 'candidate', candidate, name: candidateName(candidate) };
  }
  const row = await selectOne(m, 'SELECT id, display_name, role, employer_id, active FROM users WHERE id = ?', [caller.userId]);
  if (!row || !bool(row['active'])) throw new ChatFailure('unauthenticated', 'Your session has ended. Please sign in again.');
  const employerId = (row['employer_id'] as string | null) ?? null;
  if (row['role'] === 'moderator' || employerId === null) {
    throw chatForbidden('Chats are between candidates and employers; moderators see only the counts in the fair overview.');
  }
  const user = { id: String(row['id']), displayName: String(row['display_name']) };
  const role = row['role'] === 'employer_admin' ? 'employer_admin' : 'employer_manager';
  return { side: 'employer', user, employerId, actor: { userId: user.id, role } };
}

/** The name a candidate is shown by (its profile name, else its e-mail address). */
export const candidateName = (candidate: Pick<Candidate, 'name' | 'email'>): string => candidate.name.trim() || candidate.email;

/** A conversation outside the caller's tenant is answered like one that does not exist. */
export function assertVisible(party: ChatParty, conversation: ChatConversation | null): asserts conversation is ChatConversation {
  if (!conversation) throw chatNotFound();
  const own = party.side === 'employer' ? conversation.employerId === party.employerId : conversation.candidateId === party.candidate.id;
  if (!own) throw chatNotFound();
}

export function requireEmployer(party: ChatParty): Extract<ChatParty, { side: 'employer' }> {
  if (party.side !== 'employer') throw chatForbidden('Only the employer’s staff can do this.');
  return party;
}

export function requireCandidate(party: ChatParty): Extract<ChatParty, { side: 'candidate' }> {
  if (party.side !== 'candidate') throw chatForbidden('Only candidates start conversations, from the portal.');
  return party;
}
