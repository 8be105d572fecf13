import { latin1 } from './bytes';

/**
 * PDF structure checks: a `%PDF-x.y` header at the start and, at the end, the `startxref … %%EOF`
 * trailer a PDF writer puts after the last page. A file cut short in transfer lacks it.
 */

/** Trailers may be followed by a few bytes of whitespace or junk; look this far back for `%%EOF`. */
const TRAILER_WINDOW = 1024;

export type PdfCheck = { ok: true; version: string } | { ok: false; problem: string };

export function checkPdf(bytes: Uint8Array): PdfCheck {
  const header = /^%PDF-(\d)\.(\d)/.exec(latin1(bytes, 0, Math.min(bytes.length, 16)));
  if (!header) return { ok: false, problem: 'The PDF is damaged (its header is not readable).' };
  const tail = latin1(bytes, Math.max(0, bytes.length - TRAILER_WINDOW));
  const eof = tail.lastIndexOf('%%EOF');
  if (eof < 0 || !/startxref\s+\d+\s*$/.test(tail.slice(0, eof))) {
    return { ok: false, problem: 'The PDF is incomplete (it ends before its last page).' };
  }
  return { ok: true, version: `${header[1] ?? ''}.${header[2] ?? ''}` };
}
