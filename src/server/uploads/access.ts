import type { DataSource } from 'typeorm';
import { isEmployerRole } from '../../shared/domain/roles';
import type { UploadKind } from '../../shared/domain/uploads';
import { Participation, PreApplication, Stand, VacancyResponse, type Upload, type User } from '../db/entities';
import { ServerError } from '../errors';

/**
 * Who may upload: employer accounts (admins and cabinet managers), for their own employer.
 * Stand images are theirs by definition; resumes will come from candidates' portal sessions, which
 * arrive with the portal — until then only employer accounts can store one (e.g. a resume received
 * by other means), always inside their own tenant.
 */
export function assertMayUpload(user: User, kind: UploadKind): void {
  if (!isEmployerRole(user.role) || user.employerId === null) {
    throw new ServerError(
      'forbidden',
      403,
      kind === 'image' ? 'Only employer accounts can upload stand images.' : 'Only employer accounts can upload resumes here.',
    );
  }
}

/**
 * Whether `user` may read `upload`: its uploader; anyone of the same employer; an employer's staff
 * also a candidate's resume sent with a response to one of that employer's vacancies; a moderator
 * only for an employer's image and only when that employer has a pre-application at the moderator's
 * centre, or when the image is on a stand shown by a participation info of the moderator's centre
 * (the images moderators review). Resumes are personal data and never reach moderators.
 */
export async function mayRead(db: DataSource, user: User, upload: Upload): Promise<boolean> {
  if (upload.uploadedBy === user.id) return true;
  if (isEmployerRole(user.role)) {
    if (user.employerId === null) return false;
    if (upload.employerId === user.employerId) return true;
    if (upload.kind !== 'resume' || upload.candidateId === null) return false;
    return db.getRepository(VacancyResponse).exists({ where: { resumeUploadId: upload.id, employerId: user.employerId } });
  }
  if (user.role !== 'moderator' || upload.kind !== 'image' || upload.employerId === null || user.centreId === null) {
    return false;
  }
  if (await db.getRepository(PreApplication).exists({ where: { employerId: upload.employerId, centreId: user.centreId } })) return true;
  return onStandOfCentre(db, upload.id, user.centreId);
}

/** Whether the image is on a stand a participation info of the centre shows (logo, banner, poster or brochure). */
async function onStandOfCentre(db: DataSource, uploadId: string, centreId: string): Promise<boolean> {
  const stands = await db
    .getRepository(Stand)
    .createQueryBuilder('s')
    .innerJoin(Participation, 'p', 'p.stand_id = s.id AND p.centre_id = :centreId', { centreId })
    .getMany();
  return stands.some((s) => [s.logoUploadId, ...s.bannerUploadIds, ...s.posterUploadIds, ...s.brochureUploadIds].includes(uploadId));
}
