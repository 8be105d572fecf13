import type { Locale } from '../../../shared/domain/roles';

const supported: readonly string[] = ['ru', 'kk', 'en'];

/**
 * The UI language to start with: the user's explicit earlier choice, else the first of the
 * system's preferred languages FairDesk speaks (`kk-KZ` → `kk`), else Russian, the language every
 * career centre works in.
 */
export function pickLocale(stored: string | null, preferred: readonly string[]): Locale {
  if (stored && supported.includes(stored)) return stored as Locale;
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0] ?? '';
    if (supported.includes(language)) return language as Locale;
  }
  return 'ru';
}
