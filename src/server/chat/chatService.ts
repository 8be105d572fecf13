import crypto from 'node:crypto';
import { MoreThan, QueryFailedError, type EntityManager } from 'typeorm';
import { CHAT_PAGE_SIZE, type ChatCatchUpResult, type ChatHistoryResult } from '../../shared/api/chat';
import type { ChatConversationDto, ChatConversationStatus, ChatMessageDto } from '../../shared/domain/chat/records';
import {
  assignRefusal,
  candidateWriteRefusal,
  chatRefusalMessage,
  claimRefusal,
  closeRefusal,
  employerWriteRefusal,
  readCountsForEmployer,
  type ChatRefusal,
} from '../../shared/domain/chat/rules';
import { ChatText, chatPreview } from '../../shared/domain/chat/text';
import { ChatAssignment, ChatConversation, ChatMessage, User, VacancyResponse } from '../db/entities';
import type { TransactionRunner } from '../db/transactions';
import { toConversationDto, toConversationDtos, toMessageDto } from './chatDto';
import { ChatFailure } from './chatFailure';
import { conversationById, insertMessage, messageById, updateSummary, type ConversationSummaryPatch } from './chatRows';
import { ConversationLabels } from './conversationLabels';
import { GroupCommit, settle, type Settled } from './groupCommit';
import { assertVisible, requireCandidate, requireEmployer, resolveParty, type ChatCaller, type ChatParty } from './chatParty';

/** A conversation as it now is, and whether the call changed it (only changes are broadcast). */
export interface ConversationOutcome {
  conversation: ChatConversationDto;
  changed: boolean;
}

/** A claim or reassignment: the conversation and the system message recording it (null: no-op). */
export interface HandOverOutcome extends ConversationOutcome {
  message: ChatMessageDto | null;
}

export interface SendOutcome {
  message: ChatMessageDto;
  conversation: ChatConversationDto;
  /** False when the id was already stored (a repeated send): nothing new to broadcast. */
  created: boolean;
}

/** Where a typing notice goes: the other side of the conversation. */
export interface TypingAudience {
  conversationId: string;
  employerId: string;
  candidateId: string;
  authorKind: 'candidate' | 'employer';
  name: string;
}

interface PendingSend {
  caller: ChatCaller;
  conversationId: string;
  id: string;
  body: string;
}

interface NewMessage {
  id: string;
  authorKind: ChatMessage['authorKind'];
  authorUserId: string | null;
  authorName: string;
  body: string;
}

/**
 * The chat's rules and storage (SPEC "Chat"), for the socket adapter (and anything else) to call.
 *
 * Every write runs in one transaction that first takes the conversation's row lock (an UPDATE of
 * its row): on PostgreSQL this serialises concurrent writers of one conversation across server
 * processes, so `seq` is assigned without gaps or duplicates; on SQLite the TransactionRunner
 * queues transactions anyway. Writes use `tx.job` — chat rows are not part of sync pulls, so they
 * take no global change version (and do not serialise behind every other writer).
 *
 * Tenancy: an employer's users see only the employer's conversations, a candidate only its own;
 * anything else answers `not_found`. Moderators are refused every call (`forbidden`).
 */
export class ChatService {
  /** Display labels of recent conversations: a message's summary costs no extra reads. */
  private readonly labels = new ConversationLabels();
  /** SQLite runs one transaction at a time: sends queued behind the running one commit together. */
  private readonly grouped: GroupCommit<PendingSend, SendOutcome> | null;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly now: () => number = Date.now,
  ) {
    this.grouped = tx.serialises ? new GroupCommit((sends) => this.sendGroup(sends)) : null;
  }

  /**
   * Candidate: the conversation with `employerId` at `fairId`, created on first call. Allowed once
   * the candidate responded to one of the employer's vacancies at that fair; the conversation
   * follows its latest such response.
   */
  async open(caller: ChatCaller, input: { fairId: string; employerId: string }): Promise<ConversationOutcome> {
    try {
      return await this.tx.job((m) => this.openIn(m, caller, input));
    } catch (err) {
      // Two tabs opening at once on PostgreSQL: the unique (fair, employer, candidate) key lets one in.
      if (!(err instanceof QueryFailedError)) throw err;
      return this.tx.job((m) => this.openIn(m, caller, input));
    }
  }

  private async openIn(m: EntityManager, caller: ChatCaller, input: { fairId: string; employerId: string }): Promise<ConversationOutcome> {
    const party = requireCandidate(await resolveParty(m, caller));
    const candidateId = party.candidate.id;
    const response = await m.findOne(VacancyResponse, {
      where: { candidateId, fairId: input.fairId, employerId: input.employerId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    if (!response) {
      throw new ChatFailure('no_response', 'You can write to an employer once you have responded to one of its vacancies at this fair.');
    }
    const existing = await m.findOneBy(ChatConversation, { fairId: input.fairId, employerId: input.employerId, candidateId });
    if (existing) {
      if (existing.responseId === response.id) return { conversation: await toConversationDto(m, existing, this.labels), changed: false };
      await m.update(ChatConversation, { id: existing.id }, { responseId: response.id, participationId: response.participationId });
      return { conversation: await toConversationDto(m, await this.load(m, existing.id), this.labels), changed: true };
    }
    const now = this.now();
    const created = m.create(ChatConversation, {
      id: crypto.randomUUID(),
      fairId: input.fairId,
      employerId: input.employerId,
      participationId: response.participationId,
      candidateId,
      responseId: response.id,
      status: 'open',
      claimedByUserId: null,
      claimedAt: null,
      lastSeq: 0,
      lastMessageSeq: null,
      lastMessageAuthorKind: null,
      lastMessagePreview: null,
      lastMessageAt: null,
      candidateReadSeq: 0,
      employerReadSeq: 0,
      employerUnread: 0,
      candidateUnread: 0,
      awaitingReplySince: null,
      createdAt: now,
      updatedAt: now,
    });
    await m.insert(ChatConversation, created);
    return { conversation: await toConversationDto(m, created, this.labels), changed: true };
  }

  /**
   * Every conversation the caller may see, and per conversation the messages after the seq the
   * client holds (all of them for conversations it does not know), at most CHAT_PAGE_SIZE each.
   */
  async catchUp(caller: ChatCaller, known: ReadonlyArray<{ conversationId: string; seq: number }>): Promise<ChatCatchUpResult> {
    return this.tx.read(async (m) => {
      const party = await resolveParty(m, caller);
      const rows = await m.find(ChatConversation, {
        where: party.side === 'employer' ? { employerId: party.employerId } : { candidateId: party.candidate.id },
        order: { updatedAt: 'DESC', id: 'ASC' },
      });
      const held = new Map(known.map((k) => [k.conversationId, k.seq]));
      const messages: ChatMessageDto[] = [];
      const more: string[] = [];
      for (const row of rows) {
        const after = held.get(row.id) ?? 0;
        if (row.lastSeq <= after) continue;
        messages.push(...(await this.messagesAfter(m, row.id, after, CHAT_PAGE_SIZE)));
        if (row.lastSeq - after > CHAT_PAGE_SIZE) more.push(row.id);
      }
      return { conversations: await toConversationDtos(m, rows, this.labels), messages, more };
    });
  }

  /** One conversation's messages after `afterSeq`, oldest first; `more` when the page did not reach the end. */
  async history(caller: ChatCaller, input: { conversationId: string; afterSeq: number; limit?: number }): Promise<ChatHistoryResult> {
    return this.tx.read(async (m) => {
      const party = await resolveParty(m, caller);
      const row = await m.findOneBy(ChatConversation, { id: input.conversationId });
      assertVisible(party, row);
      const messages = await this.messagesAfter(m, row.id, input.afterSeq, input.limit ?? CHAT_PAGE_SIZE);
      const reached = messages.at(-1)?.seq ?? input.afterSeq;
      return { messages, more: reached < row.lastSeq };
    });
  }

  /**
   * Stores a message idempotently: the same id again (same conversation, same text) answers the
   * stored message with its seq and changes nothing; the id with anything else is `id_conflict`.
   * The text is normalised here too (the server trusts no client).
   */
  async send(caller: ChatCaller, input: { conversationId: string; id: string; body: string }): Promise<SendOutcome> {
    const parsed = ChatText.safeParse(input.body);
    if (!parsed.success) throw new ChatFailure('bad_request', parsed.error.issues[0]?.message ?? 'The message is not valid.');
    const send: PendingSend = { caller, conversationId: input.conversationId, id: input.id, body: parsed.data };
    return this.grouped ? this.grouped.submit(send) : this.sendAlone(send);
  }

  /**
   * Stores a group of sends in ONE transaction (one commit, one WAL sync), each still checked and
   * numbered on its own; a refused send refuses only itself (its checks run before its writes). A
   * database error aborts the group, and each send is then retried alone.
   */
  private async sendGroup(sends: readonly PendingSend[]): Promise<Array<Settled<SendOutcome>>> {
    if (sends.length === 1 && sends[0]) return [await settle(this.sendAlone(sends[0]))];
    try {
      return await this.tx.job(async (m) => {
        const results: Array<Settled<SendOutcome>> = [];
        for (const send of sends) {
          try {
            results.push({ ok: true, value: await this.sendIn(m, send.caller, send.conversationId, send.id, send.body) });
          } catch (err) {
            if (!(err instanceof ChatFailure)) throw err;
            results.push({ ok: false, error: err });
          }
        }
        return results;
      });
    } catch {
      return Promise.all(sends.map((send) => settle(this.sendAlone(send))));
    }
  }

  private async sendAlone({ caller, conversationId, id, body }: PendingSend): Promise<SendOutcome> {
    const input = { conversationId, id };
    try {
      return await this.tx.job((m) => this.sendIn(m, caller, input.conversationId, input.id, body));
    } catch (err) {
      // The id raced into another conversation (or the same one) through another transaction.
      if (!(err instanceof QueryFailedError)) throw err;
      const stored = await this.tx.read((m) => m.findOneBy(ChatMessage, { id: input.id }));
      if (!stored) throw err;
      return this.tx.read(async (m) => {
        const party = await resolveParty(m, caller);
        const row = await m.findOneBy(ChatConversation, { id: input.conversationId });
        assertVisible(party, row);
        return this.repeated(m, stored, row, body);
      });
    }
  }

  private async sendIn(m: EntityManager, caller: ChatCaller, conversationId: string, id: string, body: string): Promise<SendOutcome> {
    // Issued together: the driver runs them back to back on the transaction's connection instead of
    // waiting a round trip for each. (On PostgreSQL the id check may run before the row lock is
    // taken; a concurrent insert of the same id then fails the insert, handled in sendAlone.)
    const [party, row, stored] = await Promise.all([resolveParty(m, caller), this.lock(m, conversationId), messageById(m, id)]);
    assertVisible(party, row);
    // Checked before the rules: a message stored before the conversation was closed is still acked.
    if (stored) return this.repeated(m, stored, row, body);
    await this.assertMayWrite(m, party, row);
    const author =
      party.side === 'employer'
        ? { authorKind: 'employer' as const, authorUserId: party.user.id, authorName: party.user.displayName }
        : { authorKind: 'candidate' as const, authorUserId: null, authorName: party.name };
    const { message, conversation } = await this.append(m, row, { id, body, ...author });
    return { message: toMessageDto(message), conversation: await toConversationDto(m, conversation, this.labels), created: true };
  }

  private async repeated(m: EntityManager, stored: ChatMessage, row: ChatConversation, body: string): Promise<SendOutcome> {
    if (stored.conversationId !== row.id || stored.body !== body) {
      throw new ChatFailure('id_conflict', 'This message could not be sent: its id belongs to another message. Write it again.');
    }
    return { message: toMessageDto(stored), conversation: await toConversationDto(m, row, this.labels), created: false };
  }

  /** Moves the caller side's read pointer forward to `seq` (never back, never past the last message). */
  async read(caller: ChatCaller, input: { conversationId: string; seq: number }): Promise<ConversationOutcome> {
    return this.tx.job(async (m) => {
      const party = await resolveParty(m, caller);
      const row = await this.lock(m, input.conversationId);
      assertVisible(party, row);
      if (party.side === 'employer' && !readCountsForEmployer({ claimedBy: row.claimedByUserId ? { userId: row.claimedByUserId, name: '', at: 0 } : null }, party.actor)) {
        return { conversation: await toConversationDto(m, row, this.labels), changed: false };
      }
      const target = Math.min(input.seq, row.lastSeq);
      const current = party.side === 'employer' ? row.employerReadSeq : row.candidateReadSeq;
      if (target <= current) return { conversation: await toConversationDto(m, row, this.labels), changed: false };
      // Unread = the other side's messages after the pointer (system lines count for nobody).
      const unread = await m.count(ChatMessage, {
        where: { conversationId: row.id, authorKind: party.side === 'employer' ? 'candidate' : 'employer', seq: MoreThan(target) },
      });
      const patch: Partial<ChatConversation> =
        party.side === 'employer' ? { employerReadSeq: target, employerUnread: unread } : { candidateReadSeq: target, candidateUnread: unread };
      await m.update(ChatConversation, { id: row.id }, patch);
      return { conversation: await toConversationDto(m, { ...row, ...patch }, this.labels), changed: true };
    });
  }

  /** *Start dialogue*: the conversation becomes the caller's alone (recorded, with a system line). */
  async claim(caller: ChatCaller, input: { conversationId: string }): Promise<HandOverOutcome> {
    return this.tx.job(async (m) => {
      const party = requireEmployer(await resolveParty(m, caller));
      const row = await this.lock(m, input.conversationId);
      assertVisible(party, row);
      await this.refuse(m, row, claimRefusal(await this.claimView(m, row), party.actor));
      if (row.claimedByUserId === party.user.id) return { conversation: await toConversationDto(m, row, this.labels), changed: false, message: null };
      return this.handOver(m, row, party, party.user, `${party.user.displayName} started the dialogue`);
    });
  }

  /** Employer admin: hands the conversation to an active member of the employer (or takes it over). */
  async assign(caller: ChatCaller, input: { conversationId: string; userId: string }): Promise<HandOverOutcome> {
    return this.tx.job(async (m) => {
      const party = requireEmployer(await resolveParty(m, caller));
      const row = await this.lock(m, input.conversationId);
      assertVisible(party, row);
      await this.refuse(m, row, assignRefusal(party.actor));
      const to = await m.findOneBy(User, { id: input.userId });
      if (!to?.active || to.employerId !== party.employerId || to.role === 'moderator') {
        throw new ChatFailure('not_a_member', chatRefusalMessage('not_a_member'));
      }
      if (row.claimedByUserId === to.id) return { conversation: await toConversationDto(m, row, this.labels), changed: false, message: null };
      const line =
        to.id === party.user.id
          ? `${party.user.displayName} took over the conversation`
          : `${party.user.displayName} handed the conversation to ${to.displayName}`;
      return this.handOver(m, row, party, to, line);
    });
  }

  /** Closes or reopens: the manager who has the conversation, or the admin. */
  async setStatus(caller: ChatCaller, input: { conversationId: string; status: ChatConversationStatus }): Promise<ConversationOutcome> {
    return this.tx.job(async (m) => {
      const party = requireEmployer(await resolveParty(m, caller));
      const row = await this.lock(m, input.conversationId);
      assertVisible(party, row);
      await this.refuse(m, row, closeRefusal(await this.claimView(m, row), party.actor));
      if (row.status === input.status) return { conversation: await toConversationDto(m, row, this.labels), changed: false };
      const patch = { status: input.status, updatedAt: this.now() };
      await m.update(ChatConversation, { id: row.id }, patch);
      return { conversation: await toConversationDto(m, { ...row, ...patch }, this.labels), changed: true };
    });
  }

  /** Checks the caller may see the conversation; says where its typing notice goes. */
  async typingAudience(caller: ChatCaller, conversationId: string): Promise<TypingAudience> {
    return this.tx.read(async (m) => {
      const party = await resolveParty(m, caller);
      const row = await m.findOneBy(ChatConversation, { id: conversationId });
      assertVisible(party, row);
      return {
        conversationId,
        employerId: row.employerId,
        candidateId: row.candidateId,
        authorKind: party.side,
        name: party.side === 'employer' ? party.user.displayName : party.name,
      };
    });
  }

  private async handOver(
    m: EntityManager,
    row: ChatConversation,
    party: Extract<ChatParty, { side: 'employer' }>,
    to: Pick<User, 'id' | 'displayName'>,
    line: string,
  ): Promise<HandOverOutcome> {
    const now = this.now();
    await m.insert(ChatAssignment, {
      id: crypto.randomUUID(),
      conversationId: row.id,
      fromUserId: row.claimedByUserId,
      toUserId: to.id,
      byUserId: party.user.id,
      at: now,
    });
    this.labels.rememberUserName(to.id, to.displayName);
    const claimed = { ...row, claimedByUserId: to.id, claimedAt: now };
    await m.update(ChatConversation, { id: row.id }, { claimedByUserId: to.id, claimedAt: now });
    const { message, conversation } = await this.append(m, claimed, {
      id: crypto.randomUUID(),
      authorKind: 'system',
      authorUserId: null,
      authorName: '',
      body: line,
    });
    return { conversation: await toConversationDto(m, conversation, this.labels), changed: true, message: toMessageDto(message) };
  }

  /**
   * Inserts the conversation's next message and updates its summary, under the row lock the
   * caller's transaction holds: seq = last_seq + 1, unread counts, awaiting-reply time.
   */
  private async append(m: EntityManager, row: ChatConversation, input: NewMessage): Promise<{ message: ChatMessage; conversation: ChatConversation }> {
    const now = this.now();
    const seq = row.lastSeq + 1;
    const message = Object.assign(new ChatMessage(), { ...input, conversationId: row.id, seq, createdAt: now });
    const patch: ConversationSummaryPatch = {
      lastSeq: seq,
      lastMessageSeq: seq,
      lastMessageAuthorKind: input.authorKind,
      lastMessagePreview: chatPreview(input.body),
      lastMessageAt: now,
      updatedAt: now,
    };
    if (input.authorKind === 'candidate') {
      patch.employerUnread = row.employerUnread + 1;
      patch.awaitingReplySince = row.awaitingReplySince ?? now;
    } else if (input.authorKind === 'employer') {
      patch.candidateUnread = row.candidateUnread + 1;
      patch.awaitingReplySince = null;
    }
    // Both under the row lock the transaction holds; issued together (see sendIn).
    await Promise.all([insertMessage(m, message), updateSummary(m, row.id, patch)]);
    return { message, conversation: { ...row, ...patch } };
  }

  private async assertMayWrite(m: EntityManager, party: ChatParty, row: ChatConversation): Promise<void> {
    // The rules look at who has it, not at their name: the name is read only to explain a refusal.
    const claimedBy = row.claimedByUserId ? { userId: row.claimedByUserId, name: '', at: row.claimedAt ?? row.updatedAt } : null;
    const refusal = party.side === 'employer' ? employerWriteRefusal({ status: row.status, claimedBy }, party.actor) : candidateWriteRefusal(row);
    await this.refuse(m, row, refusal);
  }

  private async refuse(m: EntityManager, row: ChatConversation, refusal: ChatRefusal | null): Promise<void> {
    if (refusal === null) return;
    throw new ChatFailure(refusal, chatRefusalMessage(refusal, await this.claimView(m, row)));
  }

  /** What the shared rules look at: status and who has the conversation (with the name they are shown by). */
  private async claimView(m: EntityManager, row: ChatConversation): Promise<Pick<ChatConversationDto, 'claimedBy' | 'status'>> {
    if (!row.claimedByUserId) return { status: row.status, claimedBy: null };
    const claimer = await m.findOneBy(User, { id: row.claimedByUserId });
    return { status: row.status, claimedBy: { userId: row.claimedByUserId, name: claimer?.displayName ?? '', at: row.claimedAt ?? row.updatedAt } };
  }

  /**
   * Takes the conversation's row lock for the rest of the transaction (a no-op UPDATE: PostgreSQL
   * locks the row, SQLite the database) and reads the row as it is under that lock.
   */
  private async lock(m: EntityManager, id: string): Promise<ChatConversation | null> {
    // SQLite: the TransactionRunner already runs one transaction at a time.
    if (!this.tx.serialises) await m
      .createQueryBuilder()
      .update(ChatConversation)
      .set({ lastSeq: () => 'last_seq' })
      .where('id = :id', { id })
      .execute();
    return conversationById(m, id);
  }

  private async load(m: EntityManager, id: string): Promise<ChatConversation> {
    return m.findOneByOrFail(ChatConversation, { id });
  }

  private async messagesAfter(m: EntityManager, conversationId: string, afterSeq: number, limit: number): Promise<ChatMessageDto[]> {
    const rows = await m.find(ChatMessage, { where: { conversationId, seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: limit });
    return rows.map(toMessageDto);
  }
}
