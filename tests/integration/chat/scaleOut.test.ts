import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatMessage } from '../../../src/server/db/entities';
import type { ChatConversationDto, ChatMessageDto } from '../../../src/shared/domain/chat/records';
import { buildPortalWorld, type PortalWorld } from '../portal/portalWorld';
import { signInCandidate, type PortalCandidate } from '../support/candidatePortal';
import { TestChatClient, candidateIdentity, userIdentity } from '../support/chatClient';
import { openDump } from '../support/dbDump';
import { createTempPgDatabase, startServer, type RunningServer } from '../support/serverProcess';
import { startSmtpSink, type SmtpSink } from '../support/smtpSink';
import { loginAs } from '../support/syncClient';

/**
 * Chat across two server processes on one PostgreSQL database with Redis fan-out: the candidate
 * on A, the manager on B. Broadcasts cross processes, and concurrent senders on both processes
 * still get one gap-free seq sequence (the conversation row lock serialises them).
 */
const ready = Boolean(process.env['DATABASE_URL'] && process.env['REDIS_URL']);
if (!ready) console.log('chat scale-out (2 servers, PostgreSQL + Redis): skipped — set DATABASE_URL and REDIS_URL to run it');

describe.runIf(ready)('chat across two server processes on PostgreSQL + Redis', () => {
  let temp: Awaited<ReturnType<typeof createTempPgDatabase>>;
  let sink: SmtpSink;
  let a: RunningServer;
  let b: RunningServer;
  let direct: Awaited<ReturnType<typeof openDump>>;
  let world: PortalWorld;
  let aliya: PortalCandidate;
  let candidateOnA: TestChatClient;
  let managerOnB: TestChatClient;
  /** A second connection of each side on the other process. */
  let candidateOnB: TestChatClient;
  let managerOnA: TestChatClient;
  let conversation: ChatConversationDto;
  const clients = (): TestChatClient[] => [candidateOnA, managerOnB, candidateOnB, managerOnA];

  /** Every client shows exactly what the database holds: seq 1 … n, each once, in order. */
  const expectSameEverywhere = async (): Promise<ChatMessage[]> => {
    const stored = await direct.db.getRepository(ChatMessage).find({ where: { conversationId: conversation.id }, order: { seq: 'ASC' } });
    expect(stored.map((m) => m.seq)).toEqual(stored.map((_, i) => i + 1));
    for (const client of clients()) {
      await client.waitForSeq(conversation.id, stored.length);
      expect(client.messages(conversation.id).map((m) => [m.id, m.seq])).toEqual(stored.map((m) => [m.id, m.seq]));
      expect(client.protocolErrors).toEqual([]);
    }
    return stored;
  };

  beforeAll(async () => {
    temp = await createTempPgDatabase();
    sink = await startSmtpSink();
    // Rooms are named by random ids of this run's seed, so other runs sharing the Redis never see these messages.
    const env = { REDIS_URL: process.env['REDIS_URL'], FAIRDESK_SMTP_URL: sink.url, NODE_ENV: 'test' };
    a = await startServer({ databaseUrl: temp.url, seed: true, env });
    b = await startServer({ databaseUrl: temp.url, seed: false, env });
    direct = await openDump({ kind: 'postgres', url: temp.url });
    world = await buildPortalWorld(direct.db, a.dataDir);
    aliya = await signInCandidate(a.url, sink, 'aliya.scale@example.kz', 'Aliya Nurova');
    await aliya.respond(world.open.vacancyId);
    const manager = await loginAs(b.url, 'manager1@kazlogistics.demo');
    candidateOnA = await TestChatClient.connect(a.url, candidateIdentity(aliya.cookie));
    managerOnB = await TestChatClient.connect(b.url, userIdentity(manager.token));
    conversation = await candidateOnA.open(world.open.fairId, manager.user.employerId ?? '');
    await managerOnB.claim(conversation.id);
    candidateOnB = await TestChatClient.connect(b.url, candidateIdentity(aliya.cookie));
    managerOnA = await TestChatClient.connect(a.url, userIdentity((await loginAs(a.url, 'manager1@kazlogistics.demo')).token));
  });
  afterAll(async () => {
    for (const c of [candidateOnA, managerOnB, candidateOnB, managerOnA]) c?.close();
    await direct?.close();
    if (a) await a.stop();
    if (b) await b.stop();
    await sink?.stop();
    await temp?.drop();
  });

  it('messages both ways cross processes live and arrive exactly once, in order', async () => {
    const sent: ChatMessageDto[] = [];
    for (let i = 1; i <= 6; i++) {
      sent.push(await candidateOnA.send(conversation.id, `From A, candidate ${i}`));
      sent.push(await managerOnB.send(conversation.id, `From B, manager ${i}`));
    }
    const stored = await expectSameEverywhere();
    expect(stored.slice(-sent.length).map((m) => m.id)).toEqual(sent.map((m) => m.id));
    // The other process's clients got each message as a broadcast (through Redis), not only by catch-up.
    for (const client of clients()) {
      await client.waitUntil(() => sent.every((m) => client.wire.some((w) => w.id === m.id)), 'every message live on every client');
    }
    // The "started the dialogue" line the manager made on B reached the candidate on A too.
    expect(candidateOnA.messages(conversation.id)[0]).toMatchObject({ seq: 1, authorKind: 'system' });
  });

  it('concurrent sends from both ends on both processes keep seq gap-free', async () => {
    const before = (await expectSameEverywhere()).length;
    const batch = (client: TestChatClient, label: string): Array<Promise<ChatMessageDto>> =>
      Array.from({ length: 8 }, (_, i) => client.send(conversation.id, `${label} ${i}`));
    const acks = await Promise.all([
      ...batch(candidateOnA, 'candidate on A'),
      ...batch(candidateOnB, 'candidate on B'),
      ...batch(managerOnA, 'manager on A'),
      ...batch(managerOnB, 'manager on B'),
    ]);
    expect(acks.map((m) => m.seq).sort((x, y) => x - y)).toEqual(acks.map((_, i) => before + i + 1));
    const stored = await expectSameEverywhere();
    expect(stored.length).toBe(before + acks.length);
    expect(new Set(stored.map((m) => m.id)).size).toBe(stored.length);
  });

  it('a candidate offline from A catches up on B what the manager wrote meanwhile', async () => {
    candidateOnA.drop();
    for (let i = 1; i <= 5; i++) managerOnA.queue(conversation.id, `While the candidate was away ${i}`);
    await managerOnA.flush();
    await candidateOnA.reconnect(b.url);
    const stored = await expectSameEverywhere();
    expect(candidateOnA.messages(conversation.id).slice(-5).map((m) => m.body)).toEqual(stored.slice(-5).map((m) => m.body));
  });
});
