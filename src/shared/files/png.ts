import { endsWith, latin1, startsWith, u32be } from './bytes';

/** PNG structure checks: signature, IHDR dimensions, and the closing IEND chunk. */

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Length 0, type "IEND", CRC of "IEND": the 12 bytes every complete PNG ends with. */
const IEND_CHUNK = new Uint8Array([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

export type ImageHeader = { ok: true; width: number; height: number } | { ok: false; problem: string };

export function readPng(bytes: Uint8Array): ImageHeader {
  if (bytes.length < SIGNATURE.length + 25 || !startsWith(bytes, SIGNATURE)) {
    return { ok: false, problem: 'The PNG image is damaged (its header is incomplete).' };
  }
  // The first chunk must be IHDR, 13 bytes long: width and height are its first two uint32s.
  if (u32be(bytes, 8) !== 13 || latin1(bytes, 12, 16) !== 'IHDR') {
    return { ok: false, problem: 'The PNG image is damaged (it has no image header).' };
  }
  if (!endsWith(bytes, IEND_CHUNK)) {
    return { ok: false, problem: 'The PNG image is incomplete (it ends before its last chunk).' };
  }
  return { ok: true, width: u32be(bytes, 16), height: u32be(bytes, 20) };
}
