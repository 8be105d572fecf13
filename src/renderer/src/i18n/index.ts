import { createI18n } from 'vue-i18n';
import type { Locale } from '../../../shared/domain/roles';
import { en, type MessageSchema } from './en';
import { kk } from './kk';
import { ru } from './ru';

export const supportedLocales: readonly Locale[] = ['ru', 'kk', 'en'];

/** Each language's own name, shown in the switcher in that language. */
export const localeNames: Record<Locale, string> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

/** Russian needs three plural forms after the "zero" choice: 1 заявка, 2 заявки, 5 заявок. */
function slavicPlural(choice: number, choicesLength: number): number {
  if (choice === 0) return 0;
  if (choicesLength < 4) return Math.min(choice, choicesLength - 1);
  const mod10 = choice % 10;
  const mod100 = choice % 100;
  if (mod10 === 1 && mod100 !== 11) return 1;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 2;
  return 3;
}

export function createAppI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, ru, kk },
    pluralRules: { ru: slavicPlural },
    missingWarn: false,
    fallbackWarn: false,
  });
}
