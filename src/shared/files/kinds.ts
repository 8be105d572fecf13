import { utf8 } from './bytes';

/**
 * Names of file kinds as a user would say them, for refusal messages ("this is an SVG drawing").
 * Keys are file-type's `ext` values plus our own text sniffs (svg, html, text).
 */
const KIND_NAMES: Readonly<Record<string, string>> = {
  exe: 'a Windows program',
  dll: 'a Windows program library',
  msi: 'a Windows installer',
  elf: 'a Linux program',
  macho: 'a macOS program',
  apk: 'an Android app',
  dmg: 'a macOS disk image',
  sh: 'a shell script',
  svg: 'an SVG drawing',
  html: 'a web page',
  xml: 'an XML document',
  text: 'a text file',
  gif: 'a GIF image',
  webp: 'a WebP image',
  bmp: 'a BMP image',
  tif: 'a TIFF image',
  ico: 'an icon file',
  heic: 'a HEIC photo',
  avif: 'an AVIF image',
  jxl: 'a JPEG XL image',
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
  cfb: 'an Office 97–2003 file that is not a Word document',
  zip: 'a ZIP archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  gz: 'a gzip archive',
  tar: 'a TAR archive',
  mp4: 'a video',
  mov: 'a video',
  webm: 'a video',
  avi: 'a video',
  mp3: 'an audio file',
  wav: 'an audio file',
};

/** "a Windows program", or "a file of an unsupported kind (.xyz)" for anything we have no name for. */
export function describeKind(ext: string | undefined): string {
  if (ext === undefined) return 'a file of an unrecognised kind';
  return KIND_NAMES[ext] ?? `a file of an unsupported kind (.${ext})`;
}

/**
 * Sniffs text formats file-type does not report (it reads binary signatures only). SVG and HTML
 * matter most: both can carry scripts that run if a browser ever renders them from our origin.
 */
export function sniffText(bytes: Uint8Array): 'svg' | 'html' | 'xml' | 'text' | undefined {
  const head = bytes.subarray(0, 4096);
  // Text has no NUL bytes in its first kilobytes (UTF-16 would, but nobody sends SVG as UTF-16).
  if (head.includes(0)) return undefined;
  const text = utf8(head).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/<svg[\s>]/.test(text)) return 'svg';
  if (text.startsWith('<!doctype html') || /<(html|script|body|iframe)[\s>]/.test(text)) return 'html';
  if (text.startsWith('<?xml')) return 'xml';
  return 'text';
}
