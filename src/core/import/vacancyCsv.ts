import { parse } from 'csv-parse/sync';
import { EMPLOYMENT_TYPE_LABELS, VacancyFields, type EmploymentType } from '../../shared/domain/participation/vacancy';

/**
 * Vacancies from a CSV file (SPEC "Participation info": "import … from a CSV file"), all or nothing:
 * either every row is a valid vacancy, or the user gets every row-level problem at once and nothing
 * is imported.
 *
 * The file: UTF-8 with or without BOM (Windows-1251 from a Russian Excel is recognised too, see
 * {@link decodeCsvBytes}); `,`, `;` or tab as delimiter, detected from the header; quoted fields may
 * hold delimiters, quotes (`""`) and line breaks. Row 1 is the header; rows are numbered as a
 * spreadsheet shows them (a quoted multi-line cell is still one row; empty rows count but are skipped).
 *
 * Columns (header names are case-insensitive; `_`, `-`, `*` and "(…)" remarks are ignored):
 * | field | English headers | Russian headers | required | empty / missing means |
 * | --- | --- | --- | --- | --- |
 * | title | title, vacancy, job title | название, название вакансии, вакансия | yes | — |
 * | profession | profession, occupation | профессия, специальность | yes | — |
 * | salary from | salary from, salary min | зарплата от, заработная плата от, оклад от, з/п от | yes¹ | — |
 * | salary to | salary to, salary max | зарплата до, заработная плата до, оклад до, з/п до | yes¹ | — |
 * | salary | salary | зарплата, заработная плата, оклад | ¹ | "200 000 – 300 000" or one amount |
 * | currency | currency | валюта | no | KZT |
 * | places | places, number of places, openings | количество мест, кол-во мест, число мест, мест | no | 1 |
 * | location | location, city, place of work | место работы, местоположение, город, адрес | no | empty |
 * | description | description | описание, описание вакансии | no | empty |
 * | requirements | requirements | требования | no | empty |
 * | employment type | employment type, employment | тип занятости, занятость, график работы | no | full-time |
 * ¹ either both "salary from" and "salary to", or one "salary" column.
 *
 * Numbers may contain spaces ("250 000"), thousands separators ("250,000", "250.000"), a decimal
 * comma ("250 000,00") and a currency sign or word ("250 000 ₸", "250000 тг"). Employment types
 * are accepted as the English or Russian words (see EMPLOYMENT_WORDS) or the codes (`full_time`).
 */

export const CSV_LIMITS = {
  /** 1 MiB: several hundred long vacancies; anything bigger is not a vacancy list. */
  maxBytes: 1024 * 1024,
  /** Data rows (the header not counted). */
  maxRows: 500,
} as const;

/** One problem, located as the user sees it in a spreadsheet. */
export interface CsvRowError {
  /** 1-based spreadsheet row (the header is row 1); 0 for the file as a whole. */
  row: number;
  /** The column's header as written in the file (or our canonical name when the column is missing); null for a whole row. */
  column: string | null;
  message: string;
}

export type VacancyCsvResult =
  | {
      ok: true;
      vacancies: VacancyFields[];
      /** Spreadsheet row of each vacancy, in the same order (to point back at the file). */
      rows: number[];
      /** Header cells we did not recognise and ignored (shown to the user as a hint). */
      ignoredColumns: string[];
    }
  | { ok: false; errors: CsvRowError[] };

type Field =
  | 'title'
  | 'profession'
  | 'salaryFrom'
  | 'salaryTo'
  | 'salary'
  | 'currency'
  | 'places'
  | 'location'
  | 'description'
  | 'requirements'
  | 'employmentType';

/** Canonical English header of each field (template, messages for missing columns). */
export const CSV_COLUMNS: Readonly<Record<Field, string>> = {
  title: 'title',
  profession: 'profession',
  salaryFrom: 'salary_from',
  salaryTo: 'salary_to',
  salary: 'salary',
  currency: 'currency',
  places: 'places',
  location: 'location',
  description: 'description',
  requirements: 'requirements',
  employmentType: 'employment_type',
};

const RUSSIAN_COLUMNS: Readonly<Record<Exclude<Field, 'salary'>, string>> = {
  title: 'Название',
  profession: 'Профессия',
  salaryFrom: 'Зарплата от',
  salaryTo: 'Зарплата до',
  currency: 'Валюта',
  places: 'Количество мест',
  location: 'Место работы',
  description: 'Описание',
  requirements: 'Требования',
  employmentType: 'Тип занятости',
};

const HEADER_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  title: ['title', 'vacancy', 'vacancy title', 'job title', 'название', 'название вакансии', 'вакансия', 'наименование вакансии'],
  profession: ['profession', 'occupation', 'профессия', 'специальность'],
  salaryFrom: ['salary from', 'salary min', 'min salary', 'зарплата от', 'заработная плата от', 'оклад от', 'з/п от', 'зп от'],
  salaryTo: ['salary to', 'salary max', 'max salary', 'зарплата до', 'заработная плата до', 'оклад до', 'з/п до', 'зп до'],
  salary: ['salary', 'зарплата', 'заработная плата', 'оклад', 'з/п', 'зп'],
  currency: ['currency', 'валюта'],
  places: ['places', 'number of places', 'openings', 'vacant places', 'количество мест', 'кол-во мест', 'кол во мест', 'число мест', 'мест', 'количество'],
  location: ['location', 'city', 'place of work', 'место работы', 'местоположение', 'город', 'адрес', 'локация'],
  description: ['description', 'описание', 'описание вакансии'],
  requirements: ['requirements', 'требования', 'требования к кандидату'],
  employmentType: ['employment type', 'employment', 'type of employment', 'тип занятости', 'занятость', 'вид занятости', 'график работы', 'график'],
};

/** "Зарплата от (KZT) *" → "зарплата от": what header matching compares. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[_*:]/g, ' ')
    .replace(/(?<=\p{L})-(?=\p{L})/gu, ' ')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е');
}

const FIELD_BY_HEADER = new Map<string, Field>(
  Object.entries(HEADER_ALIASES).flatMap(([field, aliases]) => aliases.map((alias) => [normaliseHeader(alias), field as Field] as const)),
);

/** Words accepted for each employment type (normalised: lower case, `ё` as `е`, `-`/`_` as space). */
export const EMPLOYMENT_WORDS: Readonly<Record<EmploymentType, readonly string[]>> = {
  full_time: ['full time', 'fulltime', 'full', 'полная занятость', 'полная', 'полный день', 'полный рабочий день'],
  part_time: ['part time', 'parttime', 'part', 'частичная занятость', 'частичная', 'неполная занятость', 'неполный день', 'неполный рабочий день'],
  shift: ['shift', 'shift work', 'shifts', 'rotational', 'сменный график', 'сменная работа', 'сменная', 'посменно', 'вахта', 'вахтовый метод'],
  remote: ['remote', 'remote work', 'work from home', 'удаленная работа', 'удаленная', 'удаленно', 'дистанционная работа', 'дистанционно', 'удаленка'],
  temporary: ['temporary', 'temporary work', 'temp', 'временная работа', 'временная', 'временно'],
  internship: ['internship', 'intern', 'trainee', 'стажировка', 'стажер', 'практика'],
};

const normaliseWord = (word: string): string => word.trim().toLowerCase().replace(/ё/g, 'е').replace(/[-_]/g, ' ').replace(/\s+/g, ' ');

const EMPLOYMENT_BY_WORD = new Map<string, EmploymentType>();
for (const [type, words] of Object.entries(EMPLOYMENT_WORDS) as [EmploymentType, readonly string[]][]) {
  for (const word of [...words, type, EMPLOYMENT_TYPE_LABELS.en[type], EMPLOYMENT_TYPE_LABELS.ru[type], EMPLOYMENT_TYPE_LABELS.kk[type]]) {
    EMPLOYMENT_BY_WORD.set(normaliseWord(word), type);
  }
}

/** The employment type a cell names, or null. */
export function parseEmploymentType(cell: string): EmploymentType | null {
  return EMPLOYMENT_BY_WORD.get(normaliseWord(cell)) ?? null;
}

/**
 * A number as people type it into spreadsheets: "250 000", "250 000,50", "250,000", "1.500.000",
 * "250000 ₸". Null when it is not a number at all.
 */
export function parseHumanNumber(cell: string): number | null {
  let s = cell
    .replace(/[\s\u00a0\u202f\u2009']/g, '')
    .replace(/(₸|тг\.?|тенге|kzt|руб\.?|₽|rub|usd|\$|eur|€)$/i, '')
    .replace(/^(₸|kzt|\$|€|₽)/i, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both present: the later one is the decimal separator, the other groups thousands.
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    s = s.split(group).join('').replace(decimal, '.');
  } else {
    const sep = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null;
    if (sep !== null) {
      // One kind of separator: "250,000" / "1.500.000" group thousands; "250,5" is a decimal comma.
      const groups = new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+$`);
      s = groups.test(s) ? s.split(sep).join('') : s.split(sep).length === 2 ? s.replace(sep, '.') : '';
    }
  }
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** "200 000 – 300 000", "от 200 000 до 300 000", or one amount (from = to). */
function parseSalaryRange(cell: string): { from: number; to: number } | null {
  const cleaned = cell.trim().replace(/^(от|from)\s*/i, '');
  // `\b` only knows Latin letters; the look-arounds keep "до" from matching inside a Cyrillic word.
  const parts = cleaned.split(/\s*(?:[–—-]|(?<!\p{L})(?:до|to)(?!\p{L}))\s*/iu).filter((p) => p !== '');
  if (parts.length === 1) {
    const amount = parseHumanNumber(parts[0] ?? '');
    return amount === null ? null : { from: amount, to: amount };
  }
  if (parts.length !== 2) return null;
  const from = parseHumanNumber(parts[0] ?? '');
  const to = parseHumanNumber(parts[1] ?? '');
  return from === null || to === null ? null : { from, to };
}

/**
 * The file's text: UTF-8 (BOM or not) when the bytes are valid UTF-8, otherwise Windows-1251 — what
 * Excel writes for "CSV (разделители — запятые)" on a Russian Windows. Never guesses past those two.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

const DELIMITERS = [';', ',', '\t'] as const;

/** The header line (up to the first line break outside quotes). */
function headerLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return text;
}

function splitHeader(line: string, delimiter: string): string[] {
  try {
    const [cells] = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return cells ?? [];
  } catch {
    return [];
  }
}

/** The delimiter under which the header names the most known columns (then: splits into the most cells). */
export function detectDelimiter(text: string): string {
  const line = headerLine(text.replace(/^\uFEFF/, ''));
  let best: { delimiter: string; known: number; cells: number } = { delimiter: ',', known: -1, cells: 0 };
  for (const delimiter of DELIMITERS) {
    const cells = splitHeader(line, delimiter);
    const known = cells.filter((c) => FIELD_BY_HEADER.has(normaliseHeader(c))).length;
    if (known > best.known || (known === best.known && cells.length > best.cells)) best = { delimiter, known, cells: cells.length };
  }
  return best.delimiter;
}

const byteLength = (text: string): number => new TextEncoder().encode(text).length;
const fileError = (message: string): VacancyCsvResult => ({ ok: false, errors: [{ row: 0, column: null, message }] });
const MB = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

/** Reads raw file bytes: size limit first (before decoding anything), then {@link parseVacancyCsv}. */
export function importVacancyCsvFile(bytes: Uint8Array): VacancyCsvResult {
  if (bytes.byteLength > CSV_LIMITS.maxBytes) {
    return fileError(`The file is ${MB(bytes.byteLength)}; at most ${MB(CSV_LIMITS.maxBytes)} can be imported. Split it into several files.`);
  }
  return parseVacancyCsv(decodeCsvBytes(bytes));
}

/** Parses and validates a CSV file's text into vacancies, all or nothing (see the module comment). */
export function parseVacancyCsv(input: string): VacancyCsvResult {
  const size = byteLength(input);
  if (size > CSV_LIMITS.maxBytes) {
    return fileError(`The file is ${MB(size)}; at most ${MB(CSV_LIMITS.maxBytes)} can be imported. Split it into several files.`);
  }
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') return fileError('The file is empty. Start from the template: a header row, then one vacancy per row.');

  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const lines = typeof error === 'object' && error !== null && 'lines' in error ? Number(error.lines) : 0;
    const reason = error instanceof Error && /quote/i.test(error.message) ? 'a quote (") is not closed or a quoted value is followed by other text' : 'it is not valid CSV';
    return fileError(`The file cannot be read${lines > 0 ? ` near line ${lines}` : ''}: ${reason}. Save it from your spreadsheet as CSV (UTF-8) and try again.`);
  }

  const [header = [], ...dataRecords] = records;
  // Columns → fields.
  const columns: (Field | null)[] = header.map((cell) => FIELD_BY_HEADER.get(normaliseHeader(cell)) ?? null);
  const headerErrors: CsvRowError[] = [];
  const columnOf = new Map<Field, number>();
  columns.forEach((field, index) => {
    if (field === null) return;
    if (columnOf.has(field)) {
      headerErrors.push({ row: 1, column: header[index] ?? null, message: `Two columns mean "${CSV_COLUMNS[field]}"; keep one.` });
    } else columnOf.set(field, index);
  });
  const hasRange = columnOf.has('salaryFrom') || columnOf.has('salaryTo');
  const missing: Field[] = (['title', 'profession'] as const).filter((f) => !columnOf.has(f));
  if (hasRange || !columnOf.has('salary')) missing.push(...(['salaryFrom', 'salaryTo'] as const).filter((f) => !columnOf.has(f)));
  for (const field of missing) {
    const ru = field === 'salary' ? '' : ` / "${RUSSIAN_COLUMNS[field]}"`;
    headerErrors.push({ row: 1, column: CSV_COLUMNS[field], message: `The column "${CSV_COLUMNS[field]}"${ru} is missing from the header (row 1).` });
  }
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };

  // Data rows, numbered as in a spreadsheet; blank rows count but are skipped.
  const rows = dataRecords.map((cells, i) => ({ row: i + 2, cells })).filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) return fileError('The file has a header but no vacancies.');
  if (rows.length > CSV_LIMITS.maxRows) {
    return fileError(`The file has ${rows.length} vacancies; at most ${CSV_LIMITS.maxRows} can be imported at once. Split it into several files.`);
  }

  const headerName = (field: Field): string => {
    const index = columnOf.get(field);
    return index === undefined ? CSV_COLUMNS[field] : (header[index] ?? CSV_COLUMNS[field]).replace(/^\uFEFF/, '').trim();
  };
  const errors: CsvRowError[] = [];
  const vacancies: VacancyFields[] = [];
  const vacancyRows: number[] = [];
  for (const { row, cells } of rows) {
    const rowErrors = readRow(cells, header.length, columnOf, headerName, row);
    if (Array.isArray(rowErrors)) {
      errors.push(...rowErrors);
      continue;
    }
    const parsed = VacancyFields.safeParse(rowErrors);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        const column = typeof field === 'string' && field in CSV_COLUMNS ? headerName(salaryColumn(field as Field, columnOf)) : null;
        errors.push({ row, column, message: issue.message });
      }
      continue;
    }
    vacancies.push(parsed.data);
    vacancyRows.push(row);
  }
  if (errors.length > 0) return { ok: false, errors };
  const ignoredColumns = header.filter((cell, i) => columns[i] === null && cell.trim() !== '').map((c) => c.replace(/^\uFEFF/, '').trim());
  return { ok: true, vacancies, rows: vacancyRows, ignoredColumns };
}

/** With one "salary" column, problems of salaryFrom/To belong to it. */
function salaryColumn(field: Field, columnOf: ReadonlyMap<Field, number>): Field {
  return (field === 'salaryFrom' || field === 'salaryTo') && !columnOf.has(field) && columnOf.has('salary') ? 'salary' : field;
}

/** One row's cells → the input of the Vacancy schema, or the cell-level problems found on the way. */
function readRow(
  cells: readonly string[],
  headerWidth: number,
  columnOf: ReadonlyMap<Field, number>,
  headerName: (field: Field) => string,
  row: number,
): Record<string, unknown> | CsvRowError[] {
  const errors: CsvRowError[] = [];
  if (cells.length > headerWidth && cells.slice(headerWidth).some((c) => c.trim() !== '')) {
    errors.push({
      row,
      column: null,
      message: `This row has ${cells.length} cells but the header has ${headerWidth}; a value containing the delimiter must be in quotes.`,
    });
  }
  const cell = (field: Field): string | undefined => {
    const index = columnOf.get(field);
    return index === undefined ? undefined : (cells[index] ?? '').trim();
  };
  const number = (field: Field, fallback: number | undefined): number | undefined => {
    const value = cell(field);
    if (value === undefined || value === '') return fallback;
    const parsed = parseHumanNumber(value);
    if (parsed === null) errors.push({ row, column: headerName(field), message: `"${value}" is not a number.` });
    return parsed ?? undefined;
  };

  let salaryFrom = number('salaryFrom', undefined);
  let salaryTo = number('salaryTo', undefined);
  const salary = cell('salary');
  if (salary !== undefined && salary !== '' && !columnOf.has('salaryFrom') && !columnOf.has('salaryTo')) {
    const range = parseSalaryRange(salary);
    if (range) ({ from: salaryFrom, to: salaryTo } = range);
    else errors.push({ row, column: headerName('salary'), message: `"${salary}" is not a salary; write it as "200 000 – 300 000" or one amount.` });
  }

  const typeCell = cell('employmentType');
  let employmentType: EmploymentType | undefined = 'full_time';
  if (typeCell !== undefined && typeCell !== '') {
    employmentType = parseEmploymentType(typeCell) ?? undefined;
    if (!employmentType) {
      errors.push({
        row,
        column: headerName('employmentType'),
        message: `"${typeCell}" is not an employment type; use one of: ${Object.values(EMPLOYMENT_TYPE_LABELS.en).join(', ')} (or ${Object.values(EMPLOYMENT_TYPE_LABELS.ru).join(', ')}).`,
      });
    }
  }
  const currency = cell('currency');
  const places = number('places', 1);
  if (errors.length > 0) return errors;
  return {
    title: cell('title') ?? '',
    profession: cell('profession') ?? '',
    salaryFrom,
    salaryTo,
    currency: currency === undefined || currency === '' ? undefined : currency.toUpperCase().replace(/^(₸|ТГ|ТЕНГЕ)$/, 'KZT'),
    places,
    location: cell('location') ?? '',
    description: cell('description') ?? '',
    requirements: cell('requirements') ?? '',
    employmentType,
  };
}

const TEMPLATE_FIELDS: readonly Exclude<Field, 'salary'>[] = [
  'title',
  'profession',
  'salaryFrom',
  'salaryTo',
  'currency',
  'places',
  'location',
  'employmentType',
  'description',
  'requirements',
];

const quoteCsv = (value: string, delimiter: string): string =>
  /["\r\n]/.test(value) || value.includes(delimiter) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/**
 * A template to fill in: a BOM (so Excel reads UTF-8), the header in the chosen language and, by
 * default, one example row. Russian uses `;`, which a Russian Excel expects; English uses `,`.
 */
export function vacancyCsvTemplate(options: { language?: 'ru' | 'en'; example?: boolean } = {}): string {
  const language = options.language ?? 'ru';
  const delimiter = language === 'ru' ? ';' : ',';
  const header = TEMPLATE_FIELDS.map((f) => (language === 'ru' ? RUSSIAN_COLUMNS[f] : CSV_COLUMNS[f]));
  const example: Record<Exclude<Field, 'salary'>, string> =
    language === 'ru'
      ? {
          title: 'Водитель погрузчика',
          profession: 'Водитель',
          salaryFrom: '250 000',
          salaryTo: '350 000',
          currency: 'KZT',
          places: '2',
          location: 'Алматы',
          employmentType: EMPLOYMENT_TYPE_LABELS.ru.shift,
          description: 'Работа на складе класса А.\nСмены 2/2.',
          requirements: 'Удостоверение водителя погрузчика',
        }
      : {
          title: 'Forklift driver',
          profession: 'Driver',
          salaryFrom: '250 000',
          salaryTo: '350 000',
          currency: 'KZT',
          places: '2',
          location: 'Almaty',
          employmentType: EMPLOYMENT_TYPE_LABELS.en.shift,
          description: 'Class A warehouse.\nShifts 2 on / 2 off.',
          requirements: 'Forklift licence',
        };
  const lines = [header.map((h) => quoteCsv(h, delimiter)).join(delimiter)];
  if (options.example ?? true) lines.push(TEMPLATE_FIELDS.map((f) => quoteCsv(example[f], delimiter)).join(delimiter));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
