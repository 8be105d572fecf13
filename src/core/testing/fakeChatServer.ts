import { randomUUID } from 'node:crypto';
import {
  CHAT_PAGE_SIZE,
  chatClientEvents,
  ChatAssignRequest,
  ChatCatchUpRequest,
  ChatClaimRequest,
  ChatHistoryRequest,
  ChatReadRequest,
  ChatSendRequest,
  ChatSetStatusRequest,
  chatServerEvents,
  type ChatAck,
  type ChatError,
  type ChatMessageEvent,
} from '../../shared/api/chat';
import type { ChatConversationChange, ChatConversationDto, ChatMessageDto } from '../../shared/domain/chat/records';
import { conversationChange } from '../../shared/domain/chat/summary';
import { chatPreview } from '../../shared/domain/chat/text';
import type { UserDto } from '../../shared/domain/roles';
import { ChatNotConnected, type ChatConnector, type ChatSocket, type ChatSocketHandlers } from '../chat/chatSocket';

/**
 * An in-memory stand-in for the server's chat, for core tests: the protocol of
 * src/shared/api/chat.ts (employer side) with state a test can inspect and bend — go down and come
 * back, persist a message but lose its ack, page with a small page size. NOT the server's logic
 * (tests/integration covers that); just enough to drive the delivery algorithm.
 */
interface FakeSocket {
  user: UserDto;
  handlers: ChatSocketHandlers;
  connected: boolean;
  closed: boolean;
  /** Requests waiting for an answer: a drop fails them at once, as socket.io does. */
  pending: Set<(error: Error) => void>;
}

export class FakeChatServer {
  readonly conversations = new Map<string, ChatConversationDto>();
  readonly messages = new Map<string, ChatMessageDto[]>();
  /** Every client request as received (event and payload), for assertions on what was sent. */
  readonly received: Array<{ event: string; payload: unknown }> = [];
  /** Persist the next N `chat:send`s but never answer them (the ack is lost). */
  loseSendAcks = 0;
  pageSize = CHAT_PAGE_SIZE;
  private online = true;
  private readonly sockets = new Set<FakeSocket>();
  private clock = 1_000;
  /** Each stored message's change to its conversation (what its `chat:message` carries, also when sent again later). */
  private readonly changes = new Map<string, ChatConversationChange>();

  constructor(private readonly userOf: (token: string) => UserDto | null) {}

  /** Pass as `connectChat` to the core. */
  readonly connector: ChatConnector = (_serverUrl, token, handlers) => {
    const user = this.userOf(token);
    const socket: FakeSocket = { user: user as UserDto, handlers, connected: false, closed: false, pending: new Set() };
    if (!user) {
      setImmediate(() => handlers.onRejected('unauthenticated'));
      return this.clientOf(socket);
    }
    this.sockets.add(socket);
    if (this.online) this.connectLater(socket);
    return this.clientOf(socket);
  };

  /** The server goes away: every socket drops, requests get no answer until `comeBack()`. */
  goDown(): void {
    this.online = false;
    for (const socket of this.sockets) {
      if (!socket.connected) continue;
      socket.connected = false;
      for (const fail of socket.pending) fail(new ChatNotConnected('socket has been disconnected'));
      socket.pending.clear();
      socket.handlers.onDisconnect('transport close', true);
    }
  }

  comeBack(): void {
    this.online = true;
    for (const socket of this.sockets) if (!socket.closed && !socket.connected) this.connectLater(socket);
  }

  connectedSockets(): number {
    return [...this.sockets].filter((s) => s.connected).length;
  }

  /** A conversation a candidate opened with the employer (no messages yet). */
  openConversation(over: Partial<ChatConversationDto> & { employerId: string }): ChatConversationDto {
    const at = this.tick();
    const conversation: ChatConversationDto = {
      id: randomUUID(), fairId: randomUUID(), fairName: 'Spring job fair', companyName: 'Altyn LLP', candidateId: randomUUID(),
      candidateName: 'Aliya Nurova', responseId: randomUUID(), vacancyTitle: 'Driver', status: 'open', claimedBy: null, lastSeq: 0,
      lastMessage: null, candidateReadSeq: 0, employerReadSeq: 0, employerUnread: 0, candidateUnread: 0, awaitingReplySince: null,
      createdAt: at, updatedAt: at, ...over,
    };
    this.conversations.set(conversation.id, conversation);
    this.messages.set(conversation.id, []);
    this.broadcast(chatServerEvents.conversation, conversation);
    return conversation;
  }

  /** The candidate writes (stored, then broadcast to the employer's sockets unless `lost`). */
  candidateWrites(conversationId: string, body: string, options: { lost?: boolean } = {}): ChatMessageDto {
    const conversation = this.mustGet(conversationId);
    const message = this.store(conversation, { id: randomUUID(), authorKind: 'candidate', authorUserId: null, authorName: conversation.candidateName, body });
    // A lost message still changes the summary (the real server sends it with the next message or read).
    if (options.lost) this.broadcast(chatServerEvents.conversation, this.mustGet(conversationId));
    else this.broadcast(chatServerEvents.message, this.messageEvent(message));
    return message;
  }

  /**
   * The candidate responded again and the conversation now follows that response; its
   * chat:conversation never reaches this desktop (as when it crosses a message from another server process).
   */
  followsResponse(conversationId: string, labels: Pick<ChatConversationDto, 'responseId' | 'vacancyTitle'>): void {
    this.update(conversationId, labels, { broadcast: false });
  }

  /** Another employer user takes the conversation (as if on another desktop). */
  claimFor(conversationId: string, user: { id: string; name: string }): void {
    this.update(conversationId, { claimedBy: { userId: user.id, name: user.name, at: this.tick() } });
  }

  messagesOf(conversationId: string): ChatMessageDto[] {
    return this.messages.get(conversationId) ?? [];
  }

  /** `chat:message` as the server sends it: the message with what it changed in its conversation. */
  messageEvent(message: ChatMessageDto): ChatMessageEvent {
    const change = this.changes.get(message.id);
    if (!change) throw new Error(`no message ${message.id}`);
    return { message, conversation: change };
  }

  /** Emits an event to every connected socket (e.g. a duplicate, or one out of order). */
  broadcast(event: string, payload: unknown): void {
    for (const socket of this.sockets) if (socket.connected) setImmediate(() => socket.connected && socket.handlers.onEvent(event, payload));
  }

  private clientOf(socket: FakeSocket): ChatSocket {
    return {
      request: (event, payload, timeoutMs) => {
        if (!socket.connected) return Promise.reject(new ChatNotConnected());
        this.received.push({ event, payload });
        return new Promise((resolve, reject) => {
          const fail = (error: Error): void => {
            clearTimeout(timer);
            socket.pending.delete(fail);
            reject(error);
          };
          const timer = setTimeout(() => fail(new ChatNotConnected('operation has timed out')), timeoutMs);
          socket.pending.add(fail);
          setImmediate(() => {
            if (!this.online || !socket.connected) return;
            const answer = this.handle(socket.user, event, payload);
            if (answer === 'no_answer') return;
            clearTimeout(timer);
            socket.pending.delete(fail);
            resolve(answer);
          });
        });
      },
      notify: (event, payload) => {
        if (socket.connected) this.received.push({ event, payload });
      },
      retry: () => undefined,
      close: () => {
        socket.closed = true;
        socket.connected = false;
        this.sockets.delete(socket);
      },
    };
  }

  private connectLater(socket: FakeSocket): void {
    setImmediate(() => {
      if (socket.closed || socket.connected || !this.online) return;
      socket.connected = true;
      socket.handlers.onConnect();
    });
  }

  private handle(user: UserDto, event: string, payload: unknown): ChatAck<unknown> | 'no_answer' {
    const mine = (c: ChatConversationDto): boolean => c.employerId === user.employerId;
    switch (event) {
      case chatClientEvents.catchUp: {
        const { known } = ChatCatchUpRequest.parse(payload);
        const conversations = [...this.conversations.values()].filter(mine);
        const messages: ChatMessageDto[] = [];
        const more: string[] = [];
        for (const conversation of conversations) {
          const after = known.find((k) => k.conversationId === conversation.id)?.seq ?? 0;
          const rest = this.messagesOf(conversation.id).filter((m) => m.seq > after);
          messages.push(...rest.slice(0, this.pageSize));
          if (rest.length > this.pageSize) more.push(conversation.id);
        }
        return { ok: true, value: { conversations, messages, more } };
      }
      case chatClientEvents.history: {
        const { conversationId, afterSeq, limit } = ChatHistoryRequest.parse(payload);
        const rest = this.messagesOf(conversationId).filter((m) => m.seq > afterSeq);
        const size = Math.min(limit, this.pageSize);
        return { ok: true, value: { messages: rest.slice(0, size), more: rest.length > size } };
      }
      case chatClientEvents.send: {
        const request = ChatSendRequest.parse(payload);
        const conversation = this.conversations.get(request.conversationId);
        if (!conversation || !mine(conversation)) return refuse('not_found', 'No such conversation.');
        const existing = this.messagesOf(conversation.id).find((m) => m.id === request.id);
        if (existing) return { ok: true, value: { message: existing } };
        if (conversation.status === 'closed') return refuse('conversation_closed', 'This conversation has been closed by the employer.');
        if (!conversation.claimedBy) return refuse('not_claimed', 'Press “Start dialogue” first.');
        if (conversation.claimedBy.userId !== user.id) {
          return refuse('claimed_by_other', `${conversation.claimedBy.name} has taken this conversation; only they can answer it.`);
        }
        const message = this.store(conversation, { id: request.id, authorKind: 'employer', authorUserId: user.id, authorName: user.displayName, body: request.body });
        this.broadcast(chatServerEvents.message, this.messageEvent(message));
        if (this.loseSendAcks > 0) {
          this.loseSendAcks -= 1;
          return 'no_answer';
        }
        return { ok: true, value: { message } };
      }
      case chatClientEvents.read: {
        const { conversationId, seq } = ChatReadRequest.parse(payload);
        const conversation = this.mustGet(conversationId);
        const readSeq = Math.min(conversation.lastSeq, Math.max(conversation.employerReadSeq, seq));
        const employerUnread = this.messagesOf(conversationId).filter((m) => m.authorKind === 'candidate' && m.seq > readSeq).length;
        return { ok: true, value: this.update(conversationId, { employerReadSeq: readSeq, employerUnread }) };
      }
      case chatClientEvents.claim: {
        const { conversationId } = ChatClaimRequest.parse(payload);
        const conversation = this.mustGet(conversationId);
        if (conversation.claimedBy && conversation.claimedBy.userId !== user.id) return refuse('claimed_by_other', `${conversation.claimedBy.name} has taken this conversation.`);
        if (conversation.claimedBy) return { ok: true, value: conversation };
        this.store(conversation, { id: randomUUID(), authorKind: 'system', authorUserId: null, authorName: '', body: `${user.displayName} started the dialogue` });
        return { ok: true, value: this.update(conversationId, { claimedBy: { userId: user.id, name: user.displayName, at: this.tick() } }) };
      }
      case chatClientEvents.assign: {
        const { conversationId, userId } = ChatAssignRequest.parse(payload);
        if (user.role !== 'employer_admin') return refuse('not_admin', 'Only the administrator.');
        return { ok: true, value: this.update(conversationId, { claimedBy: { userId, name: 'Someone', at: this.tick() } }) };
      }
      case chatClientEvents.setStatus: {
        const { conversationId, status } = ChatSetStatusRequest.parse(payload);
        return { ok: true, value: this.update(conversationId, { status }) };
      }
      default:
        return refuse('bad_request', `unknown event ${event}`);
    }
  }

  private store(conversation: ChatConversationDto, message: Omit<ChatMessageDto, 'seq' | 'conversationId' | 'createdAt'>): ChatMessageDto {
    const stored: ChatMessageDto = { ...message, conversationId: conversation.id, seq: conversation.lastSeq + 1, createdAt: this.tick() };
    this.messages.set(conversation.id, [...this.messagesOf(conversation.id), stored]);
    const candidateUnread = conversation.candidateUnread + (stored.authorKind === 'employer' ? 1 : 0);
    const employerUnread = conversation.employerUnread + (stored.authorKind === 'candidate' ? 1 : 0);
    // As on the server, the summary's change goes out with the message (chat:message), not on its own.
    const after = this.update(
      conversation.id,
      {
        lastSeq: stored.seq,
        lastMessage: { seq: stored.seq, authorKind: stored.authorKind, preview: chatPreview(stored.body), createdAt: stored.createdAt },
        candidateUnread,
        employerUnread,
      },
      { broadcast: false },
    );
    this.changes.set(stored.id, conversationChange(after));
    return stored;
  }

  private update(conversationId: string, change: Partial<ChatConversationDto>, options: { broadcast: boolean } = { broadcast: true }): ChatConversationDto {
    const next = { ...this.mustGet(conversationId), ...change, updatedAt: this.tick() };
    this.conversations.set(conversationId, next);
    if (options.broadcast) this.broadcast(chatServerEvents.conversation, next);
    return next;
  }

  private mustGet(conversationId: string): ChatConversationDto {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation ${conversationId}`);
    return conversation;
  }

  private tick(): number {
    this.clock += 1;
    return this.clock;
  }
}

function refuse(code: ChatError['code'], message: string, permanent = true): ChatAck<never> {
  return { ok: false, error: { code, message, permanent } };
}
