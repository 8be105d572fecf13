import { createI18n } from 'vue-i18n';
import type { Locale } from '../shared/domain/roles';
import { chatEn, chatKk, chatRu } from './chat/chatMessages';
import { pagesEn, pagesKk, pagesRu } from './pageMessages';
import { videoEn, videoKk, videoRu } from './video/videoMessages';

const en = {
  title: 'Job fairs',
  subtitle: 'Online job fairs of career centres: meet employers and find work.',
  loading: 'Loading fairs…',
  empty: 'No fairs scheduled right now',
  emptyText: 'New fairs appear here as soon as a career centre schedules them. Please check back soon.',
  error: 'Could not load the fairs',
  errorNetwork: 'Check your internet connection and try again.',
  errorServer: 'The server is having trouble. Please try again in a few minutes.',
  retry: 'Try again',
  count: 'No fairs | {n} fair | {n} fairs',
  phase: { soon: 'Soon', live: 'Live now' },
  dates: 'Dates',
  place: 'Place',
  organiser: 'Organiser',
  language: 'Language',
  footer: 'FairDesk — online job fairs of career centres',
  ...pagesEn,
  ...chatEn,
  ...videoEn,
};
type PortalMessages = typeof en;

const ru: PortalMessages = {
  title: 'Ярмарки вакансий',
  subtitle: 'Онлайн-ярмарки вакансий центров занятости: знакомьтесь с работодателями и находите работу.',
  loading: 'Загружаем ярмарки…',
  empty: 'Сейчас ярмарок не запланировано',
  emptyText: 'Новые ярмарки появятся здесь, как только центр занятости их запланирует. Загляните позже.',
  error: 'Не удалось загрузить ярмарки',
  errorNetwork: 'Проверьте подключение к интернету и попробуйте ещё раз.',
  errorServer: 'На сервере неполадки. Попробуйте ещё раз через несколько минут.',
  retry: 'Повторить',
  count: 'Нет ярмарок | {n} ярмарка | {n} ярмарки | {n} ярмарок',
  phase: { soon: 'Скоро', live: 'Идёт сейчас' },
  dates: 'Даты',
  place: 'Место',
  organiser: 'Организатор',
  language: 'Язык',
  footer: 'FairDesk — онлайн-ярмарки вакансий центров занятости',
  ...pagesRu,
  ...chatRu,
  ...videoRu,
};

const kk: PortalMessages = {
  title: 'Бос жұмыс орындары жәрмеңкелері',
  subtitle: 'Мансап орталықтарының онлайн жәрмеңкелері: жұмыс берушілермен танысып, жұмыс табыңыз.',
  loading: 'Жәрмеңкелер жүктелуде…',
  empty: 'Қазір жоспарланған жәрмеңкелер жоқ',
  emptyText: 'Мансап орталығы жаңа жәрмеңкені жоспарлаған бойда ол осында көрінеді. Кейінірек қараңыз.',
  error: 'Жәрмеңкелерді жүктеу мүмкін болмады',
  errorNetwork: 'Интернет байланысын тексеріп, қайталап көріңіз.',
  errorServer: 'Серверде ақау бар. Бірнеше минуттан кейін қайталап көріңіз.',
  retry: 'Қайталау',
  count: 'Жәрмеңкелер жоқ | {n} жәрмеңке | {n} жәрмеңке',
  phase: { soon: 'Жақында', live: 'Қазір өтіп жатыр' },
  dates: 'Күндері',
  place: 'Орны',
  organiser: 'Ұйымдастырушы',
  language: 'Тіл',
  footer: 'FairDesk — мансап орталықтарының онлайн бос жұмыс орындары жәрмеңкелері',
  ...pagesKk,
  ...chatKk,
  ...videoKk,
};

/** Russian plural forms after the "zero" choice: 1 ярмарка, 2 ярмарки, 5 ярмарок. */
function slavicPlural(choice: number, choicesLength: number): number {
  if (choice === 0) return 0;
  if (choicesLength < 4) return Math.min(choice, choicesLength - 1);
  const mod10 = choice % 10;
  const mod100 = choice % 100;
  if (mod10 === 1 && mod100 !== 11) return 1;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 2;
  return 3;
}

export const portalLocales: readonly Locale[] = ['ru', 'kk', 'en'];
export const portalLocaleNames: Record<Locale, string> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };
const LOCALE_KEY = 'fairdesk.portal.locale';

/** The candidate's earlier choice, else the browser's first language we speak, else Russian. */
export function initialPortalLocale(): Locale {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(LOCALE_KEY);
  } catch {
    stored = null;
  }
  const candidates = [stored ?? '', ...(window.navigator.languages ?? [window.navigator.language])];
  for (const tag of candidates) {
    const language = tag.toLowerCase().split('-')[0] ?? '';
    if ((portalLocales as readonly string[]).includes(language)) return language as Locale;
  }
  return 'ru';
}

export function rememberPortalLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}

export function createPortalI18n(locale: Locale) {
  return createI18n<[PortalMessages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { en, ru, kk },
    pluralRules: { ru: slavicPlural },
  });
}
