import type { Locale } from '../../../shared/domain/roles';
import { renderDocument, type RenderedMail } from '../document';
import { en } from './en';
import { kk } from './kk';
import { mailFormat } from './format';
import { ru } from './ru';
import type { MailCatalogue, MailTemplateVars } from './types';

export type { MailTemplateVars } from './types';

/** Every locale's templates; the type makes each locale carry every template. */
export const mailCatalogues: Record<Locale, MailCatalogue> = { ru, kk, en };

/** Renders one template in `locale` to subject, plain text and HTML (every value HTML-escaped). */
export function renderMail<N extends keyof MailTemplateVars>(template: N, locale: Locale, vars: MailTemplateVars[N]): RenderedMail {
  const write: MailCatalogue[N] = mailCatalogues[locale][template];
  return renderDocument(write(vars, mailFormat(locale)), locale);
}
