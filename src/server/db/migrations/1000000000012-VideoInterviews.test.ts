import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { seedDemoWorld } from '../../seed/demoWorld';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../testDatabases';
import { VideoInterviews1000000000012 } from './1000000000012-VideoInterviews';
import { serverMigrations } from './index';

describe.each(databaseKindsUnderTest())('migration 1000000000012 VideoInterviews on %s', (kind) => {
  let t: TestDatabase;
  let q: QueryRunner;
  const migration = new VideoInterviews1000000000012();
  const ids = { candidate: crypto.randomUUID(), responses: [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()], interviews: [] as string[] };
  let info: { id: string; employer_id: string; fair_id: string };
  let userId = '';

  const interview = (id: string, responseId: string) =>
    q.query(
      `INSERT INTO video_interviews (id, response_id, employer_id, participation_id, fair_id, candidate_id, invited_by_user_id, state, invited_at, note, updated_at)
       VALUES ('${id}', '${responseId}', '${info.employer_id}', '${info.id}', '${info.fair_id}', '${ids.candidate}', '${userId}', 'invited', 1, '', 1)`,
    );
  const booking = (interviewId: string, startsAt: number) =>
    q.query(
      `INSERT INTO video_slot_bookings (participation_id, manager_id, starts_at, interview_id, booked_at) VALUES ('${info.id}', '${userId}', ${startsAt}, '${interviewId}', 1)`,
    );
  const peer = (peerId: string, interviewId: string) =>
    q.query(`INSERT INTO video_call_peers (peer_id, interview_id, side, token_hash, issued_at) VALUES ('${peerId}', '${interviewId}', 'manager', '${'b'.repeat(64)}', 1)`);
  const count = async (table: string): Promise<number> => {
    const [row] = (await q.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: string | number }>;
    return Number(row?.n);
  };

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
    for (const response of ids.responses) {
      await q.query(
        `INSERT INTO vacancy_responses (id, candidate_id, vacancy_id, participation_id, fair_id, employer_id, vacancy_title, company_name, resume_upload_id, wants_video_interview, cover_note, created_at, version)
         VALUES ('${response}', '${ids.candidate}', '${crypto.randomUUID()}', '${info.id}', '${info.fair_id}', '${info.employer_id}', 'V', 'C', '${resume}', ${kind === 'postgres' ? 'true' : '1'}, '', 1, 1)`,
      );
    }
    await migration.up(q);
    if (kind === 'sqlite') await q.query('PRAGMA foreign_keys = ON');
  });
  afterAll(async () => {
    await q?.release();
    await t?.dispose();
  });

  it('creates invitations with no slot, no outcome and version 0', async () => {
    const id = crypto.randomUUID();
    ids.interviews.push(id);
    await interview(id, ids.responses[0] ?? '');
    const [row] = (await q.query(`SELECT * FROM video_interviews WHERE id = '${id}'`)) as Array<Record<string, unknown>>;
    expect(Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, v === null ? null : String(v)]))).toMatchObject({
      state: 'invited', slot_manager_id: null, slot_starts_at: null, slot_ends_at: null, booked_at: null, declined_at: null, manager_joined_at: null,
      candidate_joined_at: null, call_started_at: null, call_ended_at: null, duration_seconds: null, absent: null, note: '', version: '0',
    });
  });

  it('keeps one invitation per response, of rows that exist', async () => {
    await expect(interview(crypto.randomUUID(), ids.responses[0] ?? '')).rejects.toThrow();
    await expect(interview(crypto.randomUUID(), crypto.randomUUID())).rejects.toThrow();
    const second = crypto.randomUUID();
    ids.interviews.push(second);
    await interview(second, ids.responses[1] ?? '');
  });

  it('lets one interview hold a slot and an interview hold one slot', async () => {
    const [first = '', second = ''] = ids.interviews;
    await booking(first, 1000);
    await expect(booking(second, 1000)).rejects.toThrow();
    await expect(booking(first, 2000)).rejects.toThrow();
    await booking(second, 2000);
    await expect(booking(crypto.randomUUID(), 3000)).rejects.toThrow();
    expect(await count('video_slot_bookings')).toBe(2);
  });

  it('keeps peer ids unique, of interviews that exist', async () => {
    const [first = ''] = ids.interviews;
    await peer('peer-one-aaaaaaaaaaaaaa', first);
    await expect(peer('peer-one-aaaaaaaaaaaaaa', first)).rejects.toThrow();
    await expect(peer('peer-two-aaaaaaaaaaaaaa', crypto.randomUUID())).rejects.toThrow();
  });

  it('drops bookings and peers with their interview', async () => {
    await q.query(`DELETE FROM video_interviews WHERE id = '${ids.interviews[0] ?? ''}'`);
    expect(await count('video_slot_bookings')).toBe(1);
    expect(await count('video_call_peers')).toBe(0);
  });

  it('down() drops the three tables', async () => {
    await migration.down(q);
    for (const table of ['video_interviews', 'video_slot_bookings', 'video_call_peers']) expect(await q.hasTable(table)).toBe(false);
  });
});
