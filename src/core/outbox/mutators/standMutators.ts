import type { EntityManager } from 'typeorm';
import { checkEdit } from '../../../shared/domain/participation/participationRules';
import { standUploadIds, type StandFields } from '../../../shared/domain/participation/stand';
import { isEmployerRole, type UserDto } from '../../../shared/domain/roles';
import { CompanyRow, ParticipationRow, StandRow, UploadRow } from '../../cache/entities';
import { RpcError } from '../../rpc/handlerTable';
import { touchParticipation, touchStand } from '../optimisticRows';
import type { Mutator } from './mutator';
import { enforce, loadParticipation, participationLabel } from './participationContext';

/** Stands (SPEC "Stand"): the employer's own, edited and deleted offline like everything else. */

function assertEmployer(actor: UserDto): string {
  if (!isEmployerRole(actor.role) || !actor.employerId) throw new RpcError('forbidden', 'Only an employer’s admin or manager can manage stands.');
  return actor.employerId;
}

/** The employer's own, not deleted stand; `not_found` / `forbidden` otherwise. */
async function ownStand(m: EntityManager, id: string, employerId: string): Promise<StandRow> {
  const row = await m.findOneBy(StandRow, { id });
  if (!row || row.deleted === 1) throw new RpcError('not_found', 'This stand is no longer in your list.');
  if (row.employerId !== employerId) throw new RpcError('forbidden', 'This stand belongs to another employer.');
  return row;
}

/** The infos showing a stand whose status the stand's fate depends on. */
const showing = (m: EntityManager, standId: string): Promise<ParticipationRow[]> => m.findBy(ParticipationRow, { standId });

/**
 * Images must be images and must not have been refused. One the cache does not know came from
 * another device; the server checks that one.
 */
async function checkImages(m: EntityManager, fields: StandFields): Promise<void> {
  for (const id of standUploadIds(fields)) {
    const upload = await m.findOneBy(UploadRow, { id });
    if (!upload) continue;
    if (upload.kind !== 'image') throw new RpcError('bad_request', `“${upload.fileName}” is not an image; a stand shows JPEG or PNG images only.`);
    if (upload.state === 'refused') {
      throw new RpcError('bad_request', `The server refused the image “${upload.fileName}”: ${upload.error ?? 'no reason given'} Remove it or pick another image.`);
    }
  }
}

const standColumns = (fields: StandFields) => ({
  internalName: fields.internalName,
  companyId: fields.companyId,
  companyName: fields.companyName,
  address: fields.address,
  website: fields.website,
  companyInfo: fields.companyInfo,
  activity: fields.activity,
  advantages: fields.advantages,
  slogan: fields.slogan,
  socialLinksJson: JSON.stringify(fields.socialLinks),
  logoUploadId: fields.logoUploadId,
  bannerUploadIdsJson: JSON.stringify(fields.bannerUploadIds),
  posterUploadIdsJson: JSON.stringify(fields.posterUploadIds),
  brochureUploadIdsJson: JSON.stringify(fields.brochureUploadIds),
  videoUrl: fields.videoUrl,
});

/**
 * Employer: create or edit a stand. Refused while a sent participation info shows it (the
 * moderator is reviewing it) and, for an approved one, after the changes deadline.
 */
export const saveStand: Mutator<'saveStand'> = {
  entities: ['stand'],
  async check(m, args, { actor, now }) {
    const employerId = assertEmployer(actor);
    const company = await m.findOneBy(CompanyRow, { id: args.fields.companyId });
    if (!company || company.employerId !== employerId) {
      throw new RpcError('bad_request', 'Choose one of your own companies.', [{ path: 'fields.companyId', message: 'Not one of your companies.' }]);
    }
    const existing = await m.findOneBy(StandRow, { id: args.id });
    if (existing || args.baseVersion !== null) {
      await ownStand(m, args.id, employerId);
      for (const info of await showing(m, args.id)) {
        if (info.status !== 'sent' && info.status !== 'approved') continue;
        const loaded = await loadParticipation(m, info.id, actor, now);
        enforce(checkEdit(loaded.state, 'stand', loaded.ctx));
      }
    }
    await checkImages(m, args.fields);
    return { entity: 'stand', id: args.id, label: args.fields.internalName };
  },
  async apply(m, args, { actor, now }) {
    const existing = await m.findOneBy(StandRow, { id: args.id });
    if (existing) {
      await m.save(StandRow, { ...touchStand(existing), ...standColumns(args.fields), updatedAt: now });
      return;
    }
    await m.insert(StandRow, {
      id: args.id,
      employerId: actor.employerId ?? '',
      ...standColumns(args.fields),
      createdAt: now,
      updatedAt: now,
      version: 0,
      optimistic: 1,
      serverJson: null,
      deleted: 0,
    });
  },
};

/**
 * Employer: delete a stand. Refused while a sent or approved info shows it; drafts, rejected and
 * withdrawn infos showing it lose it (as the server does).
 */
export const deleteStand: Mutator<'deleteStand'> = {
  entities: ['stand', 'participation'],
  async check(m, args, { actor }) {
    const row = await ownStand(m, args.id, assertEmployer(actor));
    const blocking = (await showing(m, args.id)).find((info) => info.status === 'sent' || info.status === 'approved');
    if (blocking) {
      throw new RpcError(
        'conflict',
        `The participation info ${participationLabel(blocking)} is ${blocking.status === 'sent' ? 'waiting for the moderator' : 'approved'} and shows this stand; withdraw it (or attach another stand) first.`,
      );
    }
    return { entity: 'stand', id: row.id, label: row.internalName };
  },
  async apply(m, args, { now }) {
    const row = await m.findOneBy(StandRow, { id: args.id });
    if (!row) return;
    await m.save(StandRow, { ...touchStand(row), deleted: 1, updatedAt: now });
    for (const info of await showing(m, args.id)) {
      await m.save(ParticipationRow, { ...touchParticipation(info), standId: null, updatedAt: now });
    }
  },
};
