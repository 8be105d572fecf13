import crypto from 'node:crypto';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { CareerCentre, Company, Fair, Participation, PreApplication, Stand, Upload, Vacancy } from '../../../src/server/db/entities';
import type { ParticipationStatus } from '../../../src/shared/domain/participation/participationRules';
import { UploadFileStore } from '../../../src/server/uploads/fileStore';
import { samplePng } from '../../../src/server/uploads/sampleFiles';

/** One participation as the portal tests need it: its fair, stand (with a logo) and one vacancy. */
export interface WorldParticipation {
  fairId: string;
  participationId: string;
  vacancyId: string;
  vacancyTitle: string;
  logoUploadId: string;
}

export interface PortalWorld {
  centre: CareerCentre;
  /** Fair starting tomorrow (centre's zone): responses open now. */
  open: WorldParticipation;
  /** A second, only `sent` participation on the same fair: not published. */
  unapproved: WorldParticipation;
  /** Fair in ten days: page visible, details and responses not yet. */
  later: WorldParticipation;
  /** Fair that ended yesterday: responses closed. */
  past: WorldParticipation;
}

let numberSeq = 900;

/**
 * Writes fairs, approved (and one merely sent) participations with stands, logos and vacancies
 * straight into a running server's database — the employer/moderator side is another suite's
 * business; here only the published result matters.
 */
export async function buildPortalWorld(db: DataSource, dataDir: string): Promise<PortalWorld> {
  const centre = (await db.getRepository(CareerCentre).find({ order: { name: 'ASC' } }))[0];
  const company = await db.getRepository(Company).findOneBy({ legalName: 'KazLogistics LLP' });
  if (!centre || !company) throw new Error('demo world lacks a centre or KazLogistics LLP');
  const today = DateTime.now().setZone(centre.timeZone).startOf('day');
  const day = (offset: number): string => today.plus({ days: offset }).toISODate() ?? '';
  const files = new UploadFileStore(path.join(dataDir, 'uploads'));

  const fair = async (title: string, startsOn: string, endsOn: string): Promise<string> => {
    const id = crypto.randomUUID();
    await db.getRepository(Fair).insert({
      id, centreId: centre.id, title, region: centre.region, city: centre.region, startsOn, endsOn,
      description: `${title} — portal test fair`, createdAt: Date.now(), updatedAt: Date.now(), version: 0,
    });
    return id;
  };

  const participation = async (fairId: string, status: ParticipationStatus, label: string): Promise<WorldParticipation> => {
    const now = Date.now();
    const logo = samplePng(4 + numberSeq % 7, 3);
    const logoSha = crypto.createHash('sha256').update(logo).digest('hex');
    await files.put(logoSha, logo);
    const logoUploadId = crypto.randomUUID();
    await db.getRepository(Upload).insert({
      id: logoUploadId, kind: 'image', mime: 'image/png', size: logo.length, sha256: logoSha, originalName: `${label}.png`,
      width: 4, height: 3, employerId: company.employerId, candidateId: null, uploadedBy: null, createdAt: now,
    });
    const standId = crypto.randomUUID();
    await db.getRepository(Stand).insert({
      id: standId, employerId: company.employerId, companyId: company.id, internalName: `internal ${label}`,
      companyName: `KazLogistics (${label})`, address: 'Almaty', website: 'https://kazlogistics.example', companyInfo: 'Logistics',
      activity: 'Freight and warehousing', advantages: 'Good team', slogan: 'We move', socialLinks: ['https://instagram.com/kazlogistics'],
      logoUploadId, bannerUploadIds: [], posterUploadIds: [], brochureUploadIds: [], videoUrl: '',
      createdAt: now, updatedAt: now, version: 0, lastClientId: null,
    });
    const fairRow = await db.getRepository(Fair).findOneByOrFail({ id: fairId });
    const number = `20990101-${numberSeq++}`;
    const preApplicationId = crypto.randomUUID();
    await db.getRepository(PreApplication).insert({
      id: preApplicationId, number, employerId: company.employerId, companyId: company.id, companyName: company.legalName,
      centreId: centre.id, way: 2, fairId, fairTitle: fairRow.title, region: centre.region, desiredFrom: null, desiredTo: null,
      companyInfo: '', vacantPlaces: 1, professions: ['Driver'], contactName: 'T', contactPhone: '1', contactEmail: 'admin@kazlogistics.demo',
      consentSalaryShown: true, consentChatDuringFair: true, wantsVideoInterviews: true, status: 'approved', rejectionReason: null,
      decidedBy: null, decidedAt: now, decidedByName: 'Moderator', createdAt: now, updatedAt: now, statusChangedAt: now, version: 0,
    });
    const participationId = crypto.randomUUID();
    await db.getRepository(Participation).insert({
      id: participationId, preApplicationId, number, employerId: company.employerId, companyId: company.id, companyName: company.legalName,
      centreId: centre.id, fairId, fairTitle: fairRow.title, standId, interviewPlan: [], status, rejectionReason: null,
      decidedBy: null, decidedByName: null, decidedAt: status === 'approved' ? now : null, sentAt: now,
      createdAt: now, updatedAt: now, statusChangedAt: now, version: 0, lastClientId: null,
    });
    const vacancyId = crypto.randomUUID();
    const vacancyTitle = `Driver (${label})`;
    await db.getRepository(Vacancy).insert({
      id: vacancyId, employerId: company.employerId, companyId: company.id, participationId, title: vacancyTitle, profession: 'Driver',
      salaryFrom: 300_000, salaryTo: 450_000, currency: 'KZT', places: 2, location: 'Almaty', description: `Secret details of ${label}`,
      requirements: 'Category C licence', employmentType: 'full_time', active: true, createdAt: now, updatedAt: now, version: 0, lastClientId: null,
    });
    return { fairId, participationId, vacancyId, vacancyTitle, logoUploadId };
  };

  const openFair = await fair('Portal fair: open', day(1), day(1));
  return {
    centre,
    open: await participation(openFair, 'approved', 'open'),
    unapproved: await participation(openFair, 'sent', 'unapproved'),
    later: await participation(await fair('Portal fair: later', day(10), day(11)), 'approved', 'later'),
    past: await participation(await fair('Portal fair: past', day(-2), day(-1)), 'approved', 'past'),
  };
}
