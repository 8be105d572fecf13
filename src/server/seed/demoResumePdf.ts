import crypto from 'node:crypto';

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
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  const bytes = Buffer.from(body, 'latin1');
  return { bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}
