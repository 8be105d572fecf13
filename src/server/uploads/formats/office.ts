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
export function zipEntryNames(bytes: Buffer): string[] | undefined {
  const lowest = Math.max(0, bytes.length - EOCD_MAX_DISTANCE);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (offset + size > eocd) return undefined;
  const names: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL_ENTRY_SIGNATURE) return undefined;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    names.push(bytes.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const WORD_STREAM_NAME = Buffer.from('WordDocument', 'utf16le');

export const isCompoundFile = (bytes: Buffer): boolean => bytes.subarray(0, 8).equals(CFB_SIGNATURE);

/**
 * True when an OLE compound file carries a Word document. Directory entries store their names in
 * UTF-16LE; a Word 97–2003 file always has a `WordDocument` stream (Excel and PowerPoint never do).
 */
export function isWordCompoundFile(bytes: Buffer): boolean {
  // The header is one 512-byte sector; a real document has at least a FAT and a directory sector too.
  return isCompoundFile(bytes) && bytes.length >= 1536 && bytes.indexOf(WORD_STREAM_NAME, 512) >= 0;
}
