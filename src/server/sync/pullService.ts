import { In, type DataSource, type EntityManager } from 'typeorm';
import { SCHEMA_VERSION, type PatchOp, type PullResponse } from '../../shared/api/http';
import { CareerCentre, Company, Fair, PreApplication, type User } from '../db/entities';
import { currentVersion } from '../db/changeVersion';
import { toCentreDto, toCompanyDto, toFairDto, toPreApplicationDto } from '../dto';
import { ServerError } from '../errors';

/** Lowest client schema version this server still answers. */
export const MIN_CLIENT_SCHEMA_VERSION = 1;

/** Refuses clients whose sync payloads this server does not speak. */
export function assertSupportedSchema(schemaVersion: number): void {
  if (schemaVersion < MIN_CLIENT_SCHEMA_VERSION || schemaVersion > SCHEMA_VERSION) {
    throw new ServerError(
      'upgrade_required',
      426,
      schemaVersion < MIN_CLIENT_SCHEMA_VERSION
        ? 'This FairDesk version is too old for the server. Please update the app.'
        : 'This FairDesk version is newer than the server. Ask your administrator to update the server.',
    );
  }
}

/** The rows of each kind a user may see. */
export interface Scope {
  centres: CareerCentre[];
  fairs: Fair[];
  companies: Company[];
  preApplications: PreApplication[];
}

/**
 * Reads the caller's scope. Tenant isolation lives here:
 * - a moderator sees its own centre, its fairs, the pre-applications addressed to it and the
 *   companies behind those pre-applications;
 * - an employer admin/manager sees every centre and fair (public information), and only its own
 *   employer's companies and pre-applications.
 */
export async function readScope(manager: EntityManager, user: User): Promise<Scope> {
  if (user.role === 'moderator') {
    if (!user.centreId) return { centres: [], fairs: [], companies: [], preApplications: [] };
    const centres = await manager.find(CareerCentre, { where: { id: user.centreId } });
    const fairs = await manager.find(Fair, { where: { centreId: user.centreId }, order: { startsOn: 'ASC' } });
    const preApplications = await manager.find(PreApplication, {
      where: { centreId: user.centreId },
      order: { createdAt: 'ASC' },
    });
    const companyIds = [...new Set(preApplications.map((p) => p.companyId))];
    const companies = companyIds.length > 0 ? await manager.find(Company, { where: { id: In(companyIds) } }) : [];
    return { centres, fairs, companies, preApplications };
  }
  if (!user.employerId) return { centres: [], fairs: [], companies: [], preApplications: [] };
  const centres = await manager.find(CareerCentre, { order: { name: 'ASC' } });
  const fairs = await manager.find(Fair, { order: { startsOn: 'ASC' } });
  const companies = await manager.find(Company, { where: { employerId: user.employerId }, order: { legalName: 'ASC' } });
  const preApplications = await manager.find(PreApplication, {
    where: { employerId: user.employerId },
    order: { createdAt: 'ASC' },
  });
  return { centres, fairs, companies, preApplications };
}

/**
 * Foundation pull: always a full snapshot (`reset: true`) of the caller's scope, read in one
 * transaction together with the change version that becomes the cookie. The incremental sync
 * of a later issue keeps this answer shape.
 */
export async function pullSnapshot(db: DataSource, user: User): Promise<PullResponse> {
  return db.transaction(async (manager) => {
    const version = await currentVersion(manager);
    const scope = await readScope(manager, user);
    const patch: PatchOp[] = [
      ...scope.centres.map((c): PatchOp => ({ op: 'put', entity: 'centre', value: toCentreDto(c) })),
      ...scope.fairs.map((f): PatchOp => ({ op: 'put', entity: 'fair', value: toFairDto(f) })),
      ...scope.companies.map((c): PatchOp => ({ op: 'put', entity: 'company', value: toCompanyDto(c) })),
      ...scope.preApplications.map(
        (p): PatchOp => ({ op: 'put', entity: 'preApplication', value: toPreApplicationDto(p) }),
      ),
    ];
    return { cookie: String(version), lastMutationId: 0, reset: true, patch };
  });
}
