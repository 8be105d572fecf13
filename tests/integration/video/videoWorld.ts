import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import { CareerCentre, Candidate, Company, Fair, Participation, PreApplication, Upload, User, VacancyResponse, Vacancy } from '../../../src/server/db/entities';
import { TransactionRunner } from '../../../src/server/db/transactions';
import { VideoInterviewService } from '../../../src/server/video/videoInterviewService';
import type { InterviewPlanEntry } from '../../../src/shared/domain/participation/interviewPlan';
import { signInCandidate, type PortalCandidate } from '../support/candidatePortal';
import { startServerOn, type ServerOnDatabase } from '../support/databases';
import { openDump } from '../support/dbDump';
import { startSmtpSink } from '../support/smtpSink';
import { loginAs, type Session } from '../support/syncClient';

/** The demo accounts the video suites act as. */
export const STAFF = {
  admin: 'admin@kazlogistics.demo',
  manager1: 'manager1@kazlogistics.demo',
  manager2: 'manager2@kazlogistics.demo',
  otherAdmin: 'admin@steppefoods.demo',
  moderator: 'moderator@fairdesk.demo',
} as const;
export type Staff = keyof typeof STAFF;

/** Tables a refused video request must leave as they were. */
export const VIDEO_TABLES = ['video_interviews', 'video_slot_bookings', 'video_call_peers'];

export interface VideoWorldOptions {
  /** manager1's slots, the first starting 7–8 minutes after the world is built (joinable at once). */
  soonSlots: number;
  /** manager2's slots, the first starting 30–31 minutes after the world is built (too early to join); 0 for none. */
  laterSlots: number;
}

/**
 * A seeded server process on a fresh database, plus one KazLogistics participation whose video
 * interviews fall on today: its own career centre sits in an `Etc/GMT±N` zone where it is now
 * about noon (no slot crosses midnight), its fair ended yesterday there, and its approved plan
 * starts manager1's series minutes from now and manager2's half an hour from now. The server
 * runs on the real clock, so "now" is placed inside the plan rather than the clock faked.
 */
export interface VideoWorld {
  kind: 'sqlite' | 'postgres';
  url: string;
  direct: Awaited<ReturnType<typeof openDump>>;
  sessions: Record<Staff, Session>;
  timeZone: string;
  participationId: string;
  /** Signs a candidate in through a mailed link (a real SMTP sink). */
  signIn(email: string, name: string): Promise<PortalCandidate>;
  /**
   * Stores the candidate's response (asking for a video interview) to the participation's vacancy
   * and invites it through VideoInterviewService as `by`, as the sync mutation would; returns the interview id.
   */
  invite(candidate: PortalCandidate, by: Staff): Promise<string>;
  dispose(): Promise<void>;
}

/** A fixed-offset zone in which it is now between 12:00 and 12:59. */
function noonZone(): string {
  const eastOfUtc = 12 - DateTime.utc().hour; // -11 … +12, all of which exist as Etc/GMT zones
  if (eastOfUtc === 0) return 'Etc/GMT';
  // Etc/GMT signs are POSIX-inverted: Etc/GMT-5 is five hours EAST of UTC.
  return eastOfUtc > 0 ? `Etc/GMT-${eastOfUtc}` : `Etc/GMT+${-eastOfUtc}`;
}

/** `HH:mm` in `zone`, `minutes` from now rounded up to the next whole minute. */
const startTimeIn = (zone: string, minutes: number): string =>
  DateTime.now().setZone(zone).plus({ minutes: minutes + 1 }).startOf('minute').toFormat('HH:mm');

export async function startVideoWorld(kind: 'sqlite' | 'postgres', options: VideoWorldOptions): Promise<VideoWorld> {
  const sink = await startSmtpSink();
  const env: ServerOnDatabase = await startServerOn(kind, { env: { FAIRDESK_SMTP_URL: sink.url, NODE_ENV: 'test' } });
  const url = env.server.url;
  const direct = await openDump(env.target);
  const db = direct.db;
  const sessions = {} as Record<Staff, Session>;
  for (const [key, email] of Object.entries(STAFF) as Array<[Staff, string]>) sessions[key] = await loginAs(url, email);

  const company = await db.getRepository(Company).findOneByOrFail({ legalName: 'KazLogistics LLP' });
  const userOf = (who: Staff): Promise<User> => db.getRepository(User).findOneByOrFail({ email: STAFF[who] });
  const manager1 = await userOf('manager1');
  const manager2 = await userOf('manager2');

  const timeZone = noonZone();
  const now = Date.now();
  const centreId = crypto.randomUUID();
  await db.getRepository(CareerCentre).insert({ id: centreId, name: 'Video Test Centre', region: 'Video Region', timeZone, holidays: [], version: 0 });
  const yesterday = DateTime.now().setZone(timeZone).minus({ days: 1 }).toISODate() ?? '';
  const fairId = crypto.randomUUID();
  const fairTitle = 'Video test fair';
  await db.getRepository(Fair).insert({
    id: fairId, centreId, title: fairTitle, region: 'Video Region', city: 'Video City', startsOn: yesterday, endsOn: yesterday,
    description: 'Its interview day is today', createdAt: now, updatedAt: now, version: 0,
  });
  const plan: InterviewPlanEntry[] = [{ managerId: manager1.id, startTime: startTimeIn(timeZone, 7), count: options.soonSlots }];
  if (options.laterSlots > 0) plan.push({ managerId: manager2.id, startTime: startTimeIn(timeZone, 30), count: options.laterSlots });
  const number = `20990202-${now % 100_000}`;
  const preApplicationId = crypto.randomUUID();
  await db.getRepository(PreApplication).insert({
    id: preApplicationId, number, employerId: company.employerId, companyId: company.id, companyName: company.legalName,
    centreId, way: 2, fairId, fairTitle, region: 'Video Region', desiredFrom: null, desiredTo: null,
    companyInfo: '', vacantPlaces: 1, professions: ['Driver'], contactName: 'T', contactPhone: '1', contactEmail: STAFF.admin,
    consentSalaryShown: true, consentChatDuringFair: true, wantsVideoInterviews: true, status: 'approved', rejectionReason: null,
    decidedBy: null, decidedAt: now, decidedByName: 'Moderator', createdAt: now, updatedAt: now, statusChangedAt: now, version: 0,
  });
  const participationId = crypto.randomUUID();
  await db.getRepository(Participation).insert({
    id: participationId, preApplicationId, number, employerId: company.employerId, companyId: company.id, companyName: company.legalName,
    centreId, fairId, fairTitle, standId: null, interviewPlan: plan, status: 'approved', rejectionReason: null,
    decidedBy: null, decidedByName: 'Moderator', decidedAt: now, sentAt: now, createdAt: now, updatedAt: now, statusChangedAt: now, version: 0, lastClientId: null,
  });
  const vacancyId = crypto.randomUUID();
  const vacancyTitle = 'Video interview driver';
  await db.getRepository(Vacancy).insert({
    id: vacancyId, employerId: company.employerId, companyId: company.id, participationId, title: vacancyTitle, profession: 'Driver',
    salaryFrom: 300_000, salaryTo: 450_000, currency: 'KZT', places: 2, location: 'Almaty', description: 'Drives', requirements: 'Licence C',
    employmentType: 'full_time', active: true, createdAt: now, updatedAt: now, version: 0, lastClientId: null,
  });

  const tx = new TransactionRunner(db);
  const service = new VideoInterviewService(tx, { peerServer: { path: '/peerjs', key: 'fairdesk' }, iceServers: [] });

  return {
    kind,
    url,
    direct,
    sessions,
    timeZone,
    participationId,
    signIn: (email, name) => signInCandidate(url, sink, email, name),
    async invite(portalCandidate, by) {
      const candidate = await db.getRepository(Candidate).findOneByOrFail({ email: portalCandidate.email.toLowerCase() });
      const at = Date.now();
      const resumeUploadId = crypto.randomUUID();
      await db.getRepository(Upload).insert({
        id: resumeUploadId, kind: 'resume', mime: 'application/pdf', size: 1, sha256: crypto.createHash('sha256').update(resumeUploadId).digest('hex'),
        originalName: `${candidate.name} CV.pdf`, width: null, height: null, employerId: null, candidateId: candidate.id, uploadedBy: null, createdAt: at,
      });
      const responseId = crypto.randomUUID();
      await db.getRepository(VacancyResponse).insert({
        id: responseId, candidateId: candidate.id, vacancyId, participationId, fairId, employerId: company.employerId, vacancyTitle,
        companyName: company.legalName, resumeUploadId, resumeFileName: `${candidate.name} CV.pdf`, candidateName: candidate.name,
        candidateEmail: candidate.email, candidatePhone: candidate.phone, wantsVideoInterview: true, coverNote: '', createdAt: at, version: 0,
      });
      const actor = await userOf(by);
      const id = crypto.randomUUID();
      await tx.write((ctx) => service.inviteToVideoInterview(ctx, actor, { id, responseId }));
      return id;
    },
    async dispose() {
      await direct.close();
      await env.dispose();
      await sink.stop();
    },
  };
}
