/**
 * The HR directory as a CSV file (design: "Directory CSV"): reading the table, and validating each
 * row into what the import needs. Pure: the CLI reads the file, this module only sees its text.
 * The CSV reading below is shared with the sites file, which has the same Excel habits.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from '../shared/calendar-date.js';
import type { ProblemLine } from '../shared/errors.js';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../shared/locale.js';
import { MONDAY_TO_FRIDAY, ROLES, WEEKDAYS, type Person, type Role, type Weekday } from './people.js';

// ---------------------------------------------------------------------------------------------
// Reading a CSV table

export interface CsvRecord {
  /** 1-based line where the record starts, the header being line 1 (or 2 after a `sep=` line). */
  line: number;
  /** Values by lower-case column name; every expected column is present, '' when absent or empty. */
  values: Record<string, string>;
  /** False when the record has more or fewer fields than the header: its values cannot be trusted. */
  complete: boolean;
}

export interface CsvTable {
  records: CsvRecord[];
  /** Problems of the file as a whole or of a record's shape; a missing column yields no records. */
  problems: ProblemLine[];
}

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

const BOM = '\uFEFF';
const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/**
 * Excel in a Swiss locale saves "CSV" with `;` between values, and may put a `sep=;` line first;
 * other tools use `,` (or a tab for "Unicode text"). The header never holds a delimiter inside a
 * name, so the character it contains most often is the delimiter.
 */
function detectDelimiter(text: string): { delimiter: string; fromLine: number } {
  const lines = text.split(/\r\n|\n|\r/);
  const firstIndex = lines.findIndex((line) => line.trim().length > 0);
  const first = (lines[firstIndex] ?? '').trim();
  const sepLine = /^sep=(.)$/i.exec(first);
  if (sepLine?.[1]) return { delimiter: sepLine[1], fromLine: firstIndex + 2 };
  let best: string = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    const count = first.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return { delimiter: best, fromLine: 1 };
}

function csvSyntaxProblem(error: CsvError): ProblemLine {
  const line = typeof error.lines === 'number' ? error.lines : 1;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { line, message: 'a quoted value is never closed: a double quote (") is missing' };
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return {
        line,
        message: 'text follows a closing double quote; inside a quoted value, write a double quote as ""',
      };
    default:
      return { line, message: `the file is not valid CSV (${error.message})` };
  }
}

/** Newlines inside quoted values: csv-parse reports the line a record ends on, we want its first. */
function newlinesIn(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) count += field.split('\n').length - 1;
  return count;
}

const normaliseColumnName = (name: string) => name.replace(BOM, '').trim().toLowerCase();

function listWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Reads a CSV text with a header row: BOM tolerated, delimiter detected, empty lines (also lines of
 * bare delimiters, as Excel leaves them) skipped, header names matched case-insensitively, unknown
 * columns ignored.
 */
export function readCsvTable(text: string, columns: CsvColumns): CsvTable {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.trim().length === 0) {
    return {
      records: [],
      problems: [{ line: 1, message: `the file is empty; its first line must name the columns` }],
    };
  }
  const { delimiter, fromLine } = detectDelimiter(body);

  let parsed: ParsedRecord[];
  try {
    // csv-parse's typings do not model `info: true`, which wraps each record with its position.
    parsed = parse(body, {
      delimiter,
      from_line: fromLine,
      info: true,
      relax_column_count: true,
      // Names such as `Jean "JJ" Dupont` arrive unquoted from hand-made files.
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) return { records: [], problems: [csvSyntaxProblem(error)] };
    throw error;
  }

  const [header, ...rows] = parsed.filter(({ record }) => record.some((value) => value.length > 0));
  if (!header) {
    return { records: [], problems: [{ line: 1, message: 'the file has no header line' }] };
  }
  const headerLine = header.info.lines;
  const names = header.record.map(normaliseColumnName);
  const expected = [...columns.required, ...columns.optional];

  const problems: ProblemLine[] = [];
  const missing = columns.required.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    problems.push({
      line: headerLine,
      message:
        `the header lacks the required ${missing.length === 1 ? 'column' : 'columns'} ${listWithAnd(missing)} ` +
        `(found: ${names.filter(Boolean).join(', ') || 'nothing'}; the separator was read as ` +
        `"${delimiter === '\t' ? 'tab' : delimiter}")`,
    });
  }
  for (const name of expected) {
    if (names.indexOf(name) !== names.lastIndexOf(name)) {
      problems.push({ line: headerLine, column: name, message: `the column ${name} appears more than once` });
    }
  }
  if (problems.length > 0) return { records: [], problems };

  const records = rows.map(({ record, info }): CsvRecord => {
    const line = info.lines - newlinesIn(record);
    const values: Record<string, string> = {};
    for (const name of expected) {
      const index = names.indexOf(name);
      values[name] = index >= 0 ? (record[index] ?? '') : '';
    }
    const complete = record.length === names.length;
    if (!complete) {
      problems.push({
        line,
        message:
          `this line has ${record.length} values but the header has ${names.length} columns; ` +
          `a value that contains "${delimiter === '\t' ? 'tab' : delimiter}" must be in double quotes`,
      });
    }
    return { line, values, complete };
  });
  return { records, problems };
}

// ---------------------------------------------------------------------------------------------
// Checking values

/** A rejected value, with the sentence an operator reads after "line N, column C:". */
class Rejection {
  constructor(readonly message: string) {}
}
export const reject = (message: string) => new Rejection(message);
export type Check<T> = (value: string) => T | Rejection;

/** A zod schema for one column: trims, then runs the check and turns a rejection into an issue. */
export function column<T>(check: Check<T>) {
  return z.string().transform((raw, context): T => {
    const result = check(raw.trim());
    if (result instanceof Rejection) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
      return z.NEVER;
    }
    return result;
  });
}

/** Runs a row schema over one record and turns each issue into a problem on that record's line. */
export function checkRecord<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, record: CsvRecord) {
  const result = schema.safeParse(record.values);
  if (result.success) return { value: result.data, problems: [] as ProblemLine[] };
  const problems = result.error.issues.map((issue): ProblemLine => {
    const column = issue.path[0];
    return column === undefined
      ? { line: record.line, message: issue.message }
      : { line: record.line, column: String(column), message: issue.message };
  });
  return { value: null, problems };
}

/** Quotes a value for a message, shortened so that one bad cell does not flood the listing. */
export function quoted(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 37)}…` : value;
  return `"${shown}"`;
}

/** A value that must be there; `whenEmpty` says what is missing and, if not obvious, why it matters. */
export const requiredText =
  (whenEmpty: string): Check<string> =>
  (value) =>
    value.length > 0 ? value : reject(whenEmpty);

export const optionalText: Check<string | null> = (value) => (value.length > 0 ? value : null);

export function wholeNumber(value: string, { min, max }: { min: number; max?: number }): number | Rejection {
  if (!/^\d+$/.test(value)) return reject(`${quoted(value)} is not a whole number`);
  const number = Number(value);
  if (number < min || (max !== undefined && number > max)) {
    return reject(
      max === undefined ? `${value} is below ${min}` : `${value} is not between ${min} and ${max}`,
    );
  }
  return number;
}

// Lists hold `;` (the design's separator) but `,` and spaces are tolerated too, as people type them.
const listItems = (value: string) => value.split(/[;,\s]+/).filter((item) => item.length > 0);

const FULL_WEEKDAY_NAMES: Record<Weekday, string> = {
  Mon: 'monday',
  Tue: 'tuesday',
  Wed: 'wednesday',
  Thu: 'thursday',
  Fri: 'friday',
  Sat: 'saturday',
  Sun: 'sunday',
};
const WEEKDAY_NAMES = new Map<string, Weekday>(
  WEEKDAYS.flatMap((day) => [
    [day.toLowerCase(), day],
    [FULL_WEEKDAY_NAMES[day], day],
  ]),
);

/** `Mon;Tue;Wed`, case-insensitive, full English names too, and ranges such as `Mon-Fri`. */
export function weekdayList(value: string): Weekday[] | Rejection {
  const days = new Set<Weekday>();
  for (const item of listItems(value)) {
    const [from, to, ...rest] = item.split(/[-–]/).map((part) => WEEKDAY_NAMES.get(part.toLowerCase()));
    if (!from || rest.length > 0 || (item.match(/[-–]/) && !to)) {
      return reject(
        `${quoted(item)} is not a weekday; use Mon, Tue, Wed, Thu, Fri, Sat, Sun separated by ";"`,
      );
    }
    const start = WEEKDAYS.indexOf(from);
    const end = to ? WEEKDAYS.indexOf(to) : start;
    if (end < start) return reject(`${quoted(item)} runs backwards; write the earlier day first`);
    for (let index = start; index <= end; index++) days.add(WEEKDAYS[index] as Weekday);
  }
  if (days.size === 0) return reject('no weekday is given');
  return WEEKDAYS.filter((day) => days.has(day));
}

// ---------------------------------------------------------------------------------------------
// The directory file

export const DIRECTORY_COLUMNS = {
  required: [
    'aad_object_id',
    'display_name',
    'email',
    'team',
    'site',
    'manager_aad_object_id',
    'roles',
    'locale',
    'weekly_hours',
  ],
  optional: ['work_days', 'contract_from', 'ahv_number'],
} as const satisfies CsvColumns;

/** One valid row: the person as the directory describes them, and the contract the row gives. */
export interface DirectoryRow extends Omit<Person, 'active' | 'source' | 'siteId'> {
  line: number;
  siteId: string;
  weeklyMinutes: number;
  workDays: Weekday[];
  /** From when this row's contract applies; null when the file does not say. */
  contractFrom: CalendarDate | null;
}

export interface ParsedDirectoryFile {
  rows: DirectoryRow[];
  /** Every id the file lists with its line, rows with problems included, for checking references. */
  listedIds: ReadonlyMap<string, number>;
  problems: ProblemLine[];
}

const MAX_WEEKLY_HOURS = 80;

const EMAIL = z.string().email();

function emailAddress(value: string): string | null | Rejection {
  if (value.length === 0) return null;
  return EMAIL.safeParse(value).success ? value : reject(`${quoted(value)} is not an email address`);
}

function roleList(value: string): Role[] | Rejection {
  const roles = new Set<Role>();
  for (const item of listItems(value.toLowerCase())) {
    const role = ROLES.find((known) => known === item);
    if (!role) {
      return reject(`${quoted(item)} is not a role; use ${listWithAnd([...ROLES])}, separated by ";"`);
    }
    roles.add(role);
  }
  if (roles.size === 0) return reject('no role is given; every person needs at least one, e.g. employee');
  return ROLES.filter((role) => roles.has(role));
}

function supportedLocale(value: string): SupportedLocale | Rejection {
  const wanted = value.replace('_', '-').toLowerCase();
  return (
    SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === wanted) ??
    reject(`${quoted(value)} is not a language Crewdesk speaks; use ${listWithAnd([...SUPPORTED_LOCALES])}`)
  );
}

/** Hours as a decimal; Swiss Excel writes `42,5`, which arrives quoted in a `,` file. */
function weeklyMinutes(value: string): number | Rejection {
  if (!/^\d+([.,]\d+)?$/.test(value)) return reject(`${quoted(value)} is not a number of hours`);
  const minutes = Math.round(Number(value.replace(',', '.')) * 60);
  if (minutes <= 0 || minutes > MAX_WEEKLY_HOURS * 60) {
    return reject(
      `${value} hours a week is not possible; it must be more than 0 and at most ${MAX_WEEKLY_HOURS}`,
    );
  }
  return minutes;
}

/** YYYY-MM-DD; also DD.MM.YYYY, because Excel rewrites dates that way when it saves in Switzerland. */
function contractStart(value: string): CalendarDate | null | Rejection {
  if (value.length === 0) return null;
  if (isCalendarDate(value)) return value;
  const swiss = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (swiss) {
    const [, day = '', month = '', year = ''] = swiss;
    const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (isCalendarDate(date)) return date;
  }
  return reject(`${quoted(value)} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01`);
}

/**
 * AHV/AVS number, 756.XXXX.XXXX.XX, whose last digit is an EAN-13 check digit (weights 1 and 3
 * from the left). The value is not echoed in messages: it identifies a person.
 */
function ahvNumber(value: string): string | null | Rejection {
  if (value.length === 0) return null;
  const compact = value.replace(/\s/g, '');
  const match = /^756\.?(\d{4})\.?(\d{4})\.?(\d{2})$/.exec(compact);
  if (!match) return reject('this is not an AHV number; the format is 756.XXXX.XXXX.XX');
  const digits = compact.replace(/\./g, '');
  const sum = [...digits.slice(0, 12)].reduce(
    (total, digit, index) => total + Number(digit) * (index % 2 ? 3 : 1),
    0,
  );
  if ((10 - (sum % 10)) % 10 !== Number(digits[12])) {
    return reject('this AHV number is mistyped: its check digit does not match');
  }
  return `756.${match[1]}.${match[2]}.${match[3]}`;
}

const directoryRowSchema = z.object({
  aad_object_id: column(requiredText('the id is empty')),
  display_name: column(requiredText('the name is empty')),
  email: column(emailAddress),
  team: column(optionalText),
  site: column(
    requiredText('the site is empty; every person needs one, as its canton decides public holidays'),
  ),
  manager_aad_object_id: column(optionalText),
  roles: column(roleList),
  locale: column(supportedLocale),
  weekly_hours: column(weeklyMinutes),
  work_days: column((value) => (value.length === 0 ? [...MONDAY_TO_FRIDAY] : weekdayList(value))),
  contract_from: column(contractStart),
  ahv_number: column(ahvNumber),
});

/** Validates every row of a directory file; references to sites and people are the import's job. */
export function parseDirectoryFile(csvText: string): ParsedDirectoryFile {
  const table = readCsvTable(csvText, DIRECTORY_COLUMNS);
  const problems = [...table.problems];
  const rows: DirectoryRow[] = [];
  const listedIds = new Map<string, number>();

  for (const record of table.records) {
    const id = (record.values.aad_object_id ?? '').trim();
    if (id.length > 0) {
      const firstLine = listedIds.get(id);
      if (firstLine === undefined) listedIds.set(id, record.line);
      else {
        problems.push({
          line: record.line,
          column: 'aad_object_id',
          message: `${quoted(id)} is already listed on line ${firstLine}; each person must appear once`,
        });
        continue;
      }
    }
    if (!record.complete) continue;

    const checked = checkRecord(directoryRowSchema, record);
    problems.push(...checked.problems);
    const row = checked.value;
    if (!row) continue;
    if (row.manager_aad_object_id === row.aad_object_id) {
      problems.push({
        line: record.line,
        column: 'manager_aad_object_id',
        message: 'a person cannot be their own manager',
      });
      continue;
    }
    rows.push({
      line: record.line,
      aadObjectId: row.aad_object_id,
      displayName: row.display_name,
      email: row.email,
      team: row.team,
      siteId: row.site,
      managerAadObjectId: row.manager_aad_object_id,
      roles: row.roles,
      locale: row.locale,
      ahvNumber: row.ahv_number,
      weeklyMinutes: row.weekly_hours,
      workDays: row.work_days,
      contractFrom: row.contract_from,
    });
  }
  return { rows, listedIds, problems: sortProblems(problems) };
}

export function sortProblems(problems: readonly ProblemLine[]): ProblemLine[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

/** `line 7, column weekly_hours: "forty" is not a number of hours`, as the CLI prints a problem. */
export function describeProblem(problem: ProblemLine): string {
  const where = problem.column ? `line ${problem.line}, column ${problem.column}` : `line ${problem.line}`;
  return `${where}: ${problem.message}`;
}
