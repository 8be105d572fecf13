import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreApplicationDto } from '../../shared/domain/records';
import { verifyPassword } from '../auth/passwords';
import { currentVersion } from '../db/changeVersion';
import { CareerCentre, Company, Fair, Participation, PreApplication, Stand, User, Vacancy } from '../db/entities';
import { databaseKindsUnderTest, openTestDatabase, type TestDatabase } from '../db/testDatabases';
import { toParticipationDto, toPreApplicationDto, toStandDto, toVacancyDto } from '../dto';
import { ParticipationDto, StandDto, VacancyDto } from '../../shared/domain/participation/records';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demoAccounts';
import { seedDemoWorld } from './demoWorld';

// 2026-09-10 08:00 in Almaty (UTC+5).
const NOW = Date.UTC(2026, 8, 10, 3, 0, 0);

describe.each(databaseKindsUnderTest())('demo seed on %s', (kind) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('seeds an empty database once and bumps the change version', async () => {
    expect(await seedDemoWorld(t.db, NOW)).toEqual({ seeded: true });
    expect(await currentVersion(t.db.manager)).toBe(1);
    expect(await seedDemoWorld(t.db, NOW)).toEqual({ seeded: false });
    expect(await currentVersion(t.db.manager)).toBe(1);
    expect(await t.db.getRepository(User).count()).toBe(DEMO_ACCOUNTS.length);
  });

  it('creates every listed account with the demo password', async () => {
    const users = await t.db.getRepository(User).find();
    expect(users.map((u) => [u.email, u.role, u.displayName]).sort()).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.email, a.role, a.displayName]).sort(),
    );
    const moderator = users.find((u) => u.email === 'moderator@fairdesk.demo');
    expect(moderator?.locale).toBe('ru');
    expect(await verifyPassword(moderator?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true);
  });

  it('places fairs relative to now, in the centre time zone: two upcoming, the video demo one ended yesterday', async () => {
    const fairs = await t.db.getRepository(Fair).find({ order: { startsOn: 'ASC' } });
    expect(fairs.map((f) => [f.title, f.startsOn, f.endsOn, f.city])).toEqual([
      ['Almaty Logistics Hiring Day 2026-09-09', '2026-09-09', '2026-09-09', 'Almaty'],
      ['Almaty Autumn Job Fair 2026', '2026-10-01', '2026-10-01', 'Almaty'],
      ['Astana Autumn Job Fair 2026', '2026-10-10', '2026-10-10', 'Astana'],
    ]);
    const centres = await t.db.getRepository(CareerCentre).find();
    expect(centres.find((c) => c.region === 'Almaty')?.holidays).toEqual(expect.arrayContaining(['2026-12-16', '2027-03-21']));
  });

  it('creates valid, uniquely numbered pre-applications for both centres', async () => {
    const apps = await t.db.getRepository(PreApplication).find({ order: { createdAt: 'ASC' } });
    expect(apps).toHaveLength(7);
    for (const app of apps) {
      expect(() => PreApplicationDto.parse(toPreApplicationDto(app))).not.toThrow();
      expect(app.number).toMatch(/^\d{8}-\d+$/);
    }
    expect(apps.map((a) => a.number)).toEqual([
      '20260811-1', '20260829-1', '20260905-1', '20260906-1', '20260907-1', '20260908-1', '20260909-1',
    ]);
    expect(apps.filter((a) => a.status === 'approved').map((a) => [a.companyName, a.way])).toEqual([
      ['KazLogistics LLP', 2],
      ['Steppe Foods JSC', 1],
      ['KazLogistics Retail LLP', 2],
    ]);
    // The queue a moderator sees first is unchanged by the approved ones: three Almaty applications under review.
    expect(apps.filter((a) => a.status === 'under_review' && a.region === 'Almaty')).toHaveLength(3);
    const companies = await t.db.getRepository(Company).find();
    expect(companies.map((c) => [c.legalName, c.bin]).sort()).toEqual([
      ['KazLogistics LLP', '123456789012'],
      ['KazLogistics Retail LLP', '210987654321'],
      ['Steppe Foods JSC', '990011223344'],
    ]);
  });

  it('gives every approved pre-application with a fair its participation info, with valid stands and vacancies', async () => {
    const apps = await t.db.getRepository(PreApplication).find({ where: { status: 'approved' } });
    const infos = await t.db.getRepository(Participation).find();
    expect(infos.map((p) => p.preApplicationId).sort()).toEqual(apps.map((a) => a.id).sort());
    expect(infos.map((p) => [p.companyName, p.status, p.standId !== null]).sort()).toEqual([
      ['KazLogistics LLP', 'approved', true],
      ['KazLogistics Retail LLP', 'draft', false],
      ['Steppe Foods JSC', 'sent', true],
    ]);
    for (const p of infos) expect(() => ParticipationDto.parse(toParticipationDto(p))).not.toThrow();
    const stands = await t.db.getRepository(Stand).find();
    expect(stands).toHaveLength(3);
    for (const s of stands) expect(() => StandDto.parse(toStandDto(s))).not.toThrow();
    const vacancies = await t.db.getRepository(Vacancy).find();
    for (const v of vacancies) expect(() => VacancyDto.parse(toVacancyDto(v))).not.toThrow();
    const sent = infos.find((p) => p.status === 'sent');
    expect(vacancies.filter((v) => v.participationId === sent?.id)).toHaveLength(2);
    expect(vacancies.filter((v) => v.participationId === null).map((v) => v.companyId)).toEqual([
      expect.any(String),
      expect.any(String),
    ]);
  });
});
