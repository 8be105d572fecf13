import type { InterestDto, ParticipationDto, ResponseDto, StandDto, VacancyDto } from '../shared/domain/participation/records';
import type { CentreDto, CompanyDto, FairDto, PreApplicationDto } from '../shared/domain/records';
import type { UserDto } from '../shared/domain/roles';
import type { CareerCentre, Company, EmployerInterest, Fair, Participation, PreApplication, Stand, User, Vacancy, VacancyResponse } from './db/entities';

/** Entity → wire shape. The only place that decides what of a row leaves the server. */

export const toUserDto = (u: User): UserDto => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  centreId: u.centreId,
  employerId: u.employerId,
  locale: u.locale,
});

export const toCentreDto = (c: CareerCentre): CentreDto => ({
  id: c.id,
  name: c.name,
  region: c.region,
  timeZone: c.timeZone,
  holidays: c.holidays,
});

export const toFairDto = (f: Fair): FairDto => ({
  id: f.id,
  centreId: f.centreId,
  title: f.title,
  region: f.region,
  city: f.city,
  startsOn: f.startsOn,
  endsOn: f.endsOn,
  description: f.description,
  updatedAt: f.updatedAt,
  version: f.version,
});

export const toCompanyDto = (c: Company): CompanyDto => ({
  id: c.id,
  employerId: c.employerId,
  legalName: c.legalName,
  bin: c.bin,
  address: c.address,
  website: c.website,
  info: c.info,
  verified: c.verifiedAt !== null,
});

export const toPreApplicationDto = (p: PreApplication): PreApplicationDto => ({
  id: p.id,
  number: p.number,
  employerId: p.employerId,
  companyId: p.companyId,
  companyName: p.companyName,
  centreId: p.centreId,
  way: Number(p.way) === 1 ? 1 : 2,
  fairId: p.fairId,
  fairTitle: p.fairTitle,
  region: p.region,
  desiredFrom: p.desiredFrom,
  desiredTo: p.desiredTo,
  companyInfo: p.companyInfo,
  vacantPlaces: p.vacantPlaces,
  professions: p.professions,
  contactName: p.contactName,
  contactPhone: p.contactPhone,
  contactEmail: p.contactEmail,
  consentSalaryShown: p.consentSalaryShown,
  consentChatDuringFair: p.consentChatDuringFair,
  wantsVideoInterviews: p.wantsVideoInterviews,
  status: p.status,
  rejectionReason: p.rejectionReason,
  decidedBy: p.decidedBy,
  decidedByName: p.decidedByName,
  decidedAt: p.decidedAt,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  statusChangedAt: p.statusChangedAt,
  version: p.version,
});

export const toStandDto = (s: Stand): StandDto => ({
  id: s.id,
  employerId: s.employerId,
  companyId: s.companyId,
  internalName: s.internalName,
  companyName: s.companyName,
  address: s.address,
  website: s.website,
  companyInfo: s.companyInfo,
  activity: s.activity,
  advantages: s.advantages,
  slogan: s.slogan,
  socialLinks: s.socialLinks,
  logoUploadId: s.logoUploadId,
  bannerUploadIds: s.bannerUploadIds,
  posterUploadIds: s.posterUploadIds,
  brochureUploadIds: s.brochureUploadIds,
  videoUrl: s.videoUrl,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  version: s.version,
});

export const toVacancyDto = (v: Vacancy): VacancyDto => ({
  id: v.id,
  employerId: v.employerId,
  companyId: v.companyId,
  participationId: v.participationId,
  title: v.title,
  profession: v.profession,
  salaryFrom: Number(v.salaryFrom),
  salaryTo: Number(v.salaryTo),
  currency: v.currency,
  places: Number(v.places),
  location: v.location,
  description: v.description,
  requirements: v.requirements,
  employmentType: v.employmentType,
  active: Boolean(v.active),
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
  version: v.version,
});

export const toParticipationDto = (p: Participation): ParticipationDto => ({
  id: p.id,
  preApplicationId: p.preApplicationId,
  number: p.number,
  employerId: p.employerId,
  companyId: p.companyId,
  companyName: p.companyName,
  centreId: p.centreId,
  fairId: p.fairId,
  fairTitle: p.fairTitle,
  standId: p.standId,
  interviewPlan: p.interviewPlan,
  status: p.status,
  rejectionReason: p.rejectionReason,
  decidedBy: p.decidedBy,
  decidedByName: p.decidedByName,
  decidedAt: p.decidedAt,
  sentAt: p.sentAt,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  statusChangedAt: p.statusChangedAt,
  version: p.version,
});

/** A response as its employer's desktop receives it (the candidate's contact details are the copies taken when responding). */
export const toResponseDto = (r: VacancyResponse): ResponseDto => ({
  id: r.id,
  employerId: r.employerId,
  participationId: r.participationId,
  fairId: r.fairId,
  vacancyId: r.vacancyId,
  vacancyTitle: r.vacancyTitle,
  companyName: r.companyName,
  candidateId: r.candidateId,
  candidateName: r.candidateName,
  candidateEmail: r.candidateEmail,
  candidatePhone: r.candidatePhone,
  resumeUploadId: r.resumeUploadId,
  resumeFileName: r.resumeFileName,
  wantsVideoInterview: Boolean(r.wantsVideoInterview),
  coverNote: r.coverNote,
  createdAt: r.createdAt,
  version: r.version,
});

export const toInterestDto = (i: EmployerInterest): InterestDto => ({
  id: i.id,
  employerId: i.employerId,
  participationId: i.participationId,
  fairId: i.fairId,
  candidateId: i.candidateId,
  candidateName: i.candidateName,
  candidateEmail: i.candidateEmail,
  candidatePhone: i.candidatePhone,
  createdAt: i.createdAt,
  version: i.version,
});
