import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CSV_LIMITS,
  decodeCsvBytes,
  detectDelimiter,
  importVacancyCsvFile,
  parseEmploymentType,
  parseHumanNumber,
  parseVacancyCsv,
  vacancyCsvTemplate,
  type VacancyCsvResult,
} from './vacancyCsv';

const ok = (result: VacancyCsvResult) => {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result;
};
const failed = (result: VacancyCsvResult) => {
  if (result.ok) throw new Error('expected errors, got vacancies');
  return result.errors;
};

const EN_HEADER = 'title,profession,salary_from,salary_to,places,location,employment_type,description,requirements';

describe('numbers as people type them', () => {
  it.each([
    ['250000', 250000],
    ['250 000', 250000],
    ['250\u00a0000', 250000],
    ['250\u202f000 ₸', 250000],
    ['250000 тг', 250000],
    ['250,000', 250000],
    ['1.500.000', 1500000],
    ['250 000,00', 250000],
    ['1,234.50', 1234.5],
    ['1.234,50', 1234.5],
    ['250,5', 250.5],
  ])('%s → %d', (cell, expected) => {
    expect(parseHumanNumber(cell)).toBe(expected);
  });

  it.each(['', 'abc', '-5', '12a', '1,2,3', '25 000 – 30 000'])('refuses %j', (cell) => {
    expect(parseHumanNumber(cell)).toBeNull();
  });
});

describe('employment types by English or Russian word', () => {
  it.each([
    ['Full-time', 'full_time'],
    ['full time', 'full_time'],
    ['Полная занятость', 'full_time'],
    ['part-time', 'part_time'],
    ['Частичная', 'part_time'],
    ['Сменный график', 'shift'],
    ['вахтовый метод', 'shift'],
    ['REMOTE', 'remote'],
    ['Удалённая работа', 'remote'],
    ['удаленно', 'remote'],
    ['Temporary', 'temporary'],
    ['временная', 'temporary'],
    ['Стажировка', 'internship'],
    ['internship', 'internship'],
    ['part_time', 'part_time'],
  ])('%s → %s', (word, type) => {
    expect(parseEmploymentType(word)).toBe(type);
  });

  it('refuses anything else', () => {
    expect(parseEmploymentType('sometimes')).toBeNull();
  });
});

describe('delimiter detection', () => {
  it('finds ; , and tab from the header', () => {
    expect(detectDelimiter('Название;Профессия;Зарплата от;Зарплата до\n')).toBe(';');
    expect(detectDelimiter(`${EN_HEADER}\n`)).toBe(',');
    expect(detectDelimiter('title\tprofession\tsalary from\tsalary to\n')).toBe('\t');
  });

  it('is not fooled by the other delimiter inside a quoted header', () => {
    expect(detectDelimiter('"title, of the job";profession;salary from;salary to\n')).toBe(';');
  });
});

describe('parsing a vacancy file', () => {
  it('reads English headers, commas, defaults for currency, places and type', () => {
    const result = ok(parseVacancyCsv('title,profession,salary_from,salary_to\nForklift driver,Driver,"250,000","350,000"\n'));
    expect(result.vacancies).toEqual([
      {
        title: 'Forklift driver',
        profession: 'Driver',
        salaryFrom: 250000,
        salaryTo: 350000,
        currency: 'KZT',
        places: 1,
        location: '',
        description: '',
        requirements: '',
        employmentType: 'full_time',
      },
    ]);
    expect(result.rows).toEqual([2]);
  });

  it('reads Russian headers with ; , a BOM, CRLF, quotes and multi-line cells', () => {
    const text =
      '\uFEFFНазвание;Профессия;Зарплата от;Зарплата до;Количество мест;Тип занятости;Описание\r\n' +
      'Логист;Логист;400 000;550 000;2;Удалённая работа;"Рейсы; склад;\r\nи ""1С"""\r\n';
    const [vacancy] = ok(parseVacancyCsv(text)).vacancies;
    expect(vacancy).toMatchObject({ title: 'Логист', salaryFrom: 400000, salaryTo: 550000, places: 2, employmentType: 'remote' });
    expect(vacancy?.description).toBe('Рейсы; склад;\r\nи "1С"');
  });

  it('accepts header variants: case, ё, remarks in brackets, asterisks', () => {
    const text = 'НАЗВАНИЕ*;Профессия *;Зарплата от (KZT);Зарплата до (KZT);Кол-во мест\nА;Б;100;200;3\n';
    expect(ok(parseVacancyCsv(text)).vacancies[0]).toMatchObject({ title: 'А', profession: 'Б', places: 3 });
  });

  it('accepts one "salary" column holding a range or one amount', () => {
    const text = 'title,profession,salary\nA,B,200 000 – 300 000\nC,D,от 150 000 до 180 000\nE,F,500000\n';
    expect(ok(parseVacancyCsv(text)).vacancies.map((v) => [v.salaryFrom, v.salaryTo])).toEqual([
      [200000, 300000],
      [150000, 180000],
      [500000, 500000],
    ]);
  });

  it('reports unknown columns as ignored, not as errors', () => {
    const result = ok(parseVacancyCsv('title,profession,salary from,salary to,Internal code\nA,B,1,2,X-17\n'));
    expect(result.ignoredColumns).toEqual(['Internal code']);
  });

  it('numbers rows as a spreadsheet does: header row 1, multi-line cells are one row, blank rows count', () => {
    const text = [
      'title;profession;salary from;salary to',
      'Good;P;100;200',
      '"Two',
      'lines";P;100;200',
      '',
      'Bad;P;300;200',
      ';;;',
      'AlsoBad;;abc;200',
    ].join('\n');
    expect(failed(parseVacancyCsv(text))).toEqual([
      { row: 5, column: 'salary to', message: 'The salary "from" cannot be higher than the salary "to".' },
      { row: 7, column: 'salary from', message: '"abc" is not a number.' },
    ]);
  });

  it('lists every row-level error, names the columns as written, imports nothing', () => {
    const text =
      'Название;Профессия;Зарплата от;Зарплата до;Количество мест;Тип занятости\n' +
      ';Водитель;100 000;200 000;1;Полная\n' +
      'Логист;Логист;0;200 000;0;иногда\n' +
      'Кладовщик;Кладовщик;100 000;200 000;2;Полная\n';
    const errors = failed(parseVacancyCsv(text));
    expect(errors).toEqual([
      { row: 2, column: 'Название', message: 'Give the vacancy a title.' },
      { row: 3, column: 'Тип занятости', message: expect.stringContaining('"иногда" is not an employment type') },
    ]);
    // Once the type is fixed, the schema's own checks show up for that row.
    const fixed = failed(parseVacancyCsv(text.replace('иногда', 'Полная').replace(/^;Водитель/m, 'Водитель;Водитель')));
    expect(fixed).toEqual([
      { row: 3, column: 'Зарплата от', message: 'The salary from must be more than zero.' },
      { row: 3, column: 'Количество мест', message: 'A vacancy has at least one place.' },
    ]);
  });

  it('refuses a row with more cells than the header (an unquoted delimiter)', () => {
    const errors = failed(parseVacancyCsv('title,profession,salary from,salary to\nA,B,250,000,300000\n'));
    expect(errors[0]).toEqual({ row: 2, column: null, message: expect.stringContaining('has 5 cells but the header has 4') });
  });

  it('names missing required columns in both languages', () => {
    const errors = failed(parseVacancyCsv('Название;Зарплата от\nA;100\n'));
    expect(errors.map((e) => e.message)).toEqual([
      'The column "profession" / "Профессия" is missing from the header (row 1).',
      'The column "salary_to" / "Зарплата до" is missing from the header (row 1).',
    ]);
  });

  it('refuses two columns meaning the same field', () => {
    expect(failed(parseVacancyCsv('title,profession,salary from,salary to,Название\nA,B,1,2,C\n'))).toEqual([
      { row: 1, column: 'Название', message: 'Two columns mean "title"; keep one.' },
    ]);
  });

  it('refuses an empty file, a header alone and a broken quote, with a clear message', () => {
    expect(failed(parseVacancyCsv('\uFEFF  \n'))[0]?.message).toMatch(/empty/);
    expect(failed(parseVacancyCsv(`${EN_HEADER}\n\n`))[0]?.message).toBe('The file has a header but no vacancies.');
    expect(failed(parseVacancyCsv(`${EN_HEADER}\n"Driver,P,1,2\n`))[0]?.message).toMatch(/cannot be read.*quote/);
  });

  it('enforces the row and size limits', () => {
    const rows = Array.from({ length: CSV_LIMITS.maxRows + 1 }, (_, i) => `V${i},P,100,200`).join('\n');
    expect(failed(parseVacancyCsv(`title,profession,salary from,salary to\n${rows}`))[0]?.message).toBe(
      `The file has ${CSV_LIMITS.maxRows + 1} vacancies; at most ${CSV_LIMITS.maxRows} can be imported at once. Split it into several files.`,
    );
    const exactly = Array.from({ length: CSV_LIMITS.maxRows }, (_, i) => `V${i},P,100,200`).join('\n');
    expect(ok(parseVacancyCsv(`title,profession,salary from,salary to\n${exactly}`)).vacancies).toHaveLength(CSV_LIMITS.maxRows);

    const big = new Uint8Array(CSV_LIMITS.maxBytes + 1).fill(0x41);
    expect(failed(importVacancyCsvFile(big))[0]?.message).toMatch(/^The file is 1\.0 MB; at most 1\.0 MB can be imported/);
    expect(failed(parseVacancyCsv('x'.repeat(CSV_LIMITS.maxBytes + 1)))[0]?.message).toMatch(/at most 1\.0 MB/);
  });
});

describe('file bytes', () => {
  it('decode UTF-8 with or without BOM, and Windows-1251 from a Russian Excel', () => {
    const utf8 = new TextEncoder().encode('Название');
    expect(decodeCsvBytes(utf8)).toBe('Название');
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('Название');
    // "Название" in cp1251.
    expect(decodeCsvBytes(new Uint8Array([0xcd, 0xe0, 0xe7, 0xe2, 0xe0, 0xed, 0xe8, 0xe5]))).toBe('Название');
  });

  it('import a cp1251 file end to end', () => {
    const text = 'Название;Профессия;Зарплата от;Зарплата до\r\nВодитель;Водитель;100 000;200 000\r\n';
    const cp1251 = Uint8Array.from([...text].map((c) => {
      const code = c.charCodeAt(0);
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      throw new Error(`no cp1251 byte for ${c}`);
    }));
    expect(ok(importVacancyCsvFile(cp1251)).vacancies[0]?.title).toBe('Водитель');
  });
});

describe('template and sample', () => {
  it('the Russian and English templates parse back to their example vacancy', () => {
    for (const language of ['ru', 'en'] as const) {
      const template = vacancyCsvTemplate({ language });
      expect(template.startsWith('\uFEFF')).toBe(true);
      const [vacancy] = ok(parseVacancyCsv(template)).vacancies;
      expect(vacancy).toMatchObject({ salaryFrom: 250000, salaryTo: 350000, places: 2, employmentType: 'shift', currency: 'KZT' });
      expect(vacancy?.description).toContain('\n');
    }
    expect(vacancyCsvTemplate({ language: 'ru', example: false }).split('\r\n')[0]).toBe(
      '\uFEFFНазвание;Профессия;Зарплата от;Зарплата до;Валюта;Количество мест;Место работы;Тип занятости;Описание;Требования',
    );
    expect(vacancyCsvTemplate({ language: 'en', example: false })).toBe(
      '\uFEFFtitle,profession,salary_from,salary_to,currency,places,location,employment_type,description,requirements\r\n',
    );
  });

  it('resources/samples/vacancies-sample.csv parses cleanly', () => {
    const bytes = readFileSync(join(__dirname, '../../../resources/samples/vacancies-sample.csv'));
    const result = ok(importVacancyCsvFile(bytes));
    expect(result.vacancies).toHaveLength(4);
    expect(result.rows).toEqual([2, 3, 4, 5]);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.vacancies.map((v) => v.employmentType)).toEqual(['shift', 'full_time', 'remote', 'internship']);
    expect(result.vacancies[1]?.requirements).toBe('Опыт от 2 лет, английский — "intermediate" или выше');
  });
});
