import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatConnection, LocalChatConversation, LocalChatMessage } from '../../shared/contract/ipc';
import { startCore, type CoreUnderTest } from '../testing/coreHarness';
import { FakeChatServer } from '../testing/fakeChatServer';
import { FakeSyncServer } from '../testing/fakeSyncServer';
import { employerId, makeUser } from '../testing/fixtures';
import type { CoreOptions } from '../createCore';

/**
 * The chat engine and the `chats.*` methods through the real handler table and cache, against an
 * in-memory chat server (src/core/testing/fakeChatServer.ts); sign-in goes through the fake sync server.
 */
const admin = makeUser({ role: 'employer_admin', centreId: null, employerId, email: 'dana@altyn.example', displayName: 'Dana Omarova' });
const manager = makeUser({ role: 'employer_manager', centreId: null, employerId, email: 'saule@altyn.example', displayName: 'Saule Ibraeva' });
const moderator = makeUser({ role: 'moderator', email: 'mod@centre.example' });

describe('chat engine (desktop core)', () => {
  let sync: FakeSyncServer;
  let chat: FakeChatServer;
  let dataDir: string;
  const cores: CoreUnderTest[] = [];

  beforeEach(async () => {
    sync = await FakeSyncServer.start([admin, manager, moderator].map((user) => ({ password: 'p', user })));
    chat = new FakeChatServer((token) => sync.tokens.get(token)?.user ?? null);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-chat-core-'));
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.core.close();
    await sync.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const openCore = async (options: Partial<CoreOptions> = {}): Promise<CoreUnderTest> => {
    const core = await startCore({ dataDir, connectChat: chat.connector, chatAckTimeoutMs: 300, syncBackoff: { initialMs: 20, maxMs: 100 }, ...options });
    cores.push(core);
    return core;
  };
  const signIn = async (email: string, options: Partial<CoreOptions> = {}): Promise<CoreUnderTest> => {
    const core = await openCore(options);
    await core.call('session.login', { serverUrl: sync.url, email, password: 'p' });
    return core;
  };
  const messages = (core: CoreUnderTest, conversationId: string): Promise<LocalChatMessage[]> => core.call('chats.messages', { conversationId });
  const conversation = async (core: CoreUnderTest, id: string): Promise<LocalChatConversation | undefined> =>
    (await core.call<LocalChatConversation[]>('chats.list')).find((c) => c.id === id);
  const incoming = (core: CoreUnderTest): string[] =>
    core.transport.events.filter((e) => e.event === 'chat.incoming').map((e) => (e.payload as { message: LocalChatMessage }).message.body);
  const connected = (core: CoreUnderTest, value: boolean): Promise<unknown> =>
    expect.poll(async () => (await core.call<ChatConnection>('chats.connection')).connected).toBe(value);

  it('catches up on connect (paging `more`), drops duplicates, repairs a gap, counts unread with local reads and announces each new message once (not the backlog of a fresh sign-in)', async () => {
    chat.pageSize = 2;
    // The employer had read up to 2 on another desktop.
    const c = chat.openConversation({ employerId, employerReadSeq: 2 });
    for (const body of ['one', 'two', 'three', 'four', 'five']) chat.candidateWrites(c.id, body);

    const core = await signIn(admin.email);
    await expect.poll(async () => (await messages(core, c.id)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chat.received.map((r) => r.event).slice(0, 3)).toEqual(['chat:catchUp', 'chat:history', 'chat:history']);
    expect(await conversation(core, c.id)).toMatchObject({ unread: 3, sending: 0, refused: 0, candidateName: 'Aliya Nurova' });
    // The backlog of a fresh sign-in shows as unread, without a notification per old message.
    expect(incoming(core)).toEqual([]);

    // The same message again (a re-broadcast): dropped.
    chat.broadcast('chat:message', chat.messageEvent(chat.messagesOf(c.id)[4]!));
    // Six is lost on the wire, seven arrives: the hole is filled from history, in order.
    chat.candidateWrites(c.id, 'six', { lost: true });
    chat.candidateWrites(c.id, 'seven');
    await expect.poll(async () => (await messages(core, c.id)).map((m) => m.body)).toEqual(['one', 'two', 'three', 'four', 'five', 'six', 'seven']);
    expect((await messages(core, c.id)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(incoming(core)).toEqual(['seven', 'six']);
    expect(await core.call('chats.connection')).toEqual({ connected: true, unread: 5 });

    // Read offline: counted at once, sent when back.
    chat.goDown();
    await connected(core, false);
    await core.call('chats.markRead', { conversationId: c.id, seq: 6 });
    expect(await conversation(core, c.id)).toMatchObject({ unread: 1 });
    expect(core.transport.events.at(-1)).toEqual({ event: 'chat.connection', payload: { connected: false, unread: 1 } });
    expect(chat.conversations.get(c.id)?.employerReadSeq).toBe(2);
    chat.comeBack();
    await expect.poll(async () => (await conversation(core, c.id))?.employerReadSeq).toBe(6);
    expect(chat.conversations.get(c.id)?.employerReadSeq).toBe(6);
    expect(await conversation(core, c.id)).toMatchObject({ unread: 1 });
    // A catch-up after the reconnect brought nothing twice.
    expect((await messages(core, c.id)).length).toBe(7);
    expect(incoming(core)).toHaveLength(2);
  });

  it('moves a summary on with each chat:message, and catches up when one shows the held labels are out of date', async () => {
    const c = chat.openConversation({ employerId });
    chat.candidateWrites(c.id, 'one');
    const core = await signIn(admin.email);
    await expect.poll(async () => (await messages(core, c.id)).length).toBe(1);
    const catchUps = (): number => chat.received.filter((r) => r.event === 'chat:catchUp').length;
    expect(catchUps()).toBe(1);

    chat.candidateWrites(c.id, '  Two,\n  please ');
    await expect.poll(async () => (await conversation(core, c.id))?.lastMessage?.preview).toBe('Two, please');
    expect(await conversation(core, c.id)).toMatchObject({ lastSeq: 2, employerUnread: 2, unread: 2, vacancyTitle: c.vacancyTitle });
    expect(catchUps()).toBe(1);

    chat.followsResponse(c.id, { responseId: crypto.randomUUID(), vacancyTitle: 'Chief accountant' });
    chat.candidateWrites(c.id, 'three');
    await expect.poll(async () => (await conversation(core, c.id))?.vacancyTitle).toBe('Chief accountant');
    expect(catchUps()).toBe(2);
    expect(await conversation(core, c.id)).toMatchObject({ lastSeq: 3, unread: 3, lastMessage: { preview: 'three' } });
    expect((await messages(core, c.id)).map((m) => m.body)).toEqual(['one', '  Two,\n  please ', 'three']);
  });

  it('queues while offline: `sending`, kept across closing and re-creating the core (sign-out refused meanwhile), then sent once each, in order', async () => {
    const c = chat.openConversation({ employerId });
    chat.candidateWrites(c.id, 'Hello, is the job still open?');
    const first = await signIn(admin.email);
    await connected(first, true);
    await expect.poll(async () => (await messages(first, c.id)).length).toBe(1);
    expect(await first.call<LocalChatConversation>('chats.claim', { conversationId: c.id })).toMatchObject({ claimedBy: { userId: admin.id } });

    chat.goDown();
    await connected(first, false);
    for (const body of ['Yes, it is.', '  Come on Monday\r\nat 10:00  ', 'Bring your ID.']) {
      const queued = await first.call<LocalChatMessage>('chats.send', { conversationId: c.id, body });
      expect(queued).toMatchObject({ delivery: 'sending', seq: null, mine: true, authorName: 'Dana Omarova', refusal: null });
    }
    expect(await conversation(first, c.id)).toMatchObject({ sending: 3 });
    await first.core.close();

    // A new core on the same data dir (the app restarted), still offline: the queue is there.
    const second = await openCore({ secretStore: first.secrets });
    const kept = await messages(second, c.id);
    expect(kept.filter((m) => m.delivery === 'sending').map((m) => m.body)).toEqual(['Yes, it is.', 'Come on Monday\nat 10:00', 'Bring your ID.']);
    // Signing out now would lose them: refused, and nothing is dropped.
    await expect(second.call('session.logout')).rejects.toThrow(/conflict: 3 changes or chat messages are still waiting/);
    expect((await messages(second, c.id)).filter((m) => m.delivery === 'sending')).toHaveLength(3);

    // Back online; the first answer is lost after the server stored it (its broadcast still comes).
    chat.loseSendAcks = 1;
    chat.comeBack();
    await expect.poll(async () => (await messages(second, c.id)).map((m) => m.delivery)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const ours = chat.messagesOf(c.id).filter((m) => m.authorKind === 'employer');
    expect(ours.map((m) => m.body)).toEqual(['Yes, it is.', 'Come on Monday\nat 10:00', 'Bring your ID.']);
    expect((await messages(second, c.id)).map((m) => [m.seq, m.body])).toEqual([
      [1, 'Hello, is the job still open?'],
      [2, 'Dana Omarova started the dialogue'],
      [3, 'Yes, it is.'],
      [4, 'Come on Monday\nat 10:00'],
      [5, 'Bring your ID.'],
    ]);
    expect((await messages(second, c.id)).map((m) => m.id).slice(2)).toEqual(kept.map((m) => m.id).slice(1));
  });

  it('a message the server refuses (another manager took the conversation) shows why; local rules refuse at once; online-only actions say so offline', async () => {
    const c = chat.openConversation({ employerId });
    const core = await signIn(admin.email);
    await connected(core, true);
    await expect.poll(async () => (await core.call<LocalChatConversation[]>('chats.list')).length).toBe(1);

    // Not claimed yet: refused here, before anything is queued.
    const early = await core.invoke('chats.send', { conversationId: c.id, body: 'Hi' });
    expect(early).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Start dialogue') as string } });
    await core.call('chats.claim', { conversationId: c.id });

    chat.goDown();
    await connected(core, false);
    expect(await core.invoke('chats.setStatus', { conversationId: c.id, status: 'closed' })).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });
    const queued = await core.call<LocalChatMessage>('chats.send', { conversationId: c.id, body: 'We will call you' });
    // Meanwhile the admin handed it to Saule on the server.
    chat.claimFor(c.id, { id: manager.id, name: 'Saule Ibraeva' });
    chat.comeBack();
    await expect.poll(async () => (await messages(core, c.id)).find((m) => m.id === queued.id)?.delivery).toBe('refused');
    const refused = (await messages(core, c.id)).find((m) => m.id === queued.id);
    expect(refused?.refusal).toEqual({ code: 'claimed_by_other', message: 'Saule Ibraeva has taken this conversation; only they can answer it.', permanent: true });
    expect(chat.messagesOf(c.id).some((m) => m.body === 'We will call you')).toBe(false);
    expect(await conversation(core, c.id)).toMatchObject({ refused: 1, sending: 0, claimedBy: { userId: manager.id } });

    // Now the cache knows: the next attempt is refused at once, with the same sentence.
    expect(await core.invoke('chats.send', { conversationId: c.id, body: 'Again' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Saule Ibraeva has taken this conversation; only they can answer it.' },
    });
    await core.call('chats.discard', { messageId: queued.id });
    expect((await messages(core, c.id)).some((m) => m.id === queued.id)).toBe(false);
    const sent = chat.received.filter((r) => r.event === 'chat:send');
    expect(sent).toHaveLength(1);

    // Saule's conversation: its new message shows in the list but not on this user's badge, and
    // looking at it marks nothing read for the employer.
    chat.candidateWrites(c.id, 'Is anyone there?');
    await expect.poll(async () => (await conversation(core, c.id))?.unread).toBe(1);
    expect(await core.call('chats.connection')).toMatchObject({ unread: 0 });
    const last = (await messages(core, c.id)).at(-1)?.seq ?? 0;
    await core.call('chats.markRead', { conversationId: c.id, seq: last });
    expect(await conversation(core, c.id)).toMatchObject({ unread: 1 });
    expect(chat.received.some((r) => r.event === 'chat:read')).toBe(false);
  });

  it('lists mine / unclaimed / unread and searches names, vacancies and message text (any case, Cyrillic too)', async () => {
    const a = chat.openConversation({ employerId, candidateName: 'Әлия Нұрова', vacancyTitle: 'Водитель' });
    const b = chat.openConversation({ employerId, candidateName: 'Timur Akhmetov', vacancyTitle: 'Accountant' });
    chat.openConversation({ employerId: '00000000-0000-4000-8000-0000000000e9', candidateName: 'Elsewhere' });
    chat.candidateWrites(a.id, 'Здравствуйте! Есть ли ВАКАНСИЯ?');
    chat.candidateWrites(b.id, 'Hello');
    const core = await signIn(admin.email);
    await expect.poll(async () => (await core.call<LocalChatConversation[]>('chats.list')).length).toBe(2);
    await core.call('chats.claim', { conversationId: b.id });
    await core.call('chats.markRead', { conversationId: b.id, seq: 10 });

    const ids = async (input: unknown): Promise<string[]> => (await core.call<LocalChatConversation[]>('chats.list', input)).map((c) => c.id);
    expect(await ids({ filter: 'mine' })).toEqual([b.id]);
    expect(await ids({ filter: 'unclaimed' })).toEqual([a.id]);
    expect(await ids({ filter: 'unread' })).toEqual([a.id]);
    expect(await ids({ search: 'әлия' })).toEqual([a.id]);
    expect(await ids({ search: 'ACCOUNT' })).toEqual([b.id]);
    const byText = await core.call<LocalChatConversation[]>('chats.list', { search: 'вакансия' });
    expect(byText.map((c) => [c.id, c.match])).toEqual([[a.id, { seq: 1, preview: 'Здравствуйте! Есть ли ВАКАНСИЯ?' }]]);
    expect(await ids({ search: 'nobody' })).toEqual([]);
  });

  it('moderators are refused; signed out, lists are empty and actions need a sign-in', async () => {
    const signedOut = await openCore();
    expect(await signedOut.call('chats.list')).toEqual([]);
    expect(await signedOut.invoke('chats.markRead', { conversationId: crypto.randomUUID(), seq: 1 })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await signedOut.core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });

    const core = await signIn(moderator.email);
    expect(await core.invoke('chats.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.invoke('chats.send', { conversationId: crypto.randomUUID(), body: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await core.call('chats.connection')).toEqual({ connected: false, unread: 0 });
    expect(chat.connectedSockets()).toBe(0);
  });
});
