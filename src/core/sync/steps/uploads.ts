import type { ApiError } from '../../../shared/api/errors';
import type { UploadKind } from '../../../shared/domain/uploads';
import { UploadRow } from '../../cache/entities';
import type { EventSink } from '../../events';
import { RpcError } from '../../rpc/handlerTable';
import type { UploadFiles } from '../../uploads/uploadFiles';
import { RunSuperseded, type StepContext } from './context';

export interface UploadStepOutcome {
  uploaded: number;
  refused: number;
}

/**
 * Answers that refuse this file for good (its content, its size, another file under the id,
 * not the user's to upload): retrying cannot help, so the file is marked `refused` with the
 * server's message and the user picks another. Anything else (offline, signed out, a server
 * fault) leaves it queued and fails the run, so no change referring to it is pushed before it.
 */
const REFUSALS: ReadonlySet<ApiError['code']> = new Set(['bad_request', 'forbidden', 'conflict', 'payload_too_large']);

/**
 * Upload step, before the push: sends every queued file (`PUT /api/uploads/:kind/:id`, the id the
 * queued changes already refer to), oldest first, announcing progress. The server's PUT is
 * idempotent, so a file sent whose answer was lost is simply sent again.
 */
export async function sendQueuedUploads(ctx: StepContext, files: UploadFiles, emit: EventSink): Promise<UploadStepOutcome> {
  const queued = await ctx.cache.read((m) => m.find(UploadRow, { where: { state: 'queued' }, order: { createdAt: 'ASC', id: 'ASC' } }));
  const outcome: UploadStepOutcome = { uploaded: 0, refused: 0 };
  const settle = async (id: string, change: Partial<UploadRow>): Promise<void> => {
    await ctx.cache.write(async (m) => {
      if (!ctx.stillCurrent()) throw new RunSuperseded();
      await m.update(UploadRow, { id, state: 'queued' }, change);
    });
    emit('cache.changed', { entities: ['upload'] });
  };
  for (const upload of queued) {
    if (!ctx.stillCurrent()) throw new RunSuperseded();
    const bytes = await files.read(upload.id);
    if (!bytes) {
      outcome.refused += 1;
      await settle(upload.id, { state: 'refused', error: `The file “${upload.fileName}” is missing from this computer; pick it again.` });
      continue;
    }
    emit('uploads.progress', { id: upload.id, sentBytes: 0, totalBytes: bytes.length });
    try {
      const stored = await ctx.server.putUpload(
        ctx.token,
        { kind: upload.kind as UploadKind, id: upload.id, bytes, mime: upload.mime, fileName: upload.fileName },
        // The last chunk's count is announced below, once the server has stored the file.
        (sentBytes) => {
          if (sentBytes < bytes.length) emit('uploads.progress', { id: upload.id, sentBytes, totalBytes: bytes.length });
        },
      );
      outcome.uploaded += 1;
      await settle(upload.id, { state: 'uploaded', error: null, mime: stored.mime, size: stored.size, width: stored.width, height: stored.height });
      emit('uploads.progress', { id: upload.id, sentBytes: bytes.length, totalBytes: bytes.length });
    } catch (error) {
      if (!(error instanceof RpcError) || !REFUSALS.has(error.code)) throw error;
      ctx.logger.info({ id: upload.id, code: error.code, message: error.message }, 'server refused a queued upload');
      outcome.refused += 1;
      await settle(upload.id, { state: 'refused', error: error.message });
    }
  }
  return outcome;
}
