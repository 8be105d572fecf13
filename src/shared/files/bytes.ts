/**
 * Byte reading for the file-format checks, on plain `Uint8Array`s so the same checks run in the
 * server, the desktop core and (if ever needed) a browser. Reads past the end give 0 / '' instead
 * of throwing: the callers bound-check first and treat a short file as damaged.
 */

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const inside = (bytes: Uint8Array, at: number, size: number): boolean => at >= 0 && at + size <= bytes.length;

export const u16be = (bytes: Uint8Array, at: number): number => (inside(bytes, at, 2) ? view(bytes).getUint16(at, false) : 0);
export const u32be = (bytes: Uint8Array, at: number): number => (inside(bytes, at, 4) ? view(bytes).getUint32(at, false) : 0);
export const u16le = (bytes: Uint8Array, at: number): number => (inside(bytes, at, 2) ? view(bytes).getUint16(at, true) : 0);
export const u32le = (bytes: Uint8Array, at: number): number => (inside(bytes, at, 4) ? view(bytes).getUint32(at, true) : 0);

/** Bytes `from`..`to` as Latin-1 text (one character per byte: safe for binary signatures). */
export function latin1(bytes: Uint8Array, from = 0, to = bytes.length): string {
  let text = '';
  for (const byte of bytes.subarray(from, to)) text += String.fromCharCode(byte);
  return text;
}

export const utf8 = (bytes: Uint8Array, from = 0, to = bytes.length): string => new TextDecoder('utf-8').decode(bytes.subarray(from, to));

export function startsWith(bytes: Uint8Array, prefix: Uint8Array, at = 0): boolean {
  if (at + prefix.length > bytes.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

export const endsWith = (bytes: Uint8Array, suffix: Uint8Array): boolean =>
  bytes.length >= suffix.length && startsWith(bytes, suffix, bytes.length - suffix.length);

/** First index of `needle` at or after `from`, or -1. */
export function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  if (first === undefined) return from;
  for (let at = bytes.indexOf(first, from); at >= 0 && at + needle.length <= bytes.length; at = bytes.indexOf(first, at + 1)) {
    if (startsWith(bytes, needle, at)) return at;
  }
  return -1;
}

/** `text` as UTF-16LE bytes (how OLE compound files store stream names). */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i * 2] = code & 0xff;
    out[i * 2 + 1] = code >> 8;
  }
  return out;
}
