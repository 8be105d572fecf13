import { In, type EntityManager } from 'typeorm';
import { Candidate, Fair, User, VacancyResponse, type ChatConversation } from '../db/entities';
import { candidateName } from './chatParty';

/** The names and titles a conversation summary shows, read from other tables. */
export interface ConversationLabelSet {
  fairName: string;
  companyName: string;
  candidateName: string;
  vacancyTitle: string;
  /** Display name of whoever has the conversation ('' when nobody). */
  claimerName: string;
}

interface Entry<T> {
  value: T;
  at: number;
}

/**
 * Keeps the display labels of recently used conversations, so a message's summary broadcast
 * costs no reads of fairs, candidates, responses and users (without it a send took four more
 * queries than its write). Entries are keyed by what they were read for (the conversation's
 * response, the claimer's id) and re-read after `ttlMs`: a renamed candidate or manager shows
 * under the new name within that time. Per process; bounded to `max` entries each.
 */
export class ConversationLabels {
  private readonly conversations = new Map<string, Entry<Omit<ConversationLabelSet, 'claimerName'> & { responseId: string }>>();
  private readonly userNames = new Map<string, Entry<string>>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly max = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Labels for each row (in a few batched queries for those not held or too old). */
  async labelsFor(m: EntityManager, rows: readonly ChatConversation[]): Promise<Map<string, ConversationLabelSet>> {
    const now = this.now();
    const fresh = <T>(entry: Entry<T> | undefined): entry is Entry<T> => entry !== undefined && now - entry.at < this.ttlMs;
    const stale = rows.filter((r) => {
      const entry = this.conversations.get(r.id);
      return !fresh(entry) || entry.value.responseId !== r.responseId;
    });
    if (stale.length > 0) {
      const fairs = await byIds(m, Fair, stale.map((r) => r.fairId));
      const candidates = await byIds(m, Candidate, stale.map((r) => r.candidateId));
      const responses = await byIds(m, VacancyResponse, stale.map((r) => r.responseId));
      for (const r of stale) {
        const response = responses.get(r.responseId);
        const candidate = candidates.get(r.candidateId);
        remember(this.conversations, r.id, {
          value: {
            responseId: r.responseId,
            fairName: fairs.get(r.fairId)?.title ?? '',
            companyName: response?.companyName ?? '',
            candidateName: candidate ? candidateName(candidate) : (response?.candidateName ?? ''),
            vacancyTitle: response?.vacancyTitle ?? '',
          },
          at: now,
        }, this.max);
      }
    }
    const claimers = [...new Set(rows.flatMap((r) => (r.claimedByUserId && !fresh(this.userNames.get(r.claimedByUserId)) ? [r.claimedByUserId] : [])))];
    if (claimers.length > 0) {
      const users = await byIds(m, User, claimers);
      for (const id of claimers) remember(this.userNames, id, { value: users.get(id)?.displayName ?? '', at: now }, this.max);
    }
    const result = new Map<string, ConversationLabelSet>();
    for (const r of rows) {
      const { responseId: _responseId, ...labels } = this.conversations.get(r.id)?.value ?? emptyLabels;
      const claimerName = r.claimedByUserId ? (this.userNames.get(r.claimedByUserId)?.value ?? '') : '';
      result.set(r.id, { ...labels, claimerName });
    }
    return result;
  }

  /** Stores a name just read (the new holder of a claim), so the summary shows it at once. */
  rememberUserName(userId: string, name: string): void {
    remember(this.userNames, userId, { value: name, at: this.now() }, this.max);
  }
}

const emptyLabels = { responseId: '', fairName: '', companyName: '', candidateName: '', vacancyTitle: '' };

function remember<T>(map: Map<string, Entry<T>>, key: string, entry: Entry<T>, max: number): void {
  map.delete(key);
  map.set(key, entry);
  // Maps iterate in insertion order: the first key is the least recently stored.
  if (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

/** Rows by id, in chunks that stay well under both databases' bound-parameter limits. */
async function byIds<T extends { id: string }>(m: EntityManager, entity: new () => T, ids: Iterable<string>): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const result = new Map<string, T>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await m.findBy(entity, { id: In(unique.slice(i, i + 500)) } as never);
    for (const row of rows) result.set(row.id, row);
  }
  return result;
}
