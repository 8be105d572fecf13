import { u16be } from './bytes';
import type { ImageHeader } from './png';

/** Start-of-frame markers carrying the picture size (SOF0–SOF15 except DHT, JPG and DAC). */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * JPEG structure checks: walks the marker segments up to the frame header for the dimensions,
 * and requires the end-of-image marker (some encoders pad with zero bytes after it; those are allowed).
 */
export function readJpeg(bytes: Uint8Array): ImageHeader {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    return { ok: false, problem: 'The JPEG image is damaged (its header is missing).' };
  }
  let end = bytes.length;
  while (end > 2 && bytes[end - 1] === 0) end--;
  if (bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9) {
    return { ok: false, problem: 'The JPEG image is incomplete (it ends before the end of the picture).' };
  }
  let at = 2;
  while (at + 4 <= end) {
    if (bytes[at] !== 0xff) return { ok: false, problem: 'The JPEG image is damaged (a segment is malformed).' };
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes (0xFF 0xFF …) may precede a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan before any frame header
    const length = u16be(bytes, at + 2);
    if (length < 2) return { ok: false, problem: 'The JPEG image is damaged (a segment is malformed).' };
    if (SOF_MARKERS.has(marker)) {
      if (at + 9 > end) break;
      return { ok: true, height: u16be(bytes, at + 5), width: u16be(bytes, at + 7) };
    }
    at += 2 + length;
  }
  return { ok: false, problem: 'The JPEG image is damaged (it has no frame header with its size).' };
}
