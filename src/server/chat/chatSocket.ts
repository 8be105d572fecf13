import { setTimeout as sleep } from 'node:timers/promises';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  ChatAssignRequest,
  ChatCatchUpRequest,
  ChatClaimRequest,
  ChatHistoryRequest,
  ChatOpenRequest,
  ChatReadRequest,
  ChatSendRequest,
  ChatSetStatusRequest,
  ChatTypingRequest,
  chatClientEvents,
  chatServerEvents,
  type ChatAck,
  type ChatMessageEvent,
  type ChatTypingEvent,
} from '../../shared/api/chat';
import type { ChatConversationDto, ChatMessageDto } from '../../shared/domain/chat/records';
import { conversationChange } from '../../shared/domain/chat/summary';
import type { Logger } from '../logger';
import { rooms } from '../realtime/rooms';
import { socketIdentity } from '../realtime/socketServer';
import { ChatFailure, INTERNAL_CHAT_ERROR } from './chatFailure';
import type { ChatCaller } from './chatParty';
import type { ChatService, TypingAudience } from './chatService';
import { DEFAULT_CHAT_RATE_LIMITS, TokenBucket, type ChatRateLimits } from './rateLimit';
import { exitAfterPersistHook } from './testHooks';

export interface ChatSocketOptions {
  chat: ChatService;
  logger: Logger;
  limits?: ChatRateLimits;
  /** Called after a new message is stored and before it is acked (the test-only fault hook). */
  afterPersist?: (body: string) => void;
}

/** Most conversations a socket remembers the audience of (typing notices skip the database then). */
const TYPING_CACHE_SIZE = 200;

type Ack = (answer: ChatAck<unknown>) => void;

/** What a handler answers, and what to broadcast once that answer is on its way. */
interface Handled<T> {
  value: T;
  broadcast?: (() => void) | undefined;
}

/**
 * The chat protocol of `src/shared/api/chat.ts` on socket.io — a thin adapter over ChatService:
 * every payload is checked with its zod schema, every acked event is answered with a ChatAck
 * (an event without an ack callback is not handled at all; nothing is thrown past the ack; unexpected failures are logged and answered `internal`, to be
 * retried), and changes are broadcast to both sides' rooms only after their commit and ack.
 */
export function registerChatSocket(io: Server, options: ChatSocketOptions): void {
  const { chat, logger } = options;
  const limits = options.limits ?? DEFAULT_CHAT_RATE_LIMITS;
  const afterPersist = options.afterPersist ?? exitAfterPersistHook();

  const toBoth = (c: Pick<ChatConversationDto, 'employerId' | 'candidateId'>): string[] => [rooms.employer(c.employerId), rooms.candidate(c.candidateId)];
  const broadcastConversation = (c: ChatConversationDto): void => {
    io.to(toBoth(c)).emit(chatServerEvents.conversation, c);
  };
  const broadcastMessage = (message: ChatMessageDto, conversation: ChatConversationDto): void => {
    const event: ChatMessageEvent = { message, conversation: conversationChange(conversation) };
    io.to(toBoth(conversation)).emit(chatServerEvents.message, event);
  };

  io.on('connection', (socket: Socket) => {
    const identity = socketIdentity(socket);
    const caller: ChatCaller = identity.kind === 'user' ? { kind: 'user', userId: identity.userId } : { kind: 'candidate', candidateId: identity.candidateId };
    const sends = new TokenBucket(limits.send.capacity, limits.send.perSecond);
    const others = new TokenBucket(limits.other.capacity, limits.other.perSecond);
    const typing = new TokenBucket(limits.typing.capacity, limits.typing.perSecond);
    const audiences = new Map<string, TypingAudience>();

    function on<S extends z.ZodTypeAny, T>(event: string, schema: S, bucket: TokenBucket, work: (input: z.output<S>) => Promise<Handled<T>>): void {
      socket.on(event, async (...args: unknown[]) => {
        const last = args.at(-1);
        // Without an ack the outcome cannot be told to the client (which would retry anyway): do nothing.
        if (typeof last !== 'function') {
          logger.debug({ event, socketId: socket.id }, 'chat event without an ack callback ignored');
          return;
        }
        const reply = last as Ack;
        try {
          const wait = bucket.reserve(limits.maxWaitMs);
          if (wait === null) throw new ChatFailure('rate_limited', 'Too many requests at once. Wait a moment; it will be sent again.', false);
          if (wait > 0) await sleep(wait);
          const parsed = schema.safeParse(args[0]);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw new ChatFailure('bad_request', issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'The request is not valid.');
          }
          const handled = await work(parsed.data);
          reply({ ok: true, value: handled.value });
          handled.broadcast?.();
        } catch (err) {
          if (err instanceof ChatFailure) return reply({ ok: false, error: err.toError() });
          logger.error({ err, event, socketId: socket.id }, 'chat event failed');
          reply({ ok: false, error: INTERNAL_CHAT_ERROR });
        }
      });
    }

    on(chatClientEvents.open, ChatOpenRequest, others, async (input) => {
      const { conversation, changed } = await chat.open(caller, input);
      return { value: conversation, broadcast: changed ? () => broadcastConversation(conversation) : undefined };
    });
    on(chatClientEvents.catchUp, ChatCatchUpRequest, others, async (input) => ({ value: await chat.catchUp(caller, input.known) }));
    on(chatClientEvents.history, ChatHistoryRequest, others, async (input) => ({ value: await chat.history(caller, input) }));
    on(chatClientEvents.send, ChatSendRequest, sends, async (input) => {
      const { message, conversation, created } = await chat.send(caller, input);
      if (created) afterPersist(message.body);
      return { value: { message }, broadcast: created ? () => broadcastMessage(message, conversation) : undefined };
    });
    on(chatClientEvents.read, ChatReadRequest, others, async (input) => {
      const { conversation, changed } = await chat.read(caller, input);
      return { value: conversation, broadcast: changed ? () => broadcastConversation(conversation) : undefined };
    });
    on(chatClientEvents.claim, ChatClaimRequest, others, async (input) => {
      const { conversation, message } = await chat.claim(caller, input);
      return { value: conversation, broadcast: message ? () => broadcastMessage(message, conversation) : undefined };
    });
    on(chatClientEvents.assign, ChatAssignRequest, others, async (input) => {
      const { conversation, message } = await chat.assign(caller, input);
      return { value: conversation, broadcast: message ? () => broadcastMessage(message, conversation) : undefined };
    });
    on(chatClientEvents.setStatus, ChatSetStatusRequest, others, async (input) => {
      const { conversation, changed } = await chat.setStatus(caller, input);
      return { value: conversation, broadcast: changed ? () => broadcastConversation(conversation) : undefined };
    });

    // Typing: no ack, volatile, best effort — invalid, excess or refused notices are dropped.
    socket.on(chatClientEvents.typing, async (payload: unknown) => {
      const parsed = ChatTypingRequest.safeParse(payload);
      if (!parsed.success || typing.reserve(0) === null) return;
      try {
        let audience = audiences.get(parsed.data.conversationId);
        if (!audience) {
          audience = await chat.typingAudience(caller, parsed.data.conversationId);
          if (audiences.size >= TYPING_CACHE_SIZE) audiences.clear();
          audiences.set(audience.conversationId, audience);
        }
        const notice: ChatTypingEvent = { conversationId: audience.conversationId, authorKind: audience.authorKind, name: audience.name };
        const otherSide = audience.authorKind === 'employer' ? rooms.candidate(audience.candidateId) : rooms.employer(audience.employerId);
        socket.to(otherSide).volatile.emit(chatServerEvents.typing, notice);
      } catch (err) {
        if (!(err instanceof ChatFailure)) logger.warn({ err, socketId: socket.id }, 'chat typing notice failed');
      }
    });
  });
}
