import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { bumpVersion } from '../../src/server/db/changeVersion';
import { createServerDataSource, databaseTarget } from '../../src/server/db/dataSource';
import { CareerCentre, Company, Fair, PreApplication } from '../../src/server/db/entities';

/**
 * Server data for the benchmarks, written straight into the server's SQLite file through its own
 * entities (so it follows the schema) while the server is stopped — far faster than pushing
 * 100,000 applications through the API, which is not what is being measured.
 */
export async function openServerData(dataDir: string): Promise<DataSource> {
  const db = createServerDataSource(databaseTarget({ dataDir, databaseUrl: null }), { runMigrations: false });
  await db.initialize();
  return db;
}

export interface InsertOptions {
  /** Applications addressed to this centre (by name, as seeded). */
  centreName: string;
  /** First sequence number used in `number` and texts; continue from the previous batch. */
  from: number;
  count: number;
  /** Way 2 to the centre's first fair (approvable without choosing a fair) — else way 1. */
  way: 1 | 2;
}

/** Inserts `count` under-review applications in one transaction at one new change version; returns their ids. */
export async function insertPreApplications(dataDir: string, options: InsertOptions): Promise<string[]> {
  const db = await openServerData(dataDir);
  try {
    return await db.transaction(async (m) => {
      const version = await bumpVersion(m);
      const centre = await m.findOneByOrFail(CareerCentre, { name: options.centreName });
      const fair = await m.findOneOrFail(Fair, { where: { centreId: centre.id }, order: { startsOn: 'ASC' } });
      const companies = await m.find(Company, { order: { legalName: 'ASC' } });
      const now = Date.now();
      const ids: string[] = [];
      const CHUNK = 400;
      for (let start = 0; start < options.count; start += CHUNK) {
        const rows: PreApplication[] = [];
        for (let i = start; i < Math.min(options.count, start + CHUNK); i += 1) {
          const n = options.from + i;
          const company = companies[n % companies.length] as Company;
          const id = benchUuid(n);
          ids.push(id);
          rows.push(
            m.create(PreApplication, {
              id,
              number: `20300101-${n + 1}`,
              employerId: company.employerId,
              companyId: company.id,
              companyName: company.legalName,
              centreId: centre.id,
              way: options.way,
              fairId: options.way === 2 ? fair.id : null,
              fairTitle: options.way === 2 ? fair.title : null,
              region: centre.region,
              desiredFrom: options.way === 1 ? '2030-05-01' : null,
              desiredTo: options.way === 1 ? '2030-05-31' : null,
              companyInfo: `${company.legalName}: benchmark application ${n} with a paragraph of company information to make the row realistic.`,
              vacantPlaces: 1 + (n % 25),
              professions: ['Truck driver', 'Warehouse operator', 'Accountant'],
              contactName: 'Dana Omarova',
              contactPhone: '+7 701 234 56 78',
              contactEmail: 'hr@kazlogistics.demo',
              consentSalaryShown: true,
              consentChatDuringFair: true,
              wantsVideoInterviews: n % 3 === 0,
              status: 'under_review',
              rejectionReason: null,
              decidedBy: null,
              decidedByName: null,
              decidedAt: null,
              createdAt: now - n,
              updatedAt: now - n,
              statusChangedAt: now - n,
              version,
            }),
          );
        }
        await m.insert(PreApplication, rows);
      }
      return ids;
    });
  } finally {
    await db.destroy();
  }
}

/** Deterministic v4-shaped UUIDs, so runs are comparable. */
function benchUuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/** Copies a stopped server's SQLite files (main file and WAL, if any) into `to`. */
export function copyServerData(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    if (name.startsWith('fairdesk.sqlite')) fs.copyFileSync(path.join(from, name), path.join(to, name));
  }
}
