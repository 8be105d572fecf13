import { z } from 'zod';

/**
 * Web addresses typed by employers (stand website, social links, video link). Parsed with the
 * WHATWG `URL` (present in every runtime FairDesk targets), so what we accept is exactly what a
 * browser will open — and `javascript:`, `data:` or `file:` links can never reach a candidate.
 */

/** Longest address we keep; browsers and proxies start refusing beyond this. */
export const MAX_URL_LENGTH = 2048;

/** The parsed address when `value` is an absolute URL with one of `protocols` and a dotted host. */
export function parseWebUrl(value: string, protocols: readonly string[]): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!protocols.includes(url.protocol)) return null;
  // A public site has a dotted host name ("kazlogistics.kz"); "https://intranet" would not open for candidates.
  if (!url.hostname.includes('.') || url.hostname.startsWith('.') || url.hostname.endsWith('.')) return null;
  if (url.username !== '' || url.password !== '') return null;
  return url;
}

/**
 * What the user most likely meant: trims, and puts `https://` before a bare host such as
 * `kazlogistics.kz/careers` (company profiles often hold addresses without a scheme). Returns the
 * input unchanged when it already names a scheme, so the schema can still refuse `ftp://…`.
 */
export function normaliseWebUrl(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^/:]+\.[^/:]+:\d+(\/|$)/.test(trimmed)) return trimmed;
  return `https://${trimmed.replace(/^\/+/, '')}`;
}

function urlSchema(what: string, options: { httpsOnly?: boolean; optional: boolean }) {
  const protocols = options.httpsOnly ? ['https:'] : ['http:', 'https:'];
  const start = options.httpsOnly ? 'https://' : 'http:// or https://';
  return z
    .string()
    .trim()
    .max(MAX_URL_LENGTH, `The ${what} is too long (at most ${MAX_URL_LENGTH} characters).`)
    .refine((value) => (options.optional && value === '') || parseWebUrl(value, protocols) !== null, {
      message: `Enter the ${what} as a full web address starting with ${start}.`,
    });
}

/** A required absolute `http:`/`https:` (or, with `httpsOnly`, only `https:`) address. */
export const webUrl = (what: string, options: { httpsOnly?: boolean } = {}) => urlSchema(what, { ...options, optional: false });

/** Like {@link webUrl}, but an empty string means "none". */
export const optionalWebUrl = (what: string, options: { httpsOnly?: boolean } = {}) =>
  urlSchema(what, { ...options, optional: true });
