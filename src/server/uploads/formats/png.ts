/** PNG structure checks: signature, IHDR dimensions, and the closing IEND chunk. */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Length 0, type "IEND", CRC of "IEND": the 12 bytes every complete PNG ends with. */
const IEND_CHUNK = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

export type ImageHeader = { ok: true; width: number; height: number } | { ok: false; problem: string };

export function readPng(bytes: Buffer): ImageHeader {
  if (bytes.length < SIGNATURE.length + 25 || !bytes.subarray(0, 8).equals(SIGNATURE)) {
    return { ok: false, problem: 'The PNG image is damaged (its header is incomplete).' };
  }
  // The first chunk must be IHDR, 13 bytes long: width and height are its first two uint32s.
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    return { ok: false, problem: 'The PNG image is damaged (it has no image header).' };
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (!bytes.subarray(bytes.length - IEND_CHUNK.length).equals(IEND_CHUNK)) {
    return { ok: false, problem: 'The PNG image is incomplete (it ends before its last chunk).' };
  }
  return { ok: true, width, height };
}
