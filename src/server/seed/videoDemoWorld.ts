import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { INTERVIEW_MINUTES } from '../../shared/domain/participation/interviewPlan';
import {
  Candidate,
  Fair,
  Participation,
  PreApplication,
  ResponseDigest,
  Stand,
  Upload,
  Vacancy,
  VacancyResponse,
  VideoInterview,
  VideoSlotBooking,
} from '../db/entities';
import type { CareerCentre, Company, User } from '../db/entities';
import { inviteToVideoInterview } from '../video/videoInterviewService';
import { DEMO_CANDIDATES } from './demoCandidates';
import { demoInterviewDay } from './demoInterviewDay';
import { demoResumePdf, type DemoResumeFile } from './demoResumePdf';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface VideoDemoInput {
  now: number;
  version: number;
  centre: CareerCentre;
  company: Company;
  moderator: User;
  interviewer: User;
}

/**
 * The video-interview part of the demo world: a one-day fair of the Almaty centre that ended the
 * day before the interview day (see demoInterviewDay), KazLogistics LLP's approved participation
 * in it (stand, one vacancy, a plan for manager1), and two demo candidates who responded asking
 * for a video interview, were invited by manager1 (through the real invitation mutation, which
 * also queues the invitation mails) and booked slot 1 and slot 2 (slot 2 only when the day has
 * one). Returns the resume file the responses point at: the caller stores it after the commit.
 */
export async function writeVideoDemo(m: EntityManager, input: VideoDemoInput): Promise<DemoResumeFile> {
  const { now, version, centre, company, moderator, interviewer } = input;
  const zone = centre.timeZone;
  const plan = demoInterviewDay(now, zone);
  const fairDay = DateTime.fromISO(plan.day, { zone }).minus({ days: 1 });
  const fairDate = fairDay.toISODate() ?? '';
  const duringFair = fairDay.set({ hour: 12 }).toMillis();
  const stamp = { createdAt: now - 30 * DAY_MS, updatedAt: now - 30 * DAY_MS, version, lastClientId: null };

  const fair: Fair = {
    id: crypto.randomUUID(), centreId: centre.id, title: `Almaty Logistics Hiring Day ${fairDate}`, region: centre.region, city: 'Almaty',
    startsOn: fairDate, endsOn: fairDate, description: 'Transport and warehousing employers; video interviews the day after.',
    ...stamp,
  };
  await insertRows(m, Fair, [fair]);

  const created = DateTime.fromMillis(now - 30 * DAY_MS, { zone });
  const decidedAt = now - 25 * DAY_MS;
  const preApplication: PreApplication = {
    id: crypto.randomUUID(), number: `${created.toFormat('yyyyLLdd')}-1`, employerId: company.employerId, companyId: company.id,
    companyName: company.legalName, centreId: centre.id, way: 2, fairId: fair.id, fairTitle: fair.title, region: centre.region,
    desiredFrom: null, desiredTo: null, companyInfo: company.info, vacantPlaces: 3, professions: ['Warehouse operator'],
    contactName: 'Dana Omarova', contactPhone: '+7 701 234 56 78', contactEmail: 'hr@kazlogistics.demo', consentSalaryShown: true,
    consentChatDuringFair: true, wantsVideoInterviews: true, status: 'approved', rejectionReason: null, decidedBy: moderator.id,
    decidedByName: moderator.displayName, decidedAt, createdAt: created.toMillis(), updatedAt: decidedAt, statusChangedAt: decidedAt, version,
  };
  await insertRows(m, PreApplication, [preApplication]);

  const stand: Stand = {
    id: crypto.randomUUID(), employerId: company.employerId, companyId: company.id, internalName: 'Almaty terminals',
    companyName: company.legalName, address: company.address, website: company.website, companyInfo: company.info,
    activity: 'Freight forwarding and warehousing', advantages: '', slogan: 'Moving Central Asia.', socialLinks: [], logoUploadId: null,
    bannerUploadIds: [], posterUploadIds: [], brochureUploadIds: [], videoUrl: '', ...stamp,
  };
  await insertRows(m, Stand, [stand]);

  const participation: Participation = {
    id: crypto.randomUUID(), preApplicationId: preApplication.id, number: preApplication.number, employerId: company.employerId,
    companyId: company.id, companyName: company.legalName, centreId: centre.id, fairId: fair.id, fairTitle: fair.title, standId: stand.id,
    interviewPlan: [{ managerId: interviewer.id, startTime: plan.startTime, count: plan.count }], status: 'approved', rejectionReason: null,
    decidedBy: moderator.id, decidedByName: moderator.displayName, decidedAt, sentAt: decidedAt - DAY_MS, statusChangedAt: decidedAt, ...stamp,
  };
  await insertRows(m, Participation, [participation]);

  const vacancy: Vacancy = {
    id: crypto.randomUUID(), employerId: company.employerId, companyId: company.id, participationId: participation.id,
    title: 'Warehouse operator', profession: 'Warehouse operator', salaryFrom: 260_000, salaryTo: 340_000, currency: 'KZT', places: 3,
    location: 'Almaty', description: 'Receiving, picking and shipping at the Al-Farabi terminal.', requirements: 'Forklift licence is a plus.',
    employmentType: 'shift', active: true, ...stamp,
  };
  await insertRows(m, Vacancy, [vacancy]);

  const resume = demoResumePdf('FairDesk', ['Demo candidate resume.', 'Experience: 3 years in warehouse logistics.']);
  for (const [index, person] of DEMO_CANDIDATES.entries()) {
    const candidate: Candidate = { id: crypto.randomUUID(), ...person, locale: 'ru', createdAt: duringFair - DAY_MS, updatedAt: duringFair - DAY_MS };
    await insertRows(m, Candidate, [candidate]);
    const upload: Upload = {
      id: crypto.randomUUID(), kind: 'resume', mime: 'application/pdf', size: resume.bytes.length, sha256: resume.sha256,
      originalName: `${person.name.replace(' ', '-')}-CV.pdf`, width: null, height: null, employerId: null, candidateId: candidate.id,
      uploadedBy: null, createdAt: duringFair - 60 * MINUTE_MS,
    };
    await insertRows(m, Upload, [upload]);
    const response: VacancyResponse = {
      id: crypto.randomUUID(), candidateId: candidate.id, vacancyId: vacancy.id, participationId: participation.id, fairId: fair.id,
      employerId: company.employerId, vacancyTitle: vacancy.title, companyName: stand.companyName, resumeUploadId: upload.id,
      resumeFileName: upload.originalName, candidateName: candidate.name, candidateEmail: candidate.email, candidatePhone: candidate.phone,
      wantsVideoInterview: true, coverNote: 'I have worked night shifts at a bonded warehouse.', createdAt: duringFair + index * MINUTE_MS, version,
    };
    await insertRows(m, VacancyResponse, [response]);

    // The manager's own invitation (the sync mutation's body), then the candidate's booking as the portal writes it.
    const interviewId = crypto.randomUUID();
    await inviteToVideoInterview({ manager: m, version, now }, interviewer, { id: interviewId, responseId: response.id });
    if (index >= plan.count) continue;
    const startsAt = plan.firstStartsAt + index * INTERVIEW_MINUTES * MINUTE_MS;
    const endsAt = startsAt + INTERVIEW_MINUTES * MINUTE_MS;
    await m.insert(VideoSlotBooking, { participationId: participation.id, managerId: interviewer.id, startsAt, interviewId, bookedAt: now });
    await m.update(
      VideoInterview,
      { id: interviewId },
      { state: 'booked', slotManagerId: interviewer.id, slotStartsAt: startsAt, slotEndsAt: endsAt, bookedAt: now, updatedAt: now, version },
    );
  }
  // The manager invited both, so it has seen their responses: the response digest starts after them
  // (no "new responses" mail about the demo's own, and digests of later responses stay as they were).
  await m.insert(ResponseDigest, { employerId: company.employerId, lastVersion: version, lastDigestAt: null });
  return resume;
}

/** As demoWorld's insertRows: multi-row insert that leaves the given objects (and their ids) alone. */
async function insertRows<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  await m.createQueryBuilder().insert().into(target).values(rows).updateEntity(false).execute();
}
