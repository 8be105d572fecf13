import crypto from 'node:crypto';
import { MAX_IMAGE_DIMENSION, UPLOAD_RULES, formatFileSize, type UploadKind } from '../../shared/domain/uploads';
import { RpcError } from '../rpc/handlerTable';

/**
 * The desktop's content check of a picked file, before it is queued: the same decision the server
 * makes (by content, never by name; JPEG/PNG of sane dimensions for images, PDF/DOC/DOCX for
 * resumes; the kind's size limit), so an offline user hears "this is a Windows program, not a PNG
 * image" at once instead of after the next sync. The server checks again, more deeply (a complete
 * PDF, a Word compound file); what it still refuses is marked `refused` by the upload step.
 */

export interface InspectedFile {
  mime: string;
  width: number | null;
  height: number | null;
  /** Lower-case hex SHA-256: what the server compares to tell a retried upload from another file. */
  sha256: string;
}

/** How the refusals name what a file really is (file-type's `ext`). */
const KIND_NAMES: Readonly<Record<string, string>> = {
  exe: 'a Windows program',
  dll: 'a Windows program library',
  msi: 'a Windows installer',
  elf: 'a Linux program',
  macho: 'a macOS program',
  apk: 'an Android app',
  gif: 'a GIF image',
  webp: 'a WebP image',
  bmp: 'a BMP image',
  tif: 'a TIFF image',
  ico: 'an icon file',
  heic: 'a HEIC photo',
  avif: 'an AVIF image',
  psd: 'a Photoshop file',
  png: 'a PNG image',
  jpg: 'a JPEG image',
  pdf: 'a PDF document',
  doc: 'a Word document',
  docx: 'a Word document',
  xlsx: 'an Excel workbook',
  pptx: 'a PowerPoint presentation',
  odt: 'an OpenDocument text',
  rtf: 'an RTF document',
  zip: 'a ZIP archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  gz: 'a gzip archive',
  mp4: 'a video',
  mov: 'a video',
  mp3: 'an audio file',
  xml: 'an XML document',
};

const describeKind = (ext: string | undefined): string =>
  ext === undefined ? 'a file of an unrecognised kind' : (KIND_NAMES[ext] ?? `a file of an unsupported kind (.${ext})`);

const extensionOf = (name: string): string => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

const refuse = (message: string): RpcError => new RpcError('bad_request', message);

/** Checks `bytes` as an upload of `kind`; throws an RpcError saying what is wrong in plain words. */
export async function inspectFile(bytes: Buffer, kind: UploadKind, fileName: string): Promise<InspectedFile> {
  const rule = UPLOAD_RULES[kind];
  if (bytes.length === 0) throw refuse(`“${fileName}” is empty.`);
  if (bytes.length > rule.maxBytes) {
    throw new RpcError('payload_too_large', `“${fileName}” is ${formatFileSize(bytes.length)}; the limit is ${formatFileSize(rule.maxBytes)}.`);
  }
  // file-type is ESM-only; a dynamic import keeps it loadable from the CommonJS build.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = (await fileTypeFromBuffer(bytes))?.ext;
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  if (kind === 'image') return { ...inspectImage(bytes, detected, fileName), sha256 };
  const mime =
    detected === 'pdf'
      ? 'application/pdf'
      : detected === 'docx'
        ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        : detected === 'cfb' || detected === 'doc'
          ? 'application/msword'
          : null;
  if (mime === null) {
    const ext = extensionOf(fileName);
    const claimed = ext === 'pdf' ? 'PDF document' : ext === 'doc' || ext === 'docx' ? 'Word document' : null;
    throw refuse(
      claimed
        ? `“${fileName}” is ${describeKind(detected)}, not a ${claimed}.`
        : `Only PDF, DOC and DOCX documents are accepted; “${fileName}” is ${describeKind(detected)}.`,
    );
  }
  return { mime, width: null, height: null, sha256 };
}

function inspectImage(bytes: Buffer, detected: string | undefined, fileName: string): Omit<InspectedFile, 'sha256'> {
  let header: ImageHeader;
  let mime: string;
  if (detected === 'png') {
    header = readPng(bytes);
    mime = 'image/png';
  } else if (detected === 'jpg') {
    header = readJpeg(bytes);
    mime = 'image/jpeg';
  } else {
    const ext = extensionOf(fileName);
    const claimed = ext === 'png' ? 'PNG' : ext === 'jpg' || ext === 'jpeg' ? 'JPEG' : null;
    throw refuse(
      claimed
        ? `“${fileName}” is ${describeKind(detected)}, not a ${claimed} image.`
        : `Only JPEG and PNG images are accepted; “${fileName}” is ${describeKind(detected)}.`,
    );
  }
  if (!header.ok) throw refuse(`“${fileName}”: ${header.problem}`);
  const { width, height } = header;
  if (width === 0 || height === 0) throw refuse(`“${fileName}” is damaged (it claims to have no pixels).`);
  if (width > MAX_IMAGE_DIMENSION || height > MAX_IMAGE_DIMENSION) {
    throw refuse(`“${fileName}” is ${width} × ${height} pixels; the largest accepted is ${MAX_IMAGE_DIMENSION} × ${MAX_IMAGE_DIMENSION}.`);
  }
  return { mime, width, height };
}

// ---- image headers (the same structure checks as the server's, src/server/uploads/formats) --------

type ImageHeader = { ok: true; width: number; height: number } | { ok: false; problem: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Length 0, type "IEND", CRC of "IEND": the 12 bytes every complete PNG ends with. */
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** PNG: signature, IHDR first (width and height are its first two uint32s), IEND last. */
export function readPng(bytes: Buffer): ImageHeader {
  if (bytes.length < PNG_SIGNATURE.length + 25 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return { ok: false, problem: 'The PNG image is damaged (its header is incomplete).' };
  }
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    return { ok: false, problem: 'The PNG image is damaged (it has no image header).' };
  }
  if (!bytes.subarray(bytes.length - PNG_IEND.length).equals(PNG_IEND)) {
    return { ok: false, problem: 'The PNG image is incomplete (it ends before its last chunk).' };
  }
  return { ok: true, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Start-of-frame markers carrying the picture size (SOF0–SOF15 except DHT, JPG and DAC). */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: walks the marker segments to the frame header; requires the end-of-image marker (zero padding after it allowed). */
export function readJpeg(bytes: Buffer): ImageHeader {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return { ok: false, problem: 'The JPEG image is damaged (its header is missing).' };
  let end = bytes.length;
  while (end > 2 && bytes[end - 1] === 0) end--;
  if (bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9) {
    return { ok: false, problem: 'The JPEG image is incomplete (it ends before the end of the picture).' };
  }
  let at = 2;
  while (at + 4 <= end) {
    if (bytes[at] !== 0xff) return { ok: false, problem: 'The JPEG image is damaged (a segment is malformed).' };
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte before a marker
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan before any frame header
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2) return { ok: false, problem: 'The JPEG image is damaged (a segment is malformed).' };
    if (SOF_MARKERS.has(marker)) {
      if (at + 9 > end) break;
      return { ok: true, height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  return { ok: false, problem: 'The JPEG image is damaged (it has no frame header with its size).' };
}
