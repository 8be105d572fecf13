import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  chatAck,
  ChatCatchUpResult,
  chatClientEvents,
  ChatConversationResult,
  ChatHistoryResult,
  ChatMessageEvent,
  ChatSendResult,
  chatServerEvents,
  ChatTypingEvent,
  MAX_CATCH_UP_CONVERSATIONS,
  type ChatAck,
} from '../../shared/api/chat';
import type { ChatConnection } from '../../shared/contract/ipc';
import { ChatConversationDto, type ChatMessageDto } from '../../shared/domain/chat/records';
import { isEmployerRole } from '../../shared/domain/roles';
import type { CacheStore } from '../cache/cacheStore';
import { MetaKey, type ChatMessageRow } from '../cache/entities';
import { readMeta } from '../cache/meta';
import type { EventSink } from '../events';
import type { CoreLogger } from '../logger';
import type { SessionService } from '../session/sessionService';
import { Backoff, type BackoffPolicy } from '../sync/backoff';
import {
  applyMessages,
  heldSeq,
  knownSeqs,
  localConversation,
  markRefused,
  messageById,
  pendingReads,
  queuedMessages,
  totalUnread,
  upsertAfterMessage,
  upsertConversations,
  type AppliedMessages,
} from './chatRecords';
import { ChatNotConnected, type ChatConnector, type ChatSocket } from './chatSocket';

/** How long a chat request waits for the server's ack before it counts as "no answer" (retried later). */
export const DEFAULT_CHAT_ACK_TIMEOUT_MS = 10_000;

export interface ChatEngineDeps {
  cache: CacheStore;
  session: SessionService;
  connect: ChatConnector;
  emit: EventSink;
  logger: CoreLogger;
  ackTimeoutMs?: number;
  /** Delays before retrying after a transient failure while connected, and before reconnecting after a refused handshake. */
  backoff?: BackoffPolicy;
}

/** One signed-in employer's chat connection; a sign-out or another sign-in ends it. */
interface Run {
  generation: number;
  userId: string;
  /** `serverUrl \n userId`: writes land only in a cache still owned by this run's user. */
  owner: string;
  socket: ChatSocket;
  connected: boolean;
}

/** The run that was asked for is over (signed out, another user): its answers are dropped. */
class RunEnded extends Error {}

/**
 * The desktop side of the chat (ARCHITECTURE "Real-time"), over its own socket.io connection to
 * the signed-in server, started and stopped with the session like sync. Delivery, as the shared
 * design says:
 * - on every (re)connect: `chat:catchUp` with the highest contiguous seq held per conversation,
 *   applied, `more` paged with `chat:history`; then the queue is flushed; then pending read marks;
 * - the queue is the cache's `sending` rows (so it survives a restart), sent per conversation in
 *   the order written, one at a time, each with an ack timeout; an ack stores the server's copy
 *   under the same id; a permanent refusal marks the message `refused` with the reason; anything
 *   else (timeout, disconnect, `internal`, `rate_limited`) leaves it queued for the next attempt;
 * - received messages are applied exactly once by id and seq; a seq past a hole asks `chat:history`.
 * Events: `chat.changed`, `chat.incoming` (once per newly stored unread candidate message),
 * `chat.typing`, `chat.connection`.
 */
export class ChatEngine {
  private run: Run | null = null;
  private generation = 0;
  private working: Promise<void> | null = null;
  private requested = false;
  private needsCatchUp = true;
  /** True while the first catch-up of an empty cache is being stored: no `chat.incoming` for the backlog. */
  private quiet = false;
  private readonly gaps = new Set<string>();
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private readonly ackTimeoutMs: number;
  private lastConnection: ChatConnection | null = null;

  constructor(private readonly deps: ChatEngineDeps) {
    this.ackTimeoutMs = deps.ackTimeoutMs ?? DEFAULT_CHAT_ACK_TIMEOUT_MS;
    this.backoff = new Backoff(deps.backoff);
    deps.session.onChange((session) => {
      if (session) void this.start();
      else this.stop();
    });
  }

  /** Connects for the stored session when it is an employer user's (start-up, after sign-in). */
  async start(): Promise<void> {
    this.stop();
    const generation = this.generation;
    const credentials = await this.deps.session.credentials();
    if (!credentials || generation !== this.generation || !isEmployerRole(credentials.session.user.role)) return;
    const { session, token } = credentials;
    const run: Run = {
      generation,
      userId: session.user.id,
      owner: `${session.serverUrl}\n${session.user.id}`,
      connected: false,
      socket: null as unknown as ChatSocket,
    };
    this.run = run;
    this.needsCatchUp = true;
    run.socket = this.deps.connect(session.serverUrl, token, {
      onConnect: () => {
        if (!this.isCurrent(run)) return;
        run.connected = true;
        // Whatever was broadcast while away is lost: catch up first, every time.
        this.needsCatchUp = true;
        this.clearRetry();
        void this.announceConnection();
        this.kick();
      },
      onDisconnect: (reason, reconnecting) => {
        if (!this.isCurrent(run)) return;
        this.deps.logger.info({ reason, reconnecting }, 'chat connection lost');
        run.connected = false;
        void this.announceConnection();
        // Closed by the server on purpose (a restart, a revoked session): socket.io will not come
        // back by itself. Try again later; a revoked session ends through sync, which stops this run.
        if (!reconnecting) this.scheduleRetry(() => run.socket.retry());
      },
      onRejected: (message) => {
        if (!this.isCurrent(run)) return;
        this.deps.logger.warn({ message }, 'server refused the chat connection; trying again later');
        this.scheduleRetry(() => run.socket.retry());
      },
      onEvent: (event, payload) => {
        if (this.isCurrent(run)) void this.onServerEvent(run, event, payload);
      },
    });
    await this.announceConnection();
  }

  /** Ends the current run (sign-out, session ended): the socket closes, answers in flight are dropped. */
  stop(): void {
    this.generation += 1;
    this.clearRetry();
    this.gaps.clear();
    if (this.run) {
      this.run.socket.close();
      this.run = null;
      this.announce({ connected: false, unread: 0 });
    }
  }

  async close(): Promise<void> {
    this.stop();
    await this.working;
  }

  /** Connected, and the unread total over all conversations (0 while signed out). */
  async connection(): Promise<ChatConnection> {
    const run = this.run;
    if (!run) return { connected: false, unread: 0 };
    return { connected: run.connected, unread: await this.deps.cache.read((m) => totalUnread(m, run.userId)) };
  }

  /** The current run, if connected (online-only actions). */
  connectedRun(): Run | null {
    return this.run?.connected ? this.run : null;
  }

  /** A message was queued or a read marked: deliver when connected. */
  kick(): void {
    this.requested = true;
    if (!this.run?.connected) return;
    this.working ??= this.deliver().finally(() => {
      this.working = null;
      if (this.requested && this.run?.connected) this.kick();
    });
  }

  /** Sends "typing" if connected; dropped otherwise. */
  typing(conversationId: string): void {
    this.run?.socket.notify(chatClientEvents.typing, { conversationId });
  }

  /**
   * Asks the server and validates its ack. Throws ChatNotConnected when no answer came (not
   * connected, timeout, disconnect) and RunEnded when the run is over.
   */
  async ask<T extends z.ZodTypeAny>(run: Run, event: string, payload: unknown, schema: T): Promise<ChatAck<z.output<T>>> {
    const raw = await run.socket.request(event, payload, this.ackTimeoutMs);
    if (!this.isCurrent(run)) throw new RunEnded();
    const parsed = chatAck(schema).safeParse(raw);
    if (!parsed.success) throw new Error(`unexpected answer to ${event}: ${parsed.error.message}`);
    return parsed.data as ChatAck<z.output<T>>;
  }

  /**
   * Stores what the server sent (summaries first, then messages) for this run's user only, and
   * announces it. Unknown conversations and holes ask for a catch-up or history on the next pass.
   */
  async store(run: Run, conversations: readonly ChatConversationDto[], messages: readonly ChatMessageDto[]): Promise<void> {
    await this.storeWith(run, async (m) => ({ summaries: await upsertConversations(m, conversations), applied: await applyMessages(m, messages), stale: false }));
  }

  /** A `chat:message`: the message, and its conversation's summary moved on by the change it carries. */
  private async storeMessageEvent(run: Run, { message, conversation: change }: ChatMessageEvent): Promise<void> {
    await this.storeWith(run, async (m) => {
      const { changed, stale } = await upsertAfterMessage(m, message, change);
      return { summaries: changed, applied: await applyMessages(m, [message]), stale };
    });
  }

  /** One cache write (`write`), then what it calls for: gap repair, a catch-up, change and message notices. */
  private async storeWith(run: Run, write: (m: EntityManager) => Promise<{ summaries: string[]; applied: AppliedMessages; stale: boolean }>): Promise<void> {
    const { summaries, applied, stale } = await this.writeFor(run, write);
    for (const id of applied.gaps) this.gaps.add(id);
    if (stale || applied.unknownConversations.size > 0) this.needsCatchUp = true;
    if (applied.gaps.size > 0 || this.needsCatchUp) this.kick();
    const changed = [...new Set([...summaries, ...applied.changed])];
    if (changed.length > 0) this.deps.emit('chat.changed', { conversationIds: changed });
    for (const { conversationId, messageId } of this.quiet ? [] : applied.incoming) {
      const found = await this.deps.cache.read(async (m) => ({
        conversation: await localConversation(m, conversationId),
        message: await messageById(m, messageId, run.userId),
      }));
      if (found.conversation && found.message && this.isCurrent(run)) {
        this.deps.emit('chat.incoming', { conversation: found.conversation, message: found.message });
      }
    }
    await this.announceConnection();
  }

  /** Re-reads the unread total and emits `chat.connection` when it or the connection changed. */
  async announceConnection(): Promise<void> {
    this.announce(await this.connection());
  }

  private announce(next: ChatConnection): void {
    const previous = this.lastConnection;
    if (previous && previous.connected === next.connected && previous.unread === next.unread) return;
    this.lastConnection = next;
    this.deps.emit('chat.connection', next);
  }

  private isCurrent(run: Run): boolean {
    return this.run === run && run.generation === this.generation;
  }

  /** Writes for this run's user only; throws RunEnded when the run is over or the cache changed owner. */
  writeFor<T>(run: Run, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.deps.cache.write(async (m) => {
      // Another user may have signed in while the answer travelled: never write into their cache.
      if (!this.isCurrent(run) || (await readMeta(m, MetaKey.cacheOwner)) !== run.owner) throw new RunEnded();
      return work(m);
    });
  }

  private async onServerEvent(run: Run, event: string, payload: unknown): Promise<void> {
    try {
      if (event === chatServerEvents.message) {
        const parsed = ChatMessageEvent.safeParse(payload);
        if (parsed.success) await this.storeMessageEvent(run, parsed.data);
        else this.deps.logger.warn({ event }, 'ignoring a malformed chat message');
      } else if (event === chatServerEvents.conversation) {
        const conversation = ChatConversationDto.safeParse(payload);
        if (conversation.success) await this.store(run, [conversation.data], []);
        else this.deps.logger.warn({ event }, 'ignoring a malformed conversation summary');
      } else if (event === chatServerEvents.typing) {
        const typing = ChatTypingEvent.safeParse(payload);
        if (typing.success) this.deps.emit('chat.typing', typing.data);
      }
    } catch (error) {
      if (!(error instanceof RunEnded)) this.deps.logger.error({ event, error: describe(error) }, 'applying a chat event failed');
    }
  }

  /** Delivery passes until nothing more is asked, one at a time. */
  private async deliver(): Promise<void> {
    while (this.requested && this.run?.connected) {
      this.requested = false;
      const run = this.run;
      try {
        if (this.needsCatchUp) {
          this.needsCatchUp = false;
          await this.catchUp(run);
        }
        for (const conversationId of [...this.gaps]) {
          this.gaps.delete(conversationId);
          await this.page(run, conversationId);
        }
        const transient = await this.flushQueue(run);
        await this.flushReads(run);
        if (transient) this.scheduleRetry(() => this.kick());
        else this.backoff.reset();
      } catch (error) {
        if (error instanceof RunEnded || !this.isCurrent(run)) return;
        if (error instanceof ChatNotConnected) {
          this.deps.logger.info({ message: error.message }, 'chat request got no answer; retrying');
        } else {
          this.deps.logger.error({ error: describe(error) }, 'chat delivery failed');
        }
        // Still connected (a timeout, a refused catch-up): try again later; otherwise the next connect does.
        if (run.connected) this.scheduleRetry(() => this.kick());
        return;
      }
    }
  }

  private async catchUp(run: Run): Promise<void> {
    const known = await this.deps.cache.read((m) => knownSeqs(m, MAX_CATCH_UP_CONVERSATIONS));
    const answer = await this.ask(run, chatClientEvents.catchUp, { known }, ChatCatchUpResult);
    if (!answer.ok) {
      this.needsCatchUp = true;
      throw new Error(`chat catch-up refused: ${answer.error.code}: ${answer.error.message}`);
    }
    // The first fill of an empty cache (a fresh sign-in) brings the whole backlog: the unread counts
    // show it; a desktop notification per old message would bury the screen.
    this.quiet = known.length === 0;
    try {
      await this.store(run, answer.value.conversations, answer.value.messages);
      for (const conversationId of answer.value.more) await this.page(run, conversationId);
    } finally {
      this.quiet = false;
    }
  }

  /** History after the held seq, page by page, until the server has no more (or nothing moves). */
  private async page(run: Run, conversationId: string): Promise<void> {
    for (;;) {
      const afterSeq = await this.deps.cache.read((m) => heldSeq(m, conversationId));
      if (afterSeq === null) return;
      const answer = await this.ask(run, chatClientEvents.history, { conversationId, afterSeq }, ChatHistoryResult);
      if (!answer.ok) {
        this.deps.logger.warn({ conversationId, code: answer.error.code }, 'chat history refused');
        return;
      }
      await this.store(run, [], answer.value.messages);
      this.gaps.delete(conversationId);
      const now = await this.deps.cache.read((m) => heldSeq(m, conversationId));
      if (!answer.value.more || now === afterSeq) return;
    }
  }

  /** @returns true when something stays queued for a transient reason (retry later). */
  private async flushQueue(run: Run): Promise<boolean> {
    const queued = await this.deps.cache.read(queuedMessages);
    const byConversation = new Map<string, ChatMessageRow[]>();
    for (const row of queued) byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row]);
    const outcomes = await Promise.all([...byConversation.values()].map((rows) => this.sendInOrder(run, rows)));
    return outcomes.includes(true);
  }

  /** One conversation's queue, in the order written, one at a time; stops at the first "no answer". */
  private async sendInOrder(run: Run, rows: readonly ChatMessageRow[]): Promise<boolean> {
    for (const row of rows) {
      let answer: ChatAck<z.output<typeof ChatSendResult>>;
      try {
        answer = await this.ask(run, chatClientEvents.send, { conversationId: row.conversationId, id: row.id, body: row.body }, ChatSendResult);
      } catch (error) {
        if (error instanceof ChatNotConnected) return true;
        throw error;
      }
      if (answer.ok) {
        await this.store(run, [], [answer.value.message]);
      } else if (answer.error.permanent) {
        this.deps.logger.info({ messageId: row.id, code: answer.error.code }, 'chat message refused by the server');
        if (await this.writeFor(run, (m) => markRefused(m, row.id, answer.error))) {
          this.deps.emit('chat.changed', { conversationIds: [row.conversationId] });
        }
      } else {
        this.deps.logger.info({ messageId: row.id, code: answer.error.code }, 'chat message not taken now; retrying later');
        return true;
      }
    }
    return false;
  }

  private async flushReads(run: Run): Promise<void> {
    for (const { conversationId, seq } of await this.deps.cache.read(pendingReads)) {
      const answer = await this.ask(run, chatClientEvents.read, { conversationId, seq }, ChatConversationResult);
      if (answer.ok) await this.store(run, [answer.value], []);
      else this.deps.logger.warn({ conversationId, code: answer.error.code }, 'read mark refused by the server');
    }
  }

  private scheduleRetry(action: () => void): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      action();
    }, this.backoff.nextDelay());
    this.retryTimer.unref();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

export type ChatRun = Run;
export { RunEnded as ChatRunEnded };

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
