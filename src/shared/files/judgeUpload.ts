import { MAX_IMAGE_DIMENSION, UPLOAD_RULES, formatFileSize, type UploadKind } from '../domain/uploads';
import { describeKind, sniffText } from './kinds';
import { readJpeg } from './jpeg';
import { checkPdf } from './pdf';
import { readPng, type ImageHeader } from './png';
import { isCompoundFile, isWordCompoundFile, zipEntryNames } from './office';

/**
 * The one decision on an uploaded file, from its bytes alone (never its name or declared type):
 * image = a complete JPEG or PNG of sane dimensions within 5 MB; resume = a complete PDF, DOCX or
 * DOC within 10 MB. The server runs it on every upload and the desktop core before queueing a file,
 * so an offline user hears the same refusal at once that the server would give later.
 */

/** What a file is: `detected` is file-type's `ext` for the bytes (the caller runs file-type, which needs Node). */
export interface UploadToJudge {
  bytes: Uint8Array;
  kind: UploadKind;
  detected: string | undefined;
  /** The name the user's file had: used only to word a refusal ("…, not a PNG image"), never to decide. */
  declaredName?: string;
  /** The declared Content-Type: likewise only for wording. */
  declaredMime?: string;
}

export type UploadVerdict =
  | { ok: true; mime: string; ext: 'png' | 'jpg' | 'pdf' | 'doc' | 'docx'; width: number | null; height: number | null }
  /** `too_large` → HTTP 413; `wrong_kind` → 415 (not what was asked for); `damaged` → 400. */
  | { ok: false; reason: 'too_large' | 'wrong_kind' | 'damaged'; message: string };

const NOUN: Readonly<Record<UploadKind, string>> = { image: 'image', resume: 'resume' };

/** The refusal of a file over its kind's limit; `size` may be unknown (a stream cut at the limit: "larger than"). */
export function tooLargeMessage(kind: UploadKind, size: number | undefined): string {
  const limit = formatFileSize(UPLOAD_RULES[kind].maxBytes);
  const what = size === undefined ? `The ${NOUN[kind]} is larger than ${limit}` : `The ${NOUN[kind]} is ${formatFileSize(size)}`;
  return `${what}; the limit is ${limit}.`;
}

const damaged = (message: string): UploadVerdict => ({ ok: false, reason: 'damaged', message });
const wrongKind = (message: string): UploadVerdict => ({ ok: false, reason: 'wrong_kind', message });

export function judgeUpload(file: UploadToJudge): UploadVerdict {
  const { bytes, kind } = file;
  if (bytes.length === 0) return damaged('The file is empty.');
  if (bytes.length > UPLOAD_RULES[kind].maxBytes) return { ok: false, reason: 'too_large', message: tooLargeMessage(kind, bytes.length) };
  // file-type calls any `<?xml` file "xml"; the sniff tells an SVG drawing (scripts!) from other XML.
  const detected = file.detected === undefined || file.detected === 'xml' ? (sniffText(bytes) ?? file.detected) : file.detected;
  return kind === 'image' ? judgeImage(bytes, detected, file) : judgeResume(bytes, detected, file);
}

function judgeImage(bytes: Uint8Array, detected: string | undefined, file: UploadToJudge): UploadVerdict {
  let header: ImageHeader;
  let found: { mime: string; ext: 'png' | 'jpg' };
  if (detected === 'png') {
    header = readPng(bytes);
    found = { mime: 'image/png', ext: 'png' };
  } else if (detected === 'jpg') {
    header = readJpeg(bytes);
    found = { mime: 'image/jpeg', ext: 'jpg' };
  } else {
    const claimed = claimedImage(file);
    return wrongKind(
      claimed
        ? `This file is ${describeKind(detected)}, not a ${claimed} image.`
        : `Only JPEG and PNG images are accepted; this is ${describeKind(detected)}.`,
    );
  }
  if (!header.ok) return damaged(header.problem);
  const { width, height } = header;
  if (width === 0 || height === 0) return damaged('The image is damaged (it claims to have no pixels).');
  if (width > MAX_IMAGE_DIMENSION || height > MAX_IMAGE_DIMENSION) {
    return damaged(`The image is ${width} × ${height} pixels; the largest accepted is ${MAX_IMAGE_DIMENSION} × ${MAX_IMAGE_DIMENSION}.`);
  }
  return { ok: true, ...found, width, height };
}

function judgeResume(bytes: Uint8Array, detected: string | undefined, file: UploadToJudge): UploadVerdict {
  const document = (mime: string, ext: 'pdf' | 'doc' | 'docx'): UploadVerdict => ({ ok: true, mime, ext, width: null, height: null });
  if (detected === 'pdf') {
    const pdf = checkPdf(bytes);
    return pdf.ok ? document('application/pdf', 'pdf') : damaged(pdf.problem);
  }
  if (detected === 'docx' || detected === 'zip' || detected === 'xlsx' || detected === 'pptx') {
    const names = zipEntryNames(bytes);
    if (names === undefined) return damaged(`The ${detected === 'docx' ? 'Word document' : 'file'} is incomplete or damaged.`);
    if (names.includes('word/document.xml')) return document('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx');
  } else if (detected === 'cfb' || isCompoundFile(bytes)) {
    if (isWordCompoundFile(bytes)) return document('application/msword', 'doc');
  }
  const what = describeKind(detected === 'docx' ? 'zip' : detected);
  const claimed = claimedDocument(file);
  return wrongKind(claimed ? `This file is ${what}, not a ${claimed}.` : `Only PDF, DOC and DOCX documents are accepted; this is ${what}.`);
}

const extensionOf = (name: string | undefined): string => /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase() ?? '';

/** "PNG" / "JPEG" when the name or declared type claims one of the accepted image kinds. */
function claimedImage(file: UploadToJudge): string | undefined {
  const ext = extensionOf(file.declaredName);
  const mime = file.declaredMime?.toLowerCase() ?? '';
  if (ext === 'png' || mime === 'image/png') return 'PNG';
  if (ext === 'jpg' || ext === 'jpeg' || mime === 'image/jpeg') return 'JPEG';
  return undefined;
}

function claimedDocument(file: UploadToJudge): string | undefined {
  const ext = extensionOf(file.declaredName);
  const mime = file.declaredMime?.toLowerCase() ?? '';
  if (ext === 'pdf' || mime === 'application/pdf') return 'PDF document';
  if (ext === 'doc' || ext === 'docx' || mime.includes('msword') || mime.includes('wordprocessingml')) return 'Word document';
  return undefined;
}
