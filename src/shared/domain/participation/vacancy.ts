import { z } from 'zod';
import type { Locale } from '../roles';
import { intlLocale } from '../../i18n/format';

/**
 * A vacancy (SPEC "Vacancy"): what a candidate responds to. The salary is mandatory (the employer
 * consented to show it in every vacancy when applying), as a from–to range in one currency.
 */

export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'shift', 'remote', 'temporary', 'internship'] as const;
export const EmploymentType = z.enum(EMPLOYMENT_TYPES, {
  error: 'Choose the employment type: full-time, part-time, shift work, remote, temporary or internship.',
});
export type EmploymentType = z.infer<typeof EmploymentType>;

/** How the employment types read in each UI language (also the words the CSV import accepts). */
export const EMPLOYMENT_TYPE_LABELS: Readonly<Record<Locale, Readonly<Record<EmploymentType, string>>>> = {
  en: {
    full_time: 'Full-time',
    part_time: 'Part-time',
    shift: 'Shift work',
    remote: 'Remote',
    temporary: 'Temporary',
    internship: 'Internship',
  },
  ru: {
    full_time: 'Полная занятость',
    part_time: 'Частичная занятость',
    shift: 'Сменный график',
    remote: 'Удалённая работа',
    temporary: 'Временная работа',
    internship: 'Стажировка',
  },
  kk: {
    full_time: 'Толық жұмыспен қамту',
    part_time: 'Толық емес жұмыспен қамту',
    shift: 'Ауысымдық кесте',
    remote: 'Қашықтан жұмыс',
    temporary: 'Уақытша жұмыс',
    internship: 'Тағылымдама',
  },
};

export const employmentTypeLabel = (type: EmploymentType, locale: Locale): string => EMPLOYMENT_TYPE_LABELS[locale][type];

/** Currencies a salary may be given in; tenge unless the employer says otherwise. */
export const CURRENCIES = ['KZT', 'RUB', 'USD', 'EUR'] as const;
export const Currency = z.enum(CURRENCIES, { error: `The currency must be one of ${CURRENCIES.join(', ')}.` });
export type Currency = z.infer<typeof Currency>;
export const DEFAULT_CURRENCY: Currency = 'KZT';

export const VACANCY_LIMITS = {
  title: 200,
  profession: 120,
  location: 200,
  description: 5000,
  requirements: 5000,
  /** A monthly salary above this is a typo (an extra zero), not a vacancy. */
  salary: 1_000_000_000,
  places: 1000,
} as const;

const text = (what: string, max: number) => z.string().trim().max(max, `The ${what} is too long (at most ${max} characters).`);

const salary = (which: 'from' | 'to') =>
  z
    .number({ error: `Enter the salary ${which} as a number.` })
    .int(`The salary ${which} must be a whole amount.`)
    .positive(`The salary ${which} must be more than zero.`)
    .max(VACANCY_LIMITS.salary, `The salary ${which} is implausibly high; check the number of zeros.`);

/** The fields of a vacancy the employer edits (form, CSV import, outbox and server alike). */
export const VacancyFields = z
  .object({
    title: text('title', VACANCY_LIMITS.title).min(1, 'Give the vacancy a title.'),
    profession: text('profession', VACANCY_LIMITS.profession).min(1, 'Name the profession.'),
    salaryFrom: salary('from'),
    salaryTo: salary('to'),
    currency: Currency.default(DEFAULT_CURRENCY),
    places: z
      .number({ error: 'Enter the number of places as a number.' })
      .int('The number of places must be a whole number.')
      .min(1, 'A vacancy has at least one place.')
      .max(VACANCY_LIMITS.places, `At most ${VACANCY_LIMITS.places} places per vacancy.`),
    location: text('location', VACANCY_LIMITS.location),
    description: text('description', VACANCY_LIMITS.description),
    requirements: text('requirements', VACANCY_LIMITS.requirements),
    employmentType: EmploymentType,
  })
  .refine((v) => v.salaryFrom <= v.salaryTo, {
    message: 'The salary "from" cannot be higher than the salary "to".',
    path: ['salaryTo'],
  });
export type VacancyFields = z.output<typeof VacancyFields>;
export type VacancyFieldsInput = z.input<typeof VacancyFields>;

/**
 * The salary as candidates read it: "250 000–400 000 ₸" (ru), "₸250,000 – ₸400,000" (en); one
 * amount when from and to are equal. Whole units: nobody advertises tiyn.
 */
export function formatSalary(vacancy: Pick<VacancyFields, 'salaryFrom' | 'salaryTo' | 'currency'>, locale: Locale): string {
  const format = new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency: vacancy.currency,
    currencyDisplay: 'narrowSymbol',
    maximumFractionDigits: 0,
  });
  return vacancy.salaryFrom === vacancy.salaryTo
    ? format.format(vacancy.salaryFrom)
    : format.formatRange(vacancy.salaryFrom, vacancy.salaryTo);
}
