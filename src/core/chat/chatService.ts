import { randomUUID } from 'node:crypto';
import { chatClientEvents, ChatConversationResult, type ChatAck, type ChatError } from '../../shared/api/chat';
import type { ChatConversationDto } from '../../shared/domain/chat/records';
import type { ChatConnection, IpcParsedInput, LocalChatConversation, LocalChatMessage } from '../../shared/contract/ipc';
import {
  assignRefusal,
  chatRefusalMessage,
  claimRefusal,
  closeRefusal,
  employerWriteRefusal,
  type ChatActor,
  type ChatRefusal,
} from '../../shared/domain/chat/rules';
import type { UserDto } from '../../shared/domain/roles';
import type { CacheStore } from '../cache/cacheStore';
import type { EventSink } from '../events';
import { RpcError } from '../rpc/handlerTable';
import type { SessionService } from '../session/sessionService';
import { ChatRunEnded, type ChatEngine } from './chatEngine';
import {
  discardRefused,
  listConversations,
  listMessages,
  localConversation,
  markReadLocally,
  messageFromRow,
  queueMessage,
} from './chatRecords';
import { ChatNotConnected } from './chatSocket';

export interface ChatServiceDeps {
  cache: CacheStore;
  session: SessionService;
  engine: ChatEngine;
  emit: EventSink;
  now?: () => number;
}

const OFFLINE = 'The server cannot be reached right now. Taking, handing over, closing and reopening a conversation need the connection; try again when FairDesk is back online.';
const MODERATOR = 'Chats are between employers and candidates; moderators do not take part in them.';

/**
 * The `chats.*` methods over the cache and the chat engine. Reads and writing work offline (the
 * message waits in the queue, shown as "sending…"); claiming, handing over and closing are decided
 * by the server and need the connection. The shared rules (src/shared/domain/chat/rules.ts) are
 * checked here first, so the user learns at once when the server would refuse.
 */
export class ChatService {
  private readonly now: () => number;

  constructor(private readonly deps: ChatServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async list(filter: IpcParsedInput<'chats.list'>): Promise<LocalChatConversation[]> {
    const user = await this.employerUser({ signedOutIsEmpty: true });
    if (!user) return [];
    return this.deps.cache.read((m) => listConversations(m, user.id, filter ?? {}));
  }

  async messages(conversationId: string): Promise<LocalChatMessage[]> {
    const user = await this.employerUser({ signedOutIsEmpty: true });
    if (!user) return [];
    return this.deps.cache.read((m) => listMessages(m, conversationId, user.id));
  }

  async send(conversationId: string, body: string): Promise<LocalChatMessage> {
    const user = await this.requireEmployer();
    const conversation = await this.conversation(conversationId);
    this.refuseIf(employerWriteRefusal(conversation, actorOf(user)), conversation);
    const row = await this.deps.cache.write((m) =>
      queueMessage(m, { id: randomUUID(), conversationId, body, authorUserId: user.id, authorName: user.displayName, createdAt: this.now() }),
    );
    this.deps.emit('chat.changed', { conversationIds: [conversationId] });
    this.deps.engine.kick();
    return messageFromRow(row, user.id);
  }

  async discard(messageId: string): Promise<void> {
    await this.requireEmployer();
    const conversationId = await this.deps.cache.write((m) => discardRefused(m, messageId));
    if (!conversationId) throw new RpcError('not_found', 'There is no refused message to remove with that id.');
    this.deps.emit('chat.changed', { conversationIds: [conversationId] });
  }

  async markRead(conversationId: string, seq: number): Promise<void> {
    const user = await this.requireEmployer();
    const moved = await this.deps.cache.write((m) => markReadLocally(m, conversationId, seq, user.id));
    if (!moved) return;
    this.deps.emit('chat.changed', { conversationIds: [conversationId] });
    await this.deps.engine.announceConnection();
    this.deps.engine.kick();
  }

  async typing(conversationId: string): Promise<void> {
    await this.requireEmployer();
    this.deps.engine.typing(conversationId);
  }

  async claim(conversationId: string): Promise<LocalChatConversation> {
    const user = await this.requireEmployer();
    const conversation = await this.conversation(conversationId);
    this.refuseIf(claimRefusal(conversation, actorOf(user)), conversation);
    return this.online(chatClientEvents.claim, { conversationId });
  }

  async assign(conversationId: string, userId: string): Promise<LocalChatConversation> {
    const user = await this.requireEmployer();
    const conversation = await this.conversation(conversationId);
    this.refuseIf(assignRefusal(actorOf(user)), conversation);
    return this.online(chatClientEvents.assign, { conversationId, userId });
  }

  async setStatus(conversationId: string, status: 'open' | 'closed'): Promise<LocalChatConversation> {
    const user = await this.requireEmployer();
    const conversation = await this.conversation(conversationId);
    this.refuseIf(closeRefusal(conversation, actorOf(user)), conversation);
    return this.online(chatClientEvents.setStatus, { conversationId, status });
  }

  async connection(): Promise<ChatConnection> {
    const user = await this.employerUser({ signedOutIsEmpty: true, moderatorIsEmpty: true });
    return user ? this.deps.engine.connection() : { connected: false, unread: 0 };
  }

  /** Sends a decision to the server and stores the conversation it answers with. */
  private async online(event: string, payload: unknown): Promise<LocalChatConversation> {
    const run = this.deps.engine.connectedRun();
    if (!run) throw new RpcError('server_unreachable', OFFLINE);
    let answer: ChatAck<ChatConversationDto>;
    try {
      answer = await this.deps.engine.ask(run, event, payload, ChatConversationResult);
    } catch (error) {
      if (error instanceof ChatNotConnected || error instanceof ChatRunEnded) throw new RpcError('server_unreachable', OFFLINE);
      throw error;
    }
    if (!answer.ok) throw rpcErrorOf(answer.error);
    const conversation = answer.value;
    try {
      await this.deps.engine.store(run, [conversation], []);
    } catch (error) {
      // Signed out (or another user signed in) while the answer travelled.
      if (error instanceof ChatRunEnded) throw new RpcError('unauthenticated', 'Sign in to use the chat.');
      throw error;
    }
    const stored = await this.deps.cache.read((m) => localConversation(m, conversation.id));
    if (!stored) throw new RpcError('not_found', 'The conversation is no longer there.');
    return stored;
  }

  private async conversation(conversationId: string): Promise<LocalChatConversation> {
    const found = await this.deps.cache.read((m) => localConversation(m, conversationId));
    if (!found) throw new RpcError('not_found', 'This conversation is not known here (yet).');
    return found;
  }

  private refuseIf(refusal: ChatRefusal | null, conversation: LocalChatConversation): void {
    if (refusal) throw new RpcError('forbidden', chatRefusalMessage(refusal, conversation));
  }

  private async requireEmployer(): Promise<UserDto> {
    const user = await this.employerUser({});
    if (!user) throw new RpcError('unauthenticated', 'Sign in to use the chat.');
    return user;
  }

  /** The signed-in employer user; null (signed out) or `forbidden` (moderator) otherwise. */
  private async employerUser(options: { signedOutIsEmpty?: boolean; moderatorIsEmpty?: boolean }): Promise<UserDto | null> {
    const session = await this.deps.session.current();
    if (!session) return null;
    if (session.user.role === 'moderator') {
      if (options.moderatorIsEmpty) return null;
      throw new RpcError('forbidden', MODERATOR);
    }
    return session.user;
  }
}

function actorOf(user: UserDto): ChatActor {
  return { userId: user.id, role: user.role === 'employer_admin' ? 'employer_admin' : 'employer_manager' };
}

/** The server's refusal as the IPC error the renderer shows (its sentence unchanged). */
function rpcErrorOf(error: ChatError): RpcError {
  switch (error.code) {
    case 'not_found':
      return new RpcError('not_found', error.message);
    case 'bad_request':
      return new RpcError('bad_request', error.message);
    case 'unauthenticated':
      return new RpcError('unauthenticated', error.message);
    case 'id_conflict':
    case 'rate_limited':
      return new RpcError('conflict', error.message);
    case 'internal':
      return new RpcError('internal', error.message);
    default:
      return new RpcError('forbidden', error.message);
  }
}
