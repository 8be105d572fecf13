import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { seedDemoWorld } from '../../seed/demoWorld';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { Chat1000000000011 } from './1000000000011-Chat';
import { serverMigrations } from './index';

describe.each(databaseKindsUnderTest())('migration 1000000000011 Chat on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new Chat1000000000011();
  const ids = { candidate: crypto.randomUUID(), response: crypto.randomUUID(), conversation: crypto.randomUUID() };
  let info: { id: string; employer_id: string; fair_id: string };
  let userId = '';

  const conversation = (id: string, candidate = ids.candidate) =>
    q.query(
      `INSERT INTO chat_conversations (id, fair_id, employer_id, participation_id, candidate_id, response_id, status, created_at, updated_at)
       VALUES ('${id}', '${info.fair_id}', '${info.employer_id}', '${info.id}', '${candidate}', '${ids.response}', 'open', 1, 1)`,
    );
  const message = (id: string, seq: number, conversationId = ids.conversation) =>
    q.query(
      `INSERT INTO chat_messages (id, conversation_id, seq, author_kind, author_user_id, author_name, body, created_at)
       VALUES ('${id}', '${conversationId}', ${seq}, 'candidate', NULL, 'A', 'Hello', 1)`,
    );

  beforeAll(async () => {
    t = await openTestDatabase(kind, { runMigrations: false });
    q = t.db.createQueryRunner();
    for (const M of serverMigrations) {
      const earlier = new M();
      if (earlier.name === migration.name) break;
      await earlier.up(q);
    }
    // The world as it was before the video tables: this schema predates them.
    await seedDemoWorld(t.db, Date.now(), { videoInterviews: false });
    const [first] = (await q.query('SELECT id, employer_id, fair_id FROM participations ORDER BY id')) as Array<typeof info>;
    if (!first) throw new Error('the demo world has no participation');
    info = first;
    const [user] = (await q.query(`SELECT id FROM users WHERE employer_id = '${info.employer_id}'`)) as Array<{ id: string }>;
    userId = user?.id ?? '';
    await q.query(`INSERT INTO candidates (id, email, name, phone, locale, created_at, updated_at) VALUES ('${ids.candidate}', 'a@b.kz', 'A', '', 'ru', 1, 1)`);
    const resume = crypto.randomUUID();
    await q.query(
      `INSERT INTO uploads (id, kind, mime, size, sha256, original_name, width, height, employer_id, candidate_id, uploaded_by, created_at)
       VALUES ('${resume}', 'resume', 'application/pdf', 1, '${'a'.repeat(64)}', 'cv.pdf', NULL, NULL, NULL, '${ids.candidate}', NULL, 1)`,
    );
    await q.query(
      `INSERT INTO vacancy_responses (id, candidate_id, vacancy_id, participation_id, fair_id, employer_id, vacancy_title, company_name, resume_upload_id, wants_video_interview, cover_note, created_at, version)
       VALUES ('${ids.response}', '${ids.candidate}', '${crypto.randomUUID()}', '${info.id}', '${info.fair_id}', '${info.employer_id}', 'V', 'C', '${resume}', ${kind === 'postgres' ? 'true' : '1'}, '', 1, 1)`,
    );
    await migration.up(q);
    if (kind === 'sqlite') await q.query('PRAGMA foreign_keys = ON');
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  it('creates conversations with empty counters and summaries', async () => {
    await conversation(ids.conversation);
    const [row] = (await q.query(`SELECT * FROM chat_conversations WHERE id = '${ids.conversation}'`)) as Array<Record<string, unknown>>;
    expect(Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, v === null ? null : String(v)]))).toMatchObject({
      status: 'open', claimed_by_user_id: null, claimed_at: null, last_seq: '0', last_message_seq: null, last_message_preview: null,
      candidate_read_seq: '0', employer_read_seq: '0', employer_unread: '0', candidate_unread: '0', awaiting_reply_since: null,
    });
  });

  it('keeps one conversation per fair, employer and candidate, of rows that exist', async () => {
    await expect(conversation(crypto.randomUUID())).rejects.toThrow();
    await expect(conversation(crypto.randomUUID(), crypto.randomUUID())).rejects.toThrow();
  });

  it('keeps message ids and each conversation’s seqs unique', async () => {
    const id = crypto.randomUUID();
    await message(id, 1);
    await expect(message(id, 2)).rejects.toThrow();
    await expect(message(crypto.randomUUID(), 1)).rejects.toThrow();
    await expect(message(crypto.randomUUID(), 1, crypto.randomUUID())).rejects.toThrow();
  });

  it('records assignments, and drops messages and assignments with their conversation', async () => {
    await q.query(
      `INSERT INTO chat_assignments (id, conversation_id, from_user_id, to_user_id, by_user_id, at) VALUES ('${crypto.randomUUID()}', '${ids.conversation}', NULL, '${userId}', '${userId}', 1)`,
    );
    await expect(
      q.query(`INSERT INTO chat_assignments (id, conversation_id, from_user_id, to_user_id, by_user_id, at) VALUES ('${crypto.randomUUID()}', '${ids.conversation}', NULL, '${crypto.randomUUID()}', '${userId}', 1)`),
    ).rejects.toThrow();
    await q.query(`DELETE FROM chat_conversations WHERE id = '${ids.conversation}'`);
    for (const table of ['chat_messages', 'chat_assignments']) {
      const [count] = (await q.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: string | number }>;
      expect(Number(count?.n)).toBe(0);
    }
  });

  it('down() drops the three tables', async () => {
    await migration.down(q);
    for (const table of ['chat_conversations', 'chat_messages', 'chat_assignments']) expect(await q.hasTable(table)).toBe(false);
  });
});
