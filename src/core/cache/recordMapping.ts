import { z } from 'zod';
import {
  CentreDto,
  CompanyDto,
  FairDto,
  PreApplicationDto,
  type PreApplicationStatus,
} from '../../shared/domain/records';
import { ParticipationDto, StandDto, VacancyDto } from '../../shared/domain/participation/records';
import type { CentreRow } from './entities/CentreRow';
import type { CompanyRow } from './entities/CompanyRow';
import type { FairRow } from './entities/FairRow';
import type { ParticipationRow } from './entities/ParticipationRow';
import type { PreApplicationRow } from './entities/PreApplicationRow';
import type { StandRow } from './entities/StandRow';
import type { VacancyRow } from './entities/VacancyRow';

/**
 * DTO ⇄ row conversion for the scope tables. Rows read back are re-validated with the shared
 * schemas, so a corrupted or hand-edited cache shows up as an error instead of a half-built card.
 */

const stringArray = z.array(z.string());
const bit = (value: boolean): number => (value ? 1 : 0);

export const centreToRow = (dto: CentreDto): CentreRow => ({
  id: dto.id,
  name: dto.name,
  region: dto.region,
  timeZone: dto.timeZone,
  holidaysJson: JSON.stringify(dto.holidays),
});

export const centreFromRow = (row: CentreRow): CentreDto =>
  CentreDto.parse({
    id: row.id,
    name: row.name,
    region: row.region,
    timeZone: row.timeZone,
    holidays: stringArray.parse(JSON.parse(row.holidaysJson)),
  });

/** A server row: not optimistic, nothing to roll back to. */
export const fairToRow = (dto: FairDto): FairRow => ({ ...dto, optimistic: 0, serverJson: null });

export const fairFromRow = (row: FairRow): FairDto =>
  FairDto.parse({
    id: row.id,
    centreId: row.centreId,
    title: row.title,
    region: row.region,
    city: row.city,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    description: row.description,
    updatedAt: row.updatedAt,
    version: row.version,
  });

export const companyToRow = (dto: CompanyDto): CompanyRow => ({ ...dto, verified: bit(dto.verified) });

export const companyFromRow = (row: CompanyRow): CompanyDto =>
  CompanyDto.parse({
    id: row.id,
    employerId: row.employerId,
    legalName: row.legalName,
    bin: row.bin,
    address: row.address,
    website: row.website,
    info: row.info,
    verified: row.verified === 1,
  });

/**
 * Field by field rather than `{ ...rest }`: an initial sync maps 100,000 of these, and object
 * rest/spread over the parsed DTOs took longer than inserting the rows.
 */
export const preApplicationToRow = (dto: PreApplicationDto): PreApplicationRow => ({
  id: dto.id,
  number: dto.number,
  employerId: dto.employerId,
  companyId: dto.companyId,
  companyName: dto.companyName,
  centreId: dto.centreId,
  way: dto.way,
  fairId: dto.fairId,
  fairTitle: dto.fairTitle,
  region: dto.region,
  desiredFrom: dto.desiredFrom,
  desiredTo: dto.desiredTo,
  companyInfo: dto.companyInfo,
  vacantPlaces: dto.vacantPlaces,
  professionsJson: JSON.stringify(dto.professions),
  contactName: dto.contactName,
  contactPhone: dto.contactPhone,
  contactEmail: dto.contactEmail,
  consentSalaryShown: bit(dto.consentSalaryShown),
  consentChatDuringFair: bit(dto.consentChatDuringFair),
  wantsVideoInterviews: bit(dto.wantsVideoInterviews),
  status: dto.status,
  rejectionReason: dto.rejectionReason,
  decidedBy: dto.decidedBy,
  decidedByName: dto.decidedByName,
  decidedAt: dto.decidedAt,
  createdAt: dto.createdAt,
  updatedAt: dto.updatedAt,
  statusChangedAt: dto.statusChangedAt,
  version: dto.version,
  optimistic: 0,
  serverJson: null,
});

export const preApplicationFromRow = (row: PreApplicationRow): PreApplicationDto =>
  PreApplicationDto.parse({
    id: row.id,
    number: row.number,
    employerId: row.employerId,
    companyId: row.companyId,
    companyName: row.companyName,
    centreId: row.centreId,
    way: row.way,
    fairId: row.fairId,
    fairTitle: row.fairTitle,
    region: row.region,
    desiredFrom: row.desiredFrom,
    desiredTo: row.desiredTo,
    companyInfo: row.companyInfo,
    vacantPlaces: row.vacantPlaces,
    professions: stringArray.parse(JSON.parse(row.professionsJson)),
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    consentSalaryShown: row.consentSalaryShown === 1,
    consentChatDuringFair: row.consentChatDuringFair === 1,
    wantsVideoInterviews: row.wantsVideoInterviews === 1,
    status: row.status as PreApplicationStatus,
    rejectionReason: row.rejectionReason,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    statusChangedAt: row.statusChangedAt,
    version: row.version,
  });

const uuidArray = z.array(z.string());

/** A server stand: not optimistic, not deleted. */
export const standToRow = (dto: StandDto): StandRow => ({
  id: dto.id,
  employerId: dto.employerId,
  internalName: dto.internalName,
  companyId: dto.companyId,
  companyName: dto.companyName,
  address: dto.address,
  website: dto.website,
  companyInfo: dto.companyInfo,
  activity: dto.activity,
  advantages: dto.advantages,
  slogan: dto.slogan,
  socialLinksJson: JSON.stringify(dto.socialLinks),
  logoUploadId: dto.logoUploadId,
  bannerUploadIdsJson: JSON.stringify(dto.bannerUploadIds),
  posterUploadIdsJson: JSON.stringify(dto.posterUploadIds),
  brochureUploadIdsJson: JSON.stringify(dto.brochureUploadIds),
  videoUrl: dto.videoUrl,
  createdAt: dto.createdAt,
  updatedAt: dto.updatedAt,
  version: dto.version,
  optimistic: 0,
  serverJson: null,
  deleted: 0,
});

export const standFromRow = (row: StandRow): StandDto =>
  StandDto.parse({
    id: row.id,
    employerId: row.employerId,
    internalName: row.internalName,
    companyId: row.companyId,
    companyName: row.companyName,
    address: row.address,
    website: row.website,
    companyInfo: row.companyInfo,
    activity: row.activity,
    advantages: row.advantages,
    slogan: row.slogan,
    socialLinks: stringArray.parse(JSON.parse(row.socialLinksJson)),
    logoUploadId: row.logoUploadId,
    bannerUploadIds: uuidArray.parse(JSON.parse(row.bannerUploadIdsJson)),
    posterUploadIds: uuidArray.parse(JSON.parse(row.posterUploadIdsJson)),
    brochureUploadIds: uuidArray.parse(JSON.parse(row.brochureUploadIdsJson)),
    videoUrl: row.videoUrl,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  });

export const vacancyToRow = (dto: VacancyDto): VacancyRow => ({
  id: dto.id,
  employerId: dto.employerId,
  companyId: dto.companyId,
  participationId: dto.participationId,
  active: bit(dto.active),
  title: dto.title,
  profession: dto.profession,
  salaryFrom: dto.salaryFrom,
  salaryTo: dto.salaryTo,
  currency: dto.currency,
  places: dto.places,
  location: dto.location,
  description: dto.description,
  requirements: dto.requirements,
  employmentType: dto.employmentType,
  createdAt: dto.createdAt,
  updatedAt: dto.updatedAt,
  version: dto.version,
  optimistic: 0,
  serverJson: null,
  deleted: 0,
});

export const vacancyFromRow = (row: VacancyRow): VacancyDto =>
  VacancyDto.parse({
    id: row.id,
    employerId: row.employerId,
    companyId: row.companyId,
    participationId: row.participationId,
    active: row.active === 1,
    title: row.title,
    profession: row.profession,
    salaryFrom: row.salaryFrom,
    salaryTo: row.salaryTo,
    currency: row.currency,
    places: row.places,
    location: row.location,
    description: row.description,
    requirements: row.requirements,
    employmentType: row.employmentType,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  });

export const participationToRow = (dto: ParticipationDto): ParticipationRow => ({
  id: dto.id,
  preApplicationId: dto.preApplicationId,
  number: dto.number,
  employerId: dto.employerId,
  companyId: dto.companyId,
  companyName: dto.companyName,
  centreId: dto.centreId,
  fairId: dto.fairId,
  fairTitle: dto.fairTitle,
  standId: dto.standId,
  interviewPlanJson: JSON.stringify(dto.interviewPlan),
  status: dto.status,
  rejectionReason: dto.rejectionReason,
  decidedBy: dto.decidedBy,
  decidedByName: dto.decidedByName,
  decidedAt: dto.decidedAt,
  sentAt: dto.sentAt,
  createdAt: dto.createdAt,
  updatedAt: dto.updatedAt,
  statusChangedAt: dto.statusChangedAt,
  version: dto.version,
  optimistic: 0,
  serverJson: null,
});

export const participationFromRow = (row: ParticipationRow): ParticipationDto =>
  ParticipationDto.parse({
    id: row.id,
    preApplicationId: row.preApplicationId,
    number: row.number,
    employerId: row.employerId,
    companyId: row.companyId,
    companyName: row.companyName,
    centreId: row.centreId,
    fairId: row.fairId,
    fairTitle: row.fairTitle,
    standId: row.standId,
    interviewPlan: JSON.parse(row.interviewPlanJson) as unknown,
    status: row.status,
    rejectionReason: row.rejectionReason,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt,
    sentAt: row.sentAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    statusChangedAt: row.statusChangedAt,
    version: row.version,
  });
