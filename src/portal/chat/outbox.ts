import { z } from 'zod';
import { ChatError } from '../../shared/api/chat';

/**
 * The candidate's unsent chat messages, kept in localStorage so that a reload, a closed tab or a
 * browser restart does not lose what was typed offline. One key per candidate (two people on one
 * browser never see each other's queue). Every change reads the stored list first and writes it
 * back with that one change, so two open tabs do not overwrite each other's entries.
 */
export const OutboxEntry = z.object({
  /** The message id the server will store (the same on every retry). */
  id: z.string().uuid(),
  conversationId: z.string().uuid(),
  /** Already normalised (normalizeChatText): what the server will store. */
  body: z.string(),
  createdAt: z.number(),
  state: z.enum(['sending', 'refused']),
  /** Why the server refused it for good (shown with a Discard action); null while sending. */
  refusal: ChatError.nullable(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class Outbox {
  private readonly key: string;

  constructor(
    candidateId: string,
    private readonly storage: OutboxStorage | null,
  ) {
    this.key = `fairdesk.portal.chat.outbox.${candidateId}`;
  }

  /** The stored entries in creation order; unreadable storage reads as empty. */
  load(): OutboxEntry[] {
    let raw: string | null = null;
    try {
      raw = this.storage?.getItem(this.key) ?? null;
    } catch {
      return [];
    }
    if (!raw) return [];
    try {
      const parsed = z.array(OutboxEntry).safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data.sort((a, b) => a.createdAt - b.createdAt) : [];
    } catch {
      return [];
    }
  }

  /** Adds or replaces one entry (by id). */
  put(entry: OutboxEntry): void {
    const entries = this.load().filter((e) => e.id !== entry.id);
    entries.push(entry);
    this.save(entries);
  }

  remove(id: string): void {
    const entries = this.load();
    const kept = entries.filter((e) => e.id !== id);
    if (kept.length !== entries.length) this.save(kept);
  }

  private save(entries: OutboxEntry[]): void {
    try {
      if (entries.length === 0) this.storage?.removeItem(this.key);
      else this.storage?.setItem(this.key, JSON.stringify(entries));
    } catch {
      // Storage full or disabled (private mode): the queue still lives in memory for this page.
    }
  }
}
