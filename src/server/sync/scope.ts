import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { PatchOp } from '../../shared/api/http';
import {
  CareerCentre,
  Company,
  DeletedRow,
  EmployerInterest,
  Fair,
  Participation,
  PreApplication,
  Stand,
  Vacancy,
  VacancyResponse,
  type SyncEntity,
  type User,
} from '../db/entities';
import {
  toCentreDto,
  toCompanyDto,
  toFairDto,
  toInterestDto,
  toParticipationDto,
  toPreApplicationDto,
  toResponseDto,
  toStandDto,
  toVacancyDto,
} from '../dto';

/**
 * Tenant isolation of pulls, in one place:
 * - a moderator sees its own centre, its fairs, the pre-applications addressed to it and the
 *   companies behind those pre-applications;
 * - an employer admin/manager sees every centre and fair (public information), and only its own
 *   employer's companies and pre-applications;
 * - participation: an employer sees its own stands, vacancies (library and participation ones) and
 *   participation infos; a moderator the participation infos of its centre (drafts included), their
 *   vacancies and the stands they show (a participation's new stand is "touched" so incremental
 *   pulls bring it);
 * - responses and interests (candidates' personal data): only the employer they were addressed
 *   to (admin and managers), all fairs, also after the fair; moderators none (their fair overview
 *   has counts only);
 * - anyone else (no tenant) sees nothing.
 * Every query a pull runs is built here, so no other code can forget the filter.
 */
export const SYNC_ENTITIES: readonly SyncEntity[] = [
  'centre',
  'fair',
  'company',
  'preApplication',
  'stand',
  'participation',
  'vacancy',
  'response',
  'interest',
];

type Who = Pick<User, 'role' | 'centreId' | 'employerId'>;

const isModerator = (u: Who): u is Who & { centreId: string } => u.role === 'moderator' && u.centreId !== null;
const isEmployer = (u: Who): u is Who & { employerId: string } =>
  (u.role === 'employer_admin' || u.role === 'employer_manager') && u.employerId !== null;

interface EntitySpec<T extends ObjectLiteral> {
  target: new () => T;
  toPut(row: T): PatchOp;
  /** Adds the scope filter to a query over alias `r`; false = the user sees none of these. */
  scope(qb: SelectQueryBuilder<T>, who: Who): SelectQueryBuilder<T> | false;
}

/** Every row of the table. */
const ALL = 'all';
/** A role that sees none of the table. */
const NONE = null;
type TenantFilter = string | typeof ALL | typeof NONE;

/**
 * The scope of a table per tenant, as WHERE clauses over alias `r`: the moderator's may use
 * `:centreId`, the employer's `:employerId`. Anyone else sees nothing.
 */
const byTenant =
  (moderator: TenantFilter, employer: TenantFilter) =>
  <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, who: Who): SelectQueryBuilder<T> | false => {
    const [filter, params] = isModerator(who)
      ? [moderator, { centreId: who.centreId }]
      : isEmployer(who)
        ? [employer, { employerId: who.employerId }]
        : [NONE, {}];
    if (filter === NONE) return false;
    return filter === ALL ? qb : qb.andWhere(filter, params);
  };

const OWN_EMPLOYER = 'r.employer_id = :employerId';
const OWN_CENTRE = 'r.centre_id = :centreId';

const specs: { [E in SyncEntity]: EntitySpec<ObjectLiteral> } = {
  centre: {
    target: CareerCentre,
    toPut: (r) => ({ op: 'put', entity: 'centre', value: toCentreDto(r as CareerCentre) }),
    scope: byTenant('r.id = :centreId', ALL),
  },
  fair: {
    target: Fair,
    toPut: (r) => ({ op: 'put', entity: 'fair', value: toFairDto(r as Fair) }),
    scope: byTenant(OWN_CENTRE, ALL),
  },
  company: {
    target: Company,
    toPut: (r) => ({ op: 'put', entity: 'company', value: toCompanyDto(r as Company) }),
    scope: byTenant('r.id IN (SELECT pa.company_id FROM pre_applications pa WHERE pa.centre_id = :centreId)', OWN_EMPLOYER),
  },
  preApplication: {
    target: PreApplication,
    toPut: (r) => ({ op: 'put', entity: 'preApplication', value: toPreApplicationDto(r as PreApplication) }),
    scope: byTenant(OWN_CENTRE, OWN_EMPLOYER),
  },
  stand: {
    target: Stand,
    toPut: (r) => ({ op: 'put', entity: 'stand', value: toStandDto(r as Stand) }),
    scope: byTenant('r.id IN (SELECT p.stand_id FROM participations p WHERE p.centre_id = :centreId AND p.stand_id IS NOT NULL)', OWN_EMPLOYER),
  },
  participation: {
    target: Participation,
    toPut: (r) => ({ op: 'put', entity: 'participation', value: toParticipationDto(r as Participation) }),
    scope: byTenant(OWN_CENTRE, OWN_EMPLOYER),
  },
  vacancy: {
    target: Vacancy,
    toPut: (r) => ({ op: 'put', entity: 'vacancy', value: toVacancyDto(r as Vacancy) }),
    scope: byTenant('r.participation_id IN (SELECT p.id FROM participations p WHERE p.centre_id = :centreId)', OWN_EMPLOYER),
  },
  // Candidates' personal data stays with the employer they responded to: moderators get counts only (fair overview).
  response: {
    target: VacancyResponse,
    toPut: (r) => ({ op: 'put', entity: 'response', value: toResponseDto(r as VacancyResponse) }),
    scope: byTenant(NONE, OWN_EMPLOYER),
  },
  interest: {
    target: EmployerInterest,
    toPut: (r) => ({ op: 'put', entity: 'interest', value: toInterestDto(r as EmployerInterest) }),
    scope: byTenant(NONE, OWN_EMPLOYER),
  },
};

/**
 * Rows of `entity` in scope with `minExclusive < version ≤ maxInclusive`, ordered by id, after
 * `afterId`, at most `limit` (all when undefined).
 */
export async function scopedPuts(
  manager: EntityManager,
  who: Who,
  entity: SyncEntity,
  range: { minExclusive: number; maxInclusive: number; afterId?: string | null; limit?: number },
): Promise<Array<{ id: string; op: PatchOp }>> {
  const spec = specs[entity];
  const base = manager
    .createQueryBuilder(spec.target, 'r')
    .where('r.version > :min AND r.version <= :max', { min: range.minExclusive, max: range.maxInclusive });
  const qb = spec.scope(base, who);
  if (qb === false) return [];
  if (range.afterId) qb.andWhere('r.id > :afterId', { afterId: range.afterId });
  qb.orderBy('r.id', 'ASC');
  if (range.limit !== undefined) qb.limit(range.limit);
  const rows = await selectRows(manager, spec.target, qb);
  return rows.map((row) => ({ id: String(row['id']), op: spec.toPut(row) }));
}

/** Column types whose values both drivers return as they are (no conversion in their hydration). */
const AS_IS_TYPES = new Set<unknown>(['varchar', 'character varying', 'text', String]);

/**
 * The rows of `qb`, entity-shaped, without TypeORM's generic hydration (on a 100,000-row snapshot
 * it cost more than the query): every column is selected under its property name, and only the
 * columns whose values need it (booleans, integers, transformers such as bigint → number or JSON
 * text → array) are converted, exactly as TypeORM's hydration would convert them. The scope
 * entities are flat (no embeddeds, no relations loaded), so this is the whole mapping.
 */
async function selectRows<T extends ObjectLiteral>(manager: EntityManager, target: new () => T, qb: SelectQueryBuilder<T>): Promise<T[]> {
  const driver = manager.connection.driver;
  const columns = manager.connection.getMetadata(target).columns;
  qb.select(columns.map((c) => `r.${c.propertyName}`)[0] ?? 'r.id', columns[0]?.propertyName);
  for (const c of columns.slice(1)) qb.addSelect(`r.${c.propertyName}`, c.propertyName);
  const converted = columns.filter((c) => c.transformer !== undefined || !AS_IS_TYPES.has(c.type));
  const rows: Array<Record<string, unknown>> = await qb.getRawMany();
  for (const row of rows) {
    for (const c of converted) row[c.propertyName] = driver.prepareHydratedValue(row[c.propertyName], c);
  }
  return rows as T[];
}

/** Companies (by id) in a moderator's scope, whatever their version: those behind pre-applications in a patch. */
export async function companiesByIds(manager: EntityManager, who: Who, ids: string[]): Promise<PatchOp[]> {
  if (ids.length === 0) return [];
  const qb = specs.company.scope(manager.createQueryBuilder(Company, 'r').where('r.id IN (:...ids)', { ids }), who);
  if (qb === false) return [];
  const rows = await qb.orderBy('r.id', 'ASC').getMany();
  return rows.map((r) => specs.company.toPut(r));
}

/** `del` ops for tombstones in scope with `minExclusive < version ≤ maxInclusive`. */
export async function scopedDeletes(
  manager: EntityManager,
  who: Who,
  range: { minExclusive: number; maxInclusive: number },
): Promise<PatchOp[]> {
  const qb = manager
    .createQueryBuilder(DeletedRow, 'd')
    .where('d.version > :min AND d.version <= :max', { min: range.minExclusive, max: range.maxInclusive });
  if (isModerator(who)) {
    // Companies have no centre: a moderator gets a company's delete when that employer applied to the centre.
    qb.andWhere(
      `((d.entity <> 'company' AND d.centre_id = :centreId) OR (d.entity = 'company' AND d.employer_id IN
        (SELECT pa.employer_id FROM pre_applications pa WHERE pa.centre_id = :centreId)))`,
      { centreId: who.centreId },
    );
  } else if (isEmployer(who)) {
    qb.andWhere(`(d.entity IN ('centre', 'fair') OR d.employer_id = :employerId)`, { employerId: who.employerId });
  } else {
    return [];
  }
  const rows = await qb.orderBy('d.entity', 'ASC').addOrderBy('d.id', 'ASC').getMany();
  return rows.map((d) => ({ op: 'del', entity: d.entity, id: d.id }));
}
