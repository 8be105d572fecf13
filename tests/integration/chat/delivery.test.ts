import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatConversationDto } from '../../../src/shared/domain/chat/records';
import { chatPreview, chatTextSegments, normalizeChatText } from '../../../src/shared/domain/chat/text';
import { serverDatabaseKinds } from '../support/databases';
import { TestChatClient, candidateIdentity, refusalOf, userIdentity } from '../support/chatClient';
import { expectExactlyOnceEverywhere, startChatWorld, storedConversation, storedMessages, type ChatWorld } from './chatWorld';

/** A message body containing this makes the server exit after the commit, before the ack (NODE_ENV=test only). */
const EXIT_MARKER = 'EXIT-AFTER-PERSIST-5b1f0c';

/**
 * Chat delivery through real socket.io clients against a real server process: whatever happens
 * on the wire (dropped connections, repeated sends, missed broadcasts, a server dying between
 * persist and ack), every message is stored once with one seq, and every client shows each
 * message exactly once, in seq order.
 */
describe.each(serverDatabaseKinds())('chat delivery (%s)', (kind) => {
  let chat: ChatWorld;
  let aliya: TestChatClient;
  let manager: TestChatClient;
  /** The employer admin: sees every conversation of the employer, writes nothing here. */
  let admin: TestChatClient;
  let conversation: ChatConversationDto;
  const clients = (): TestChatClient[] => [aliya, manager, admin];

  beforeAll(async () => {
    chat = await startChatWorld(kind, { FAIRDESK_TEST_CHAT_EXIT_AFTER_PERSIST: EXIT_MARKER });
    aliya = await TestChatClient.connect(chat.url, candidateIdentity(chat.candidates.aliya.cookie));
    manager = await TestChatClient.connect(chat.url, userIdentity(chat.sessions.manager1.token));
    admin = await TestChatClient.connect(chat.url, userIdentity(chat.sessions.admin.token));
    conversation = await aliya.open(chat.world.open.fairId, chat.kazEmployerId);
    await manager.claim(conversation.id);
  });
  afterAll(async () => {
    for (const c of [aliya, manager, admin]) c?.close();
    await chat?.dispose();
  });

  it('carries an exchange between the candidate and the manager who took the conversation, once each, in order', async () => {
    expect(conversation).toMatchObject({ fairId: chat.world.open.fairId, employerId: chat.kazEmployerId, candidateName: 'Aliya Nurova', vacancyTitle: chat.world.open.vacancyTitle, status: 'open' });
    // Opening again returns the same conversation (one per candidate, employer and fair).
    expect((await aliya.open(chat.world.open.fairId, chat.kazEmployerId)).id).toBe(conversation.id);

    const sent = [];
    for (let i = 1; i <= 4; i++) {
      sent.push(await aliya.send(conversation.id, `Candidate question ${i}`));
      sent.push(await manager.send(conversation.id, `Manager answer ${i}`));
    }
    const stored = await expectExactlyOnceEverywhere(chat, conversation.id, clients());
    // seq 1 is the "started the dialogue" line; then the exchange in the order it was written.
    expect(stored[0]).toMatchObject({ authorKind: 'system', authorUserId: null });
    expect(stored[0]?.body).toContain('Timur Akhmetov');
    expect(stored.slice(1).map((m) => m.body)).toEqual(sent.map((m) => m.body));
    expect(sent.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sent[0]).toMatchObject({ authorKind: 'candidate', authorUserId: null, authorName: 'Aliya Nurova' });
    expect(sent[1]).toMatchObject({ authorKind: 'employer', authorUserId: chat.sessions.manager1.user.id, authorName: 'Timur Akhmetov' });
    // Each side got the other side's messages live (broadcast), not only through a later catch-up.
    const liveOn = (c: TestChatClient, ids: string[], who: string) =>
      c.waitUntil(() => ids.every((id) => c.wire.some((m) => m.id === id)), `every message live on ${who}`);
    await liveOn(aliya, sent.filter((m) => m.authorKind === 'employer').map((m) => m.id), 'the candidate');
    await liveOn(manager, sent.filter((m) => m.authorKind === 'candidate').map((m) => m.id), 'the manager');
    await liveOn(admin, sent.map((m) => m.id), 'the admin');
    // The manager answered last: nobody is waiting for a reply.
    expect((await storedConversation(chat, conversation.id)).awaitingReplySince).toBeNull();
  });

  it('stores and delivers HTML as typed text, and normalises links and bidi characters', async () => {
    const html = '<script>alert("x")</script> <b>bold</b> &amp; <a href="javascript:alert(1)">click</a> <img src=x onerror=alert(1)>';
    const sentHtml = await aliya.send(conversation.id, html);
    expect(sentHtml.body).toBe(html);

    const disguised = 'Pay here: https://pay.example.kz/\u202Eexe.pdf\u200B \r\nnext line   \r\n\r\n\r\n\r\n\r\nend cafe\u0301\uFEFF';
    const sentDisguised = await aliya.send(conversation.id, disguised);
    expect(sentDisguised.body).toBe('Pay here: https://pay.example.kz/exe.pdf\nnext line\n\n\nend café');
    expect(sentDisguised.body).toBe(normalizeChatText(disguised));
    expect(chatTextSegments(sentDisguised.body)).toContainEqual({ kind: 'link', text: 'https://pay.example.kz/exe.pdf', href: 'https://pay.example.kz/exe.pdf' });

    await manager.waitForSeq(conversation.id, sentDisguised.seq);
    const onManager = manager.messages(conversation.id);
    expect(onManager.find((m) => m.id === sentHtml.id)?.body).toBe(html);
    expect(onManager.find((m) => m.id === sentDisguised.id)?.body).toBe(sentDisguised.body);
    const rows = await storedMessages(chat, conversation.id);
    expect(rows.find((m) => m.id === sentHtml.id)?.body).toBe(html);
    expect(rows.find((m) => m.id === sentDisguised.id)?.body).toBe(sentDisguised.body);
    await manager.waitUntil(() => manager.conversations.get(conversation.id)?.lastSeq === sentDisguised.seq, 'summary after the last message');
    expect(manager.conversations.get(conversation.id)?.lastMessage).toMatchObject({ seq: sentDisguised.seq, authorKind: 'candidate', preview: chatPreview(sentDisguised.body) });
    // chat:message carries only what changed: the summary the manager built from it is the server's own.
    const built = manager.conversations.get(conversation.id);
    expect((await manager.catchUp()).conversations.find((c) => c.id === conversation.id)).toEqual(built);
    await expectExactlyOnceEverywhere(chat, conversation.id, clients());
  });

  it('the connection dies after a message left and before its ack came: it is stored once, and resending its id returns it', async () => {
    const queued = aliya.queue(conversation.id, 'Sent as the connection died');
    const flushing = aliya.flush();
    aliya.freezeIncoming(); // the request is on its way; its ack will never be read
    // The server stored it (and acked into the void): the manager sees it live.
    await manager.waitUntil(() => manager.messages(conversation.id).some((m) => m.id === queued.id), 'the message on the manager side');
    const seen = manager.messages(conversation.id).find((m) => m.id === queued.id);
    aliya.drop();
    await expect(flushing).rejects.toThrow();
    expect(aliya.outbox.map((q) => q.id)).toEqual([queued.id]);

    // Reconnect: catch-up brings the stored copy, which is the queued row (nothing left to send) …
    await aliya.reconnect();
    expect(aliya.outbox).toEqual([]);
    // … and sending the same id again (as a client that missed the catch-up would) is the same message, no new seq.
    const resent = await aliya.send(conversation.id, queued.body, queued.id);
    expect([resent.id, resent.seq]).toEqual([queued.id, seen?.seq]);

    const stored = await expectExactlyOnceEverywhere(chat, conversation.id, clients());
    expect(stored.filter((m) => m.id === queued.id)).toHaveLength(1);
  });

  it('a connection dropped in the same tick as a send: stored or not, the retry on reconnect makes it exactly once', async () => {
    const queued = aliya.queue(conversation.id, 'Sent in the same tick as the disconnect');
    const flushing = aliya.flush();
    aliya.drop(); // the server may read the send, or see only the disconnect
    await expect(flushing).rejects.toThrow();
    expect(aliya.outbox.map((q) => q.id)).toEqual([queued.id]);

    await aliya.reconnect(); // catch-up, then the outbox: resent unless catch-up already had it
    expect(aliya.outbox).toEqual([]);
    const stored = await expectExactlyOnceEverywhere(chat, conversation.id, clients());
    expect(stored.filter((m) => m.id === queued.id).map((m) => m.body)).toEqual([queued.body]);
  });

  it('the same id sent three times, at once and one after another, is one message with one seq', async () => {
    const id = crypto.randomUUID();
    const together = await Promise.all([1, 2, 3].map(() => aliya.send(conversation.id, 'Sent three times at once', id)));
    expect(new Set(together.map((m) => `${m.id}:${m.seq}:${m.createdAt}`)).size).toBe(1);

    const laterId = crypto.randomUUID();
    const oneByOne = [];
    for (let i = 0; i < 3; i++) oneByOne.push(await manager.send(conversation.id, 'Sent three times in a row', laterId));
    expect(new Set(oneByOne.map((m) => `${m.id}:${m.seq}:${m.createdAt}`)).size).toBe(1);
    // No seq was used up by the repeats.
    expect(oneByOne[0]?.seq).toBe((together[0]?.seq ?? 0) + 1);

    const stored = await expectExactlyOnceEverywhere(chat, conversation.id, clients());
    expect(stored.filter((m) => m.id === id || m.id === laterId).map((m) => m.body)).toEqual(['Sent three times at once', 'Sent three times in a row']);
  });

  it('an id reused for a different text or another conversation is refused as id_conflict and changes nothing', async () => {
    const original = await aliya.send(conversation.id, 'The original text');
    const before = await storedMessages(chat, conversation.id);
    expect(await refusalOf(aliya.send(conversation.id, 'Another text, same id', original.id))).toMatchObject({ code: 'id_conflict', permanent: true });

    const bolat = await TestChatClient.connect(chat.url, candidateIdentity(chat.candidates.bolat.cookie));
    try {
      const own = await bolat.open(chat.world.open.fairId, chat.kazEmployerId);
      expect(own.id).not.toBe(conversation.id);
      expect(await refusalOf(bolat.send(own.id, 'The original text', original.id))).toMatchObject({ code: 'id_conflict', permanent: true });
      expect(await storedMessages(chat, own.id)).toEqual([]);
      expect((await storedConversation(chat, own.id)).lastSeq).toBe(0);
    } finally {
      bolat.close();
    }
    expect(await storedMessages(chat, conversation.id)).toEqual(before);
    await expectExactlyOnceEverywhere(chat, conversation.id, clients());
  });

  it('a client offline while the other side writes 30 messages gets exactly the gap, in order, on reconnect', async () => {
    aliya.drop();
    const heldBefore = aliya.held(conversation.id);
    const bodies = Array.from({ length: 30 }, (_, i) => `While you were away ${i + 1}`);
    for (const body of bodies) manager.queue(conversation.id, body);
    const written = await manager.flush();
    // The manager's own copy of the last broadcast: every broadcast was emitted while Aliya was away.
    await manager.waitUntil(() => manager.wire.some((m) => m.id === written.at(-1)?.id), 'the last broadcast');

    const wireBefore = aliya.wire.length;
    await aliya.reconnect();
    const caughtUp = aliya.messages(conversation.id).slice(heldBefore);
    expect(caughtUp.map((m) => m.body)).toEqual(bodies);
    expect(caughtUp.map((m) => m.seq)).toEqual(bodies.map((_, i) => heldBefore + i + 1));
    // They came through catch-up: no broadcast reached the offline client.
    expect(aliya.wire.slice(wireBefore).filter((m) => bodies.includes(m.body))).toEqual([]);
    await expectExactlyOnceEverywhere(chat, conversation.id, clients());
  }, 90_000);

  it('a client that receives a message past a gap repairs it through history; history pages', async () => {
    // Connected without catching up: it holds nothing, so the next broadcast is a gap.
    const late = await TestChatClient.connect(chat.url, userIdentity(chat.sessions.admin.token), { catchUp: false });
    try {
      const next = await aliya.send(conversation.id, 'A message that reveals a gap');
      await late.waitForSeq(conversation.id, next.seq);
      await expectExactlyOnceEverywhere(chat, conversation.id, [late, ...clients()]);
    } finally {
      late.close();
    }
    const page = await manager.history(conversation.id, 0, 5);
    expect([page.messages.map((m) => m.seq), page.more]).toEqual([[1, 2, 3, 4, 5], true]);
    const tail = await manager.history(conversation.id, 5);
    expect(tail.more).toBe(false);
    expect(tail.messages[0]?.seq).toBe(6);
  });

  it('concurrent sends from both ends get gap-free seqs, each message once', async () => {
    const fromCandidate = Array.from({ length: 8 }, (_, i) => `Concurrent from candidate ${i}`);
    const fromManager = Array.from({ length: 8 }, (_, i) => `Concurrent from manager ${i}`);
    const acks = await Promise.all([
      ...fromCandidate.map((body) => aliya.send(conversation.id, body)),
      ...fromManager.map((body) => manager.send(conversation.id, body)),
    ]);
    const seqs = acks.map((m) => m.seq).sort((x, y) => x - y);
    const first = seqs[0] ?? 0;
    expect(seqs).toEqual(Array.from({ length: acks.length }, (_, i) => first + i));
    const stored = await expectExactlyOnceEverywhere(chat, conversation.id, clients());
    expect(stored.filter((m) => m.seq >= first).map((m) => m.body).sort()).toEqual([...fromCandidate, ...fromManager].sort());
  });

  it('the server dying between persist and ack: after a restart the message exists once, and resending its id returns it', async () => {
    const queued = aliya.queue(conversation.id, `Sent as the server dies ${EXIT_MARKER}`);
    const dying = chat.server;
    await expect(aliya.flush()).rejects.toThrow();
    // 75 is the test hook's exit code: the process died right after the commit, not of something else.
    expect(await dying.exited).toBe(75);
    expect(aliya.outbox.map((q) => q.id)).toEqual([queued.id]);

    const restarted = await chat.restart();
    expect(restarted.url).toBe(chat.url);
    const rows = (await storedMessages(chat, conversation.id)).filter((m) => m.id === queued.id);
    expect(rows).toHaveLength(1);

    // Catch-up brings the stored message: the queued row is delivered, nothing is sent twice.
    await aliya.reconnect();
    expect(aliya.outbox).toEqual([]);
    expect(aliya.messages(conversation.id).filter((m) => m.id === queued.id).map((m) => m.seq)).toEqual([rows[0]?.seq]);
    // A client that resends the same id anyway gets the stored message back, with its seq.
    const resent = await aliya.send(conversation.id, queued.body, queued.id);
    expect([resent.id, resent.seq]).toEqual([queued.id, rows[0]?.seq]);
    await manager.reconnect();
    await admin.reconnect();

    // The conversation goes on with the next seq.
    const after = await manager.send(conversation.id, 'Back after the restart');
    expect(after.seq).toBe((rows[0]?.seq ?? 0) + 1);
    await expectExactlyOnceEverywhere(chat, conversation.id, clients());
  });
});
