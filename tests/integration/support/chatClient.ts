import crypto from 'node:crypto';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import {
  ChatCatchUpResult,
  ChatConversationResult,
  ChatHistoryResult,
  ChatMessageEvent,
  ChatOpenResult,
  ChatSendResult,
  ChatTypingEvent,
  chatAck,
  chatClientEvents,
  chatServerEvents,
  type ChatAck,
  type ChatError,
} from '../../../src/shared/api/chat';
import { CANDIDATE_COOKIE } from '../../../src/shared/api/portal';
import { ChatConversationDto, type ChatMessageDto } from '../../../src/shared/domain/chat/records';
import { summaryAfterMessage } from '../../../src/shared/domain/chat/summary';
import { normalizeChatText } from '../../../src/shared/domain/chat/text';

/**
 * A typed socket.io chat client for integration tests, for both kinds of identities: a desktop
 * user (handshake `auth: { token }`) and a portal candidate (Cookie header with the session).
 *
 * It follows the client delivery algorithm every real client follows (ARCHITECTURE / chat design):
 * - the "screen" per conversation holds the contiguous run of messages from seq 1, keyed by id;
 *   a `chat:message` with seq == held + 1 is appended, a duplicate (id held, or seq ≤ held) is
 *   dropped, a gap (seq > held + 1) is repaired with `chat:history {afterSeq: held}`;
 * - sends keep a client-chosen UUID; an ack with the stored message is applied like a broadcast;
 * - `reconnect()` runs `chat:catchUp` first (paging `more` with history), then flushes the outbox.
 *
 * Every payload the server sends is checked against the contract schemas; anything that does not
 * parse lands in `protocolErrors` (tests assert it stays empty), so a server that breaks the
 * protocol fails loudly instead of being tolerated.
 */

export type ChatIdentity = { kind: 'user'; token: string } | { kind: 'candidate'; cookie: string };

/** The candidate identity for a portal session token or a ready `fairdesk_candidate=<token>` pair. */
export const candidateIdentity = (cookieOrToken: string): ChatIdentity => ({
  kind: 'candidate',
  cookie: cookieOrToken.startsWith(`${CANDIDATE_COOKIE}=`) ? cookieOrToken : `${CANDIDATE_COOKIE}=${cookieOrToken}`,
});
export const userIdentity = (token: string): ChatIdentity => ({ kind: 'user', token });

/** Thrown by the typed calls when the server answers `{ ok: false }`. */
export class ChatRefusedError extends Error {
  override name = 'ChatRefusedError';
  constructor(
    readonly event: string,
    readonly error: ChatError,
  ) {
    super(`${event} refused: ${error.code} (${error.permanent ? 'permanent' : 'transient'}): ${error.message}`);
  }
}

/** A message the client wants delivered: the same id on every attempt. */
export interface QueuedMessage {
  id: string;
  conversationId: string;
  body: string;
}

/** Failure guard for waits (never an assertion about speed). */
const WAIT_GUARD_MS = 20_000;
/** socket.timeout() of every request, as real clients use. */
const ACK_TIMEOUT_MS = 10_000;
/** How often a transient refusal is retried by `send`, and the pause between tries. */
const TRANSIENT_RETRIES = 60;
const TRANSIENT_PAUSE_MS = 500;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a socket.io connection for `identity`; resolves on connect, rejects with the handshake error. */
export function openChatSocket(url: string, identity: ChatIdentity): Promise<Socket> {
  const socket = connectSocket(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(identity.kind === 'user' ? { auth: { token: identity.token } } : { extraHeaders: { cookie: identity.cookie } }),
  });
  return new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export class TestChatClient {
  /** Latest summary per conversation (from acks, catch-up and `chat:conversation`). */
  readonly conversations = new Map<string, z.infer<typeof ChatConversationDto>>();
  /** Every `chat:message` received on the wire, duplicates included (at-least-once is allowed there). */
  readonly wire: ChatMessageDto[] = [];
  readonly typing: ChatTypingEvent[] = [];
  /** Server payloads that broke the contract schemas. */
  readonly protocolErrors: string[] = [];
  /** Messages not yet acknowledged, in creation order. */
  readonly outbox: QueuedMessage[] = [];

  private readonly screens = new Map<string, ChatMessageDto[]>();
  private readonly repairs = new Map<string, Promise<void>>();
  private readonly waiters: Array<() => void> = [];
  private socketRef: Socket;

  private constructor(
    readonly url: string,
    readonly identity: ChatIdentity,
    socket: Socket,
  ) {
    this.socketRef = socket;
    this.listen(socket);
  }

  /** Connects and (by default) catches up, like a client opening its chat. */
  static async connect(url: string, identity: ChatIdentity, options: { catchUp?: boolean } = {}): Promise<TestChatClient> {
    const client = new TestChatClient(url, identity, await openChatSocket(url, identity));
    if (options.catchUp ?? true) await client.catchUp();
    return client;
  }

  get socket(): Socket {
    return this.socketRef;
  }

  get connected(): boolean {
    return this.socketRef.connected;
  }

  /** What the user sees in a conversation: messages seq 1 … held, each once. */
  messages(conversationId: string): ChatMessageDto[] {
    return [...(this.screens.get(conversationId) ?? [])];
  }

  /** The highest contiguous seq held for a conversation. */
  held(conversationId: string): number {
    return this.screens.get(conversationId)?.length ?? 0;
  }

  /** Drops the connection now (pending acks fail with "disconnected"). */
  drop(): void {
    this.socketRef.disconnect();
  }

  /**
   * Stops reading from the connection: whatever the server sends from now on (acks, broadcasts)
   * stays unread, like a network that dies one way after a request left. Deterministic where an
   * emit followed by `drop()` is not (socket.io ignores a packet the server reads together with the
   * disconnect). Reaches into socket.io-client's websocket transport (the `ws` socket in Node).
   */
  freezeIncoming(): void {
    const transport = this.socketRef.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void } } };
    const raw = transport.ws?._socket;
    if (!raw) throw new Error('freezeIncoming needs the websocket transport in Node');
    raw.pause();
  }

  close(): void {
    this.socketRef.close();
  }

  /** A new connection with the same identity and state: catch-up first, then the outbox. */
  async reconnect(url = this.url): Promise<void> {
    this.socketRef.close();
    this.socketRef = await openChatSocket(url, this.identity);
    this.listen(this.socketRef);
    await this.catchUp();
    await this.flush();
  }

  // ---- raw requests -------------------------------------------------------------------------

  /** Emits `event` with an ack and a timeout; the answer is schema-checked against ChatAck<schema>. */
  async request<S extends z.ZodTypeAny>(event: string, payload: unknown, schema: S): Promise<ChatAck<z.infer<S>>> {
    const answer: unknown = await this.socketRef.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    const parsed = chatAck(schema).safeParse(answer);
    if (!parsed.success) {
      this.protocolErrors.push(`${event} ack: ${parsed.error.message} in ${JSON.stringify(answer)}`);
      throw new Error(`${event}: the ack breaks the contract: ${JSON.stringify(answer)}`);
    }
    return parsed.data as ChatAck<z.infer<S>>;
  }

  private async call<S extends z.ZodTypeAny>(event: string, payload: unknown, schema: S): Promise<z.infer<S>> {
    const ack = await this.request(event, payload, schema);
    if (!ack.ok) throw new ChatRefusedError(event, ack.error);
    return ack.value as z.infer<S>;
  }

  // ---- typed calls --------------------------------------------------------------------------

  async open(fairId: string, employerId: string): Promise<ChatConversationDto> {
    const conversation = await this.call(chatClientEvents.open, { fairId, employerId }, ChatOpenResult);
    this.noteConversation(conversation);
    return conversation;
  }

  async history(conversationId: string, afterSeq: number, limit?: number): Promise<z.infer<typeof ChatHistoryResult>> {
    return this.call(chatClientEvents.history, { conversationId, afterSeq, ...(limit ? { limit } : {}) }, ChatHistoryResult);
  }

  /** Everything the server holds for a conversation, paged from seq 0 (the server's truth). */
  async fullHistory(conversationId: string): Promise<ChatMessageDto[]> {
    const all: ChatMessageDto[] = [];
    for (;;) {
      const page = await this.history(conversationId, all.at(-1)?.seq ?? 0);
      all.push(...page.messages);
      if (!page.more) return all;
      if (page.messages.length === 0) throw new Error(`history of ${conversationId}: more without messages`);
    }
  }

  /** `chat:catchUp` with the held seqs, applied; conversations in `more` are paged with history. */
  async catchUp(): Promise<z.infer<typeof ChatCatchUpResult>> {
    const known = [...this.conversations.keys()].map((conversationId) => ({ conversationId, seq: this.held(conversationId) }));
    const result = await this.call(chatClientEvents.catchUp, { known }, ChatCatchUpResult);
    for (const conversation of result.conversations) this.noteConversation(conversation);
    for (const message of result.messages) this.apply(message);
    for (const conversationId of result.more) await this.repair(conversationId);
    return result;
  }

  /**
   * Sends with a fresh (or given) id and applies the acked message. A transient refusal
   * (`rate_limited`, `internal`) is retried with the same id after a pause, as real clients do;
   * a permanent one throws ChatRefusedError; a timeout or disconnect rejects.
   */
  async send(conversationId: string, body: string, id: string = crypto.randomUUID()): Promise<ChatMessageDto> {
    for (let attempt = 1; ; attempt++) {
      const ack = await this.request(chatClientEvents.send, { conversationId, id, body }, ChatSendResult);
      if (ack.ok) {
        this.apply(ack.value.message);
        return ack.value.message;
      }
      if (ack.error.permanent || attempt >= TRANSIENT_RETRIES) throw new ChatRefusedError(chatClientEvents.send, ack.error);
      await pause(TRANSIENT_PAUSE_MS);
    }
  }

  /** Queues a message (normalised, new UUID) as a real client does before sending it. */
  queue(conversationId: string, body: string, id: string = crypto.randomUUID()): QueuedMessage {
    const queued = { id, conversationId, body: normalizeChatText(body) };
    this.outbox.push(queued);
    return queued;
  }

  /**
   * Sends the outbox in creation order, one at a time. Acked → removed; a permanent refusal →
   * removed and thrown; `rate_limited`/`internal` → retried after a pause (transient, per contract).
   * A timeout or disconnect leaves the rest queued and rethrows (the next reconnect retries).
   */
  async flush(): Promise<ChatMessageDto[]> {
    const sent: ChatMessageDto[] = [];
    while (this.outbox.length > 0) {
      const next = this.outbox[0];
      if (!next) break;
      const ack = await this.request(chatClientEvents.send, { conversationId: next.conversationId, id: next.id, body: next.body }, ChatSendResult);
      // By id, not position: the broadcast of this very message may have removed it already.
      if (ack.ok) {
        this.outboxDelivered(next.id);
        this.apply(ack.value.message);
        sent.push(ack.value.message);
      } else if (ack.error.permanent) {
        this.outboxDelivered(next.id);
        throw new ChatRefusedError(chatClientEvents.send, ack.error);
      } else {
        await pause(TRANSIENT_PAUSE_MS);
      }
    }
    return sent;
  }

  async read(conversationId: string, seq: number): Promise<ChatConversationDto> {
    return this.noteConversation(await this.call(chatClientEvents.read, { conversationId, seq }, ChatConversationResult));
  }

  async claim(conversationId: string): Promise<ChatConversationDto> {
    return this.noteConversation(await this.call(chatClientEvents.claim, { conversationId }, ChatConversationResult));
  }

  async assign(conversationId: string, userId: string): Promise<ChatConversationDto> {
    return this.noteConversation(await this.call(chatClientEvents.assign, { conversationId, userId }, ChatConversationResult));
  }

  async setStatus(conversationId: string, status: 'open' | 'closed'): Promise<ChatConversationDto> {
    return this.noteConversation(await this.call(chatClientEvents.setStatus, { conversationId, status }, ChatConversationResult));
  }

  /** Resolves once `predicate` holds (checked after every event); rejects after a generous guard. */
  async waitUntil(predicate: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_GUARD_MS;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`waited too long for: ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 250);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    // Let a gap repair started by the last event finish before the caller looks.
    await Promise.all(this.repairs.values());
  }

  /** Waits until the screen of a conversation holds at least `seq`. */
  waitForSeq(conversationId: string, seq: number): Promise<void> {
    return this.waitUntil(() => this.held(conversationId) >= seq, `${conversationId} up to seq ${seq}`);
  }

  // ---- delivery algorithm -------------------------------------------------------------------

  private listen(socket: Socket): void {
    socket.on(chatServerEvents.message, (payload: unknown) => {
      const parsed = ChatMessageEvent.safeParse(payload);
      if (!parsed.success) return this.protocolError(chatServerEvents.message, payload, parsed.error);
      const { message, conversation: change } = parsed.data;
      this.wire.push(message);
      this.apply(message);
      const held = this.conversations.get(message.conversationId);
      const next = held ? summaryAfterMessage(held, message, change) : null;
      if (next) this.noteConversation(next);
      this.wake();
    });
    socket.on(chatServerEvents.conversation, (payload: unknown) => {
      const parsed = ChatConversationDto.safeParse(payload);
      if (!parsed.success) return this.protocolError(chatServerEvents.conversation, payload, parsed.error);
      this.noteConversation(parsed.data);
      this.wake();
    });
    socket.on(chatServerEvents.typing, (payload: unknown) => {
      const parsed = ChatTypingEvent.safeParse(payload);
      if (!parsed.success) return this.protocolError(chatServerEvents.typing, payload, parsed.error);
      this.typing.push(parsed.data);
      this.wake();
    });
    socket.on('disconnect', () => this.wake());
  }

  /** Appends the next seq, drops duplicates, repairs a gap through history. */
  private apply(message: ChatMessageDto): void {
    const screen = this.screens.get(message.conversationId) ?? [];
    this.screens.set(message.conversationId, screen);
    if (screen.some((m) => m.id === message.id) || message.seq <= screen.length) {
      const held = screen[message.seq - 1];
      // The same seq must always be the same message: anything else is a server bug worth failing on.
      if (held && held.id !== message.id) this.protocolErrors.push(`seq ${message.seq} of ${message.conversationId} was ${held.id}, now ${message.id}`);
      return;
    }
    if (message.seq === screen.length + 1) {
      screen.push(message);
      this.outboxDelivered(message.id);
      return;
    }
    void this.repair(message.conversationId);
  }

  /** Fetches history after the held seq until no more (one repair per conversation at a time). */
  private repair(conversationId: string): Promise<void> {
    const previous = this.repairs.get(conversationId) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (;;) {
        const page = await this.history(conversationId, this.held(conversationId));
        for (const m of page.messages) this.apply(m);
        if (!page.more) break;
      }
      this.wake();
    });
    const settled = next.catch((err: unknown) => {
      this.protocolErrors.push(`history repair of ${conversationId} failed: ${String(err)}`);
    });
    this.repairs.set(conversationId, settled);
    return settled;
  }

  /** A queued message that arrives (ack, broadcast or catch-up) is the same row: it leaves the outbox. */
  private outboxDelivered(id: string): void {
    const at = this.outbox.findIndex((q) => q.id === id);
    if (at >= 0) this.outbox.splice(at, 1);
  }

  private noteConversation(conversation: ChatConversationDto): ChatConversationDto {
    const held = this.conversations.get(conversation.id);
    // Summaries may overtake each other across rooms; keep the newest.
    const newer = !held || conversation.lastSeq > held.lastSeq || (conversation.lastSeq === held.lastSeq && conversation.updatedAt >= held.updatedAt);
    if (newer) this.conversations.set(conversation.id, conversation);
    if (!this.screens.has(conversation.id)) this.screens.set(conversation.id, []);
    return conversation;
  }

  private protocolError(event: string, payload: unknown, error: z.ZodError): void {
    this.protocolErrors.push(`${event}: ${error.message} in ${JSON.stringify(payload)}`);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** Expects the error of a refused call; fails when the call succeeded or failed otherwise. */
export async function refusalOf(promise: Promise<unknown>): Promise<ChatError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ChatRefusedError) return err.error;
    throw err;
  }
  throw new Error('expected a refusal, the call succeeded');
}
