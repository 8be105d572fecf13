import { indexOfBytes, startsWith, u16le, u32le, utf16le, utf8 } from './bytes';

/**
 * Word documents: DOCX is a ZIP package whose central directory lists `word/document.xml`; DOC is
 * an OLE compound file holding a `WordDocument` stream. Both are recognised from their structure,
 * not from the name.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
/** The end-of-central-directory record is 22 bytes plus a comment of up to 65535 bytes. */
const EOCD_MAX_DISTANCE = 22 + 0xffff;

/** Names in a ZIP's central directory, or undefined when the archive is incomplete or damaged. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const lowest = Math.max(0, bytes.length - EOCD_MAX_DISTANCE);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (u32le(bytes, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = u16le(bytes, eocd + 10);
  const size = u32le(bytes, eocd + 12);
  const offset = u32le(bytes, eocd + 16);
  if (offset + size > eocd) return undefined;
  const names: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32le(bytes, at) !== CENTRAL_ENTRY_SIGNATURE) return undefined;
    const nameLength = u16le(bytes, at + 28);
    const extraLength = u16le(bytes, at + 30);
    const commentLength = u16le(bytes, at + 32);
    names.push(utf8(bytes, at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const CFB_SIGNATURE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const WORD_STREAM_NAME = utf16le('WordDocument');

export const isCompoundFile = (bytes: Uint8Array): boolean => startsWith(bytes, CFB_SIGNATURE);

/**
 * True when an OLE compound file carries a Word document. Directory entries store their names in
 * UTF-16LE; a Word 97–2003 file always has a `WordDocument` stream (Excel and PowerPoint never do).
 */
export function isWordCompoundFile(bytes: Uint8Array): boolean {
  // The header is one 512-byte sector; a real document has at least a FAT and a directory sector too.
  return isCompoundFile(bytes) && bytes.length >= 1536 && indexOfBytes(bytes, WORD_STREAM_NAME, 512) >= 0;
}
