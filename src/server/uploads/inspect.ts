import crypto from 'node:crypto';
import type { UploadKind } from '../../shared/domain/uploads';
import { judgeUpload, tooLargeMessage } from '../../shared/files/judgeUpload';
import { ServerError } from '../errors';

/** What an accepted file really is, as found from its content. */
export interface InspectedUpload {
  mime: string;
  /** Canonical extension for the content (`png`, `jpg`, `pdf`, `doc`, `docx`). */
  ext: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes: the file's storage address. */
  sha256: string;
  width?: number;
  height?: number;
}

export interface InspectOptions {
  kind: UploadKind;
  /** The name the user's file had: used only to word a refusal ("…, not a PNG image"), never to decide. */
  declaredName?: string;
  /** The declared Content-Type: likewise only for wording. */
  declaredMime?: string;
}

/** The 413 for a file over its kind's limit; `size` may be a lower bound ("larger than"). */
export function tooLarge(kind: UploadKind, size: number | undefined): ServerError {
  return new ServerError('payload_too_large', 413, tooLargeMessage(kind, size));
}

/**
 * Decides, from the bytes alone, whether `bytes` is an acceptable upload of `kind` (the shared
 * `judgeUpload`, which the desktop also runs before queueing a file). Returns what the file is, or
 * throws a `ServerError` (`payload_too_large` 413, or `bad_request` 400 / 415 for a wrong kind)
 * whose message says what was wrong in plain words.
 */
export async function inspectUpload(bytes: Buffer, options: InspectOptions): Promise<InspectedUpload> {
  // file-type is ESM-only; a dynamic import keeps it loadable from our CommonJS build.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = bytes.length === 0 ? undefined : (await fileTypeFromBuffer(bytes))?.ext;
  const verdict = judgeUpload({ bytes, detected, ...options });
  if (!verdict.ok) {
    if (verdict.reason === 'too_large') throw new ServerError('payload_too_large', 413, verdict.message);
    throw new ServerError('bad_request', verdict.reason === 'wrong_kind' ? 415 : 400, verdict.message);
  }
  return {
    mime: verdict.mime,
    ext: verdict.ext,
    size: bytes.length,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    ...(verdict.width !== null && verdict.height !== null ? { width: verdict.width, height: verdict.height } : {}),
  };
}
