import crypto from 'node:crypto';
import { onePagePdf } from '../uploads/onePagePdf';

/** A demo resume file: bytes that a PDF reader opens, and their sha256 (the upload store's key). */
export interface DemoResumeFile {
  bytes: Buffer;
  sha256: string;
}

/**
 * A one-page PDF saying "<name> — demo resume" (with a correct cross-reference table, so viewers
 * open it without repairing). The demo candidates' responses point at it like any uploaded resume.
 */
export function demoResumePdf(name: string, lines: readonly string[]): DemoResumeFile {
  const escape = (s: string): string => s.replace(/[^\x20-\x7e]/g, '-').replace(/([\\()])/g, '\\$1');
  const text = [`${name} - demo resume`, ...lines]
    .map((line, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 72 ${760 - i * 24} Td (${escape(line)}) Tj ET`)
    .join('\n');
  const bytes = onePagePdf(text, { width: 595, height: 842 });
  return { bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}
