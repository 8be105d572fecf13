import { reactive } from 'vue';
import type { z } from 'zod';
import {
  chatAck,
  ChatCatchUpResult,
  chatClientEvents,
  ChatConversationResult,
  ChatHistoryResult,
  ChatMessageEvent,
  ChatOpenResult,
  ChatSendResult,
  ChatTypingEvent,
  type ChatAck,
  type ChatError,
} from '../../shared/api/chat';
import { ChatConversationDto, type ChatMessageDto } from '../../shared/domain/chat/records';
import { summaryAfterMessage } from '../../shared/domain/chat/summary';
import { ChatText } from '../../shared/domain/chat/text';
import { Outbox, type OutboxEntry } from './outbox';

/**
 * The portal's side of the chat delivery algorithm (ARCHITECTURE "Real-time"; the same as the
 * desktop core's): messages typed here go to a persistent outbox first and are sent one at a time
 * per conversation, in creation order, with the same id on every retry; what arrives is held per
 * conversation up to the highest contiguous seq, duplicates are dropped by id/seq and a gap is
 * filled with `chat:history`. Every (re)connect starts with `chat:catchUp`, then sends the outbox,
 * then the pending read marks. Knows nothing of socket.io: the socket wrapper feeds it events.
 */

/** How the engine reaches the server (socket.io in the browser, a fake in tests). */
export interface ChatTransport {
  readonly connected: boolean;
  /** Emits with an ack; rejects on timeout or when the connection drops before the answer. */
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  /** Fire and forget, dropped when not connected (typing). */
  volatile(event: string, payload: unknown): void;
}

export type ConnectionState = 'connecting' | 'syncing' | 'online' | 'offline' | 'signedOut';
export type DeliveryState = 'sending' | 'sent' | 'refused';

/** A message as the conversation page shows it: received, acknowledged, or still queued. */
export interface ShownMessage {
  id: string;
  conversationId: string;
  /** Null while queued. */
  seq: number | null;
  authorKind: ChatMessageDto['authorKind'];
  authorName: string;
  body: string;
  createdAt: number;
  delivery: DeliveryState;
  refusal: ChatError | null;
}

/** What the engine holds of one conversation's messages. */
interface Thread {
  /** Highest seq held with no gap below it. */
  held: number;
  messages: ChatMessageDto[];
  ids: Set<string>;
  /** Arrived ahead of a gap; drained once the gap is filled. */
  ahead: Map<number, ChatMessageDto>;
  repairing: boolean;
}

export interface TypingState {
  name: string;
  until: number;
}

/** The chat's thrown error: an ack's refusal, or `network` when no answer came. */
export class ChatRequestError extends Error {
  constructor(readonly error: ChatError | { code: 'network'; message: string; permanent: false }) {
    super(error.message);
    this.name = 'ChatRequestError';
  }
}

export const CHAT_REQUEST_TIMEOUT_MS = 10_000;
/** Retry pause after a transient refusal (rate limit, internal) while still connected. */
export const CHAT_RETRY_MS = 3_000;
/** Least time between two outgoing `chat:typing` for one conversation. */
export const TYPING_THROTTLE_MS = 3_000;
/** How long "… is typing" stays without a new typing event. */
export const TYPING_SHOWN_MS = 6_000;

export interface ChatEngineOptions {
  candidateId: string;
  transport: ChatTransport;
  storage: ConstructorParameters<typeof Outbox>[1];
  now?: () => number;
  newId?: () => string;
}

export class ChatEngine {
  readonly state = reactive({
    connection: 'connecting' as ConnectionState,
    /** True once the first catch-up has answered (the list is known). */
    loaded: false,
    conversations: {} as Record<string, ChatConversationDto>,
    threads: {} as Record<string, Thread>,
    /** Queued (sending) and refused messages, creation order. */
    outbox: [] as OutboxEntry[],
    /** Acknowledged but not yet in the contiguous thread (a gap before them is being filled). */
    acked: {} as Record<string, ChatMessageDto>,
    typing: {} as Record<string, TypingState>,
  });

  private readonly outbox: Outbox;
  private readonly transport: ChatTransport;
  private readonly now: () => number;
  private readonly newId: () => string;
  /** Bumped on every connect and disconnect: work of an older connection stops. */
  private generation = 0;
  private synced = false;
  private readonly flushing = new Set<string>();
  private readonly readMarks = new Map<string, number>();
  private readonly lastTypingSent = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(options: ChatEngineOptions) {
    this.transport = options.transport;
    this.outbox = new Outbox(options.candidateId, options.storage);
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? newUuid;
    this.state.outbox = this.outbox.load();
  }

  // ---- what pages ask -----------------------------------------------------------------------

  /** Messages of a conversation in the order shown: by seq, then the queue in creation order. */
  messagesOf(conversationId: string): ShownMessage[] {
    const thread = this.state.threads[conversationId];
    const shown: ShownMessage[] = (thread?.messages ?? []).map((m) => ({ ...m, delivery: 'sent' as const, refusal: null }));
    const acked = Object.values(this.state.acked)
      .filter((m) => m.conversationId === conversationId && !thread?.ids.has(m.id))
      .sort((a, b) => a.seq - b.seq);
    for (const m of acked) shown.push({ ...m, delivery: 'sent', refusal: null });
    const conversation = this.state.conversations[conversationId];
    for (const e of this.state.outbox) {
      if (e.conversationId !== conversationId || thread?.ids.has(e.id) || this.state.acked[e.id]) continue;
      shown.push({
        id: e.id,
        conversationId,
        seq: null,
        authorKind: 'candidate',
        authorName: conversation?.candidateName ?? '',
        body: e.body,
        createdAt: e.createdAt,
        delivery: e.state,
        refusal: e.refusal,
      });
    }
    return shown;
  }

  /** Conversations, most recent activity first. */
  conversationList(): ChatConversationDto[] {
    return Object.values(this.state.conversations).sort(
      (a, b) => (b.lastMessage?.createdAt ?? b.createdAt) - (a.lastMessage?.createdAt ?? a.createdAt),
    );
  }

  unreadTotal(): number {
    return Object.values(this.state.conversations).reduce((sum, c) => sum + c.candidateUnread, 0);
  }

  // ---- what the candidate does --------------------------------------------------------------

  /** Opens (or finds) the conversation with an employer the candidate responded to at a fair. */
  async open(fairId: string, employerId: string): Promise<ChatConversationDto> {
    const conversation = await this.call(chatClientEvents.open, { fairId, employerId }, ChatOpenResult);
    this.upsertConversation(conversation);
    return conversation;
  }

  /**
   * Queues a message and sends it when possible. Returns the reason it cannot be queued (empty,
   * too long) or null.
   */
  send(conversationId: string, raw: string): string | null {
    const parsed = ChatText.safeParse(raw);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? 'Invalid message.';
    const entry: OutboxEntry = {
      id: this.newId(),
      conversationId,
      body: parsed.data,
      createdAt: this.now(),
      state: 'sending',
      refusal: null,
    };
    this.outbox.put(entry);
    this.state.outbox.push(entry);
    void this.flush(conversationId);
    return null;
  }

  /** Drops a refused (or still queued) message from the outbox. */
  discard(id: string): void {
    this.outbox.remove(id);
    this.state.outbox = this.state.outbox.filter((e) => e.id !== id);
  }

  /** Marks everything held in the conversation as read (sent now, or after the next catch-up). */
  markRead(conversationId: string): void {
    const conversation = this.state.conversations[conversationId];
    const held = this.state.threads[conversationId]?.held ?? 0;
    if (!conversation || held <= conversation.candidateReadSeq) return;
    if ((this.readMarks.get(conversationId) ?? 0) >= held) return;
    this.readMarks.set(conversationId, held);
    void this.flushReads();
  }

  /** The candidate is typing: tells the employer, at most every TYPING_THROTTLE_MS. */
  typing(conversationId: string): void {
    if (!this.transport.connected) return;
    const last = this.lastTypingSent.get(conversationId) ?? -Infinity;
    if (this.now() - last < TYPING_THROTTLE_MS) return;
    this.lastTypingSent.set(conversationId, this.now());
    this.transport.volatile(chatClientEvents.typing, { conversationId });
  }

  // ---- what the connection reports ----------------------------------------------------------

  async handleConnect(): Promise<void> {
    const generation = ++this.generation;
    this.synced = false;
    this.state.connection = 'syncing';
    try {
      await this.catchUp(generation);
    } catch {
      // No answer: retry while this connection lasts (a new connection catches up by itself).
      if (generation === this.generation) this.later(() => void this.handleConnectAgain(generation));
      return;
    }
    if (generation !== this.generation) return;
    this.synced = true;
    this.state.connection = 'online';
    for (const conversationId of new Set(this.state.outbox.map((e) => e.conversationId))) void this.flush(conversationId);
    void this.flushReads();
  }

  handleDisconnect(): void {
    this.generation++;
    this.synced = false;
    if (this.state.connection !== 'signedOut') this.state.connection = 'offline';
  }

  /** The server refused the session (signed out elsewhere, expired): the page sends to sign-in. */
  handleSignedOut(): void {
    this.generation++;
    this.synced = false;
    this.state.connection = 'signedOut';
  }

  handleMessage(raw: unknown): void {
    const parsed = ChatMessageEvent.safeParse(raw);
    if (!parsed.success) return;
    const { message, conversation: change } = parsed.data;
    this.accept([message]);
    const held = this.state.conversations[message.conversationId];
    const next = held ? summaryAfterMessage(held, message, change) : null;
    if (next) this.upsertConversation(next);
    // Not held, or its labels out of date: the full summaries come with a catch-up (as on connect).
    else if (this.synced) void this.handleConnectAgain(this.generation);
  }

  handleConversation(raw: unknown): void {
    const parsed = ChatConversationDto.safeParse(raw);
    if (parsed.success) this.upsertConversation(parsed.data);
  }

  handleTyping(raw: unknown): void {
    const parsed = ChatTypingEvent.safeParse(raw);
    if (!parsed.success || parsed.data.authorKind === 'candidate') return;
    const { conversationId, name } = parsed.data;
    const until = this.now() + TYPING_SHOWN_MS;
    this.state.typing[conversationId] = { name, until };
    this.later(() => {
      if (this.state.typing[conversationId]?.until === until) delete this.state.typing[conversationId];
    }, TYPING_SHOWN_MS);
  }

  /** Stops timers (sign-out, page unload). */
  dispose(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  // ---- the algorithm ------------------------------------------------------------------------

  private async handleConnectAgain(generation: number): Promise<void> {
    if (generation === this.generation && this.transport.connected) await this.handleConnect();
  }

  private async catchUp(generation: number): Promise<void> {
    const known = Object.entries(this.state.threads).map(([conversationId, t]) => ({ conversationId, seq: t.held }));
    const result = await this.call(chatClientEvents.catchUp, { known }, ChatCatchUpResult);
    if (generation !== this.generation) return;
    this.accept(result.messages, { repair: false });
    const listed = new Set(result.conversations.map((c) => c.id));
    // A conversation no longer listed is not the candidate's to see any more.
    for (const id of Object.keys(this.state.conversations)) if (!listed.has(id)) delete this.state.conversations[id];
    for (const conversation of result.conversations) this.upsertConversation(conversation, { repair: false });
    this.state.loaded = true;
    const behind = result.conversations.filter((c) => c.lastSeq > (this.state.threads[c.id]?.held ?? 0)).map((c) => c.id);
    await Promise.all([...new Set([...result.more, ...behind])].map((id) => this.repair(id, generation)));
  }

  /** Takes messages from any source (ack, broadcast, catch-up, history), keeping each once, in seq order. */
  private accept(messages: readonly ChatMessageDto[], options: { repair: boolean } = { repair: true }): void {
    const touched = new Set<string>();
    for (const m of messages) {
      const thread = this.thread(m.conversationId);
      if (thread.ids.has(m.id) || m.seq <= thread.held) continue;
      thread.ahead.set(m.seq, m);
      touched.add(m.conversationId);
    }
    for (const conversationId of touched) {
      const thread = this.thread(conversationId);
      for (let next = thread.ahead.get(thread.held + 1); next; next = thread.ahead.get(thread.held + 1)) {
        thread.ahead.delete(next.seq);
        if (thread.ids.has(next.id)) continue;
        thread.messages.push(next);
        thread.ids.add(next.id);
        thread.held = next.seq;
        this.settle(next);
      }
      if (thread.ahead.size > 0 && options.repair) void this.repair(conversationId, this.generation);
    }
  }

  /** A message now shown in order: its queued copy and "is typing" go away. */
  private settle(message: ChatMessageDto): void {
    delete this.state.acked[message.id];
    if (this.state.outbox.some((e) => e.id === message.id)) this.discard(message.id);
    if (message.authorKind === 'employer') delete this.state.typing[message.conversationId];
  }

  /** Fills the gap after `held` with `chat:history`, paging until nothing is missing. */
  private async repair(conversationId: string, generation: number): Promise<void> {
    const thread = this.thread(conversationId);
    if (thread.repairing || !this.transport.connected) return;
    thread.repairing = true;
    try {
      for (;;) {
        const before = thread.held;
        const page = await this.call(chatClientEvents.history, { conversationId, afterSeq: before }, ChatHistoryResult);
        if (generation !== this.generation) return;
        this.accept(page.messages, { repair: false });
        const lastSeq = this.state.conversations[conversationId]?.lastSeq ?? 0;
        const missing = page.more || thread.ahead.size > 0 || lastSeq > thread.held;
        // Stop when nothing is missing, or when the server had nothing after our seq (no loop on a stale summary).
        if (!missing || thread.held === before) return;
      }
    } catch {
      // No answer: the next catch-up (on reconnect) fills the gap.
    } finally {
      thread.repairing = false;
    }
  }

  /** Sends one conversation's queue, oldest first, one message at a time. */
  private async flush(conversationId: string): Promise<void> {
    if (!this.synced || this.flushing.has(conversationId)) return;
    const generation = this.generation;
    this.flushing.add(conversationId);
    try {
      for (;;) {
        if (generation !== this.generation) return;
        const entry = this.state.outbox.find((e) => e.conversationId === conversationId && e.state === 'sending');
        if (!entry) return;
        let ack: ChatAck<z.infer<typeof ChatSendResult>>;
        try {
          ack = await this.ack(chatClientEvents.send, { conversationId, id: entry.id, body: entry.body }, ChatSendResult);
        } catch {
          // Timed out or dropped: the same id goes again (now if still connected, else on reconnect).
          if (generation === this.generation) this.later(() => void this.flush(conversationId));
          return;
        }
        if (ack.ok) {
          // Shown from `acked` until the thread reaches its seq (a gap before it may still be filling).
          this.state.acked[entry.id] = ack.value.message;
          this.discard(entry.id);
          this.accept([ack.value.message]);
        } else if (ack.error.permanent) {
          this.refuse(entry, ack.error);
        } else {
          if (generation === this.generation) this.later(() => void this.flush(conversationId));
          return;
        }
      }
    } finally {
      this.flushing.delete(conversationId);
    }
  }

  private refuse(entry: OutboxEntry, error: ChatError): void {
    const refused: OutboxEntry = { ...entry, state: 'refused', refusal: error };
    this.outbox.put(refused);
    const index = this.state.outbox.findIndex((e) => e.id === entry.id);
    if (index >= 0) this.state.outbox[index] = refused;
  }

  private async flushReads(): Promise<void> {
    if (!this.synced) return;
    const generation = this.generation;
    for (const [conversationId, seq] of [...this.readMarks]) {
      try {
        const ack = await this.ack(chatClientEvents.read, { conversationId, seq }, ChatConversationResult);
        if (generation !== this.generation) return;
        if (ack.ok) this.upsertConversation(ack.value);
        if (ack.ok || ack.error.permanent) {
          if (this.readMarks.get(conversationId) === seq) this.readMarks.delete(conversationId);
        }
      } catch {
        return; // Kept for the next connect.
      }
    }
  }

  private upsertConversation(incoming: ChatConversationDto, options: { repair: boolean } = { repair: true }): void {
    const existing = this.state.conversations[incoming.id];
    // Summaries can cross on the wire; never step back in messages or read pointers.
    if (existing && incoming.lastSeq < existing.lastSeq) return;
    const merged = existing
      ? {
          ...incoming,
          candidateReadSeq: Math.max(existing.candidateReadSeq, incoming.candidateReadSeq),
          employerReadSeq: Math.max(existing.employerReadSeq, incoming.employerReadSeq),
        }
      : incoming;
    this.state.conversations[incoming.id] = merged;
    const thread = this.thread(incoming.id);
    if (options.repair && merged.lastSeq > thread.held && this.synced) void this.repair(incoming.id, this.generation);
  }

  private thread(conversationId: string): Thread {
    let thread = this.state.threads[conversationId];
    if (!thread) {
      this.state.threads[conversationId] = { held: 0, messages: [], ids: new Set(), ahead: new Map(), repairing: false };
      // Read back through the reactive proxy, so changes made through `thread` re-render pages.
      thread = this.state.threads[conversationId] as Thread;
    }
    return thread;
  }

  /** Emits and parses the ack; throws ChatRequestError('network') when no answer came. */
  private async ack<S extends z.ZodTypeAny>(event: string, payload: unknown, value: S): Promise<ChatAck<z.infer<S>>> {
    let raw: unknown;
    try {
      if (!this.transport.connected) throw new Error('not connected');
      raw = await this.transport.request(event, payload, CHAT_REQUEST_TIMEOUT_MS);
    } catch (error) {
      throw new ChatRequestError({ code: 'network', message: error instanceof Error ? error.message : String(error), permanent: false });
    }
    const parsed = chatAck(value).safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: { code: 'internal', message: 'The server sent an answer in an unexpected shape.', permanent: false } };
    }
    return parsed.data as ChatAck<z.infer<S>>;
  }

  /** Like `ack`, but a refusal is thrown as ChatRequestError. */
  private async call<S extends z.ZodTypeAny>(event: string, payload: unknown, value: S): Promise<z.infer<S>> {
    const answer = await this.ack(event, payload, value);
    if (!answer.ok) throw new ChatRequestError(answer.error);
    return answer.value;
  }

  private later(run: () => void, ms = CHAT_RETRY_MS): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts (a portal on plain http has none). */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
