import { In, type DataSource } from 'typeorm';
import { Participation, Stand, Upload } from '../db/entities';

/**
 * Whether stand image `uploadId` may be served to anyone: it is an image, and a stand of the same
 * employer showing it is attached to an approved participation. Drafts, reviews and withdrawn
 * participations stay private, and so do images the stand no longer shows.
 */
export async function findPublicImage(db: DataSource, uploadId: string): Promise<Upload | null> {
  const upload = await db.getRepository(Upload).findOneBy({ id: uploadId });
  if (upload?.kind !== 'image' || upload.employerId === null) return null;
  // Lists are JSON text: a quoted-id LIKE narrows the stands, the parsed arrays decide.
  const pattern = `%"${uploadId}"%`;
  const stands = await db
    .getRepository(Stand)
    .createQueryBuilder('s')
    .where('s.employer_id = :employer', { employer: upload.employerId })
    .andWhere(
      '(s.logo_upload_id = :id OR s.banner_upload_ids LIKE :p OR s.poster_upload_ids LIKE :p OR s.brochure_upload_ids LIKE :p)',
      { id: uploadId, p: pattern },
    )
    .getMany();
  const showing = stands.filter(
    (s) => s.logoUploadId === uploadId || [...s.bannerUploadIds, ...s.posterUploadIds, ...s.brochureUploadIds].includes(uploadId),
  );
  if (showing.length === 0) return null;
  const published = await db.getRepository(Participation).exists({
    where: { standId: In(showing.map((s) => s.id)), status: 'approved' },
  });
  return published ? upload : null;
}
