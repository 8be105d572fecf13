import path from 'node:path';
import { MAX_FILE_NAME_LENGTH } from '../../shared/domain/uploads';

/** Characters Windows, macOS or a Content-Disposition header cannot take in a file name. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The user's file name made safe to store and to offer back in a download: the last path segment
 * only, NFC, no control / bidi-override / reserved characters, no leading dots (hidden files),
 * at most MAX_FILE_NAME_LENGTH characters keeping the extension. `fallback` when nothing is left.
 */
export function sanitiseFileName(raw: string | undefined, fallback: string): string {
  const lastSegment = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = lastSegment.normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!name || /^_+$/.test(name)) return fallback;
  if ([...name].length > MAX_FILE_NAME_LENGTH) {
    const ext = path.extname(name).slice(0, 16);
    name = [...name].slice(0, MAX_FILE_NAME_LENGTH - ext.length).join('') + ext;
  }
  return name;
}

/** Decodes the percent-encoded `X-File-Name` header; a malformed encoding is kept as sent. */
export function decodeFileNameHeader(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

/** `inline`/`attachment` Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
