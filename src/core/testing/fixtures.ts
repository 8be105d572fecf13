import { randomUUID } from 'node:crypto';
import type { SessionInfo } from '../../shared/contract/ipc';
import type { ParticipationDto, StandDto, VacancyDto } from '../../shared/domain/participation/records';
import type { CentreDto, CompanyDto, FairDto, PreApplicationDto } from '../../shared/domain/records';
import type { UserDto } from '../../shared/domain/roles';
import type { SyncPullResponse } from '../../shared/sync/protocol';
import type { FakeSyncWorld } from './fakeSyncWorld';

/** Valid DTOs for tests; override only what a test is about. */

export const centreId = '00000000-0000-4000-8000-0000000000c1';
export const employerId = '00000000-0000-4000-8000-0000000000e1';

export function makeUser(overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: randomUUID(),
    email: 'moderator@example.test',
    displayName: 'Aigerim Moderator',
    role: 'moderator',
    centreId,
    employerId: null,
    locale: 'ru',
    ...overrides,
  };
}

export function makeSession(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return { user: makeUser(), serverUrl: 'http://127.0.0.1:4400', expiresAt: Date.now() + 86_400_000, ...overrides };
}

export function makeCentre(overrides: Partial<CentreDto> = {}): CentreDto {
  return { id: centreId, name: 'Almaty career centre', region: 'Almaty', timeZone: 'Asia/Almaty', holidays: ['2030-03-22'], ...overrides };
}

export function makeFair(overrides: Partial<FairDto> = {}): FairDto {
  return {
    id: randomUUID(),
    centreId,
    title: 'Spring job fair',
    region: 'Almaty',
    city: 'Almaty',
    startsOn: '2030-04-10',
    endsOn: '2030-04-10',
    description: 'Online fair',
    updatedAt: 1_700_000_000_000,
    version: 1,
    ...overrides,
  };
}

export function makeCompany(overrides: Partial<CompanyDto> = {}): CompanyDto {
  return {
    id: randomUUID(),
    employerId,
    legalName: 'ТОО «Алтын Дала»',
    bin: '123456789012',
    address: 'Almaty, Abay 1',
    website: 'https://altyn.example',
    info: 'Agriculture',
    verified: true,
    ...overrides,
  };
}

export function makePreApplication(overrides: Partial<PreApplicationDto> = {}): PreApplicationDto {
  return {
    id: randomUUID(),
    number: '20300101-1',
    employerId,
    companyId: randomUUID(),
    companyName: 'ТОО «Алтын Дала»',
    centreId,
    way: 1,
    fairId: null,
    fairTitle: null,
    region: 'Almaty',
    desiredFrom: '2030-04-01',
    desiredTo: '2030-04-30',
    companyInfo: 'Agriculture',
    vacantPlaces: 3,
    professions: ['Агроном', 'Driver'],
    contactName: 'Dana',
    contactPhone: '+7 700 000 00 00',
    contactEmail: 'hr@altyn.example',
    consentSalaryShown: true,
    consentChatDuringFair: true,
    wantsVideoInterviews: false,
    status: 'under_review',
    rejectionReason: null,
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    statusChangedAt: 1_700_000_000_000,
    version: 1,
    ...overrides,
  };
}

export function makeStand(overrides: Partial<StandDto> = {}): StandDto {
  return {
    id: randomUUID(),
    employerId,
    internalName: 'Almaty, spring',
    companyId: randomUUID(),
    companyName: 'ТОО «Алтын Дала»',
    address: 'Almaty, Abay 1',
    website: 'https://altyn.example',
    companyInfo: 'Agriculture',
    activity: 'Grain and logistics',
    advantages: '',
    slogan: '',
    socialLinks: [],
    logoUploadId: null,
    bannerUploadIds: [],
    posterUploadIds: [],
    brochureUploadIds: [],
    videoUrl: '',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    version: 1,
    ...overrides,
  };
}

export function makeVacancy(overrides: Partial<VacancyDto> = {}): VacancyDto {
  return {
    id: randomUUID(),
    employerId,
    companyId: randomUUID(),
    participationId: null,
    active: true,
    title: 'Agronomist',
    profession: 'Агроном',
    salaryFrom: 250_000,
    salaryTo: 400_000,
    currency: 'KZT',
    places: 2,
    location: 'Almaty',
    description: '',
    requirements: '',
    employmentType: 'full_time',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    version: 1,
    ...overrides,
  };
}

export function makeParticipation(overrides: Partial<ParticipationDto> = {}): ParticipationDto {
  return {
    id: randomUUID(),
    preApplicationId: randomUUID(),
    number: '20300101-1',
    employerId,
    companyId: randomUUID(),
    companyName: 'ТОО «Алтын Дала»',
    centreId,
    fairId: randomUUID(),
    fairTitle: 'Spring job fair',
    standId: null,
    interviewPlan: [],
    status: 'draft',
    rejectionReason: null,
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    sentAt: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    statusChangedAt: 1_700_000_000_000,
    version: 1,
    ...overrides,
  };
}

export interface ScopeRecords {
  fairs?: FairDto[];
  preApplications?: PreApplicationDto[];
  centres?: CentreDto[];
  companies?: CompanyDto[];
  stands?: StandDto[];
  vacancies?: VacancyDto[];
  participations?: ParticipationDto[];
}

/** Puts `records` into a fake server's world (each put bumps the world's version). */
export function seedWorld(world: FakeSyncWorld, records: ScopeRecords): void {
  for (const value of records.centres ?? []) world.put('centre', value);
  for (const value of records.companies ?? []) world.put('company', value);
  for (const value of records.fairs ?? []) world.put('fair', value);
  for (const value of records.preApplications ?? []) world.put('preApplication', value);
  for (const value of records.stands ?? []) world.put('stand', value);
  for (const value of records.participations ?? []) world.put('participation', value);
  for (const value of records.vacancies ?? []) world.put('vacancy', value);
}

/** A one-page snapshot pull answer holding `records`. */
export function snapshot(records: ScopeRecords, cookie = 'v1'): SyncPullResponse {
  return {
    cookie,
    lastMutationId: 0,
    results: [],
    reset: true,
    more: false,
    snapshotCursor: null,
    patch: [
      ...(records.centres ?? []).map((value) => ({ op: 'put' as const, entity: 'centre' as const, value })),
      ...(records.companies ?? []).map((value) => ({ op: 'put' as const, entity: 'company' as const, value })),
      ...(records.fairs ?? []).map((value) => ({ op: 'put' as const, entity: 'fair' as const, value })),
      ...(records.preApplications ?? []).map((value) => ({ op: 'put' as const, entity: 'preApplication' as const, value })),
      ...(records.stands ?? []).map((value) => ({ op: 'put' as const, entity: 'stand' as const, value })),
      ...(records.vacancies ?? []).map((value) => ({ op: 'put' as const, entity: 'vacancy' as const, value })),
      ...(records.participations ?? []).map((value) => ({ op: 'put' as const, entity: 'participation' as const, value })),
    ],
  };
}
