import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { hashSessionToken, newSessionToken } from '../../src/server/auth/tokens';
import { CANDIDATE_SESSION_TTL_MS } from '../../src/server/candidates/candidateSessions';
import { hashCandidateToken, newCandidateToken } from '../../src/server/candidates/tokens';
import {
  Candidate,
  CandidateSession,
  CareerCentre,
  Company,
  Employer,
  Fair,
  Participation,
  PreApplication,
  Session,
  Upload,
  User,
  Vacancy,
  VacancyResponse,
} from '../../src/server/db/entities';
import { openServerData } from '../sync/benchWorld';
import type { ChatPair } from './generatorProtocol';

export interface ChatWorldOptions {
  /** Conversations, each one candidate ↔ one manager (so 2 × pairs connected clients). */
  pairs: number;
  /**
   * Managers per employer. Every chat broadcast also goes to the employer's room (all its users
   * see every conversation), so this is the employer-side fan-out of each message.
   */
  managersPerEmployer: number;
  /** The server's FAIRDESK_SECRET: sessions are stored as its HMAC of the token, as the server does. */
  secret: string;
}

export interface ChatWorld {
  fairId: string;
  pairs: ChatPair[];
}

/**
 * Writes the bench's fair straight into a stopped server's SQLite file through the server's own
 * entities and token hashing: one fair tomorrow; `pairs / managersPerEmployer` employers, each
 * with a company, an approved participation with one vacancy and `managersPerEmployer` cabinet
 * managers holding a desktop session; one candidate per pair with a portal session and a
 * response to its employer's vacancy. The conversations themselves are opened and claimed later
 * through the real socket protocol (`chat:open`, `chat:claim`), not written here.
 */
export async function buildChatWorld(dataDir: string, options: ChatWorldOptions): Promise<ChatWorld> {
  const db = await openServerData(dataDir);
  try {
    return await db.transaction(async (m) => {
      const centre = (await m.find(CareerCentre, { order: { name: 'ASC' } }))[0];
      // Bench users never sign in with a password; they reuse a real argon2 hash so the row is valid.
      const demoUser = await m.findOneBy(User, { email: 'admin@kazlogistics.demo' });
      if (!centre || !demoUser) throw new Error('the demo world lacks a centre or admin@kazlogistics.demo');
      const now = Date.now();
      const tomorrow = DateTime.now().setZone(centre.timeZone).startOf('day').plus({ days: 1 }).toISODate() ?? '';
      const fairId = crypto.randomUUID();
      await m.insert(Fair, {
        id: fairId, centreId: centre.id, title: 'Chat benchmark fair', region: centre.region, city: centre.region,
        startsOn: tomorrow, endsOn: tomorrow, description: 'Fair of the chat benchmark', createdAt: now, updatedAt: now,
        version: 0, lastClientId: null,
      });

      const employers: Array<{ employerId: string; vacancyId: string; participationId: string; companyName: string; vacancyTitle: string }> = [];
      const employerCount = Math.ceil(options.pairs / options.managersPerEmployer);
      for (let e = 0; e < employerCount; e += 1) employers.push(await insertEmployer(m, e, fairId, centre, now));

      const pairs: ChatPair[] = [];
      const users: User[] = [];
      const sessions: Session[] = [];
      const candidates: Candidate[] = [];
      const candidateSessions: CandidateSession[] = [];
      const uploads: Upload[] = [];
      const responses: VacancyResponse[] = [];
      for (let i = 0; i < options.pairs; i += 1) {
        const employer = employers[i % employerCount] as (typeof employers)[number];
        const user = m.create(User, {
          id: crypto.randomUUID(), email: `manager${i}@chatbench.test`, passwordHash: demoUser.passwordHash,
          displayName: `Bench Manager ${i}`, role: 'employer_manager', centreId: null, employerId: employer.employerId,
          active: true, locale: 'en', createdAt: now, scopeEpoch: 0,
        });
        users.push(user);
        const managerToken = newSessionToken();
        sessions.push(
          m.create(Session, {
            id: crypto.randomUUID(), tokenHash: hashSessionToken(options.secret, managerToken), userId: user.id,
            clientName: 'chat bench', createdAt: now, expiresAt: now + 86_400_000, lastSeenAt: now, revokedAt: null,
          }),
        );
        const candidate = m.create(Candidate, {
          id: crypto.randomUUID(), email: `candidate${i}@chatbench.test`, name: `Bench Candidate ${i}`, phone: '',
          locale: 'en', createdAt: now, updatedAt: now,
        });
        candidates.push(candidate);
        const candidateToken = newCandidateToken();
        candidateSessions.push(
          m.create(CandidateSession, {
            id: crypto.randomUUID(), tokenHash: hashCandidateToken(options.secret, 'candidate-session', candidateToken),
            candidateId: candidate.id, createdAt: now, expiresAt: now + CANDIDATE_SESSION_TTL_MS, revokedAt: null,
          }),
        );
        const resume = m.create(Upload, {
          id: crypto.randomUUID(), kind: 'resume', mime: 'application/pdf', size: 1024,
          sha256: crypto.createHash('sha256').update(`resume ${i}`).digest('hex'), originalName: `resume-${i}.pdf`,
          width: null, height: null, employerId: null, candidateId: candidate.id, uploadedBy: null, createdAt: now,
        });
        uploads.push(resume);
        responses.push(
          m.create(VacancyResponse, {
            id: crypto.randomUUID(), candidateId: candidate.id, vacancyId: employer.vacancyId, participationId: employer.participationId,
            fairId, employerId: employer.employerId, vacancyTitle: employer.vacancyTitle, companyName: employer.companyName,
            resumeUploadId: resume.id, resumeFileName: resume.originalName, candidateName: candidate.name, candidateEmail: candidate.email,
            candidatePhone: '', wantsVideoInterview: false, coverNote: 'I would like to talk about the vacancy.', createdAt: now, version: 0,
          }),
        );
        pairs.push({ employerId: employer.employerId, managerUserId: user.id, managerToken, candidateId: candidate.id, candidateToken });
      }
      // Parents before children (foreign keys); chunks keep each statement under SQLite's variable limit.
      for (const [entity, rows] of [
        [User, users], [Session, sessions], [Candidate, candidates], [CandidateSession, candidateSessions],
        [Upload, uploads], [VacancyResponse, responses],
      ] as const) {
        for (let start = 0; start < rows.length; start += 50) await m.insert(entity, rows.slice(start, start + 50) as never);
      }
      return { fairId, pairs };
    });
  } finally {
    await db.destroy();
  }
}

/** One employer with a company, an approved pre-application and participation at the fair, and one vacancy. */
async function insertEmployer(m: EntityManager, e: number, fairId: string, centre: CareerCentre, now: number) {
  const employerId = crypto.randomUUID();
  const companyName = `Bench Company ${e} LLP`;
  await m.insert(Employer, { id: employerId, name: `Bench Employer ${e}`, createdAt: now });
  const companyId = crypto.randomUUID();
  await m.insert(Company, {
    id: companyId, employerId, legalName: companyName, bin: String(900_000_000_000 + e), address: 'Almaty',
    website: 'https://example.com', info: 'Benchmark company', verifiedAt: now, version: 0,
  } as never);
  const number = `20990202-${e + 1}`;
  const preApplicationId = crypto.randomUUID();
  await m.insert(PreApplication, {
    id: preApplicationId, number, employerId, companyId, companyName, centreId: centre.id, way: 2, fairId,
    fairTitle: 'Chat benchmark fair', region: centre.region, desiredFrom: null, desiredTo: null, companyInfo: '', vacantPlaces: 1,
    professions: ['Driver'], contactName: 'Bench', contactPhone: '1', contactEmail: `hr${e}@chatbench.test`, consentSalaryShown: true,
    consentChatDuringFair: true, wantsVideoInterviews: false, status: 'approved', rejectionReason: null, decidedBy: null,
    decidedAt: now, decidedByName: 'Moderator', createdAt: now, updatedAt: now, statusChangedAt: now, version: 0,
  });
  const participationId = crypto.randomUUID();
  await m.insert(Participation, {
    id: participationId, preApplicationId, number, employerId, companyId, companyName, centreId: centre.id, fairId,
    fairTitle: 'Chat benchmark fair', standId: null, interviewPlan: [], status: 'approved', rejectionReason: null, decidedBy: null,
    decidedByName: null, decidedAt: now, sentAt: now, createdAt: now, updatedAt: now, statusChangedAt: now, version: 0, lastClientId: null,
  });
  const vacancyId = crypto.randomUUID();
  const vacancyTitle = `Driver at ${companyName}`;
  await m.insert(Vacancy, {
    id: vacancyId, employerId, companyId, participationId, title: vacancyTitle, profession: 'Driver', salaryFrom: 300_000,
    salaryTo: 450_000, currency: 'KZT', places: 2, location: 'Almaty', description: 'Benchmark vacancy', requirements: 'None',
    employmentType: 'full_time', active: true, createdAt: now, updatedAt: now, version: 0, lastClientId: null,
  });
  return { employerId, vacancyId, participationId, companyName, vacancyTitle };
}
