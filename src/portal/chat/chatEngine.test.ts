import { describe, expect, it } from 'vitest';
import type { ChatMessageEvent } from '../../shared/api/chat';
import type { ChatConversationDto, ChatMessageDto } from '../../shared/domain/chat/records';
import { conversationChange } from '../../shared/domain/chat/summary';
import { ChatEngine, type ChatTransport } from './chatEngine';
import type { OutboxStorage } from './outbox';

const candidateId = '00000000-0000-4000-8000-0000000000c1';
const conversationId = '00000000-0000-4000-8000-00000000c0c0';
let idCounter = 0;
const nextId = (): string => `00000000-0000-4000-8000-${String(++idCounter).padStart(12, '0')}`;

function conversation(overrides: Partial<ChatConversationDto> = {}): ChatConversationDto {
  return {
    id: conversationId,
    fairId: '00000000-0000-4000-8000-00000000f001',
    fairName: 'Almaty Spring Job Fair',
    employerId: '00000000-0000-4000-8000-00000000e001',
    companyName: 'Steppe Foods',
    candidateId,
    candidateName: 'Aigerim',
    responseId: '00000000-0000-4000-8000-00000000a001',
    vacancyTitle: 'Accountant',
    status: 'open',
    claimedBy: null,
    lastSeq: 0,
    lastMessage: null,
    candidateReadSeq: 0,
    employerReadSeq: 0,
    employerUnread: 0,
    candidateUnread: 0,
    awaitingReplySince: null,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

function message(seq: number, overrides: Partial<ChatMessageDto> = {}): ChatMessageDto {
  return {
    id: nextId(),
    conversationId,
    seq,
    authorKind: 'employer',
    authorUserId: '00000000-0000-4000-8000-0000000000a1',
    authorName: 'Timur Akhmetov',
    body: `message ${seq}`,
    createdAt: 1000 + seq,
    ...overrides,
  };
}

/** `chat:message` as the server broadcasts it: the message and what it changed in the summary. */
function messageEvent(m: ChatMessageDto | undefined, summary: Partial<ChatConversationDto> = {}): ChatMessageEvent {
  if (!m) throw new Error('no such stored message');
  return { message: m, conversation: conversationChange(conversation({ lastSeq: m.seq, updatedAt: m.createdAt, ...summary })) };
}

function memoryStorage(): OutboxStorage {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

type Handler = (payload: Record<string, unknown>) => Promise<unknown> | unknown;

/** A server stand-in: answers each event with a handler, records every request in order. */
class FakeTransport implements ChatTransport {
  connected = false;
  readonly calls: { event: string; payload: Record<string, unknown> }[] = [];
  handlers: Record<string, Handler> = {};
  request(event: string, payload: unknown): Promise<unknown> {
    this.calls.push({ event, payload: payload as Record<string, unknown> });
    const handler = this.handlers[event];
    if (!handler) return Promise.reject(new Error(`no handler for ${event}`));
    return Promise.resolve(handler(payload as Record<string, unknown>));
  }
  volatile(event: string, payload: unknown): void {
    this.calls.push({ event, payload: payload as Record<string, unknown> });
  }
  events(): string[] {
    return this.calls.map((c) => c.event);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A server that stores sent messages idempotently by id, as the real one does. */
function storingServer(transport: FakeTransport, initial: ChatMessageDto[] = []) {
  const stored = [...initial];
  transport.handlers['chat:catchUp'] = () => ({ ok: true, value: { conversations: [conversation({ lastSeq: stored.length })], messages: [...stored], more: [] } });
  transport.handlers['chat:history'] = (p) => ({ ok: true, value: { messages: stored.filter((m) => m.seq > Number(p['afterSeq'])), more: false } });
  transport.handlers['chat:send'] = (p) => {
    const existing = stored.find((m) => m.id === p['id']);
    if (existing) return { ok: true, value: { message: existing } };
    const m = message(stored.length + 1, { id: String(p['id']), authorKind: 'candidate', authorUserId: null, authorName: 'Aigerim', body: String(p['body']) });
    stored.push(m);
    return { ok: true, value: { message: m } };
  };
  transport.handlers['chat:read'] = (p) => ({ ok: true, value: conversation({ lastSeq: stored.length, candidateReadSeq: Number(p['seq']) }) });
  return stored;
}

function newEngine(transport: FakeTransport, storage: OutboxStorage): ChatEngine {
  return new ChatEngine({ candidateId, transport, storage, newId: nextId });
}

describe('ChatEngine', () => {
  it('keeps messages written offline across a reload and sends them after the catch-up, in order, once', async () => {
    const storage = memoryStorage();
    const offline = new FakeTransport();
    const before = newEngine(offline, storage);
    expect(before.send(conversationId, 'first')).toBeNull();
    expect(before.send(conversationId, '  second\r\n')).toBeNull();
    expect(before.messagesOf(conversationId).map((m) => [m.body, m.delivery])).toEqual([
      ['first', 'sending'],
      ['second', 'sending'],
    ]);
    expect(offline.calls).toEqual([]);
    before.dispose();

    // The page is reloaded: a new engine on the same storage, then the connection comes.
    const transport = new FakeTransport();
    const stored = storingServer(transport, [message(1)]);
    const engine = newEngine(transport, storage);
    expect(engine.messagesOf(conversationId).map((m) => m.delivery)).toEqual(['sending', 'sending']);
    transport.connected = true;
    await engine.handleConnect();
    await settle();

    expect(transport.events()).toEqual(['chat:catchUp', 'chat:send', 'chat:send']);
    expect(stored.map((m) => m.body)).toEqual(['message 1', 'first', 'second']);
    expect(engine.messagesOf(conversationId).map((m) => [m.seq, m.body, m.delivery])).toEqual([
      [1, 'message 1', 'sent'],
      [2, 'first', 'sent'],
      [3, 'second', 'sent'],
    ]);
    // The broadcast of an acknowledged message is the same row, not a second one.
    engine.handleMessage(messageEvent(stored[1]));
    expect(engine.messagesOf(conversationId)).toHaveLength(3);
    expect(newEngine(new FakeTransport(), storage).messagesOf(conversationId)).toEqual([]);
  });

  for (const storedBeforeDrop of [true, false]) {
    it(`a connection lost before the ack (${storedBeforeDrop ? 'after' : 'before'} the server stored it) ends with the message shown once`, async () => {
      const transport = new FakeTransport();
      const stored = storingServer(transport);
      const engine = newEngine(transport, memoryStorage());
      transport.connected = true;
      await engine.handleConnect();

      const send = transport.handlers['chat:send'] as Handler;
      transport.handlers['chat:send'] = (p) => {
        if (storedBeforeDrop) void send(p);
        transport.connected = false;
        engine.handleDisconnect();
        return Promise.reject(new Error('disconnected'));
      };
      engine.send(conversationId, 'hello');
      await settle();
      expect(engine.messagesOf(conversationId).map((m) => m.delivery)).toEqual(['sending']);

      transport.handlers['chat:send'] = send;
      transport.connected = true;
      await engine.handleConnect();
      await settle();
      const sends = transport.calls.filter((c) => c.event === 'chat:send').map((c) => c.payload['id']);
      // Stored: the catch-up brings it and the queued copy becomes that row. Not stored: sent again, same id.
      expect(sends).toHaveLength(storedBeforeDrop ? 1 : 2);
      expect(new Set(sends).size).toBe(1);
      expect(stored).toHaveLength(1);
      expect(engine.messagesOf(conversationId).map((m) => [m.seq, m.body, m.delivery])).toEqual([[1, 'hello', 'sent']]);
    });
  }

  it('drops duplicates and fills a seq gap with chat:history', async () => {
    const transport = new FakeTransport();
    const stored = storingServer(transport, [message(1), message(2), message(3)]);
    const engine = newEngine(transport, memoryStorage());
    transport.connected = true;
    transport.handlers['chat:catchUp'] = () => ({ ok: true, value: { conversations: [conversation({ lastSeq: 1 })], messages: [stored[0]], more: [] } });
    await engine.handleConnect();

    engine.handleMessage(messageEvent(stored[0]));
    engine.handleMessage(messageEvent(stored[2]));
    await settle();
    expect(transport.calls.at(-1)).toEqual({ event: 'chat:history', payload: { conversationId, afterSeq: 1 } });
    engine.handleMessage(messageEvent(stored[1]));
    expect(engine.messagesOf(conversationId).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('ignores a chat:message whose change is not the one the message made (older or newer than it)', async () => {
    const transport = new FakeTransport();
    const stored = storingServer(transport, [message(1)]);
    const engine = newEngine(transport, memoryStorage());
    transport.connected = true;
    transport.handlers['chat:catchUp'] = () => ({ ok: true, value: { conversations: [conversation({ lastSeq: 0 })], messages: [], more: [] } });
    await engine.handleConnect();

    const event = messageEvent(stored[0]);
    engine.handleMessage({ ...event, conversation: { ...event.conversation, lastSeq: 0 } });
    engine.handleMessage({ ...event, conversation: { ...event.conversation, lastSeq: 2 } });
    expect(engine.messagesOf(conversationId)).toEqual([]);
    engine.handleMessage(event);
    expect(engine.messagesOf(conversationId).map((m) => m.seq)).toEqual([1]);
  });

  it('moves the held summary on with each chat:message, and catches up when its labels are out of date', async () => {
    const transport = new FakeTransport();
    const stored = storingServer(transport, []);
    const engine = newEngine(transport, memoryStorage());
    transport.connected = true;
    await engine.handleConnect();

    stored.push(message(1, { body: '  See you\n at  the stand ' }));
    engine.handleMessage(messageEvent(stored[0], { candidateUnread: 1 }));
    expect(engine.state.conversations[conversationId]).toEqual({
      ...conversation({ lastSeq: 1, candidateUnread: 1, updatedAt: stored[0]?.createdAt }),
      lastMessage: { seq: 1, authorKind: 'employer', preview: 'See you at the stand', createdAt: stored[0]?.createdAt },
    });
    expect(transport.events()).toEqual(['chat:catchUp']);

    // The candidate responded to another vacancy (in another tab): the conversation now follows
    // that response, and only a full summary has its title.
    stored.push(message(2));
    const retitled = { responseId: '00000000-0000-4000-8000-00000000a002', vacancyTitle: 'Chief accountant' };
    transport.handlers['chat:catchUp'] = () => ({ ok: true, value: { conversations: [conversation({ lastSeq: 2, ...retitled })], messages: [...stored], more: [] } });
    engine.handleMessage(messageEvent(stored[1], retitled));
    await settle();
    expect(transport.events()).toEqual(['chat:catchUp', 'chat:catchUp']);
    expect(engine.state.conversations[conversationId]).toMatchObject({ lastSeq: 2, vacancyTitle: 'Chief accountant' });
    expect(engine.messagesOf(conversationId).map((m) => m.seq)).toEqual([1, 2]);
  });

  it('shows a permanent refusal with its reason until discarded, and retries a transient one', async () => {
    const storage = memoryStorage();
    const transport = new FakeTransport();
    storingServer(transport);
    const engine = newEngine(transport, storage);
    transport.connected = true;
    await engine.handleConnect();

    transport.handlers['chat:send'] = () => ({
      ok: false,
      error: { code: 'conversation_closed', message: 'This conversation has been closed by the employer.', permanent: true },
    });
    engine.send(conversationId, 'are you there?');
    await settle();
    const [refused] = engine.messagesOf(conversationId);
    expect(refused?.delivery).toBe('refused');
    expect(refused?.refusal?.code).toBe('conversation_closed');
    // Refused stays refused after a reload (it is not sent again by itself).
    const reloaded = newEngine(new FakeTransport(), storage);
    expect(reloaded.messagesOf(conversationId).map((m) => m.delivery)).toEqual(['refused']);
    engine.discard(refused?.id ?? '');
    expect(engine.messagesOf(conversationId)).toEqual([]);
    expect(newEngine(new FakeTransport(), storage).messagesOf(conversationId)).toEqual([]);
  });

  it('keeps a read mark made offline and sends it after the next catch-up', async () => {
    const transport = new FakeTransport();
    storingServer(transport, [message(1), message(2)]);
    const engine = newEngine(transport, memoryStorage());
    transport.connected = true;
    await engine.handleConnect();
    transport.connected = false;
    engine.handleDisconnect();
    engine.markRead(conversationId);
    expect(transport.events()).not.toContain('chat:read');

    transport.connected = true;
    await engine.handleConnect();
    await settle();
    expect(transport.events().slice(-2)).toEqual(['chat:catchUp', 'chat:read']);
    expect(transport.calls.at(-1)?.payload).toEqual({ conversationId, seq: 2 });
    expect(engine.state.conversations[conversationId]?.candidateReadSeq).toBe(2);
  });
});
