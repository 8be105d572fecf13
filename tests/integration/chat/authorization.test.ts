import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatCatchUpResult,
  ChatConversationResult,
  ChatHistoryResult,
  ChatOpenResult,
  ChatSendResult,
  MAX_CATCH_UP_CONVERSATIONS,
  chatClientEvents,
  type ChatErrorCode,
} from '../../../src/shared/api/chat';
import { portalRoutes } from '../../../src/shared/api/portal';
import { ChatConversation } from '../../../src/server/db/entities';
import type { ChatConversationDto } from '../../../src/shared/domain/chat/records';
import { MAX_CHAT_MESSAGE_CHARS } from '../../../src/shared/domain/chat/text';
import { serverDatabaseKinds } from '../support/databases';
import { TestChatClient, candidateIdentity, openChatSocket, refusalOf, userIdentity } from '../support/chatClient';
import { expectExactlyOnceEverywhere, startChatWorld, storedAssignments, storedConversation, storedMessages, type ChatWorld } from './chatWorld';

const CHAT_TABLES = ['chat_conversations', 'chat_messages', 'chat_assignments'];

/**
 * Who may do what in a chat, through real sockets against a real server: candidates reach only
 * their own conversations with employers they responded to; employer users answer only what they
 * claimed, and only the admin reassigns; other employers and moderators get nothing; malformed
 * requests are refused; unauthenticated sockets never connect. Every refusal changes nothing.
 */
describe.each(serverDatabaseKinds())('chat authorization (%s)', (kind) => {
  let chat: ChatWorld;
  let aliya: TestChatClient;
  let bolat: TestChatClient;
  let dina: TestChatClient;
  let manager1: TestChatClient;
  let manager2: TestChatClient;
  let admin: TestChatClient;
  let otherEmployer: TestChatClient;
  let moderator: TestChatClient;
  let conversation: ChatConversationDto;
  const all = (): TestChatClient[] => [aliya, bolat, dina, manager1, manager2, admin, otherEmployer, moderator];
  const dumpChat = () => chat.direct.dump(CHAT_TABLES);

  beforeAll(async () => {
    chat = await startChatWorld(kind);
    const user = (key: keyof ChatWorld['sessions']) => TestChatClient.connect(chat.url, userIdentity(chat.sessions[key].token));
    aliya = await TestChatClient.connect(chat.url, candidateIdentity(chat.candidates.aliya.cookie));
    bolat = await TestChatClient.connect(chat.url, candidateIdentity(chat.candidates.bolat.cookie));
    dina = await TestChatClient.connect(chat.url, candidateIdentity(chat.candidates.dina.cookie));
    manager1 = await user('manager1');
    manager2 = await user('manager2');
    admin = await user('admin');
    otherEmployer = await user('otherEmployer');
    // A moderator may not even catch up: connect without it (refusal checked below).
    moderator = await TestChatClient.connect(chat.url, userIdentity(chat.sessions.moderator.token), { catchUp: false });
    conversation = await aliya.open(chat.world.open.fairId, chat.kazEmployerId);
    await aliya.send(conversation.id, 'Hello, is the driver position still open?');
  });
  afterAll(async () => {
    for (const c of all()) c?.close();
    await chat?.dispose();
  });

  it('refuses sockets without a valid identity at the handshake', async () => {
    const refused = async (identity: Parameters<typeof openChatSocket>[1]): Promise<string> => {
      try {
        const socket = await openChatSocket(chat.url, identity);
        socket.close();
        return 'connected';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(await refused({ kind: 'user', token: '' })).toBe('unauthenticated');
    expect(await refused({ kind: 'user', token: 'x'.repeat(43) })).toBe('unauthenticated');
    expect(await refused(candidateIdentity('not-a-session-token'))).toBe('unauthenticated');
    expect(await refused({ kind: 'candidate', cookie: 'other_cookie=1' })).toBe('unauthenticated');

    // Signing out ends the session: its open socket is disconnected and its cookie no longer connects.
    const leaving = await chat.signIn('leaving.chat@example.kz', 'Erlan Leaving');
    const socket = await openChatSocket(chat.url, candidateIdentity(leaving.cookie));
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const signedOut = await fetch(`${chat.url}${portalRoutes.signOut.path}`, { method: 'POST', headers: { cookie: leaving.cookie } });
    expect(signedOut.status).toBeLessThan(300);
    await disconnected;
    expect(await refused(candidateIdentity(leaving.cookie))).toBe('unauthenticated');
  });

  it('a candidate cannot read, write, mark or catch up another candidate’s conversation', async () => {
    const before = await dumpChat();
    const notYours = (code: ChatErrorCode): boolean => code === 'not_found' || code === 'forbidden';
    const id = conversation.id;
    for (const [what, attempt] of [
      ['history', () => bolat.history(id, 0)],
      ['send', () => bolat.send(id, 'Hijacked message')],
      ['read', () => bolat.read(id, 1)],
    ] as const) {
      const error = await refusalOf(attempt());
      expect(notYours(error.code), `${what}: ${error.code}`).toBe(true);
      expect(error.permanent, what).toBe(true);
    }
    for (const [what, attempt] of [
      ['claim', () => bolat.claim(id)],
      ['assign', () => bolat.assign(id, chat.sessions.manager1.user.id)],
      ['setStatus', () => bolat.setStatus(id, 'closed')],
    ] as const) {
      expect((await refusalOf(attempt())).code, what).toBe('forbidden');
    }
    // Catch-up naming someone else's conversation returns nothing of it (or is refused).
    const caught = await bolat.request(chatClientEvents.catchUp, { known: [{ conversationId: id, seq: 0 }] }, ChatCatchUpResult);
    if (caught.ok) {
      expect(caught.value.conversations.map((c) => c.id)).not.toContain(id);
      expect(caught.value.messages.filter((m) => m.conversationId === id)).toEqual([]);
      expect(caught.value.more).not.toContain(id);
    } else {
      expect(notYours(caught.error.code), caught.error.code).toBe(true);
    }
    // Opening with the same employer gives Bolat his own conversation, never Aliya's.
    const own = await bolat.open(chat.world.open.fairId, chat.kazEmployerId);
    expect([own.id === id, own.candidateName]).toEqual([false, 'Bolat Serikov']);
    const { chat_conversations: conversationsAfter, ...restAfter } = await dumpChat();
    const { chat_conversations: conversationsBefore, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(conversationsAfter?.filter((row) => !String(row).includes(own.id))).toEqual(conversationsBefore);
    expect(bolat.messages(id)).toEqual([]);
    expect(bolat.wire.filter((m) => m.conversationId === id)).toEqual([]);
  });

  it('a candidate cannot open a conversation with an employer it did not respond to', async () => {
    const countBefore = await chat.direct.db.getRepository(ChatConversation).count();
    const expectNoResponse = async (client: TestChatClient, fairId: string, employerId: string, what: string): Promise<void> => {
      const error = await refusalOf(client.open(fairId, employerId));
      expect([error.code, error.permanent], what).toEqual(['no_response', true]);
    };
    await expectNoResponse(dina, chat.world.open.fairId, chat.kazEmployerId, 'dina responded to nothing');
    await expectNoResponse(aliya, chat.world.open.fairId, chat.otherEmployerId, 'aliya never responded to Steppe Foods');
    await expectNoResponse(aliya, chat.world.later.fairId, chat.kazEmployerId, 'aliya responded to KazLogistics at another fair');
    const unknownFair = await refusalOf(aliya.open(crypto.randomUUID(), chat.kazEmployerId));
    expect(['no_response', 'not_found']).toContain(unknownFair.code);
    // Employer users and moderators do not open conversations: candidates do.
    for (const client of [manager1, admin, moderator]) expect((await refusalOf(client.open(chat.world.open.fairId, chat.kazEmployerId))).code).toBe('forbidden');
    expect(await chat.direct.db.getRepository(ChatConversation).count()).toBe(countBefore);
  });

  it('a manager cannot write before taking the conversation, nor answer or take one another manager took', async () => {
    expect((await refusalOf(manager1.send(conversation.id, 'Answer before claiming'))).code).toBe('not_claimed');
    const claimed = await manager1.claim(conversation.id);
    expect(claimed.claimedBy?.userId).toBe(chat.sessions.manager1.user.id);
    expect(claimed.claimedBy?.name).toBe('Timur Akhmetov');
    // Taking it again is a no-op: no second assignment, no second system line.
    const again = await manager1.claim(conversation.id);
    expect(again.lastSeq).toBe(claimed.lastSeq);
    expect(await storedAssignments(chat, conversation.id)).toHaveLength(1);

    const before = await dumpChat();
    const takenBy = await refusalOf(manager2.claim(conversation.id));
    expect([takenBy.code, takenBy.permanent]).toEqual(['claimed_by_other', true]);
    expect(takenBy.message).toContain('Timur Akhmetov');
    expect((await refusalOf(manager2.send(conversation.id, 'Let me answer instead'))).code).toBe('claimed_by_other');
    expect((await refusalOf(manager2.setStatus(conversation.id, 'closed'))).code).toBe('claimed_by_other');
    expect((await refusalOf(manager2.assign(conversation.id, chat.sessions.manager2.user.id))).code).toBe('not_admin');
    expect((await refusalOf(manager1.assign(conversation.id, chat.sessions.manager2.user.id))).code).toBe('not_admin');
    expect(await dumpChat()).toEqual(before);

    // The claimer answers; the candidate sees "started the dialogue" before the answer.
    await manager1.send(conversation.id, 'Yes, it is. Tell me about your licence.');
    const stored = await expectExactlyOnceEverywhere(chat, conversation.id, [aliya, manager1, manager2, admin]);
    expect(stored.map((m) => m.authorKind)).toEqual(['candidate', 'system', 'employer']);
    expect(stored[1]?.body).toContain('Timur Akhmetov');
  });

  it('only the admin reassigns; the handover is recorded and both sides see it in order', async () => {
    const handed = await admin.assign(conversation.id, chat.sessions.manager2.user.id);
    expect(handed.claimedBy?.userId).toBe(chat.sessions.manager2.user.id);
    expect((await storedAssignments(chat, conversation.id)).map((a) => [a.fromUserId, a.toUserId, a.byUserId])).toEqual([
      [null, chat.sessions.manager1.user.id, chat.sessions.manager1.user.id],
      [chat.sessions.manager1.user.id, chat.sessions.manager2.user.id, chat.sessions.admin.user.id],
    ]);
    const stored = await expectExactlyOnceEverywhere(chat, conversation.id, [aliya, manager1, manager2, admin]);
    const line = stored.at(-1);
    expect(line).toMatchObject({ seq: handed.lastSeq, authorKind: 'system' });
    expect(line?.body).toContain('Dana Omarova');
    expect(line?.body).toContain('Saule Ibraeva');

    expect((await refusalOf(manager1.send(conversation.id, 'Still mine?'))).code).toBe('claimed_by_other');
    await manager2.send(conversation.id, 'Hello, I am taking over your conversation.');

    const before = await dumpChat();
    for (const [who, userId] of [
      ['another employer’s admin', chat.sessions.otherEmployer.user.id],
      ['a moderator', chat.sessions.moderator.user.id],
      ['nobody', crypto.randomUUID()],
    ] as const) {
      expect((await refusalOf(admin.assign(conversation.id, userId))).code, who).toBe('not_a_member');
    }
    expect(await dumpChat()).toEqual(before);
    await expectExactlyOnceEverywhere(chat, conversation.id, [aliya, manager1, manager2, admin]);
  });

  it('a closed conversation refuses the candidate until the employer reopens it', async () => {
    expect((await refusalOf(manager1.setStatus(conversation.id, 'closed'))).code).toBe('claimed_by_other');
    expect((await manager2.setStatus(conversation.id, 'closed')).status).toBe('closed');
    await aliya.waitUntil(() => aliya.conversations.get(conversation.id)?.status === 'closed', 'the candidate learns it is closed');
    const before = await dumpChat();
    expect(await refusalOf(aliya.send(conversation.id, 'Are you still there?'))).toMatchObject({ code: 'conversation_closed', permanent: true });
    expect(await dumpChat()).toEqual(before);
    expect((await admin.setStatus(conversation.id, 'open')).status).toBe('open');
    await aliya.send(conversation.id, 'Thank you for reopening.');
    await expectExactlyOnceEverywhere(chat, conversation.id, [aliya, manager1, manager2, admin]);
  });

  it('refuses malformed payloads as bad_request and changes nothing', async () => {
    // A fresh socket per caller: the refusals must be about the payload, not a rate limit.
    const candidate = await TestChatClient.connect(chat.url, candidateIdentity(chat.candidates.aliya.cookie));
    const employer = await TestChatClient.connect(chat.url, userIdentity(chat.sessions.admin.token));
    try {
      const before = await dumpChat();
      const id = conversation.id;
      const uuid = (): string => crypto.randomUUID();
      const sendCases: unknown[] = [
        null, 'text', 42, [], {},
        { conversationId: 'not-a-uuid', id: uuid(), body: 'x' },
        { conversationId: id, id: 'not-a-uuid', body: 'x' },
        { conversationId: id, body: 'no id' },
        { conversationId: id, id: uuid(), body: 42 },
        { conversationId: id, id: uuid(), body: { html: '<b>x</b>' } },
        { conversationId: id, id: uuid(), body: '' },
        { conversationId: id, id: uuid(), body: '  \n\t \r\n ' },
        { conversationId: id, id: uuid(), body: '\u202E\u200B\uFEFF\u0007' },
        { conversationId: id, id: uuid(), body: 'x'.repeat(MAX_CHAT_MESSAGE_CHARS + 1) },
        { conversationId: id, id: uuid(), body: 'x'.repeat(MAX_CHAT_MESSAGE_CHARS * 4 + 1) },
      ];
      const cases: Array<[TestChatClient, string, unknown, Parameters<TestChatClient['request']>[2]]> = [
        ...sendCases.map((payload) => [candidate, chatClientEvents.send, payload, ChatSendResult] as [TestChatClient, string, unknown, typeof ChatSendResult]),
        [candidate, chatClientEvents.open, { fairId: 'x', employerId: chat.kazEmployerId }, ChatOpenResult],
        [candidate, chatClientEvents.open, { fairId: chat.world.open.fairId }, ChatOpenResult],
        [candidate, chatClientEvents.history, { conversationId: id, afterSeq: -1 }, ChatHistoryResult],
        [candidate, chatClientEvents.history, { conversationId: id, afterSeq: 1.5 }, ChatHistoryResult],
        [candidate, chatClientEvents.history, { conversationId: id, afterSeq: '0' }, ChatHistoryResult],
        [candidate, chatClientEvents.history, { conversationId: id, afterSeq: 0, limit: 0 }, ChatHistoryResult],
        [candidate, chatClientEvents.history, { conversationId: id, afterSeq: 0, limit: 501 }, ChatHistoryResult],
        [candidate, chatClientEvents.read, { conversationId: id, seq: -1 }, ChatConversationResult],
        [candidate, chatClientEvents.read, { conversationId: id, seq: 'all' }, ChatConversationResult],
        [candidate, chatClientEvents.catchUp, { known: 'everything' }, ChatCatchUpResult],
        [candidate, chatClientEvents.catchUp, { known: [{ conversationId: 'x', seq: 0 }] }, ChatCatchUpResult],
        [candidate, chatClientEvents.catchUp, { known: Array.from({ length: MAX_CATCH_UP_CONVERSATIONS + 1 }, () => ({ conversationId: uuid(), seq: 0 })) }, ChatCatchUpResult],
        [employer, chatClientEvents.claim, {}, ChatConversationResult],
        [employer, chatClientEvents.claim, { conversationId: 7 }, ChatConversationResult],
        [employer, chatClientEvents.assign, { conversationId: id, userId: 'manager2' }, ChatConversationResult],
        [employer, chatClientEvents.setStatus, { conversationId: id, status: 'archived' }, ChatConversationResult],
        [employer, chatClientEvents.read, { conversationId: id }, ChatConversationResult],
      ];
      for (const [client, event, payload, schema] of cases) {
        const ack = await client.request(event, payload, schema);
        const shown = `${event} ${JSON.stringify(payload).slice(0, 120)}`;
        expect(ack.ok, shown).toBe(false);
        if (!ack.ok) expect([ack.error.code, ack.error.permanent], shown).toEqual(['bad_request', true]);
      }

      // A send without an ack callback cannot be answered: it must not be stored either.
      const unacked = uuid();
      candidate.socket.emit(chatClientEvents.send, { conversationId: id, id: unacked, body: 'Sent without an ack callback' });
      // A later acked request on the same socket, so the unacked one has surely been handled.
      await candidate.history(id, 0);
      await candidate.send(id, 'An ordinary message after the malformed ones');
      const stored = await storedMessages(chat, id);
      expect(stored.map((m) => m.id)).not.toContain(unacked);
      expect(stored.map((m) => m.body)).not.toContain('x');

      // Only the ordinary message was added.
      const after = await dumpChat();
      expect(after['chat_assignments']).toEqual(before['chat_assignments']);
      expect(after['chat_messages']?.length).toBe((before['chat_messages']?.length ?? 0) + 1);
      await expectExactlyOnceEverywhere(chat, id, [aliya, manager1, manager2, admin, candidate, employer]);
      expect((await storedConversation(chat, id)).status).toBe('open');
    } finally {
      candidate.close();
      employer.close();
    }
  });

  it('another employer’s users and moderators see nothing and are refused every chat event', async () => {
    const before = await dumpChat();
    const id = conversation.id;
    // Thunks: each request starts only when the previous refusal has been checked.
    const attempts = (client: TestChatClient): Array<[string, () => Promise<unknown>]> => [
      ['history', () => client.history(id, 0)],
      ['send', () => client.send(id, 'Not my conversation')],
      ['read', () => client.read(id, 1)],
      ['claim', () => client.claim(id)],
      ['assign', () => client.assign(id, client === moderator ? chat.sessions.moderator.user.id : chat.sessions.otherEmployer.user.id)],
      ['setStatus', () => client.setStatus(id, 'closed')],
    ];
    for (const [what, attempt] of attempts(otherEmployer)) {
      expect(['forbidden', 'not_found'], `other employer ${what}`).toContain((await refusalOf(attempt())).code);
    }
    for (const [what, attempt] of attempts(moderator)) expect((await refusalOf(attempt())).code, `moderator ${what}`).toBe('forbidden');
    expect((await refusalOf(moderator.catchUp())).code).toBe('forbidden');
    expect(await dumpChat()).toEqual(before);

    // The other employer's catch-up holds none of KazLogistics' conversations.
    const theirs = await otherEmployer.catchUp();
    expect(theirs.conversations.filter((c) => c.employerId === chat.kazEmployerId)).toEqual([]);
    expect(theirs.messages).toEqual([]);
    // Typing reaches the other side of the conversation only: not another candidate's typing, not outsiders.
    bolat.socket.emit(chatClientEvents.typing, { conversationId: id });
    otherEmployer.socket.emit(chatClientEvents.typing, { conversationId: id });
    moderator.socket.emit(chatClientEvents.typing, { conversationId: id });
    aliya.socket.emit(chatClientEvents.typing, { conversationId: id });
    manager2.socket.emit(chatClientEvents.typing, { conversationId: id });
    await manager1.waitUntil(() => manager1.typing.some((t) => t.name === 'Aliya Nurova'), 'the employer sees the candidate typing');
    await aliya.waitUntil(() => aliya.typing.some((t) => t.name === 'Saule Ibraeva'), 'the candidate sees the manager typing');
    expect(manager1.typing.map((t) => [t.conversationId, t.authorKind, t.name])).toEqual([[id, 'candidate', 'Aliya Nurova']]);
    expect(aliya.typing.map((t) => [t.conversationId, t.authorKind, t.name])).toEqual([[id, 'employer', 'Saule Ibraeva']]);
    // And no broadcast of this whole suite reached them, nor the candidate without a conversation.
    for (const client of [otherEmployer, moderator, dina]) {
      expect(client.wire).toEqual([]);
      expect([...client.conversations.keys()]).toEqual([]);
      expect(client.typing).toEqual([]);
    }
    // KazLogistics' users all see it: one employer, one shared inbox.
    for (const client of [manager1, manager2, admin]) expect(client.conversations.has(id)).toBe(true);
    expect(bolat.wire.filter((m) => m.conversationId === id)).toEqual([]);
    for (const client of all()) expect(client.protocolErrors).toEqual([]);
  });
});
