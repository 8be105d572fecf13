import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_PAGE_SIZE } from '../../shared/api/chat';
import { chatRefusalMessage } from '../../shared/domain/chat/rules';
import { databaseKindsUnderTest } from '../db/testDatabases';
import { Candidate, ChatAssignment, ChatConversation, ChatMessage, Participation, Upload, User, VacancyResponse } from '../db/entities';
import { FairOverviewService } from '../domain/fairOverview';
import { openTestWorld, type TestWorld } from '../sync/testWorld';
import { ChatFailure } from './chatFailure';
import type { ChatCaller } from './chatParty';
import { ChatService } from './chatService';

const SEED_NOW = Date.UTC(2026, 8, 10, 3, 0);

describe.each(databaseKindsUnderTest())('chat service on %s', (kind) => {
  let w: TestWorld;
  let chat: ChatService;
  /** KazLogistics' and Steppe Foods' participations at the Almaty fair. */
  let kaz: Participation;
  let steppe: Participation;
  const users = new Map<string, User>();

  const as = (email: string): ChatCaller => {
    const user = users.get(email);
    if (!user) throw new Error(`no demo user ${email}`);
    return { kind: 'user', userId: user.id };
  };
  const admin = (): ChatCaller => as('admin@kazlogistics.demo');
  const timur = (): ChatCaller => as('manager1@kazlogistics.demo');
  const saule = (): ChatCaller => as('manager2@kazlogistics.demo');

  /** A signed-up candidate with an uploaded resume. */
  const newCandidate = async (name: string): Promise<{ caller: ChatCaller; id: string; resumeId: string }> => {
    const id = crypto.randomUUID();
    await w.t.db.getRepository(Candidate).insert({ id, email: `${id}@mail.kz`, name, phone: '', locale: 'ru', createdAt: 1, updatedAt: 1 });
    const resumeId = crypto.randomUUID();
    await w.t.db.getRepository(Upload).insert({
      id: resumeId, kind: 'resume', mime: 'application/pdf', size: 1, sha256: 'a'.repeat(64), originalName: 'cv.pdf', width: null, height: null,
      employerId: null, candidateId: id, uploadedBy: null, createdAt: 1,
    });
    return { caller: { kind: 'candidate', candidateId: id }, id, resumeId };
  };
  const respond = async (candidate: { id: string; resumeId: string }, to: Participation, vacancyTitle: string, createdAt = w.clock.now): Promise<string> => {
    const id = crypto.randomUUID();
    await w.t.db.getRepository(VacancyResponse).insert({
      id, candidateId: candidate.id, vacancyId: crypto.randomUUID(), participationId: to.id, fairId: to.fairId, employerId: to.employerId,
      vacancyTitle, companyName: to.companyName, resumeUploadId: candidate.resumeId, resumeFileName: 'cv.pdf', candidateName: 'copy',
      candidateEmail: 'copy@mail.kz', candidatePhone: '', wantsVideoInterview: false, coverNote: '', createdAt, version: 1,
    });
    return id;
  };
  /** A candidate who responded to KazLogistics and opened the conversation. */
  const conversationWithKaz = async (name = 'Aliya Nurlanova') => {
    const candidate = await newCandidate(name);
    await respond(candidate, kaz, 'Courier');
    const { conversation } = await chat.open(candidate.caller, { fairId: kaz.fairId, employerId: kaz.employerId });
    return { candidate, conversationId: conversation.id };
  };
  const send = (caller: ChatCaller, conversationId: string, body: string, id: string = crypto.randomUUID()) =>
    chat.send(caller, { conversationId, id, body });
  /** The ChatFailure code (and message) a call is refused with. */
  const refusal = async (call: Promise<unknown>): Promise<{ code: string; message: string; permanent: boolean }> => {
    try {
      await call;
    } catch (err) {
      if (err instanceof ChatFailure) return { code: err.code, message: err.message, permanent: err.permanent };
      throw err;
    }
    throw new Error('the call was not refused');
  };
  const row = (id: string) => w.t.db.getRepository(ChatConversation).findOneByOrFail({ id });
  const messagesOf = (conversationId: string) => w.t.db.getRepository(ChatMessage).find({ where: { conversationId }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    w = await openTestWorld(kind, SEED_NOW);
    chat = new ChatService(w.tx, () => w.clock.now);
    for (const user of await w.t.db.getRepository(User).find()) users.set(user.email, user);
    const participations = w.t.db.getRepository(Participation);
    steppe = await participations.findOneByOrFail({ employerId: users.get('admin@steppefoods.demo')?.employerId ?? '' });
    kaz = await participations.findOneByOrFail({ employerId: users.get('admin@kazlogistics.demo')?.employerId ?? '', fairId: steppe.fairId });
    // The fair overview lists participations that are past their draft.
    await participations.update({ id: kaz.id }, { status: 'approved' });
    await participations.update({ id: steppe.id }, { status: 'approved' });
  });
  afterAll(async () => {
    await w?.dispose();
  });

  describe('opening', () => {
    it('lets a candidate open one conversation per employer at a fair it responded to, following its latest response', async () => {
      const candidate = await newCandidate('Aliya Nurlanova');
      const open = () => chat.open(candidate.caller, { fairId: kaz.fairId, employerId: kaz.employerId });
      expect(await refusal(open())).toMatchObject({ code: 'no_response', permanent: true });

      const first = await respond(candidate, kaz, 'Courier', SEED_NOW);
      const opened = await open();
      expect(opened.changed).toBe(true);
      expect(opened.conversation).toMatchObject({
        fairId: kaz.fairId, employerId: kaz.employerId, candidateId: candidate.id, candidateName: 'Aliya Nurlanova', companyName: kaz.companyName,
        responseId: first, vacancyTitle: 'Courier', status: 'open', claimedBy: null, lastSeq: 0, lastMessage: null,
        employerUnread: 0, candidateUnread: 0, awaitingReplySince: null, createdAt: SEED_NOW,
      });
      expect(opened.conversation.fairName).not.toBe('');
      expect(await open()).toEqual({ conversation: opened.conversation, changed: false });

      const later = await respond(candidate, kaz, 'Pick-up point operator', SEED_NOW + 1000);
      const again = await open();
      expect(again).toMatchObject({ changed: true, conversation: { id: opened.conversation.id, responseId: later, vacancyTitle: 'Pick-up point operator' } });
      expect(await w.t.db.getRepository(ChatConversation).countBy({ candidateId: candidate.id })).toBe(1);
    });

    it('is the candidate’s alone: employers and moderators are refused', async () => {
      expect(await refusal(chat.open(admin(), { fairId: kaz.fairId, employerId: kaz.employerId }))).toMatchObject({ code: 'forbidden' });
      expect(await refusal(chat.open(as('moderator@fairdesk.demo'), { fairId: kaz.fairId, employerId: kaz.employerId }))).toMatchObject({ code: 'forbidden' });
    });
  });

  describe('sending', () => {
    it('stores a message once per id: the same id and text again answers the stored message with its seq', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      const id = crypto.randomUUID();
      const first = await send(candidate.caller, conversationId, '  Hello!\r\nIs the job still open?  ', id);
      expect(first.created).toBe(true);
      expect(first.message).toMatchObject({ id, conversationId, seq: 1, authorKind: 'candidate', authorUserId: null, authorName: 'Aliya Nurlanova', body: 'Hello!\nIs the job still open?' });
      const again = await send(candidate.caller, conversationId, 'Hello!\nIs the job still open?', id);
      expect(again).toMatchObject({ created: false, message: first.message });
      expect((await messagesOf(conversationId)).map((m) => m.seq)).toEqual([1]);
      expect((await row(conversationId)).lastSeq).toBe(1);
      expect((await send(candidate.caller, conversationId, 'Second')).message.seq).toBe(2);
    });

    it('refuses the id with another text or in another conversation (id_conflict), and empty text', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      const id = crypto.randomUUID();
      await send(candidate.caller, conversationId, 'One', id);
      expect(await refusal(send(candidate.caller, conversationId, 'Two', id))).toMatchObject({ code: 'id_conflict', permanent: true });
      await respond(candidate, steppe, 'Baker');
      const other = await chat.open(candidate.caller, { fairId: steppe.fairId, employerId: steppe.employerId });
      expect(await refusal(send(candidate.caller, other.conversation.id, 'One', id))).toMatchObject({ code: 'id_conflict' });
      expect(await refusal(send(candidate.caller, conversationId, ' \u200B\n '))).toMatchObject({ code: 'bad_request', permanent: true });
      expect((await messagesOf(conversationId)).map((m) => m.body)).toEqual(['One']);
      expect((await row(other.conversation.id)).lastSeq).toBe(0);
    });

    it('numbers 50 concurrent sends 1 … 50 without gaps, and a concurrent repeat of one id stores it once', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      await chat.claim(timur(), { conversationId }); // seq 1 (system)
      const repeated = crypto.randomUUID();
      const sends = Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0 ? send(candidate.caller, conversationId, `c${i}`) : send(timur(), conversationId, `e${i}`),
      );
      const outcomes = await Promise.all([...sends, send(candidate.caller, conversationId, 'twice', repeated), send(candidate.caller, conversationId, 'twice', repeated)]);
      const stored = await messagesOf(conversationId);
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
      expect(stored.filter((m) => m.id === repeated)).toHaveLength(1);
      expect(outcomes.filter((o) => o.created)).toHaveLength(51);
      const twice = outcomes.slice(50).map((o) => o.message.seq);
      expect(twice[0]).toBe(twice[1]);
      expect((await row(conversationId)).lastSeq).toBe(52);
    });

    it('sent together, a refused message refuses only itself: the others are stored and numbered without a gap', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      // Saule has not pressed Start dialogue: her message is refused, in the middle of the others.
      const sends = [
        send(candidate.caller, conversationId, 'one'),
        send(candidate.caller, conversationId, 'two'),
        send(saule(), conversationId, 'not mine to answer'),
        send(candidate.caller, conversationId, 'three'),
        send(candidate.caller, conversationId, ' '.repeat(3)),
        send(candidate.caller, conversationId, 'four'),
      ];
      const settled = await Promise.allSettled(sends);
      expect(settled.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
      expect(await refusal(sends[2] ?? Promise.resolve())).toMatchObject({ code: 'not_claimed' });
      const stored = await messagesOf(conversationId);
      expect(stored.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
      // Concurrent sends of one author may be numbered in any order on PostgreSQL; each is there once.
      expect(stored.map((m) => m.body).sort()).toEqual(['four', 'one', 'three', 'two']);
      expect(await row(conversationId)).toMatchObject({ lastSeq: 4, employerUnread: 4 });
    });
  });

  describe('claims, reassignment and closing', () => {
    it('needs a claim to answer; the claim is one manager’s alone and shows as a system line', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      await send(candidate.caller, conversationId, 'Hello');
      expect(await refusal(send(timur(), conversationId, 'Hi'))).toEqual({ code: 'not_claimed', message: chatRefusalMessage('not_claimed'), permanent: true });

      const claimed = await chat.claim(timur(), { conversationId });
      expect(claimed.conversation.claimedBy).toMatchObject({ userId: users.get('manager1@kazlogistics.demo')?.id, name: 'Timur Akhmetov' });
      expect(claimed.message).toMatchObject({ seq: 2, authorKind: 'system', authorUserId: null, body: 'Timur Akhmetov started the dialogue' });
      expect(await chat.claim(timur(), { conversationId })).toMatchObject({ changed: false, message: null });
      expect(await refusal(chat.claim(saule(), { conversationId }))).toMatchObject({
        code: 'claimed_by_other',
        message: 'Timur Akhmetov has taken this conversation; only they can answer it.',
      });
      expect(await refusal(send(saule(), conversationId, 'Hi'))).toMatchObject({ code: 'claimed_by_other' });
      expect((await send(timur(), conversationId, 'Hi, yes')).message).toMatchObject({ seq: 3, authorKind: 'employer', authorName: 'Timur Akhmetov' });
      expect(await refusal(chat.claim(candidate.caller, { conversationId }))).toMatchObject({ code: 'forbidden' });
    });

    it('lets only the admin hand a conversation to an active member; every hand-over is recorded', async () => {
      const { conversationId } = await conversationWithKaz();
      await chat.claim(timur(), { conversationId });
      const ids = (email: string) => users.get(email)?.id ?? '';
      expect(await refusal(chat.assign(saule(), { conversationId, userId: ids('manager2@kazlogistics.demo') }))).toMatchObject({ code: 'not_admin' });
      expect(await refusal(chat.assign(admin(), { conversationId, userId: ids('admin@steppefoods.demo') }))).toMatchObject({ code: 'not_a_member' });
      expect(await refusal(chat.assign(admin(), { conversationId, userId: crypto.randomUUID() }))).toMatchObject({ code: 'not_a_member' });

      const handed = await chat.assign(admin(), { conversationId, userId: ids('manager2@kazlogistics.demo') });
      expect(handed.message).toMatchObject({ authorKind: 'system', body: 'Dana Omarova handed the conversation to Saule Ibraeva' });
      expect(handed.conversation.claimedBy?.name).toBe('Saule Ibraeva');
      expect(await refusal(send(timur(), conversationId, 'Still me?'))).toMatchObject({ code: 'claimed_by_other' });
      expect((await send(saule(), conversationId, 'Saule here')).created).toBe(true);
      expect(await chat.assign(admin(), { conversationId, userId: ids('manager2@kazlogistics.demo') })).toMatchObject({ changed: false, message: null });

      const assignments = await w.t.db.getRepository(ChatAssignment).find({ where: { conversationId }, order: { at: 'ASC', fromUserId: 'ASC' } });
      expect(assignments.map((a) => [a.fromUserId, a.toUserId, a.byUserId])).toEqual(
        expect.arrayContaining([
          [null, ids('manager1@kazlogistics.demo'), ids('manager1@kazlogistics.demo')],
          [ids('manager1@kazlogistics.demo'), ids('manager2@kazlogistics.demo'), ids('admin@kazlogistics.demo')],
        ]),
      );
      expect(assignments).toHaveLength(2);
    });

    it('closes and reopens by the claimer or the admin; closed, nobody writes — but a stored message is still acked', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      const early = crypto.randomUUID();
      await send(candidate.caller, conversationId, 'Before closing', early);
      expect(await refusal(chat.setStatus(timur(), { conversationId, status: 'closed' }))).toMatchObject({ code: 'not_claimed' });
      await chat.claim(timur(), { conversationId });
      expect(await refusal(chat.setStatus(saule(), { conversationId, status: 'closed' }))).toMatchObject({ code: 'claimed_by_other' });
      expect(await refusal(chat.setStatus(candidate.caller, { conversationId, status: 'closed' }))).toMatchObject({ code: 'forbidden' });
      expect(await chat.setStatus(timur(), { conversationId, status: 'closed' })).toMatchObject({ changed: true, conversation: { status: 'closed' } });

      expect(await refusal(send(candidate.caller, conversationId, 'Hello?'))).toEqual({
        code: 'conversation_closed', message: chatRefusalMessage('conversation_closed'), permanent: true,
      });
      expect(await refusal(send(timur(), conversationId, 'Bye'))).toMatchObject({ code: 'conversation_closed' });
      expect(await send(candidate.caller, conversationId, 'Before closing', early)).toMatchObject({ created: false, message: { seq: 1 } });

      expect(await chat.setStatus(admin(), { conversationId, status: 'open' })).toMatchObject({ changed: true, conversation: { status: 'open' } });
      expect((await send(candidate.caller, conversationId, 'Thanks for reopening')).created).toBe(true);
    });
  });

  describe('unread counts and awaiting a reply', () => {
    it('counts the other side’s messages after each side’s read pointer, which only moves forward', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      w.clock.now = SEED_NOW + 10_000;
      await send(candidate.caller, conversationId, 'One');
      w.clock.now = SEED_NOW + 20_000;
      await send(candidate.caller, conversationId, 'Two');
      expect(await row(conversationId)).toMatchObject({ employerUnread: 2, candidateUnread: 0, awaitingReplySince: SEED_NOW + 10_000 });

      expect((await chat.read(saule(), { conversationId, seq: 1 })).conversation).toMatchObject({ employerReadSeq: 1, employerUnread: 1 });
      expect(await chat.read(timur(), { conversationId, seq: 0 })).toMatchObject({ changed: false, conversation: { employerReadSeq: 1 } });
      await chat.claim(timur(), { conversationId }); // a system line: unread for nobody
      expect(await row(conversationId)).toMatchObject({ employerUnread: 1, candidateUnread: 0, lastSeq: 3 });
      expect((await chat.read(timur(), { conversationId, seq: 99 })).conversation).toMatchObject({ employerReadSeq: 3, employerUnread: 0 });

      w.clock.now = SEED_NOW + 30_000;
      const answer = await send(timur(), conversationId, 'Come tomorrow');
      expect(answer.conversation).toMatchObject({
        candidateUnread: 1, awaitingReplySince: null,
        lastMessage: { seq: 4, authorKind: 'employer', preview: 'Come tomorrow', createdAt: SEED_NOW + 30_000 },
      });
      expect((await chat.read(candidate.caller, { conversationId, seq: 4 })).conversation).toMatchObject({ candidateReadSeq: 4, candidateUnread: 0 });
      w.clock.now = SEED_NOW + 40_000;
      expect((await send(candidate.caller, conversationId, 'OK')).conversation).toMatchObject({ awaitingReplySince: SEED_NOW + 40_000, employerUnread: 1 });
    });

    it('once taken, only the taker’s reading counts for the employer: another manager looking does not mark it read', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      await chat.claim(timur(), { conversationId }); // seq 1
      await send(candidate.caller, conversationId, 'Hello?'); // seq 2
      expect(await chat.read(saule(), { conversationId, seq: 2 })).toMatchObject({ changed: false, conversation: { employerReadSeq: 0, employerUnread: 1 } });
      expect(await chat.read(admin(), { conversationId, seq: 2 })).toMatchObject({ changed: false, conversation: { employerReadSeq: 0 } });
      expect((await chat.read(timur(), { conversationId, seq: 2 })).conversation).toMatchObject({ employerReadSeq: 2, employerUnread: 0 });
    });

    it('puts unanswered conversations and the longest wait in the fair overview, per participation', async () => {
      const moderator = users.get('moderator@fairdesk.demo');
      if (!moderator) throw new Error('no moderator');
      const overview = new FairOverviewService(w.tx);
      const line = async (p: Participation) => (await overview.overview(moderator, p.fairId)).employers.find((e) => e.participationId === p.id);
      const waitingBefore = (await w.t.db.getRepository(ChatConversation).find({ where: { participationId: steppe.id } })).filter((c) => c.awaitingReplySince !== null);
      expect(waitingBefore).toHaveLength(0);

      const a = await newCandidate('A');
      const b = await newCandidate('B');
      await respond(a, steppe, 'Baker');
      await respond(b, steppe, 'Baker');
      const open = async (c: { caller: ChatCaller }) => (await chat.open(c.caller, { fairId: steppe.fairId, employerId: steppe.employerId })).conversation.id;
      const [ca, cb] = [await open(a), await open(b)];
      expect(await line(steppe)).toMatchObject({ unansweredChats: 0, oldestUnansweredSince: null });
      w.clock.now = SEED_NOW + 100_000;
      await send(a.caller, ca, 'Hello');
      w.clock.now = SEED_NOW + 200_000;
      await send(b.caller, cb, 'Hello');
      await send(a.caller, ca, 'Anyone?');
      expect(await line(steppe)).toMatchObject({ unansweredChats: 2, oldestUnansweredSince: SEED_NOW + 100_000 });
      const arman = as('admin@steppefoods.demo');
      await chat.claim(arman, { conversationId: ca });
      await send(arman, ca, 'Yes, hello');
      expect(await line(steppe)).toMatchObject({ unansweredChats: 1, oldestUnansweredSince: SEED_NOW + 200_000 });
    });
  });

  describe('catching up and history', () => {
    it('sends each conversation’s messages after the known seq, all of an unknown one, and pages long histories', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      for (const body of ['1', '2', '3']) await send(candidate.caller, conversationId, body);
      const quiet = await conversationWithKaz();
      await respond(candidate, steppe, 'Baker');
      const long = (await chat.open(candidate.caller, { fairId: steppe.fairId, employerId: steppe.employerId })).conversation.id;
      // A long history, written directly (the service's path is tested above).
      const total = CHAT_PAGE_SIZE + 5;
      const rows = Array.from({ length: total }, (_, i) => ({
        id: crypto.randomUUID(), conversationId: long, seq: i + 1, authorKind: 'candidate' as const, authorUserId: null, authorName: 'A', body: `m${i + 1}`, createdAt: 1,
      }));
      for (let i = 0; i < rows.length; i += 100) await w.t.db.getRepository(ChatMessage).insert(rows.slice(i, i + 100));
      await w.t.db.getRepository(ChatConversation).update({ id: long }, { lastSeq: total });

      const caught = await chat.catchUp(candidate.caller, [{ conversationId, seq: 1 }, { conversationId: quiet.conversationId, seq: 0 }]);
      expect(caught.conversations.map((c) => c.id).sort()).toEqual([conversationId, long].sort());
      expect(caught.messages.filter((m) => m.conversationId === conversationId).map((m) => m.body)).toEqual(['2', '3']);
      const firstPage = caught.messages.filter((m) => m.conversationId === long);
      expect(firstPage.map((m) => m.seq)).toEqual(Array.from({ length: CHAT_PAGE_SIZE }, (_, i) => i + 1));
      expect(caught.more).toEqual([long]);

      expect(await chat.history(candidate.caller, { conversationId: long, afterSeq: CHAT_PAGE_SIZE })).toMatchObject({
        more: false, messages: rows.slice(CHAT_PAGE_SIZE).map((r) => ({ id: r.id, seq: r.seq })),
      });
      const page = await chat.history(candidate.caller, { conversationId, afterSeq: 0, limit: 2 });
      expect([page.messages.map((m) => m.body), page.more]).toEqual([['1', '2'], true]);
      expect(await chat.catchUp(candidate.caller, [{ conversationId, seq: 3 }, { conversationId: long, seq: total }])).toMatchObject({ messages: [], more: [] });
    });
  });

  describe('tenancy', () => {
    it('shows an employer only its own conversations, a candidate only its own, and moderators nothing', async () => {
      const { candidate, conversationId } = await conversationWithKaz();
      await send(candidate.caller, conversationId, 'Private');
      const stranger = as('admin@steppefoods.demo');
      expect((await chat.catchUp(stranger, [{ conversationId, seq: 0 }])).conversations.map((c) => c.id)).not.toContain(conversationId);
      expect((await chat.catchUp(stranger, [{ conversationId, seq: 0 }])).messages.map((m) => m.conversationId)).not.toContain(conversationId);
      // Thunks: each call starts only when awaited (a rejected promise must not wait unobserved).
      for (const call of [
        () => chat.history(stranger, { conversationId, afterSeq: 0 }),
        () => send(stranger, conversationId, 'Hi'),
        () => chat.read(stranger, { conversationId, seq: 1 }),
        () => chat.claim(stranger, { conversationId }),
        () => chat.setStatus(stranger, { conversationId, status: 'closed' }),
        () => chat.typingAudience(stranger, conversationId),
      ]) {
        expect(await refusal(call())).toMatchObject({ code: 'not_found' });
      }

      const other = await newCandidate('Other');
      expect((await chat.catchUp(other.caller, [{ conversationId, seq: 0 }])).conversations).toEqual([]);
      expect(await refusal(chat.history(other.caller, { conversationId, afterSeq: 0 }))).toMatchObject({ code: 'not_found' });
      expect(await refusal(send(other.caller, conversationId, 'Hi'))).toMatchObject({ code: 'not_found' });

      const moderator = as('moderator@fairdesk.demo');
      expect(await refusal(chat.catchUp(moderator, []))).toMatchObject({ code: 'forbidden' });
      expect(await refusal(chat.history(moderator, { conversationId, afterSeq: 0 }))).toMatchObject({ code: 'forbidden' });
      expect((await messagesOf(conversationId)).map((m) => m.body)).toEqual(['Private']);

      const own = await chat.catchUp(timur(), []);
      expect(own.conversations.map((c) => c.id)).toContain(conversationId);
      expect(own.conversations.every((c) => c.employerId === kaz.employerId)).toBe(true);
    });
  });
});
