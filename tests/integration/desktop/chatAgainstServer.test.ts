import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatClientEvents, chatServerEvents, type ChatAck, type ChatMessageEvent } from '../../../src/shared/api/chat';
import type { ChatConnection, LocalChatConversation, LocalChatMessage } from '../../../src/shared/contract/ipc';
import type { ChatConversationDto, ChatMessageDto } from '../../../src/shared/domain/chat/records';
import type { EmployerMember } from '../../../src/shared/domain/roles';
import { Company } from '../../../src/server/db/entities';
import { DEMO_PASSWORD } from '../../../src/server/seed/demoAccounts';
import { samplePdf } from '../../../src/server/uploads/sampleFiles';
import { startCore, type CoreUnderTest } from '../../../src/core/testing/coreHarness';
import { MemorySecretStore } from '../../../src/core/secrets/secretStore';
import { startTcpProxy, type TcpProxy } from '../../e2e/support/network';
import { openDump } from '../support/dbDump';
import { startServerOn, type ServerOnDatabase } from '../support/databases';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtpSink';
import { buildPortalWorld, type PortalWorld } from '../portal/portalWorld';

/**
 * The chat through the REAL desktop core and a REAL server process (SQLite): candidates respond on
 * the portal and write over their own socket (session cookie); KazLogistics' admin (Dana) answers
 * from a core whose network a TCP proxy can cut. Proves: claim and answer; a message written
 * offline shows `sending`, survives closing and re-creating the core on the same data dir, and
 * reaches the candidate exactly once when the network is back; a message the server refuses
 * (the conversation was handed to another manager meanwhile) comes back `refused` with the reason.
 */
const ADMIN = 'admin@kazlogistics.demo';

interface Candidate {
  socket: Socket;
  received: ChatMessageDto[];
  ask<T>(event: string, payload: unknown): Promise<ChatAck<T>>;
}

describe('chat through the desktop core against the real server', () => {
  let sink: SmtpSink;
  let env: ServerOnDatabase;
  let world: PortalWorld;
  let employerId = '';
  let url = '';
  let proxy: TcpProxy;
  const cores: CoreUnderTest[] = [];
  const candidates: Candidate[] = [];
  const dirs: string[] = [];

  const portal = async (p: string, init: { method?: string; cookie?: string; json?: unknown; headers?: Record<string, string>; body?: Uint8Array } = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.cookie) headers['cookie'] = init.cookie;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${p}`, {
      method: init.method ?? 'POST',
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : init.body ? { body: new Uint8Array(init.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  /** A candidate signed in with the mailed link, with a response to the open fair's vacancy, on its chat socket. */
  const candidate = async (email: string, name: string): Promise<Candidate> => {
    const before = sink.received.length;
    expect((await portal('/api/portal/login-link', { json: { email, locale: 'en' } })).status).toBe(202);
    let mail: ReceivedMail | undefined;
    for (let count = before + 1; !mail; count++) mail = (await sink.waitFor(count)).slice(before).find((m) => m.rcptTo.includes(email));
    const token = decodeURIComponent(/#token=([A-Za-z0-9_%-]+)/.exec(mail.text)?.[1] ?? '');
    const signedIn = await portal('/api/portal/sign-in', { json: { token } });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await portal('/api/portal/me', { method: 'PUT', cookie, json: { name, phone: '+7 701 000 11 22' } })).status).toBe(200);
    const uploaded = await portal('/api/uploads/resume', {
      cookie, headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('CV.pdf') }, body: samplePdf(`${name} CV`),
    });
    expect(uploaded.status).toBe(201);
    const responded = await portal('/api/portal/responses', {
      cookie, json: { vacancyId: world.open.vacancyId, resumeUploadId: (uploaded.body as { id: string }).id, wantsVideoInterview: false, coverNote: '' },
    });
    expect(responded.status, JSON.stringify(responded.body)).toBe(201);

    const socket = io(url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true });
    const received: ChatMessageDto[] = [];
    socket.on(chatServerEvents.message, (event: ChatMessageEvent) => received.push(event.message));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const made: Candidate = { socket, received, ask: async <T>(event: string, payload: unknown) => (await socket.timeout(10_000).emitWithAck(event, payload)) as ChatAck<T> };
    candidates.push(made);
    return made;
  };
  const ok = <T>(answer: ChatAck<T>): T => {
    if (!answer.ok) throw new Error(`refused: ${answer.error.code}: ${answer.error.message}`);
    return answer.value;
  };

  const openCore = async (options: { dataDir: string; secrets: MemorySecretStore }): Promise<CoreUnderTest> => {
    const core = await startCore({ dataDir: options.dataDir, secretStore: options.secrets, syncBackoff: { initialMs: 50, maxMs: 400 }, serverTimeoutMs: 5_000 });
    cores.push(core);
    return core;
  };
  const signIn = async (email: string, serverUrl: string): Promise<{ core: CoreUnderTest; dataDir: string; secrets: MemorySecretStore }> => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-chat-desktop-'));
    dirs.push(dataDir);
    const secrets = new MemorySecretStore();
    const core = await openCore({ dataDir, secrets });
    await core.call('session.login', { serverUrl, email, password: DEMO_PASSWORD });
    return { core, dataDir, secrets };
  };
  const isConnected = (core: CoreUnderTest, value: boolean): Promise<unknown> =>
    expect.poll(async () => (await core.call<ChatConnection>('chats.connection')).connected, { timeout: 20_000 }).toBe(value);
  const conversationOf = async (core: CoreUnderTest, id: string): Promise<LocalChatConversation | undefined> =>
    (await core.call<LocalChatConversation[]>('chats.list')).find((c) => c.id === id);
  const thread = (core: CoreUnderTest, conversationId: string): Promise<LocalChatMessage[]> => core.call('chats.messages', { conversationId });

  beforeAll(async () => {
    sink = await startSmtpSink();
    env = await startServerOn('sqlite', { env: { FAIRDESK_SMTP_URL: sink.url, NODE_ENV: 'test' } });
    url = env.server.url;
    const direct = await openDump(env.target);
    try {
      world = await buildPortalWorld(direct.db, env.server.dataDir);
      employerId = (await direct.db.getRepository(Company).findOneByOrFail({ legalName: 'KazLogistics LLP' })).employerId;
    } finally {
      await direct.close();
    }
    proxy = await startTcpProxy(env.server.port);
  });
  // A failure here has been an `internal` answer once in CI: keep what the server logged at warn and above.
  afterEach((context) => {
    if (context.task.result?.state !== 'fail') return;
    const logged = env.server.output.filter((line) => /"level":(40|50|60)/.test(line));
    process.stderr.write(`server warnings and errors during the failed test:\n${logged.join('\n')}\n`);
  });
  afterAll(async () => {
    for (const c of candidates) c.socket.disconnect();
    for (const core of cores) await core.core.close();
    await proxy?.close();
    await env?.dispose();
    await sink?.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('claims and answers; an offline message survives a restart and arrives once; a refused one says why', async () => {
    const aliya = await candidate('aliya.chat@example.kz', 'Aliya Nurova');
    const opened = ok(await aliya.ask<ChatConversationDto>(chatClientEvents.open, { fairId: world.open.fairId, employerId }));
    const hello = ok(await aliya.ask<{ message: ChatMessageDto }>(chatClientEvents.send, { conversationId: opened.id, id: crypto.randomUUID(), body: 'Hello! Is the job open?' }));

    // Dana's desktop, behind a cable the test can cut.
    const dana = await signIn(ADMIN, proxy.url);
    await isConnected(dana.core, true);
    await expect.poll(async () => (await conversationOf(dana.core, opened.id))?.unread, { timeout: 20_000 }).toBe(1);
    expect((await thread(dana.core, opened.id)).map((m) => [m.seq, m.body, m.delivery])).toEqual([[hello.message.seq, 'Hello! Is the job open?', 'sent']]);

    const claimed = await dana.core.call<LocalChatConversation>('chats.claim', { conversationId: opened.id });
    expect(claimed.claimedBy?.name).toBe('Dana Omarova');
    const answer = await dana.core.call<LocalChatMessage>('chats.send', { conversationId: opened.id, body: 'Yes — come on Monday.' });
    await expect.poll(() => aliya.received.filter((m) => m.id === answer.id).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await thread(dana.core, opened.id)).find((m) => m.id === answer.id)?.delivery).toBe('sent');
    await dana.core.call('chats.markRead', { conversationId: opened.id, seq: hello.message.seq });
    expect((await conversationOf(dana.core, opened.id))?.unread).toBe(0);

    // The cable is cut: the message waits as `sending`, through closing and re-opening the app.
    proxy.cut();
    await isConnected(dana.core, false);
    const offline = await dana.core.call<LocalChatMessage>('chats.send', { conversationId: opened.id, body: 'Written while offline.' });
    expect(offline).toMatchObject({ delivery: 'sending', seq: null, mine: true });
    await dana.core.core.close();
    const reopened = await openCore({ dataDir: dana.dataDir, secrets: dana.secrets });
    expect((await thread(reopened, opened.id)).find((m) => m.id === offline.id)).toMatchObject({ delivery: 'sending', body: 'Written while offline.' });
    expect(aliya.received.some((m) => m.id === offline.id)).toBe(false);

    proxy.restore();
    await isConnected(reopened, true);
    await expect.poll(async () => (await thread(reopened, opened.id)).find((m) => m.id === offline.id)?.delivery, { timeout: 20_000 }).toBe('sent');
    await expect.poll(() => aliya.received.filter((m) => m.id === offline.id).length, { timeout: 20_000 }).toBe(1);
    const history = ok(await aliya.ask<{ messages: ChatMessageDto[] }>(chatClientEvents.history, { conversationId: opened.id, afterSeq: 0 }));
    expect(history.messages.filter((m) => m.body === 'Written while offline.')).toHaveLength(1);
    expect(history.messages.map((m) => m.authorKind)).toEqual(['candidate', 'system', 'employer', 'employer']);
    expect((await thread(reopened, opened.id)).map((m) => m.id)).toEqual(history.messages.map((m) => m.id));

    // A second conversation: Dana takes it, goes offline and writes; from her other desktop she
    // hands it to Timur meanwhile. Back online, the queued message is refused with the reason.
    const bolat = await candidate('bolat.chat@example.kz', 'Bolat Serikov');
    const second = ok(await bolat.ask<ChatConversationDto>(chatClientEvents.open, { fairId: world.open.fairId, employerId }));
    await expect.poll(async () => (await conversationOf(reopened, second.id))?.id, { timeout: 20_000 }).toBe(second.id);
    await reopened.call('chats.claim', { conversationId: second.id });
    proxy.cut();
    await isConnected(reopened, false);
    const doomed = await reopened.call<LocalChatMessage>('chats.send', { conversationId: second.id, body: 'This one will be refused.' });
    expect(await reopened.invoke('chats.assign', { conversationId: second.id, userId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'server_unreachable' } });

    const otherDesk = await signIn(ADMIN, url);
    await isConnected(otherDesk.core, true);
    const timur = (await otherDesk.core.call<EmployerMember[]>('employer.members')).find((m) => m.email === 'manager1@kazlogistics.demo');
    expect(timur).toBeDefined();
    await expect.poll(async () => (await conversationOf(otherDesk.core, second.id))?.claimedBy?.name, { timeout: 20_000 }).toBe('Dana Omarova');
    const handed = await otherDesk.core.call<LocalChatConversation>('chats.assign', { conversationId: second.id, userId: timur?.id });
    expect(handed.claimedBy?.name).toBe('Timur Akhmetov');

    proxy.restore();
    await expect.poll(async () => (await thread(reopened, second.id)).find((m) => m.id === doomed.id)?.delivery, { timeout: 20_000 }).toBe('refused');
    const refused = (await thread(reopened, second.id)).find((m) => m.id === doomed.id);
    expect(refused?.refusal).toMatchObject({ code: 'claimed_by_other', permanent: true });
    expect(refused?.refusal?.message).toContain('Timur Akhmetov');
    expect(await conversationOf(reopened, second.id)).toMatchObject({ refused: 1, sending: 0, claimedBy: { name: 'Timur Akhmetov' } });
    expect(bolat.received.some((m) => m.id === doomed.id)).toBe(false);
    // Now the cache knows: refused here at once.
    expect(await reopened.invoke('chats.send', { conversationId: second.id, body: 'Again?' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
