import type { Locale } from '../../shared/domain/roles';
import { escapeHtml, safeLink } from './html';

/**
 * A mail as templates write it: plain strings only. The two renderers below turn it into the
 * text and HTML bodies, escaping every string for HTML in one place so no template can forget.
 */
export interface MailDocument {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** A quoted block, e.g. the moderator's reason. */
  quote?: { label: string; text: string };
  /** A bulleted list, e.g. vacancies with their response counts. */
  list?: string[];
  /** Titled bulleted lists, each with an optional link under it (e.g. a digest's fairs). */
  sections?: Array<{ heading: string; items: string[]; link?: { label: string; url: string } }>;
  /** The one thing to click. */
  action?: { label: string; url: string };
  /** Last line: who sends this and why the reader gets it. */
  footer: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function renderDocument(doc: MailDocument, locale: Locale): RenderedMail {
  return { subject: oneLine(doc.subject), text: renderText(doc), html: renderHtml(doc, locale) };
}

/** Subjects are headers: no line breaks, bounded length (the column holds 300). */
function oneLine(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 299)}…` : flat;
}

function renderText(doc: MailDocument): string {
  const blocks: string[] = [doc.greeting, ...doc.paragraphs];
  if (doc.quote) blocks.push(`${doc.quote.label}\n${doc.quote.text.split(/\r?\n/).map((l) => `> ${l}`).join('\n')}`);
  if (doc.list?.length) blocks.push(doc.list.map((item) => `- ${item}`).join('\n'));
  for (const section of doc.sections ?? []) {
    const lines = [section.heading, ...section.items.map((item) => `- ${item}`)];
    if (section.link) lines.push(`${section.link.label}: ${safeLink(section.link.url)}`);
    blocks.push(lines.join('\n'));
  }
  if (doc.action) blocks.push(`${doc.action.label}: ${safeLink(doc.action.url)}`);
  blocks.push(`-- \n${doc.footer}`);
  return `${blocks.join('\n\n')}\n`;
}

function renderHtml(doc: MailDocument, locale: Locale): string {
  const p = (text: string): string => `<p style="margin:0 0 16px">${multiline(text)}</p>`;
  const parts: string[] = [p(doc.greeting), ...doc.paragraphs.map(p)];
  if (doc.quote) {
    parts.push(
      `<p style="margin:0 0 4px;font-weight:bold">${escapeHtml(doc.quote.label)}</p>` +
        `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #c62828;background:#fafafa">${multiline(doc.quote.text)}</blockquote>`,
    );
  }
  if (doc.list?.length) parts.push(`<ul style="margin:0 0 16px">${doc.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
  for (const section of doc.sections ?? []) {
    parts.push(
      `<p style="margin:0 0 4px;font-weight:bold">${escapeHtml(section.heading)}</p>` +
        `<ul style="margin:0 0 8px">${section.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` +
        (section.link ? `<p style="margin:0 0 16px"><a href="${escapeHtml(safeLink(section.link.url))}">${escapeHtml(section.link.label)}</a></p>` : ''),
    );
  }
  if (doc.action) {
    const href = escapeHtml(safeLink(doc.action.url));
    parts.push(
      `<p style="margin:0 0 16px"><a href="${href}" style="display:inline-block;padding:10px 16px;background:#1565c0;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(doc.action.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:12px;color:#555555">${href}</p>`,
    );
  }
  parts.push(`<hr style="border:none;border-top:1px solid #dddddd"><p style="font-size:12px;color:#555555">${multiline(doc.footer)}</p>`);
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(oneLine(doc.subject))}</title></head>` +
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#212121;max-width:640px">${parts.join('')}</body></html>`
  );
}

function multiline(text: string): string {
  return text.split(/\r?\n/).map(escapeHtml).join('<br>');
}
