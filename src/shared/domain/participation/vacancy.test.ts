import { describe, expect, it } from 'vitest';
import { EMPLOYMENT_TYPE_LABELS, EMPLOYMENT_TYPES, VacancyFields, employmentTypeLabel, formatSalary, type VacancyFieldsInput } from './vacancy';

const base: VacancyFieldsInput = {
  title: 'Forklift driver',
  profession: 'Driver',
  salaryFrom: 250_000,
  salaryTo: 350_000,
  places: 2,
  location: 'Almaty',
  description: '',
  requirements: '',
  employmentType: 'shift',
};
const problems = (v: unknown): Record<string, string> => {
  const r = VacancyFields.safeParse(v);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('vacancy schema', () => {
  it('accepts a complete vacancy and defaults the currency to tenge', () => {
    expect(VacancyFields.parse(base).currency).toBe('KZT');
    expect(VacancyFields.parse({ ...base, currency: 'USD' }).currency).toBe('USD');
  });

  it('requires title and profession', () => {
    expect(problems({ ...base, title: ' ', profession: '' })).toEqual({ title: 'Give the vacancy a title.', profession: 'Name the profession.' });
  });

  it('makes the salary mandatory, positive, whole and from ≤ to', () => {
    const { salaryFrom: _f, salaryTo: _t, ...noSalary } = base;
    expect(problems(noSalary)).toEqual({ salaryFrom: 'Enter the salary from as a number.', salaryTo: 'Enter the salary to as a number.' });
    expect(problems({ ...base, salaryFrom: 0 })).toEqual({ salaryFrom: 'The salary from must be more than zero.' });
    expect(problems({ ...base, salaryFrom: -1, salaryTo: -1 })).toMatchObject({ salaryFrom: expect.stringMatching(/more than zero/) });
    expect(problems({ ...base, salaryTo: 300_000.5 })).toEqual({ salaryTo: 'The salary to must be a whole amount.' });
    expect(problems({ ...base, salaryFrom: 400_000 })).toEqual({ salaryTo: 'The salary "from" cannot be higher than the salary "to".' });
    expect(problems({ ...base, salaryFrom: 300_000, salaryTo: 300_000 })).toEqual({});
    expect(problems({ ...base, salaryTo: 2_000_000_000 })).toEqual({ salaryTo: 'The salary to is implausibly high; check the number of zeros.' });
  });

  it('needs at least one place, a known currency and employment type', () => {
    expect(problems({ ...base, places: 0 })).toEqual({ places: 'A vacancy has at least one place.' });
    expect(problems({ ...base, currency: 'GBP' })).toEqual({ currency: 'The currency must be one of KZT, RUB, USD, EUR.' });
    expect(problems({ ...base, employmentType: 'sometimes' })).toEqual({
      employmentType: 'Choose the employment type: full-time, part-time, shift work, remote, temporary or internship.',
    });
    expect(EMPLOYMENT_TYPES).toEqual(['full_time', 'part_time', 'shift', 'remote', 'temporary', 'internship']);
  });

  it('has a label for every employment type in every language', () => {
    for (const locale of ['ru', 'kk', 'en'] as const) {
      for (const type of EMPLOYMENT_TYPES) expect(employmentTypeLabel(type, locale)).toBe(EMPLOYMENT_TYPE_LABELS[locale][type]);
      expect(new Set(Object.values(EMPLOYMENT_TYPE_LABELS[locale])).size).toBe(EMPLOYMENT_TYPES.length);
    }
  });
});

describe('formatSalary', () => {
  const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  it('shows a range in the user’s locale with the tenge sign', () => {
    expect(nbsp(formatSalary({ salaryFrom: 250_000, salaryTo: 400_000, currency: 'KZT' }, 'ru'))).toBe('250 000–400 000 ₸');
    expect(nbsp(formatSalary({ salaryFrom: 250_000, salaryTo: 400_000, currency: 'KZT' }, 'en'))).toBe('₸250,000 – ₸400,000');
  });

  it('shows one amount when from equals to, other currencies by their sign', () => {
    expect(nbsp(formatSalary({ salaryFrom: 300_000, salaryTo: 300_000, currency: 'KZT' }, 'ru'))).toBe('300 000 ₸');
    expect(nbsp(formatSalary({ salaryFrom: 1500, salaryTo: 2000, currency: 'USD' }, 'en'))).toBe('$1,500 – $2,000');
    expect(formatSalary({ salaryFrom: 300_000, salaryTo: 300_000, currency: 'KZT' }, 'kk')).toMatch(/300.000/);
  });
});
