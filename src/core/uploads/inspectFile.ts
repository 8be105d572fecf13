import crypto from 'node:crypto';
import type { UploadKind } from '../../shared/domain/uploads';
import { judgeUpload } from '../../shared/files/judgeUpload';
import { RpcError } from '../rpc/handlerTable';

/**
 * The desktop's content check of a picked file, before it is queued: the server's own decision
 * (`judgeUpload`, shared), so an offline user hears "this is a Windows program, not a PNG image" at
 * once instead of after the next sync. What the server still refuses (e.g. a file changed on disk
 * meanwhile) is marked `refused` by the upload step.
 */

export interface InspectedFile {
  mime: string;
  width: number | null;
  height: number | null;
  /** Lower-case hex SHA-256: what the server compares to tell a retried upload from another file. */
  sha256: string;
}

/** "This file is a Windows program, …" → "“logo.png” is a Windows program, …": the user may have picked several. */
function naming(message: string, fileName: string): string {
  const named = message.replace(/^(This|The) file is /, `“${fileName}” is `);
  return named === message ? `“${fileName}”: ${message}` : named;
}

/** Checks `bytes` as an upload of `kind`; throws an RpcError saying what is wrong in plain words. */
export async function inspectFile(bytes: Buffer, kind: UploadKind, fileName: string): Promise<InspectedFile> {
  // file-type is ESM-only; a dynamic import keeps it loadable from the CommonJS build.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = bytes.length === 0 ? undefined : (await fileTypeFromBuffer(bytes))?.ext;
  const verdict = judgeUpload({ bytes, kind, detected, declaredName: fileName });
  if (!verdict.ok) throw new RpcError(verdict.reason === 'too_large' ? 'payload_too_large' : 'bad_request', naming(verdict.message, fileName));
  return { mime: verdict.mime, width: verdict.width, height: verdict.height, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}
