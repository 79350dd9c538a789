/**
 * The Excel timesheets Crewdesk replaces, as rows of a sheet (`crewdesk hours import`): each row
 * checked on its own into a work or absence record, every problem named by line and column. Pure:
 * the reading of CSV text or an XLSX workbook into rows lives in src/integrations/, and what needs
 * the directory or the stored hours (who the person is, overlaps, duplicates) is the import's job
 * (import-hours.ts).
 *
 * Choices, with the reason:
 * - Column names in English, French, German and Italian, case-insensitive, as the stores' own
 *   sheets name them; unknown columns (comments, totals) are ignored.
 * - A row is work (start and end, or hours / minutes) or an absence (a kind, with hours / minutes,
 *   or nothing = the whole day). A row with start, end and hours too says the net hours: the
 *   break is what the range leaves over. A row with both an absence and start/end is refused rather
 *   than guessed: write the work on a row of its own.
 * - Values as Excel leaves them: `7,5` or `7.5` hours (rounded to the minute), `7:30`, `30` or
 *   `0:30` for a break; dates `2026-10-05`, `05.10.2026` or `05.10.26`; times `08:30`, `8h30`.
 *   From an XLSX, a date or time cell arrives as an ISO instant (exceljs reads it as a UTC `Date`
 *   on Excel's 1899-12-30 or 1904-01-01 epoch) and an unformatted time as a fraction of a day.
 * - A decimal break (`0,5`) is refused: half an hour and half a day's fraction both read that way.
 */
import { z } from 'zod';
import {
  checkRecord,
  column,
  quoted,
  reject,
  type Check,
  type CsvColumns,
} from '../directory/directory-file.js';
import { isCalendarDate, type CalendarDate } from '../shared/calendar-date.js';
import type { ProblemLine } from '../shared/errors.js';
import { MINUTES_PER_DAY, rangeMinutes, type TimeRange } from './hours-checks.js';
import type { AbsenceKind, WorkPlace } from './hours-entry.js';

/** One row of a sheet: its line (the header being line 1; in an XLSX the sheet's row number). */
export interface SheetRow {
  line: number;
  /** Values by lower-case column name, as text; '' when empty. */
  cells: Readonly<Record<string, string>>;
}

/** A sheet as read from a file: its rows, and the problems of the file itself (syntax, header). */
export interface SheetRows {
  rows: readonly SheetRow[];
  problems: readonly ProblemLine[];
  /** Where the header is, for problems of a whole column; 1 when not told. */
  headerLine?: number;
}

// ---------------------------------------------------------------------------------------------
// Columns

/** Each field and the column names that give it (lower case; `_` names also match with spaces). */
const FIELD_COLUMNS = {
  aad_object_id: ['aad_object_id', 'aadobjectid', 'object_id'],
  email: ['email', 'e-mail', 'mail', 'courriel'],
  person: [
    'person',
    'personne',
    'employee',
    'employé',
    'employe',
    'collaborateur',
    'collaboratrice',
    'mitarbeiter',
    'mitarbeiterin',
    'mitarbeitende',
    'dipendente',
    'collaboratore',
  ],
  date: ['date', 'datum', 'data'],
  start: ['start', 'from', 'début', 'debut', 'beginn', 'von', 'inizio', 'dalle'],
  end: ['end', 'to', 'fin', 'ende', 'bis', 'fine', 'alle'],
  break_minutes: ['break_minutes', 'break', 'pause', 'pause_minutes', 'pausa', 'pausa_minuti'],
  minutes: ['minutes', 'minuten', 'minuti'],
  hours: ['hours', 'heures', 'stunden', 'std', 'ore'],
  absence: ['absence', 'absence_kind', 'abwesenheit', 'absenz', 'assenza'],
  place: ['place', 'lieu', 'ort', 'arbeitsort', 'luogo'],
} as const satisfies Record<string, readonly string[]>;

type Field = keyof typeof FIELD_COLUMNS;
const FIELDS = Object.keys(FIELD_COLUMNS) as Field[];
const PERSON_FIELDS = ['aad_object_id', 'email', 'person'] as const satisfies readonly Field[];
const VALUE_FIELDS = FIELDS.filter((field) => !(PERSON_FIELDS as readonly Field[]).includes(field));

function namesOf(field: Field): string[] {
  return FIELD_COLUMNS[field].flatMap((name) =>
    name.includes('_') ? [name, name.replace(/_/g, ' ')] : [name],
  );
}

/** Every column name a reader should keep, for `readCsvTable` and the XLSX reader alike. */
export const HOURS_FILE_COLUMNS: CsvColumns = { required: [], optional: FIELDS.flatMap(namesOf) };

// ---------------------------------------------------------------------------------------------
// Values

const EXCEL_EPOCHS = [Date.UTC(1899, 11, 30), Date.UTC(1904, 0, 1)];
const MINUTE_MS = 60_000;
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

/** An ISO instant (an Excel date or time cell) in whole minutes since 1970, or null. */
function instantMinutes(value: string): number | null {
  if (!ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.round(ms / MINUTE_MS);
}

/** Minutes since the Excel epoch the instant lies in, when it is a time or duration cell. */
function minutesSinceExcelEpoch(totalMinutes: number): number | null {
  for (const epoch of EXCEL_EPOCHS) {
    const since = totalMinutes - epoch / MINUTE_MS;
    // A few days past the epoch: a time or a duration (`[h]:mm`), never a real date.
    if (since >= 0 && since < 7 * MINUTES_PER_DAY) return since;
  }
  return null;
}

const dateOfDay = (day: number): CalendarDate =>
  new Date(day * MINUTES_PER_DAY * MINUTE_MS).toISOString().slice(0, 10);

const twoDigits = (value: number) => String(value).padStart(2, '0');
export const clockOf = (minutes: number) =>
  `${twoDigits(Math.floor(minutes / 60))}:${twoDigits(minutes % 60)}`;

const FIRST_EXCEL_DATE = 36_526; // 2000-01-01
const LAST_EXCEL_DATE = 73_050; // 2100-01-01

const calendarDate: Check<CalendarDate> = (value) => {
  if (value.length === 0) return reject('the date is empty');
  let date: CalendarDate | null = null;
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(value);
  const instant = instantMinutes(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) date = value;
  else if (dotted) {
    const [, day, month, year] = dotted as unknown as [string, string, string, string];
    date = `${year.length === 2 ? `20${year}` : year}-${twoDigits(Number(month))}-${twoDigits(Number(day))}`;
  } else if (instant !== null) {
    // A date cell: exceljs reads Excel's serial as midnight UTC of that calendar date.
    date = dateOfDay(Math.floor(instant / MINUTES_PER_DAY));
  } else if (/^\d{5}$/.test(value) && Number(value) >= FIRST_EXCEL_DATE && Number(value) < LAST_EXCEL_DATE) {
    // A date cell formatted as a plain number: Excel's serial day count.
    date = dateOfDay(Number(value) + EXCEL_EPOCHS[0]! / MINUTE_MS / MINUTES_PER_DAY);
  }
  if (date === null || !isCalendarDate(date)) {
    return reject(`${quoted(value)} is not a date; write it as 2026-10-05 or 05.10.2026`);
  }
  if (date < '2000-01-01') return reject(`${quoted(value)} is before the year 2000: is it really a date?`);
  return date;
};

/** A time of day in minutes (0…1440), or a rejection; 24:00 is only checked by the caller. */
function clockMinutes(value: string): number | null | 'invalid' {
  if (value.length === 0) return null;
  const text = value.replace(/\s*uhr$/i, '');
  const clock = /^(\d{1,2})(?::(\d{2})(?::00)?|\s*h\s*(\d{2})?)$/i.exec(text);
  if (clock) {
    const hours = Number(clock[1]);
    const minutes = Number(clock[2] ?? clock[3] ?? 0);
    if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return 'invalid';
    return hours * 60 + minutes;
  }
  const instant = instantMinutes(text);
  if (instant !== null) {
    // A time cell (on Excel's epoch) or a date-and-time cell: the wall-clock part either way.
    const since = minutesSinceExcelEpoch(instant);
    if (since !== null && since === MINUTES_PER_DAY) return MINUTES_PER_DAY;
    return ((instant % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  }
  if (/^(0(\.\d+)?|1(\.0+)?)$/.test(text)) {
    // An unformatted time cell: Excel stores a time as the fraction of a day.
    return Math.round(Number(text) * MINUTES_PER_DAY);
  }
  return 'invalid';
}

const timeOfDay =
  (which: 'start' | 'end'): Check<string | null> =>
  (value) => {
    const minutes = clockMinutes(value);
    if (minutes === 'invalid') return reject(`${quoted(value)} is not a time; write it as 08:30`);
    if (minutes === null) return null;
    if (minutes === MINUTES_PER_DAY && which === 'start') return reject('a day cannot start at 24:00');
    return clockOf(minutes);
  };

/** A duration written as `7:30`, `7h30`, or an Excel time/duration cell. */
function clockDuration(value: string): number | null {
  const written =
    /^(\d{1,3}):([0-5]\d)(?::00)?$/.exec(value) ?? /^(\d{1,2})\s*h\s*(?:([0-5]\d)\s*(?:min)?)?$/i.exec(value);
  if (written) return Number(written[1]) * 60 + Number(written[2] ?? 0);
  const instant = instantMinutes(value);
  return instant === null ? null : minutesSinceExcelEpoch(instant);
}

const breakMinutes: Check<number | null> = (value) => {
  if (value.length === 0) return null;
  const whole = /^(\d+)\s*(?:min|mins|minutes|minuten|minuti)?$/i.exec(value);
  const minutes = whole ? Number(whole[1]) : clockDuration(value);
  if (minutes === null) {
    return reject(
      `${quoted(value)} is not a break; write it in whole minutes (30) or as hours:minutes (0:30)`,
    );
  }
  if (minutes >= MINUTES_PER_DAY) return reject(`a break of ${quoted(value)} is longer than a day`);
  return minutes;
};

const positiveDuration = (minutes: number, value: string) => {
  if (minutes <= 0) return reject(`${quoted(value)} records nothing: the time must be more than 0`);
  if (minutes > MINUTES_PER_DAY) return reject(`${quoted(value)} is more than the 24 hours of a day`);
  return minutes;
};

const minutesValue: Check<number | null> = (value) => {
  if (value.length === 0) return null;
  if (/^-/.test(value)) return reject(`${quoted(value)} is negative; time cannot be taken back here`);
  if (!/^\d+(?:[.,]0+)?$/.test(value)) return reject(`${quoted(value)} is not a whole number of minutes`);
  return positiveDuration(Number(value.replace(',', '.')), value);
};

const hoursValue: Check<number | null> = (value) => {
  if (value.length === 0) return null;
  if (/^-/.test(value)) return reject(`${quoted(value)} is negative; time cannot be taken back here`);
  // Decimal hours, with a decimal comma as Swiss Excel writes it; rounded to the minute (7,33 h).
  const minutes = /^\d+(?:[.,]\d+)?$/.test(value)
    ? Math.round(Number(value.replace(',', '.')) * 60)
    : clockDuration(value);
  if (minutes === null)
    return reject(`${quoted(value)} is not a number of hours; write it as 7.5, 7,5 or 7:30`);
  return positiveDuration(minutes, value);
};

/** Lower case, single spaces for `_`, `-` and runs of blanks. */
const normalised = (value: string) =>
  value
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
const withoutAccents = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * Words matched as written, then without accents — unless two words of different meanings lose
 * their difference then: the French `férié` (public holiday) and the Italian `ferie` (vacation).
 */
function vocabulary<T extends string>(entries: readonly (readonly [T, readonly string[]])[]) {
  const exact = new Map<string, T>();
  const loose = new Map<string, T | 'ambiguous'>();
  for (const [meaning, words] of entries) {
    for (const word of [meaning, ...words]) {
      exact.set(normalised(word), meaning);
      const key = withoutAccents(normalised(word));
      const known = loose.get(key);
      loose.set(key, known === undefined || known === meaning ? meaning : 'ambiguous');
    }
  }
  return (value: string): T | null => {
    const key = normalised(value);
    const found = exact.get(key) ?? loose.get(withoutAccents(key));
    return found === undefined || found === 'ambiguous' ? null : found;
  };
}

const absenceKindOf = vocabulary<AbsenceKind>([
  [
    'vacation',
    ['vacations', 'annual leave', 'vacances', 'congé', 'ferien', 'urlaub', 'vacanza', 'vacanze', 'ferie'],
  ],
  [
    'holiday',
    ['public holiday', 'bank holiday', 'férié', 'jour férié', 'feiertag', 'festivo', 'giorno festivo'],
  ],
  [
    'sick',
    [
      'sickness',
      'illness',
      'sick leave',
      'maladie',
      'malade',
      'krank',
      'krankheit',
      'malattia',
      'malato',
      'malata',
    ],
  ],
  ['accident', ['unfall', 'infortunio', 'incidente']],
  [
    'military',
    [
      'military service',
      'civil service',
      'civil protection',
      'militaire',
      'service militaire',
      'service civil',
      'protection civile',
      'militär',
      'militärdienst',
      'zivildienst',
      'zivilschutz',
      'militare',
      'servizio militare',
      'servizio civile',
      'protezione civile',
    ],
  ],
  ['training', ['formation', 'weiterbildung', 'ausbildung', 'schulung', 'kurs', 'formazione', 'corso']],
  [
    'unpaid',
    [
      'unpaid leave',
      'congé non payé',
      'congé sans solde',
      'sans solde',
      'unbezahlt',
      'unbezahlter urlaub',
      'non pagato',
      'congedo non pagato',
      'aspettativa',
    ],
  ],
  ['other', ['autre', 'andere', 'anderes', 'sonstiges', 'altro']],
]);

const placeOf = vocabulary<WorkPlace>([
  ['office', ['bureau', 'büro', 'buero', 'ufficio', 'head office']],
  [
    'home',
    [
      'home office',
      'homeoffice',
      'télétravail',
      'domicile',
      'maison',
      'zuhause',
      'daheim',
      'casa',
      'telelavoro',
    ],
  ],
  ['store', ['shop', 'magasin', 'filiale', 'laden', 'geschäft', 'negozio', 'succursale', 'punto vendita']],
]);

const absenceKind: Check<AbsenceKind | null> = (value) => {
  if (value.length === 0) return null;
  return (
    absenceKindOf(value) ??
    reject(
      `${quoted(value)} is not a kind of absence; use vacation, sick, accident, military, holiday ` +
        '(public holiday), training, unpaid or other, or the same in French, German or Italian',
    )
  );
};

const place: Check<WorkPlace | null> = (value) => {
  if (value.length === 0) return null;
  return placeOf(value) ?? reject(`${quoted(value)} is not a place; use office, home or store`);
};

const rowSchema = z.object({
  date: column(calendarDate),
  start: column(timeOfDay('start')),
  end: column(timeOfDay('end')),
  break_minutes: column(breakMinutes),
  minutes: column(minutesValue),
  hours: column(hoursValue),
  absence: column(absenceKind),
  place: column(place),
});

// ---------------------------------------------------------------------------------------------
// Rows

/** How a row names its person: by Entra object id or by e-mail, from the column named. */
export interface PersonReference {
  by: 'aadObjectId' | 'email';
  value: string;
  column: string;
}

interface RecordBase {
  line: number;
  /** One reference per person column filled in; the import checks that they name one person. */
  person: PersonReference[];
  date: CalendarDate;
  /** The column each field was read from, for problems found later. */
  columns: Readonly<Partial<Record<Field, string>>>;
}

export interface WorkRecord extends RecordBase {
  kind: 'work';
  /** Net minutes worked. */
  minutes: number;
  range: TimeRange | null;
  breakMinutes: number | null;
  place: WorkPlace | null;
}

export interface AbsenceRecord extends RecordBase {
  kind: 'absence';
  absenceKind: AbsenceKind;
  /** null = the whole day: that day's target. */
  minutes: number | null;
}

export type HoursFileRecord = WorkRecord | AbsenceRecord;

export interface ParsedHoursFile {
  records: HoursFileRecord[];
  problems: ProblemLine[];
}

/** The column names that hold a value somewhere in the sheet: the columns the file really has. */
function usedColumns(rows: readonly SheetRow[]): Set<string> {
  const used = new Set<string>();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row.cells)) if (value.trim().length > 0) used.add(name);
  }
  return used;
}

/** The name the file gives a field: the first of its names in use, else the English one. */
const columnName = (field: Field, used: ReadonlySet<string>) =>
  namesOf(field).find((name) => used.has(name)) ?? FIELD_COLUMNS[field][0];

/** The field's value and the column it came from; synonyms of one field must agree. */
function pickField(
  row: SheetRow,
  field: Field,
  used: ReadonlySet<string>,
): { value: string; column: string; problem?: ProblemLine } {
  const filled = namesOf(field)
    .map((name) => ({ column: name, value: (row.cells[name] ?? '').trim() }))
    .filter((cell) => cell.value.length > 0);
  const [first] = filled;
  if (!first) return { value: '', column: columnName(field, used) };
  const other = filled.find((cell) => cell.value !== first.value);
  if (!other) return first;
  return {
    ...first,
    problem: {
      line: row.line,
      column: other.column,
      message: `${quoted(other.value)} contradicts ${quoted(first.value)} in the column ${first.column}; keep one of them`,
    },
  };
}

function personReferences(
  row: SheetRow,
  used: ReadonlySet<string>,
): { references: PersonReference[]; problems: ProblemLine[] } {
  const references: PersonReference[] = [];
  const problems: ProblemLine[] = [];
  for (const field of PERSON_FIELDS) {
    const picked = pickField(row, field, used);
    if (picked.problem) problems.push(picked.problem);
    if (picked.value.length === 0) continue;
    const by =
      field === 'email' || (field === 'person' && picked.value.includes('@')) ? 'email' : 'aadObjectId';
    if (by === 'email' && !/^[^\s@]+@[^\s@]+$/.test(picked.value)) {
      problems.push({
        line: row.line,
        column: picked.column,
        message: `${quoted(picked.value)} is not an e-mail address`,
      });
      continue;
    }
    references.push({ by, value: picked.value, column: picked.column });
  }
  return { references, problems };
}

type RowValues = z.infer<typeof rowSchema>;

/** The rules between a row's fields: work or absence, ranges, breaks and durations that agree. */
function recordOf(
  line: number,
  values: RowValues,
  base: Omit<RecordBase, 'line'>,
): { record: HoursFileRecord | null; problems: ProblemLine[] } {
  const { columns } = base;
  const problem = (field: Field | null, message: string): ProblemLine =>
    field === null ? { line, message } : { line, column: columns[field] ?? field, message };
  const fail = (...problems: ProblemLine[]) => ({ record: null, problems });

  if (values.hours !== null && values.minutes !== null && values.hours !== values.minutes) {
    return fail(
      problem(
        'hours',
        `the hours (${values.hours} minutes) and the minutes (${values.minutes}) disagree; keep one of them`,
      ),
    );
  }
  const duration = values.hours ?? values.minutes;
  const durationField: Field = values.hours !== null ? 'hours' : 'minutes';

  if (values.absence !== null) {
    const workColumns = (['start', 'end', 'break_minutes'] as const).filter(
      (field) => values[field] !== null,
    );
    if (workColumns.length > 0) {
      return fail(
        ...workColumns.map((field) =>
          problem(
            field,
            `an absence row takes hours or minutes, not ${field === 'break_minutes' ? 'a break' : 'start and end'}; ` +
              'write the work of that day on a row of its own',
          ),
        ),
      );
    }
    // A place means nothing for an absence; it is dropped, as the chat records absences.
    return {
      record: { ...base, line, kind: 'absence', absenceKind: values.absence, minutes: duration },
      problems: [],
    };
  }

  if ((values.start === null) !== (values.end === null)) {
    return fail(
      values.start === null
        ? problem('start', 'the row has an end but no start')
        : problem('end', 'the row has a start but no end'),
    );
  }
  const range =
    values.start !== null && values.end !== null ? { start: values.start, end: values.end } : null;
  if (range === null) {
    if (duration === null) {
      return fail(
        problem(
          null,
          'nothing to record: a row needs start and end, hours or minutes for work, or the kind of an absence',
        ),
      );
    }
    return {
      record: {
        ...base,
        line,
        kind: 'work',
        minutes: duration,
        range: null,
        breakMinutes: values.break_minutes,
        place: values.place,
      },
      problems: [],
    };
  }

  const span = rangeMinutes(range);
  if (span <= 0) {
    return fail(
      problem(
        'end',
        `${range.start}–${range.end} does not end after it starts; a range cannot cross midnight, split it at 24:00`,
      ),
    );
  }
  let breakTaken = values.break_minutes;
  if (breakTaken !== null && breakTaken >= span) {
    return fail(
      problem('break_minutes', `a ${breakTaken}-minute break leaves nothing of ${range.start}–${range.end}`),
    );
  }
  if (duration !== null) {
    if (breakTaken === null) {
      if (duration > span) {
        return fail(
          problem(
            durationField,
            `${duration} minutes do not fit in ${range.start}–${range.end} (${span} minutes)`,
          ),
        );
      }
      // Start, end and the net time: the break is what the range leaves over.
      breakTaken = span - duration > 0 ? span - duration : null;
    } else if (span - breakTaken !== duration) {
      return fail(
        problem(
          durationField,
          `${range.start}–${range.end} less a ${breakTaken}-minute break is ${span - breakTaken} minutes, ` +
            `not ${duration}; correct one of them`,
        ),
      );
    }
  }
  return {
    record: {
      ...base,
      line,
      kind: 'work',
      minutes: span - (breakTaken ?? 0),
      range,
      breakMinutes: breakTaken,
      place: values.place,
    },
    problems: [],
  };
}

const REQUIRED_FIELDS: readonly { fields: readonly Field[]; what: string }[] = [
  {
    fields: PERSON_FIELDS,
    what: 'a person (aad_object_id, email, or person / collaborateur / Mitarbeiter / dipendente)',
  },
  { fields: ['date'], what: 'a date (date / Datum / data)' },
];

/**
 * Checks every row of a sheet on its own. Problems come sorted by line; a row with a problem gives
 * no record. The sheet's own problems (from reading the file) come first in the list of their line.
 */
export function parseHoursRows(sheet: SheetRows): ParsedHoursFile {
  const problems: ProblemLine[] = [...sheet.problems];
  const records: HoursFileRecord[] = [];

  // A column missing altogether is said once, not on every line.
  const used = usedColumns(sheet.rows);
  const missing = new Set<Field>();
  if (sheet.rows.length > 0) {
    for (const required of REQUIRED_FIELDS) {
      if (!required.fields.some((field) => namesOf(field).some((name) => used.has(name)))) {
        required.fields.forEach((field) => missing.add(field));
        problems.push({ line: sheet.headerLine ?? 1, message: `no column gives ${required.what}` });
      }
    }
  }

  for (const row of sheet.rows) {
    const rowProblems: ProblemLine[] = [];
    const { references, problems: personProblems } = personReferences(row, used);
    rowProblems.push(...personProblems);
    if (references.length === 0 && personProblems.length === 0 && !missing.has('person')) {
      rowProblems.push({
        line: row.line,
        column:
          PERSON_FIELDS.map((field) => columnName(field, used)).find((name) => used.has(name)) ?? 'person',
        message: 'the person is empty: give their aad_object_id or e-mail',
      });
    }
    const columns: Partial<Record<Field, string>> = {};
    const values: Record<string, string> = {};
    for (const field of VALUE_FIELDS) {
      const picked = pickField(row, field, used);
      if (picked.problem) rowProblems.push(picked.problem);
      columns[field] = picked.column;
      values[field] = picked.value;
    }
    const checked = checkRecord(rowSchema, { line: row.line, values, complete: true });
    // Problems name the column as the file does (`datum`, `début`), not the field.
    rowProblems.push(
      ...checked.problems
        .filter((found) => !(found.column === 'date' && missing.has('date')))
        .map((found) =>
          found.column ? { ...found, column: columns[found.column as Field] ?? found.column } : found,
        ),
    );
    if (rowProblems.length > 0 || !checked.value) {
      problems.push(...rowProblems);
      continue;
    }
    const made = recordOf(row.line, checked.value, { person: references, date: checked.value.date, columns });
    problems.push(...made.problems);
    if (made.record) records.push(made.record);
  }
  return { records, problems: [...problems].sort((a, b) => a.line - b.line) };
}
