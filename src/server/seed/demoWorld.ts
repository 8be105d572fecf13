import crypto from 'node:crypto';
import { DateTime } from 'luxon';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { PreApplicationStatus } from '../../shared/domain/records';
import { bumpVersion } from '../db/changeVersion';
import { CareerCentre, Company, Employer, Fair, Participation, PreApplication, Stand, User, Vacancy } from '../db/entities';
import { hashPassword } from '../auth/passwords';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demoAccounts';
import type { UploadFileStore } from '../uploads/fileStore';
import type { DemoResumeFile } from './demoResumePdf';
import { kazakhstanHolidays } from './kzHolidays';
import { DEMO_INTERVIEWER_EMAIL, DEMO_TIME_ZONE } from './demoCandidates';
import { writeVideoDemo } from './videoDemoWorld';

const DAY_MS = 86_400_000;

export interface SeedResult {
  /** False when the database already held data and nothing was written. */
  seeded: boolean;
}

export interface SeedOptions {
  /**
   * Where uploads are stored: the demo candidates' resume file is written there after the commit.
   * Without it the resume rows exist but their file does not (downloads answer "file missing").
   */
  files?: UploadFileStore;
  /**
   * The video-interview part (videoDemoWorld.ts: a fair that ended yesterday, two candidates booked
   * on today's interviews). Default true. Fixtures that need the world as it was before it (the
   * service-level test world, migration tests whose schema predates the video tables) pass false.
   */
  videoInterviews?: boolean;
}

/**
 * Seeds the demo world (two centres, two employers, fairs, pre-applications) into an EMPTY
 * database, in one transaction; does nothing if any centre or user exists. Dates are relative to
 * `now` in the centres' time zone, so the demo fair is always upcoming.
 */
export async function seedDemoWorld(db: DataSource, now: number = Date.now(), options: SeedOptions = {}): Promise<SeedResult> {
  // argon2 is slow on purpose: hash outside the transaction so it holds the write lock briefly.
  const hashes = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) hashes.set(account.email, await hashPassword(DEMO_PASSWORD));
  const written = await db.transaction(async (m) => {
    const existing = (await m.count(User)) + (await m.count(CareerCentre));
    if (existing > 0) return null;
    // Every seeded row carries the version of the transaction that wrote it, like any other write.
    const version = await bumpVersion(m);
    return writeWorld(m, now, version, (email) => hashes.get(email) ?? '', options.videoInterviews ?? true);
  });
  if (written === null) return { seeded: false };
  // After the commit, as the upload routes do: a file never exists for a row that does not.
  if (written.resume && options.files) await options.files.put(written.resume.sha256, written.resume.bytes);
  return { seeded: true };
}

async function writeWorld(
  m: EntityManager,
  now: number,
  version: number,
  hashOf: (email: string) => string,
  withVideo: boolean,
): Promise<{ resume: DemoResumeFile | null }> {
  const today = DateTime.fromMillis(now, { zone: DEMO_TIME_ZONE }).startOf('day');
  const iso = (d: DateTime): string => d.toISODate() ?? '';
  const years = new Set([2026, 2027, today.year, today.year + 1]);
  const holidays = [...years].flatMap((year) => kazakhstanHolidays(year));

  const almaty = m.create(CareerCentre, {
    id: crypto.randomUUID(),
    name: 'Almaty City Career Centre',
    region: 'Almaty',
    timeZone: DEMO_TIME_ZONE,
    holidays: [...new Set(holidays)].sort(),
    version,
  });
  const astana = m.create(CareerCentre, {
    id: crypto.randomUUID(),
    name: 'Astana Career Centre',
    region: 'Astana',
    timeZone: DEMO_TIME_ZONE,
    holidays: almaty.holidays,
    version,
  });
  await insertRows(m, CareerCentre, [almaty, astana]);

  const created = now - 60 * DAY_MS;
  const kazLogistics = m.create(Employer, { id: crypto.randomUUID(), name: 'KazLogistics', createdAt: created });
  const steppeFoods = m.create(Employer, { id: crypto.randomUUID(), name: 'Steppe Foods', createdAt: created });
  await insertRows(m, Employer, [kazLogistics, steppeFoods]);

  const klLlp = m.create(Company, {
    id: crypto.randomUUID(),
    employerId: kazLogistics.id,
    legalName: 'KazLogistics LLP',
    bin: '123456789012',
    address: '77 Al-Farabi Ave, Almaty 050040',
    website: 'https://kazlogistics.demo',
    info: 'Freight forwarding and warehousing across Central Asia: 14 terminals, 600 trucks, rail and air cargo partnerships.',
    verifiedAt: now - 50 * DAY_MS,
    version,
  });
  const klRetail = m.create(Company, {
    id: crypto.randomUUID(),
    employerId: kazLogistics.id,
    legalName: 'KazLogistics Retail LLP',
    bin: '210987654321',
    address: '12 Abay Ave, Almaty 050000',
    website: 'https://retail.kazlogistics.demo',
    info: 'Last-mile delivery and parcel lockers for online shops in Almaty and Shymkent.',
    verifiedAt: now - 45 * DAY_MS,
    version,
  });
  const steppe = m.create(Company, {
    id: crypto.randomUUID(),
    employerId: steppeFoods.id,
    legalName: 'Steppe Foods JSC',
    bin: '990011223344',
    address: '5 Suyunbay Ave, Almaty 050016',
    website: 'https://steppefoods.demo',
    info: 'Dairy and bakery producer with two plants near Almaty and a national distribution network.',
    verifiedAt: now - 40 * DAY_MS,
    version,
  });
  await insertRows(m, Company, [klLlp, klRetail, steppe]);

  const tenantOf = (a: DemoAccount): { centreId: string | null; employerId: string | null } => {
    switch (a.organisation) {
      case almaty.name: return { centreId: almaty.id, employerId: null };
      case astana.name: return { centreId: astana.id, employerId: null };
      case kazLogistics.name: return { centreId: null, employerId: kazLogistics.id };
      default: return { centreId: null, employerId: steppeFoods.id };
    }
  };
  const locales: Record<string, User['locale']> = { 'manager1@kazlogistics.demo': 'kk', 'admin@steppefoods.demo': 'en' };
  const users = DEMO_ACCOUNTS.map((a) =>
    m.create(User, {
      id: crypto.randomUUID(),
      email: a.email,
      passwordHash: hashOf(a.email),
      displayName: a.displayName,
      role: a.role,
      ...tenantOf(a),
      active: true,
      locale: locales[a.email] ?? 'ru',
      createdAt: created,
    }),
  );
  await insertRows(m, User, users);
  const almatyModerator = users[0];

  const almatyFairDay = today.plus({ days: 21 });
  const astanaFairDay = today.plus({ days: 30 });
  const almatyFair = fair(almaty, 'Almaty', almatyFairDay, now, version,
    'City-wide online job fair: logistics, food production, retail and IT employers meet job seekers of Almaty. Video interviews the day after.');
  const astanaFair = fair(astana, 'Astana', astanaFairDay, now, version,
    'Online job fair of the capital: employers from transport, construction and public services.');
  await insertRows(m, Fair, [m.create(Fair, almatyFair), m.create(Fair, astanaFair)]);

  const nextMonth = today.plus({ months: 1 });
  const numbers = new Numberer();
  const base = (daysAgo: number): { createdAt: number; number: string } => {
    const createdAt = now - daysAgo * DAY_MS;
    return { createdAt, number: numbers.next(DateTime.fromMillis(createdAt, { zone: DEMO_TIME_ZONE })) };
  };
  const apps: PreApplication[] = [
    preApp({
      ...base(12), employer: steppeFoods, company: steppe, centre: almaty, way: 1,
      desired: [iso(almatyFairDay.startOf('month')), iso(almatyFairDay.endOf('month'))], fair: almatyFair,
      vacantPlaces: 6, professions: ['Dairy technologist', 'Quality control inspector', 'Forklift operator'],
      contact: ['Arman Zhunusov', '+7 727 355 18 40', 'hr@steppefoods.demo'],
      status: 'approved', decidedBy: almatyModerator ?? null, decidedDaysAfter: 2, video: false,
    }),
    preApp({
      ...base(5), employer: kazLogistics, company: klLlp, centre: almaty, way: 2, fair: almatyFair,
      vacantPlaces: 12, professions: ['Truck driver (category CE)', 'Warehouse operator', 'Logistics coordinator'],
      contact: ['Dana Omarova', '+7 701 234 56 78', 'hr@kazlogistics.demo'], status: 'under_review', video: true,
    }),
    preApp({
      ...base(3), employer: kazLogistics, company: klRetail, centre: almaty, way: 1,
      desired: [iso(nextMonth.startOf('month')), iso(nextMonth.endOf('month'))],
      vacantPlaces: 8, professions: ['Courier', 'Pick-up point operator', 'Customer support specialist'],
      contact: ['Timur Akhmetov', '+7 702 445 10 20', 'retail.hr@kazlogistics.demo'], status: 'under_review', video: false,
    }),
    preApp({
      ...base(2), employer: steppeFoods, company: steppe, centre: almaty, way: 2, fair: almatyFair,
      vacantPlaces: 5, professions: ['Baker', 'Packaging line operator', 'Sales representative'],
      contact: ['Arman Zhunusov', '+7 727 355 18 40', 'hr@steppefoods.demo'], status: 'under_review', video: true,
    }),
    preApp({
      ...base(1), employer: kazLogistics, company: klLlp, centre: astana, way: 2, fair: astanaFair,
      vacantPlaces: 7, professions: ['Dispatcher', 'Truck driver (category C)', 'Accountant'],
      contact: ['Saule Ibraeva', '+7 705 880 33 11', 'astana.hr@kazlogistics.demo'], status: 'under_review', video: false,
    }),
    preApp({
      ...base(4), employer: kazLogistics, company: klRetail, centre: almaty, way: 2, fair: almatyFair,
      vacantPlaces: 4, professions: ['Courier', 'Pick-up point operator'],
      contact: ['Timur Akhmetov', '+7 702 445 10 20', 'retail.hr@kazlogistics.demo'],
      status: 'approved', decidedBy: almatyModerator ?? null, decidedDaysAfter: 1, video: false,
    }),
  ].map((p) => m.create(PreApplication, { ...p, version }));
  await insertRows(m, PreApplication, apps);
  await writeParticipation(m, version, { apps, companies: { klRetail, steppe }, now });
  if (!withVideo) return { resume: null };
  const interviewer = users.find((u) => u.email === DEMO_INTERVIEWER_EMAIL);
  if (!almatyModerator || !interviewer) throw new Error('unreachable: the demo accounts include the Almaty moderator and manager1');
  const resume = await writeVideoDemo(m, { now, version, centre: almaty, company: klLlp, moderator: almatyModerator, interviewer });
  return { resume };
}

/**
 * Participation data for the UI to show: KazLogistics Retail has a draft for the Almaty fair, one
 * stand and two library vacancies to import; Steppe Foods' participation info waits for the Almaty
 * moderator with a stand and two vacancies. Drafts exist for every approved pre-application with
 * a fair, as the server's approval creates them.
 */
async function writeParticipation(
  m: EntityManager,
  version: number,
  world: { apps: PreApplication[]; companies: { klRetail: Company; steppe: Company }; now: number },
): Promise<void> {
  const { klRetail, steppe } = world.companies;
  const at = world.now - DAY_MS;
  const stamp = { createdAt: at, updatedAt: at, version, lastClientId: null };
  const retailStand = stand(klRetail, 'Almaty, autumn', 'Last-mile delivery', 'Your city, delivered on time.', stamp);
  const steppeStand = stand(steppe, 'Steppe Foods — main', 'Dairy and bakery production', 'Good food from the steppe.', stamp);
  await insertRows(m, Stand, [retailStand, steppeStand]);

  const infos = world.apps
    .filter((a) => a.status === 'approved' && a.fairId !== null)
    .map((a): Participation => {
      const sent = a.companyId === steppe.id;
      return {
        id: crypto.randomUUID(), preApplicationId: a.id, number: a.number, employerId: a.employerId, companyId: a.companyId,
        companyName: a.companyName, centreId: a.centreId, fairId: a.fairId ?? '', fairTitle: a.fairTitle ?? '',
        standId: sent ? steppeStand.id : null, interviewPlan: [], status: sent ? 'sent' : 'draft', rejectionReason: null,
        decidedBy: null, decidedByName: null, decidedAt: null, sentAt: sent ? at : null, statusChangedAt: at, ...stamp,
      };
    });
  await insertRows(m, Participation, infos);
  const steppeInfo = infos.find((p) => p.companyId === steppe.id) ?? null;

  await insertRows(m, Vacancy, [
    vacancy(klRetail, null, { title: 'Courier', profession: 'Courier', salaryFrom: 250_000, salaryTo: 350_000, places: 10, employmentType: 'shift' }, stamp),
    vacancy(klRetail, null, { title: 'Pick-up point operator', profession: 'Operator', salaryFrom: 220_000, salaryTo: 280_000, places: 4, employmentType: 'full_time' }, stamp),
    vacancy(steppe, steppeInfo, { title: 'Dairy technologist', profession: 'Technologist', salaryFrom: 400_000, salaryTo: 550_000, places: 2, employmentType: 'full_time' }, stamp),
    vacancy(steppe, steppeInfo, { title: 'Forklift operator', profession: 'Forklift operator', salaryFrom: 280_000, salaryTo: 320_000, places: 3, employmentType: 'shift' }, stamp),
  ]);
}

type Stamp = { createdAt: number; updatedAt: number; version: number; lastClientId: null };

function stand(company: Company, internalName: string, activity: string, slogan: string, stamp: Stamp): Stand {
  return {
    id: crypto.randomUUID(), employerId: company.employerId, companyId: company.id, internalName, companyName: company.legalName,
    address: company.address, website: company.website, companyInfo: company.info, activity, advantages: '', slogan,
    socialLinks: [], logoUploadId: null, bannerUploadIds: [], posterUploadIds: [], brochureUploadIds: [], videoUrl: '', ...stamp,
  };
}

function vacancy(
  company: Company,
  info: Participation | null,
  v: Pick<Vacancy, 'title' | 'profession' | 'salaryFrom' | 'salaryTo' | 'places' | 'employmentType'>,
  stamp: Stamp,
): Vacancy {
  return {
    id: crypto.randomUUID(), employerId: company.employerId, companyId: company.id, participationId: info?.id ?? null, ...v,
    currency: 'KZT', location: 'Almaty', description: '', requirements: '', active: true, ...stamp,
  };
}

/**
 * Multi-row insert that leaves the given objects alone. TypeORM's own `insert` re-reads columns
 * with database defaults after a multi-row insert on SQLite and merges them back BY POSITION, while
 * the re-read rows come back in primary-key order: the objects' ids get swapped (the rows in the
 * database are right, the objects we keep using for references are not).
 */
async function insertRows<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  await m.createQueryBuilder().insert().into(target).values(rows).updateEntity(false).execute();
}

function fair(centre: CareerCentre, city: string, day: DateTime, now: number, version: number, description: string): Fair {
  return {
    id: crypto.randomUUID(),
    centreId: centre.id,
    title: `${city} ${season(day)} Job Fair ${day.year}`,
    region: centre.region,
    city,
    startsOn: day.toISODate() ?? '',
    endsOn: day.toISODate() ?? '',
    description,
    createdAt: now,
    updatedAt: now,
    version,
    lastClientId: null,
  };
}

function season(day: DateTime): string {
  const m = day.month;
  if (m >= 3 && m <= 5) return 'Spring';
  if (m >= 6 && m <= 8) return 'Summer';
  if (m >= 9 && m <= 11) return 'Autumn';
  return 'Winter';
}

/** Pre-application numbers: `YYYYMMDD-N`, N counting per creation day. */
class Numberer {
  private readonly perDay = new Map<string, number>();
  next(created: DateTime): string {
    const day = created.toFormat('yyyyLLdd');
    const n = (this.perDay.get(day) ?? 0) + 1;
    this.perDay.set(day, n);
    return `${day}-${n}`;
  }
}

interface PreAppSpec {
  createdAt: number;
  number: string;
  employer: Employer;
  company: Company;
  centre: CareerCentre;
  way: 1 | 2;
  fair?: Fair;
  desired?: [string, string];
  vacantPlaces: number;
  professions: string[];
  contact: [string, string, string];
  status: PreApplicationStatus;
  decidedBy?: User | null;
  decidedDaysAfter?: number;
  video: boolean;
}

function preApp(s: PreAppSpec): Omit<PreApplication, 'version'> {
  const statusChangedAt = s.createdAt + (s.decidedDaysAfter ?? 0) * DAY_MS;
  return {
    id: crypto.randomUUID(),
    number: s.number,
    employerId: s.employer.id,
    companyId: s.company.id,
    companyName: s.company.legalName,
    centreId: s.centre.id,
    way: s.way,
    fairId: s.fair?.id ?? null,
    fairTitle: s.fair?.title ?? null,
    region: s.centre.region,
    desiredFrom: s.desired?.[0] ?? null,
    desiredTo: s.desired?.[1] ?? null,
    companyInfo: s.company.info,
    vacantPlaces: s.vacantPlaces,
    professions: s.professions,
    contactName: s.contact[0],
    contactPhone: s.contact[1],
    contactEmail: s.contact[2],
    consentSalaryShown: true,
    consentChatDuringFair: true,
    wantsVideoInterviews: s.video,
    status: s.status,
    rejectionReason: null,
    decidedBy: s.decidedBy?.id ?? null,
    decidedByName: s.decidedBy?.displayName ?? null,
    decidedAt: s.decidedBy ? statusChangedAt : null,
    createdAt: s.createdAt,
    updatedAt: statusChangedAt,
    statusChangedAt,
  };
}
