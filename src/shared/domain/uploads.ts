import { z } from 'zod';

/**
 * What FairDesk accepts as an uploaded file. The server decides by the file's content (never by
 * its name or declared type); clients show these limits before the user picks a file.
 */

export const UploadKind = z.enum(['image', 'resume']);
export type UploadKind = z.infer<typeof UploadKind>;

const MB = 1024 * 1024;

export interface UploadRule {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** File-name extensions a picker should offer (lower case, no dot). */
  extensions: readonly string[];
  /** MIME types the server may answer with for this kind. */
  mimes: readonly string[];
  /** What the user is asked for, e.g. "a JPEG or PNG image". */
  label: string;
}

/** Stand logo, banner, poster and brochure images: JPEG or PNG, at most 5 MB. */
export const IMAGE_UPLOAD: UploadRule = {
  maxBytes: 5 * MB,
  extensions: ['jpg', 'jpeg', 'png'],
  mimes: ['image/jpeg', 'image/png'],
  label: 'a JPEG or PNG image',
};

/** A candidate's resume: PDF, DOC or DOCX, at most 10 MB. */
export const RESUME_UPLOAD: UploadRule = {
  maxBytes: 10 * MB,
  extensions: ['pdf', 'doc', 'docx'],
  mimes: [
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  label: 'a PDF, DOC or DOCX document',
};

export const UPLOAD_RULES: Readonly<Record<UploadKind, UploadRule>> = { image: IMAGE_UPLOAD, resume: RESUME_UPLOAD };

/**
 * Largest accepted image side in pixels. Bigger pictures are useless on a stand and a classic
 * decompression bomb (a few KB of PNG that decode to gigabytes).
 */
export const MAX_IMAGE_DIMENSION = 8000;

/** Longest original file name kept (characters); longer names are shortened, keeping the extension. */
export const MAX_FILE_NAME_LENGTH = 200;

/** Header carrying the original file name, percent-encoded (`encodeURIComponent`) since headers are Latin-1. */
export const FILE_NAME_HEADER = 'X-File-Name';

/** The `accept` attribute of a file input for `kind`, e.g. `.jpg,.jpeg,.png,image/jpeg,image/png`. */
export const acceptAttribute = (kind: UploadKind): string => {
  const rule = UPLOAD_RULES[kind];
  return [...rule.extensions.map((ext) => `.${ext}`), ...rule.mimes].join(',');
};

/** Human size for messages: "52 MB", "4.8 MB", "320 KB", "17 bytes". */
export function formatFileSize(bytes: number): string {
  if (bytes >= MB) {
    const mb = bytes / MB;
    return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}
