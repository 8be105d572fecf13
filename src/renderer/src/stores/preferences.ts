import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Locale } from '../../../shared/domain/roles';
import { pickLocale } from '../i18n/pickLocale';

/** `system` follows the operating system's light/dark setting. */
export type ThemeChoice = 'light' | 'dark' | 'system';

const THEME_KEY = 'fairdesk.theme';
const LOCALE_KEY = 'fairdesk.locale';

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable; the choice then lasts for this window only.
  }
}

/** Theme and language, remembered on this device. */
export const usePreferencesStore = defineStore('preferences', () => {
  const storedTheme = readStored(THEME_KEY);
  const theme = ref<ThemeChoice>(storedTheme === 'light' || storedTheme === 'dark' ? storedTheme : 'system');

  const storedLocale = readStored(LOCALE_KEY);
  const locale = ref<Locale>(pickLocale(storedLocale, window.navigator.languages ?? [window.navigator.language]));

  function setTheme(choice: 'light' | 'dark'): void {
    theme.value = choice;
    writeStored(THEME_KEY, choice);
  }

  /**
   * The user picked a language: it wins from now on, on this device. (The account's own locale is
   * deliberately not applied at sign-in: flipping the language under the user right after they
   * typed their password in another one is disorienting.)
   */
  function chooseLocale(choice: Locale): void {
    locale.value = choice;
    writeStored(LOCALE_KEY, choice);
  }

  return { theme, locale, setTheme, chooseLocale };
});
