import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interviewSlots } from '../../shared/domain/participation/interviewPlan';
import { VideoJoinGrant } from '../../shared/domain/video/records';
import { JOIN_OPENS_BEFORE_MS } from '../../shared/domain/video/rules';
import { Candidate, Fair, MailOutbox, Participation, ResponseDigest, Upload, User, VacancyResponse, VideoInterview } from '../db/entities';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../db/testDatabases';
import { TransactionRunner } from '../db/transactions';
import { UploadFileStore } from '../uploads/fileStore';
import { inspectUpload } from '../uploads/inspect';
import { VideoFailure, VideoInterviewService } from '../video/videoInterviewService';
import { seedDemoWorld } from './demoWorld';
import { DEMO_CANDIDATES } from './demoCandidates';
import { demoInterviewDay } from './demoInterviewDay';

const ZONE = 'Asia/Almaty';
const MINUTE = 60_000;
/** An instant given as Almaty wall-clock time. */
const almaty = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

describe('demoInterviewDay', () => {
  // The late evening is where the series has to move: every 7 s over the day's last 40 minutes, plus edges.
  const lateEvening = Array.from({ length: (40 * 60) / 7 }, (_, i) => almaty('2026-09-10T23:20:00') + i * 7_000);
  const edges = ['00:00:00', '08:00:00.500', '12:34:56', '23:36:59.999', '23:37:00', '23:37:00.001', '23:40:00', '23:55:00', '23:59:59.999'];
  const nows = [...edges.map((t) => almaty(`2026-09-10T${t}`)), ...lateEvening];

  it.each(nows.map((now) => [DateTime.fromMillis(now, { zone: ZONE }).toFormat('HH:mm:ss.SSS'), now]))(
    'at %s Almaty the first slot has not begun and Join opens within 10 minutes',
    (_label, now) => {
      const plan = demoInterviewDay(now, ZONE);
      expect(plan.firstStartsAt).toBeGreaterThan(now);
      expect(plan.firstStartsAt - JOIN_OPENS_BEFORE_MS).toBeLessThanOrEqual(now + 10 * MINUTE);
      // The plan is valid for its fair (the day before) and its first slot is the one computed.
      const endsOn = DateTime.fromISO(plan.day).minus({ days: 1 }).toISODate() ?? '';
      const slots = interviewSlots([{ managerId: crypto.randomUUID(), startTime: plan.startTime, count: plan.count }], { endsOn }, { timeZone: ZONE });
      expect(slots[0]?.startsAt).toBe(plan.firstStartsAt);
      expect(slots.length).toBeGreaterThanOrEqual(1);
    },
  );

  it('starts 3 minutes from now rounded up to the minute, with as many slots as fit before midnight (at most 10)', () => {
    expect(demoInterviewDay(almaty('2026-09-10T08:00:00'), ZONE)).toMatchObject({ day: '2026-09-10', startTime: '08:03', count: 10 });
    expect(demoInterviewDay(almaty('2026-09-10T08:00:00.001'), ZONE)).toMatchObject({ startTime: '08:04' });
    expect(demoInterviewDay(almaty('2026-09-10T22:00:00'), ZONE)).toMatchObject({ day: '2026-09-10', startTime: '22:03', count: 5 });
    // Too late for a slot from now+3: the day's last slot while it has not begun, else midnight.
    expect(demoInterviewDay(almaty('2026-09-10T23:38:00'), ZONE)).toMatchObject({ day: '2026-09-10', startTime: '23:40', count: 1 });
    expect(demoInterviewDay(almaty('2026-09-10T23:55:00'), ZONE)).toMatchObject({ day: '2026-09-11', startTime: '00:00', count: 10 });
  });
});

describe.each(databaseKindsUnderTest())('video demo world on %s', (kind) => {
  const cases = [
    { label: '08:00', now: almaty('2026-09-10T08:00:00'), fairDay: '2026-09-09', slots: 10, secondBooked: true },
    { label: '23:38', now: almaty('2026-09-10T23:38:00'), fairDay: '2026-09-09', slots: 1, secondBooked: false },
    { label: '23:55', now: almaty('2026-09-10T23:55:00'), fairDay: '2026-09-10', slots: 10, secondBooked: true },
  ];

  describe.each(cases)('seeded at $label Almaty', ({ now, fairDay, slots, secondBooked }) => {
    let t: TestDatabase;
    let filesRoot: string;
    const clock = { now };
    let video: VideoInterviewService;

    beforeAll(async () => {
      t = await openTestDatabase(kind);
      filesRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fairdesk-seed-files-'));
      expect(await seedDemoWorld(t.db, now, { files: new UploadFileStore(filesRoot) })).toEqual({ seeded: true });
      video = new VideoInterviewService(new TransactionRunner(t.db, () => clock.now), {
        peerServer: { path: '/peerjs', key: 'fairdesk' },
        iceServers: [],
        now: () => clock.now,
      });
    });
    afterAll(async () => {
      await t?.dispose();
      if (filesRoot) fs.rmSync(filesRoot, { recursive: true, force: true });
    });

    const candidate = (index: number): Promise<Candidate> => t.db.getRepository(Candidate).findOneByOrFail({ email: DEMO_CANDIDATES[index]?.email ?? '' });
    const interviewOf = async (index: number): Promise<VideoInterview> =>
      t.db.getRepository(VideoInterview).findOneByOrFail({ candidateId: (await candidate(index)).id });
    const user = (email: string): Promise<User> => t.db.getRepository(User).findOneByOrFail({ email });

    it('has a fair that ended the day before the interview day and an approved plan for manager1', async () => {
      const fair = await t.db.getRepository(Fair).findOneByOrFail({ startsOn: fairDay });
      expect(fair.endsOn).toBe(fairDay);
      const info = await t.db.getRepository(Participation).findOneByOrFail({ fairId: fair.id });
      const manager1 = await user('manager1@kazlogistics.demo');
      expect(info).toMatchObject({ companyName: 'KazLogistics LLP', status: 'approved', standId: expect.any(String) });
      expect(info.interviewPlan).toEqual([{ managerId: manager1.id, startTime: expect.any(String), count: slots }]);
    });

    it('lets the candidate and the inviting manager join slot 1 within 10 minutes of the seed', async () => {
      const first = await interviewOf(0);
      expect(first.state).toBe('booked');
      clock.now = now + 10 * MINUTE;
      const manager1 = await user('manager1@kazlogistics.demo');
      const managerGrant = VideoJoinGrant.parse(await video.join({ kind: 'user', userId: manager1.id }, first.id));
      const candidateGrant = VideoJoinGrant.parse(await video.join({ kind: 'candidate', candidateId: first.candidateId }, first.id));
      expect(candidateGrant.remotePeerId).toBe(managerGrant.peer.id);
      expect(candidateGrant.slotStartsAt).toBe(first.slotStartsAt);
    });

    it('refuses the employer admin (not the inviting manager)', async () => {
      const first = await interviewOf(0);
      clock.now = now + 10 * MINUTE;
      const admin = await user('admin@kazlogistics.demo');
      await expect(video.join({ kind: 'user', userId: admin.id }, first.id)).rejects.toMatchObject({ code: 'not_inviter' });
    });

    it(secondBooked ? 'books the second candidate 20 minutes after the first, too early to join at the seed time' : 'leaves the second candidate invited: the day has one slot', async () => {
      const [first, second] = [await interviewOf(0), await interviewOf(1)];
      if (!secondBooked) {
        expect(second.state).toBe('invited');
        return;
      }
      expect(second.state).toBe('booked');
      expect(second.slotStartsAt).toBe((first.slotStartsAt ?? 0) + 20 * MINUTE);
      clock.now = now;
      const failure = await video.join({ kind: 'candidate', candidateId: second.candidateId }, second.id).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(VideoFailure);
      expect(failure).toMatchObject({ code: 'too_early' });
    });

    it('stores the responses with a real PDF resume and queues both invitation mails', async () => {
      const responses = await t.db.getRepository(VacancyResponse).find();
      expect(responses.map((r) => [r.candidateEmail, r.wantsVideoInterview]).sort()).toEqual(DEMO_CANDIDATES.map((c) => [c.email, true]).sort());
      for (const r of responses) {
        const upload = await t.db.getRepository(Upload).findOneByOrFail({ id: r.resumeUploadId });
        expect(upload.candidateId).toBe(r.candidateId);
        const bytes = fs.readFileSync(new UploadFileStore(filesRoot).pathOf(upload.sha256));
        await expect(inspectUpload(bytes, { kind: 'resume', declaredName: upload.originalName })).resolves.toMatchObject({ mime: 'application/pdf', sha256: upload.sha256 });
      }
      // The inviting manager has seen them: the response digest starts after them.
      const watermark = await t.db.getRepository(ResponseDigest).findOneByOrFail({ employerId: responses[0]?.employerId ?? '' });
      expect(watermark.lastVersion).toBe(Math.max(...responses.map((r) => r.version)));
      const mails = await t.db.getRepository(MailOutbox).find();
      expect(mails.map((m) => m.toAddress).sort()).toEqual(DEMO_CANDIDATES.map((c) => c.email).sort());
    });
  });
});
