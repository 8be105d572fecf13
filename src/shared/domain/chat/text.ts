import { z } from 'zod';

/** Longest chat message, in characters after normalising (SPEC: chat text limits). */
export const MAX_CHAT_MESSAGE_CHARS = 2000;
/** Longest last-message preview carried in a conversation summary. */
export const CHAT_PREVIEW_CHARS = 140;

// C0/C1 control characters except TAB and LF, plus bidi overrides and zero-width joiners that can
// disguise text (e.g. a link that reads differently than it goes).
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/g;

/**
 * The one normalisation of chat text, applied by the sender's client (so the queued copy is what
 * the server will store) and again by the server (which trusts nobody): Unicode NFC, CRLF/CR → LF,
 * unsafe control and bidi characters removed, trailing spaces trimmed per line, at most two blank
 * lines in a row, outer whitespace trimmed. The text is never HTML: clients render it as text nodes
 * and links through {@link chatTextSegments}, so markup in a message shows as typed.
 */
export function normalizeChatText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_CHARS, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
}

/** A message body as a client may send it: normalised, 1 … MAX_CHAT_MESSAGE_CHARS characters. */
export const ChatText = z
  .string()
  .max(MAX_CHAT_MESSAGE_CHARS * 4, `A message may have at most ${MAX_CHAT_MESSAGE_CHARS} characters.`)
  .transform(normalizeChatText)
  .pipe(
    z
      .string()
      .min(1, 'Write something first: the message is empty.')
      .max(MAX_CHAT_MESSAGE_CHARS, `A message may have at most ${MAX_CHAT_MESSAGE_CHARS} characters.`),
  );

/** A piece of a message as shown: plain text, or a link that is safe to open (http/https only). */
export type ChatTextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
// Punctuation that ends a sentence rather than the link ("see https://x.kz/jobs.").
const TRAILING = /[.,;:!?)\]}»"']+$/;

/**
 * Splits message text into text and link segments. Only http(s) links (and `www.` → https) become
 * links; `javascript:`, `data:` and anything else stay text. Renderers show `text` as a text node and
 * open `href` in a new, `noopener noreferrer` context — never as HTML.
 */
export function chatTextSegments(text: string): ChatTextSegment[] {
  const segments: ChatTextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index ?? 0;
    const raw = match[0];
    const trailing = TRAILING.exec(raw)?.[0] ?? '';
    const linkText = raw.slice(0, raw.length - trailing.length);
    const href = safeHref(linkText);
    if (!href) continue;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: linkText, href });
    last = start + linkText.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

function safeHref(candidate: string): string | null {
  const withScheme = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The last-message preview of a conversation summary: one line, cut at CHAT_PREVIEW_CHARS. */
export function chatPreview(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > CHAT_PREVIEW_CHARS ? `${line.slice(0, CHAT_PREVIEW_CHARS - 1)}…` : line;
}
