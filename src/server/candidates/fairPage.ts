import { In, type DataSource } from 'typeorm';
import type { PortalEmployer, PortalFairResponse, PortalStand, PortalVacancy, PortalVacancyResponse } from '../../shared/api/portal';
import { portalRoutes } from '../../shared/api/portal';
import { CareerCentre, Fair, Participation, Stand, Vacancy } from '../db/entities';
import { toFairDto } from '../dto';
import { ServerError } from '../errors';
import { windowOf } from './responseWindow';

const noFair = (): ServerError => new ServerError('not_found', 404, 'There is no such fair.');
const noVacancy = (): ServerError => new ServerError('not_found', 404, 'There is no such vacancy on a fair, or it is no longer published.');

export const imageUrl = (uploadId: string): string => portalRoutes.image.path.replace(':uploadId', encodeURIComponent(uploadId));

/** A stand as candidates see it: no internal name, images as public image URLs. */
export function toPortalStand(stand: Stand): PortalStand {
  return {
    companyName: stand.companyName,
    address: stand.address,
    website: stand.website,
    companyInfo: stand.companyInfo,
    activity: stand.activity,
    advantages: stand.advantages,
    slogan: stand.slogan,
    socialLinks: stand.socialLinks,
    logoUrl: stand.logoUploadId ? imageUrl(stand.logoUploadId) : null,
    bannerUrls: stand.bannerUploadIds.map(imageUrl),
    posterUrls: stand.posterUploadIds.map(imageUrl),
    brochureUrls: stand.brochureUploadIds.map(imageUrl),
    videoUrl: stand.videoUrl,
  };
}

/** Summary fields for everyone; description and requirements only once responses are open. */
export function toPortalVacancy(v: Vacancy, participationId: string, full: boolean): PortalVacancy {
  return {
    id: v.id,
    participationId,
    title: v.title,
    profession: v.profession,
    salaryFrom: v.salaryFrom,
    salaryTo: v.salaryTo,
    currency: v.currency,
    places: v.places,
    location: v.location,
    employmentType: v.employmentType,
    details: full ? { description: v.description, requirements: v.requirements } : null,
  };
}

/**
 * A fair's public page: the fair, its response window, and the employers taking part — only
 * participations the centre approved — with stand and vacancies. Full vacancy details appear from
 * the day before the fair (and stay after it, so candidates can still read what they answered).
 */
export async function loadPortalFair(db: DataSource, fairId: string, now: number): Promise<PortalFairResponse> {
  const fair = await db.getRepository(Fair).findOneBy({ id: fairId });
  if (!fair) throw noFair();
  const centre = await db.getRepository(CareerCentre).findOneBy({ id: fair.centreId });
  if (!centre) throw noFair();
  const window = windowOf(fair, centre, now);
  const participations = await db.getRepository(Participation).find({
    where: { fairId, status: 'approved' },
    order: { companyName: 'ASC', id: 'ASC' },
  });
  const standIds = participations.flatMap((p) => (p.standId ? [p.standId] : []));
  const stands = standIds.length ? await db.getRepository(Stand).findBy({ id: In(standIds) }) : [];
  const standById = new Map(stands.map((s) => [s.id, s]));
  const vacancies = participations.length
    ? await db.getRepository(Vacancy).find({
        where: { participationId: In(participations.map((p) => p.id)) },
        order: { createdAt: 'ASC', id: 'ASC' },
      })
    : [];
  const full = window.state !== 'not_yet';
  const employers: PortalEmployer[] = participations.map((p) => {
    const stand = p.standId ? standById.get(p.standId) : undefined;
    return {
      participationId: p.id,
      companyName: stand?.companyName || p.companyName,
      activity: stand?.activity ?? '',
      stand: stand ? toPortalStand(stand) : null,
      vacancies: vacancies.filter((v) => v.participationId === p.id).map((v) => toPortalVacancy(v, p.id, full)),
    };
  });
  return { fair: { ...toFairDto(fair), centreName: centre.name, timeZone: centre.timeZone }, responses: window, employers };
}

/** A published vacancy with the participation, fair and centre it hangs on; 404 when not published. */
export async function findPublishedVacancy(
  db: DataSource,
  vacancyId: string,
): Promise<{ vacancy: Vacancy; participation: Participation; fair: Fair; centre: CareerCentre; stand: Stand | null }> {
  const vacancy = await db.getRepository(Vacancy).findOneBy({ id: vacancyId });
  if (!vacancy?.participationId) throw noVacancy();
  const participation = await db.getRepository(Participation).findOneBy({ id: vacancy.participationId });
  if (participation?.status !== 'approved') throw noVacancy();
  const fair = await db.getRepository(Fair).findOneBy({ id: participation.fairId });
  const centre = fair ? await db.getRepository(CareerCentre).findOneBy({ id: fair.centreId }) : null;
  if (!fair || !centre) throw noVacancy();
  const stand = participation.standId ? await db.getRepository(Stand).findOneBy({ id: participation.standId }) : null;
  return { vacancy, participation, fair, centre, stand };
}

/** One vacancy of a fair; details only inside (or after) the response window, like the fair page. */
export async function loadPortalVacancy(db: DataSource, vacancyId: string, now: number): Promise<PortalVacancyResponse> {
  const { vacancy, participation, fair, centre, stand } = await findPublishedVacancy(db, vacancyId);
  const window = windowOf(fair, centre, now);
  return {
    vacancy: toPortalVacancy(vacancy, participation.id, window.state !== 'not_yet'),
    fairId: fair.id,
    fairTitle: fair.title,
    companyName: stand?.companyName || participation.companyName,
    responses: window,
  };
}
