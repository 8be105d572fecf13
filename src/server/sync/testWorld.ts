import crypto from 'node:crypto';
import type { MutationArgs } from '../../shared/sync/mutations';
import { CareerCentre, Company, Fair, PreApplication, User } from '../db/entities';
import type { DatabaseKind } from '../db/dataSource';
import { openTestDatabase, type TestDatabase } from '../db/testDatabases';
import { TransactionRunner } from '../db/transactions';
import { FairService } from '../domain/fairService';
import { ParticipationService } from '../domain/participationService';
import { PreApplicationService } from '../domain/preApplicationService';
import { StandService } from '../domain/standService';
import { VacancyService } from '../domain/vacancyService';
import { MutationRejected } from '../domain/rejection';
import { seedDemoWorld } from '../seed/demoWorld';

/**
 * The demo world in a throw-away database with a settable clock, for service-level tests of the
 * sync rules. Not used by the running server.
 */
export interface TestWorld {
  t: TestDatabase;
  tx: TransactionRunner;
  clock: { now: number };
  user(email: string): Promise<User>;
  centre(region: string): Promise<CareerCentre>;
  company(legalName: string): Promise<Company>;
  fair(centreRegion: string): Promise<Fair>;
  app(id: string): Promise<PreApplication>;
  /**
   * Runs one domain call in its own write transaction: `applied`, or the rejection. `clientId` is
   * the sync client the change comes from (the baseVersion rule); none by default.
   */
  run(work: (s: Services) => Promise<unknown>, clientId?: string): Promise<Outcome>;
  /** A way-2 (or way-1 when `fairId` is null) pre-application payload for `company`. */
  application(company: Company, place: { fairId: string | null; centreId?: string | null; desired?: [string, string] }): MutationArgs<'createPreApplication'>;
  dispose(): Promise<void>;
}

export type Outcome = 'applied' | { code: string; message: string };

export interface Services {
  fairs: FairService;
  applications: PreApplicationService;
  stands: StandService;
  vacancies: VacancyService;
  participations: ParticipationService;
}

export async function openTestWorld(kind: DatabaseKind, seedNow: number): Promise<TestWorld> {
  const t = await openTestDatabase(kind);
  // Without the video demo: these tests build their own fairs, responses and interviews on a known world.
  await seedDemoWorld(t.db, seedNow, { videoInterviews: false });
  const clock = { now: seedNow };
  const tx = new TransactionRunner(t.db, () => clock.now);
  return {
    t,
    tx,
    clock,
    user: (email) => t.db.getRepository(User).findOneByOrFail({ email }),
    centre: (region) => t.db.getRepository(CareerCentre).findOneByOrFail({ region }),
    company: (legalName) => t.db.getRepository(Company).findOneByOrFail({ legalName }),
    fair: (region) => t.db.getRepository(Fair).findOneByOrFail({ region }),
    app: (id) => t.db.getRepository(PreApplication).findOneByOrFail({ id }),
    run: async (work, clientId) => {
      try {
        await tx.write((write) => {
          const ctx = { ...write, clientId: clientId ?? null };
          return work({
            fairs: new FairService(ctx),
            applications: new PreApplicationService(ctx),
            stands: new StandService(ctx),
            vacancies: new VacancyService(ctx),
            participations: new ParticipationService(ctx),
          });
        });
        return 'applied';
      } catch (err) {
        if (err instanceof MutationRejected) return { code: err.code, message: err.message };
        throw err;
      }
    },
    application: (company, place) => ({
      id: crypto.randomUUID(),
      way: place.fairId ? 2 : 1,
      companyId: company.id,
      centreId: place.centreId ?? null,
      fairId: place.fairId,
      desiredFrom: place.desired?.[0] ?? null,
      desiredTo: place.desired?.[1] ?? null,
      companyInfo: company.info,
      vacantPlaces: 3,
      professions: ['Driver'],
      contactName: 'Dana Omarova',
      contactPhone: '+7 701 234 56 78',
      contactEmail: 'hr@kazlogistics.demo',
      consentSalaryShown: true,
      consentChatDuringFair: true,
      wantsVideoInterviews: false,
    }),
    dispose: () => t.dispose(),
  };
}
