import type { DataSource } from 'typeorm';
import { isEmployerRole } from '../../shared/domain/roles';
import type { UploadKind } from '../../shared/domain/uploads';
import { PreApplication, type Upload, type User } from '../db/entities';
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
 * Whether `user` may read `upload`: its uploader; anyone of the same employer; a moderator only for
 * an employer's image and only when that employer has a pre-application at the moderator's centre
 * (the images moderators review). Resumes are personal data and never reach moderators.
 */
export async function mayRead(db: DataSource, user: User, upload: Upload): Promise<boolean> {
  if (upload.uploadedBy === user.id) return true;
  if (isEmployerRole(user.role)) return user.employerId !== null && upload.employerId === user.employerId;
  if (user.role !== 'moderator' || upload.kind !== 'image' || upload.employerId === null || user.centreId === null) {
    return false;
  }
  return db.getRepository(PreApplication).exists({ where: { employerId: upload.employerId, centreId: user.centreId } });
}
