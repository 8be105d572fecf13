import crypto from 'node:crypto';
import {
  MAX_IMAGE_DIMENSION,
  UPLOAD_RULES,
  formatFileSize,
  type UploadKind,
} from '../../shared/domain/uploads';
import { ServerError } from '../errors';
import { describeKind, sniffText } from './describe';
import { readJpeg } from './formats/jpeg';
import { checkPdf } from './formats/pdf';
import { readPng, type ImageHeader } from './formats/png';
import { isCompoundFile, isWordCompoundFile, zipEntryNames } from './formats/office';

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

const NOUN: Readonly<Record<UploadKind, string>> = { image: 'image', resume: 'resume' };

const refuse = (message: string, status = 400): ServerError => new ServerError('bad_request', status, message);

/** The 413 for a file over its kind's limit; `size` may be a lower bound ("larger than"). */
export function tooLarge(kind: UploadKind, size: number | undefined): ServerError {
  const limit = formatFileSize(UPLOAD_RULES[kind].maxBytes);
  const what = size === undefined ? `The ${NOUN[kind]} is larger than ${limit}` : `The ${NOUN[kind]} is ${formatFileSize(size)}`;
  return new ServerError('payload_too_large', 413, `${what}; the limit is ${limit}.`);
}

/**
 * Decides, from the bytes alone, whether `bytes` is an acceptable upload of `kind`: image = a
 * complete JPEG or PNG of sane dimensions within 5 MB; resume = a complete PDF, DOCX or DOC within
 * 10 MB. Returns what the file is, or throws a `ServerError` (`payload_too_large` 413, or
 * `bad_request` 400 / 415 for a wrong kind) whose message says what was wrong in plain words.
 */
export async function inspectUpload(bytes: Buffer, options: InspectOptions): Promise<InspectedUpload> {
  const { kind } = options;
  if (bytes.length === 0) throw refuse('The file is empty.');
  if (bytes.length > UPLOAD_RULES[kind].maxBytes) throw tooLarge(kind, bytes.length);
  // file-type is ESM-only; a dynamic import keeps it loadable from our CommonJS build.
  const { fileTypeFromBuffer } = await import('file-type');
  const signature = (await fileTypeFromBuffer(bytes))?.ext;
  // file-type calls any `<?xml` file "xml"; our sniff tells an SVG drawing (scripts!) from other XML.
  const detected = signature === undefined || signature === 'xml' ? (sniffText(bytes) ?? signature) : signature;
  const found = kind === 'image' ? inspectImage(bytes, detected, options) : inspectResume(bytes, detected, options);
  return { ...found, size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

type Found = Omit<InspectedUpload, 'size' | 'sha256'>;

function inspectImage(bytes: Buffer, detected: string | undefined, options: InspectOptions): Found {
  let header: ImageHeader;
  let found: Found;
  if (detected === 'png') {
    header = readPng(bytes);
    found = { mime: 'image/png', ext: 'png' };
  } else if (detected === 'jpg') {
    header = readJpeg(bytes);
    found = { mime: 'image/jpeg', ext: 'jpg' };
  } else {
    const claimed = claimedImage(options);
    throw refuse(
      claimed
        ? `This file is ${describeKind(detected)}, not a ${claimed} image.`
        : `Only JPEG and PNG images are accepted; this is ${describeKind(detected)}.`,
      415,
    );
  }
  if (!header.ok) throw refuse(header.problem);
  const { width, height } = header;
  if (width === 0 || height === 0) throw refuse('The image is damaged (it claims to have no pixels).');
  if (width > MAX_IMAGE_DIMENSION || height > MAX_IMAGE_DIMENSION) {
    throw refuse(
      `The image is ${width} × ${height} pixels; the largest accepted is ${MAX_IMAGE_DIMENSION} × ${MAX_IMAGE_DIMENSION}.`,
    );
  }
  return { ...found, width, height };
}

function inspectResume(bytes: Buffer, detected: string | undefined, options: InspectOptions): Found {
  if (detected === 'pdf') {
    const pdf = checkPdf(bytes);
    if (!pdf.ok) throw refuse(pdf.problem);
    return { mime: 'application/pdf', ext: 'pdf' };
  }
  if (detected === 'docx' || detected === 'zip' || detected === 'xlsx' || detected === 'pptx') {
    const names = zipEntryNames(bytes);
    if (names === undefined) throw refuse(`The ${detected === 'docx' ? 'Word document' : 'file'} is incomplete or damaged.`);
    if (names.includes('word/document.xml')) {
      return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' };
    }
  } else if (detected === 'cfb' || isCompoundFile(bytes)) {
    if (isWordCompoundFile(bytes)) return { mime: 'application/msword', ext: 'doc' };
  }
  const claimed = claimedDocument(options);
  throw refuse(
    claimed
      ? `This file is ${describeKind(detected === 'docx' ? 'zip' : detected)}, not a ${claimed}.`
      : `Only PDF, DOC and DOCX documents are accepted; this is ${describeKind(detected === 'docx' ? 'zip' : detected)}.`,
    415,
  );
}

const extensionOf = (name: string | undefined): string => /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase() ?? '';

/** "PNG" / "JPEG" when the name or declared type claims one of the accepted image kinds. */
function claimedImage(options: InspectOptions): string | undefined {
  const ext = extensionOf(options.declaredName);
  const mime = options.declaredMime?.toLowerCase() ?? '';
  if (ext === 'png' || mime === 'image/png') return 'PNG';
  if (ext === 'jpg' || ext === 'jpeg' || mime === 'image/jpeg') return 'JPEG';
  return undefined;
}

function claimedDocument(options: InspectOptions): string | undefined {
  const ext = extensionOf(options.declaredName);
  const mime = options.declaredMime?.toLowerCase() ?? '';
  if (ext === 'pdf' || mime === 'application/pdf') return 'PDF document';
  if (ext === 'doc' || ext === 'docx' || mime.includes('msword') || mime.includes('wordprocessingml')) return 'Word document';
  return undefined;
}
