import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { ChatAssignment, ChatConversation, ChatMessage } from '../../../src/server/db/entities';
import type { ChatMessageDto } from '../../../src/shared/domain/chat/records';
import { buildPortalWorld, type PortalWorld } from '../portal/portalWorld';
import { signInCandidate, type PortalCandidate } from '../support/candidatePortal';
import type { TestChatClient } from '../support/chatClient';
import { startServerOn, type ServerOnDatabase } from '../support/databases';
import { openDump } from '../support/dbDump';
import { startServer, type RunningServer } from '../support/serverProcess';
import { startSmtpSink, type SmtpSink } from '../support/smtpSink';
import { loginAs, type Session } from '../support/syncClient';

/** The demo accounts the chat suites sign in as. */
export const ACCOUNTS = {
  admin: 'admin@kazlogistics.demo',
  manager1: 'manager1@kazlogistics.demo',
  manager2: 'manager2@kazlogistics.demo',
  otherEmployer: 'admin@steppefoods.demo',
  moderator: 'moderator@fairdesk.demo',
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

/**
 * One seeded server process on a fresh database with the portal world (an open fair where
 * KazLogistics takes responses), its staff signed in, and candidates signed in through real
 * mailed links: `aliya` and `bolat` responded to KazLogistics at the open fair, `dina` to nothing.
 * The data directory belongs to the world (not the server), so the server can be restarted on it.
 */
export interface ChatWorld {
  env: ServerOnDatabase;
  /** The server currently serving (changes after `restart`). */
  server: RunningServer;
  url: string;
  world: PortalWorld;
  direct: Awaited<ReturnType<typeof openDump>>;
  sessions: Record<AccountKey, Session>;
  kazEmployerId: string;
  otherEmployerId: string;
  candidates: { aliya: PortalCandidate; bolat: PortalCandidate; dina: PortalCandidate };
  /** Signs another candidate in through a mailed link. */
  signIn(email: string, name: string): Promise<PortalCandidate>;
  /** Starts the server again on the same database, data directory and port (after it died). */
  restart(extraEnv?: Record<string, string | undefined>): Promise<RunningServer>;
  dispose(): Promise<void>;
}

export async function startChatWorld(kind: 'sqlite' | 'postgres', extraEnv: Record<string, string> = {}): Promise<ChatWorld> {
  const sink: SmtpSink = await startSmtpSink();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-chat-'));
  const baseEnv = { FAIRDESK_SMTP_URL: sink.url, NODE_ENV: 'test' };
  const env = await startServerOn(kind, { dataDir, env: { ...baseEnv, ...extraEnv } });
  let server = env.server;
  const url = server.url;
  const direct = await openDump(env.target);
  const world = await buildPortalWorld(direct.db, dataDir);
  const sessions = {} as Record<AccountKey, Session>;
  for (const [key, email] of Object.entries(ACCOUNTS) as Array<[AccountKey, string]>) sessions[key] = await loginAs(url, email);
  const candidates = {
    aliya: await signInCandidate(url, sink, 'aliya.chat@example.kz', 'Aliya Nurova'),
    bolat: await signInCandidate(url, sink, 'bolat.chat@example.kz', 'Bolat Serikov'),
    dina: await signInCandidate(url, sink, 'dina.chat@example.kz', 'Dina Karimova'),
  };
  await candidates.aliya.respond(world.open.vacancyId);
  await candidates.bolat.respond(world.open.vacancyId);

  const restarted: RunningServer[] = [];
  return {
    env,
    get server() {
      return server;
    },
    url,
    world,
    direct,
    sessions,
    kazEmployerId: sessions.admin.user.employerId ?? '',
    otherEmployerId: sessions.otherEmployer.user.employerId ?? '',
    candidates,
    signIn: (email, name) => signInCandidate(url, sink, email, name),
    async restart(restartEnv = {}) {
      server = await startServer({
        dataDir,
        seed: false,
        ...(env.target.kind === 'postgres' ? { databaseUrl: env.target.url } : {}),
        env: { ...baseEnv, FAIRDESK_PORT: String(env.server.port), ...restartEnv },
      });
      restarted.push(server);
      return server;
    },
    async dispose() {
      await direct.close();
      for (const s of restarted) await s.stop();
      await env.dispose();
      await sink.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What the server's database holds for a conversation, by seq. */
export async function storedMessages(chat: ChatWorld, conversationId: string): Promise<ChatMessage[]> {
  return chat.direct.db.getRepository(ChatMessage).find({ where: { conversationId }, order: { seq: 'ASC' } });
}

export async function storedConversation(chat: ChatWorld, conversationId: string): Promise<ChatConversation> {
  return chat.direct.db.getRepository(ChatConversation).findOneByOrFail({ id: conversationId });
}

export async function storedAssignments(chat: ChatWorld, conversationId: string): Promise<ChatAssignment[]> {
  return chat.direct.db.getRepository(ChatAssignment).find({ where: { conversationId }, order: { at: 'ASC' } });
}

const idsAndSeqs = (messages: Array<Pick<ChatMessageDto, 'id' | 'seq'>>): Array<[string, number]> => messages.map((m) => [m.id, m.seq]);

/**
 * The delivery invariant: the database holds seq 1 … lastSeq without gaps or repeats, each id
 * once; the server's history says the same; and every client's screen shows exactly that list,
 * each message once, in seq order. Returns the stored messages.
 */
export async function expectExactlyOnceEverywhere(chat: ChatWorld, conversationId: string, clients: TestChatClient[]): Promise<ChatMessage[]> {
  const stored = await storedMessages(chat, conversationId);
  const conversation = await storedConversation(chat, conversationId);
  expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
  expect(new Set(stored.map((m) => m.id)).size).toBe(stored.length);
  expect(Number(conversation.lastSeq)).toBe(stored.length);
  const first = clients[0];
  if (first) expect(idsAndSeqs(await first.fullHistory(conversationId))).toEqual(idsAndSeqs(stored));
  for (const client of clients) {
    await client.waitForSeq(conversationId, stored.length);
    expect(idsAndSeqs(client.messages(conversationId))).toEqual(idsAndSeqs(stored));
    expect(client.messages(conversationId).map((m) => m.body)).toEqual(stored.map((m) => m.body));
    expect(client.protocolErrors).toEqual([]);
  }
  return stored;
}
