/**
 * Migrating the Excel timesheets (`crewdesk hours import FILE [--dry-run]`): the whole sheet is
 * checked first — every row, then every day against what is already stored — and written in one
 * transaction, or not at all, each problem named by its line and column.
 *
 * Choices, with the reason:
 * - The chat's rules hold (hours-service.ts): no work after today (absences may be planned),
 *   minutes above 0, ranges that end after they start and do not overlap — within the file or with
 *   what the person already recorded that day — and at most 24 hours a day. Legal limits (breaks,
 *   weekly maximum, daily rest) only warn in the chat; an import of what really happened does not
 *   refuse them.
 * - A full-day absence is that day's target for the person's contract and site canton, as the
 *   chat records it; on a day without target (weekend, public holiday) it records nothing and is
 *   refused, as in the chat.
 * - Running the same file twice must not double the records: a row equal to a live entry of the
 *   same person and day (kind, start, end, minutes, absence kind) is skipped and counted; each
 *   stored entry stands for one row only, so two equal 2-hour rows match two equal entries.
 * - People are found by Entra object id or e-mail (case-insensitive), deactivated people included:
 *   past months' sheets name people who have left since, and their records must be kept 5 years.
 */
import type { Contract, Person, Site } from '../directory/people.js';
import { fullDayAbsenceMinutes } from '../rht/daily-targets.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { DomainError, type ProblemLine } from '../shared/errors.js';
import { quoted } from '../directory/directory-file.js';
import { MINUTES_PER_DAY, minutesOfClock, type TimeRange } from './hours-checks.js';
import { recordHoursChange } from './hours-audit.js';
import type { HoursEntry } from './hours-entry.js';
import { monthOfDate } from './month-closing.js';
import { parseHoursRows, type HoursFileRecord, type SheetRow, type SheetRows } from './hours-file.js';
import type { HoursPorts } from './hours-service.js';

export interface HoursImportOptions {
  /** Check everything and say what would be written, without writing. */
  dryRun: boolean;
  /** The organisation's local date: no work may be recorded after it. */
  today: CalendarDate;
  /** Who the records say entered them, e.g. `import:timesheets-2026-10.xlsx`. */
  importedBy: string;
  /** When the import runs (created and changed instants). */
  now: Date;
  newId: () => string;
  /**
   * Why a month HR has locked for the RHT claim is changed; without it, rows in a locked month
   * are refused. The import is run by an operator, who stands in for HR here.
   */
  reason?: string | null;
}

export interface HoursImportSummary {
  /** People and person-days the file covers (duplicates included). */
  people: number;
  days: number;
  /** Entries written — or that would be, in a dry run. */
  entries: number;
  /** Rows equal to an entry already stored, not written again. */
  skippedDuplicates: number;
  dryRun: boolean;
}

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function invalidFile(problems: readonly ProblemLine[]): DomainError {
  const lines = new Set(problems.map((problem) => problem.line)).size;
  return new DomainError(
    'hours.invalid_file',
    `The hours file was not imported: it has ${counted(problems.length, 'problem')} on ` +
      `${counted(lines, 'line')}. Nothing was changed.`,
    { problems },
  );
}

interface Subject {
  person: Person;
  contracts: Contract[];
  canton: string | null;
}

/** A row of a known person, its minutes known (a full-day absence valued at the day’s target). */
interface ResolvedRow {
  record: HoursFileRecord;
  minutes: number;
}

/** The fields that make two records the same record (not the place, break or who entered it). */
function sameRecordKey(entry: {
  kind: HoursEntry['kind'];
  startTime: string | null;
  endTime: string | null;
  minutes: number;
  absenceKind: string | null;
}): string {
  return [
    entry.kind,
    entry.startTime ?? '',
    entry.endTime ?? '',
    entry.minutes,
    entry.absenceKind ?? '',
  ].join('|');
}

function entryFields(row: ResolvedRow) {
  const { record } = row;
  return record.kind === 'work'
    ? {
        kind: 'work' as const,
        minutes: row.minutes,
        startTime: record.range?.start ?? null,
        endTime: record.range?.end ?? null,
        breakMinutes: record.breakMinutes,
        place: record.place,
        absenceKind: null,
      }
    : {
        kind: 'absence' as const,
        minutes: row.minutes,
        startTime: null,
        endTime: null,
        breakMinutes: null,
        place: null,
        absenceKind: record.absenceKind,
      };
}

const rangeText = (range: TimeRange) => `${range.start}–${range.end}`;
const overlaps = (a: TimeRange, b: TimeRange) =>
  minutesOfClock(a.start) < minutesOfClock(b.end) && minutesOfClock(b.start) < minutesOfClock(a.end);
const hoursText = (minutes: number) =>
  `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;

/** Finds each row's person; every person column of a row must name the same one. */
function resolvePerson(
  record: HoursFileRecord,
  byId: ReadonlyMap<string, Person>,
  byEmail: ReadonlyMap<string, Person[]>,
): { person: Person | null; problems: ProblemLine[] } {
  const problems: ProblemLine[] = [];
  let person: Person | null = null;
  let namedBy: string | null = null;
  for (const reference of record.person) {
    const byReference =
      reference.by === 'aadObjectId' ? byId.get(reference.value) : byEmail.get(reference.value.toLowerCase());
    const found: Person[] =
      byReference === undefined ? [] : Array.isArray(byReference) ? byReference : [byReference];
    const problem = (message: string) =>
      problems.push({ line: record.line, column: reference.column, message });
    if (found.length === 0) {
      problem(
        `${quoted(reference.value)} is not in the directory; import the directory first, or correct the ` +
          (reference.by === 'email' ? 'e-mail address' : 'id'),
      );
    } else if (found.length > 1) {
      problem(
        `${quoted(reference.value)} is the e-mail of ${found.length} people; name the person by aad_object_id`,
      );
    } else if (person && person.aadObjectId !== found[0]!.aadObjectId) {
      problem(
        `${quoted(reference.value)} is not the same person as ${quoted(namedBy ?? '')}; keep one of them`,
      );
    } else {
      person = found[0]!;
      namedBy = reference.value;
    }
  }
  return { person: problems.length > 0 ? null : person, problems };
}

/**
 * Imports a timesheet: `sheet` is the rows of one sheet, or what src/integrations/spreadsheet-rows
 * read from a file (its rows with the file's own problems). Throws `hours.invalid_file` with every
 * problem, and then writes nothing; in a dry run, writes nothing either way.
 */
export async function importHours(
  ports: HoursPorts,
  sheet: readonly SheetRow[] | SheetRows,
  options: HoursImportOptions,
): Promise<HoursImportSummary> {
  const file = parseHoursRows(isRowList(sheet) ? { rows: sheet, problems: [] } : sheet);
  if (file.records.length === 0 && file.problems.length === 0) {
    throw invalidFile([{ line: 1, message: 'the file lists no hours' }]);
  }

  return ports.transaction(async ({ directory, hours, timesheets, audit }) => {
    const problems: ProblemLine[] = [...file.problems];
    const reason = options.reason?.trim() || null;
    const lockedMonths = new Set((await timesheets.listLocks()).map((lock) => lock.month));
    for (const record of file.records) {
      const month = monthOfDate(record.date);
      if (lockedMonths.has(month) && !reason) {
        problems.push({
          line: record.line,
          column: 'date',
          message: `${month} is locked for the RHT claim; a change to it needs a reason (--reason "…")`,
        });
      }
    }
    const everybody = await directory.listPeople({ includeInactive: true });
    const byId = new Map(everybody.map((person) => [person.aadObjectId, person]));
    const byEmail = new Map<string, Person[]>();
    for (const person of everybody) {
      if (!person.email) continue;
      const key = person.email.toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), person]);
    }
    const sites = new Map<string, Site>((await directory.listSites()).map((site) => [site.id, site]));

    // Who each row is about.
    const subjects = new Map<string, Subject>();
    const recordsOf = new Map<string, HoursFileRecord[]>();
    for (const record of file.records) {
      const found = resolvePerson(record, byId, byEmail);
      problems.push(...found.problems);
      if (!found.person) continue;
      const id = found.person.aadObjectId;
      if (!subjects.has(id)) {
        const site = found.person.siteId ? sites.get(found.person.siteId) : undefined;
        subjects.set(id, {
          person: found.person,
          contracts: await directory.contractsOf(id),
          canton: site?.canton ?? null,
        });
      }
      recordsOf.set(id, [...(recordsOf.get(id) ?? []), record]);
    }

    // Each person's days, against what is stored for them.
    const entries: HoursEntry[] = [];
    let skippedDuplicates = 0;
    let days = 0;
    const createdAt = options.now.toISOString();
    for (const [aadObjectId, records] of recordsOf) {
      const subject = subjects.get(aadObjectId)!;
      const dates = records.map((record) => record.date).sort();
      const stored = await hours.listEntries(aadObjectId, dates[0]!, dates[dates.length - 1]!);
      const byDate = new Map<CalendarDate, HoursFileRecord[]>();
      for (const record of records) byDate.set(record.date, [...(byDate.get(record.date) ?? []), record]);
      days += byDate.size;

      for (const [date, dayRecords] of byDate) {
        const storedDay = stored.filter((entry) => entry.date === date);
        const outcome = checkDay(subject, date, dayRecords, storedDay, options.today);
        problems.push(...outcome.problems);
        skippedDuplicates += outcome.duplicates;
        for (const row of outcome.rows) {
          entries.push({
            id: options.newId(),
            aadObjectId,
            date,
            ...entryFields(row),
            sourceActivityId: null,
            enteredBy: options.importedBy,
            createdAt,
            version: 1,
          });
        }
      }
    }

    if (problems.length > 0) throw invalidFile([...problems].sort((a, b) => a.line - b.line));
    if (!options.dryRun && entries.length > 0) {
      await hours.addEntriesWithHistory(entries, options.importedBy, createdAt, reason ?? 'import');
      await recordHoursChange(
        { audit, timesheets },
        {
          actor: options.importedBy,
          at: createdAt,
          reason: reason ?? 'import',
          created: entries,
          removed: [],
          lockedMonths: entries
            .map((entry) => monthOfDate(entry.date))
            .filter((month) => lockedMonths.has(month)),
          createAction: 'hours.import',
        },
        options.newId,
      );
    }
    return {
      people: recordsOf.size,
      days,
      entries: entries.length,
      skippedDuplicates,
      dryRun: options.dryRun,
    };
  });
}

function isRowList(sheet: readonly SheetRow[] | SheetRows): sheet is readonly SheetRow[] {
  return Array.isArray(sheet);
}

/** One person's day: full-day absences valued, duplicates set aside, the chat's checks applied. */
function checkDay(
  subject: Subject,
  date: CalendarDate,
  records: readonly HoursFileRecord[],
  stored: readonly HoursEntry[],
  today: CalendarDate,
): { rows: ResolvedRow[]; duplicates: number; problems: ProblemLine[] } {
  const problems: ProblemLine[] = [];
  const rows: ResolvedRow[] = [];
  const unmatched = new Map<string, number>();
  for (const entry of stored)
    unmatched.set(sameRecordKey(entry), (unmatched.get(sameRecordKey(entry)) ?? 0) + 1);
  let duplicates = 0;

  for (const record of [...records].sort((a, b) => a.line - b.line)) {
    const columnOf = (field: 'date' | 'absence' | 'start') => record.columns[field] ?? field;
    let minutes = record.minutes;
    if (record.kind === 'absence' && minutes === null) {
      minutes = fullDayAbsenceMinutes({ contracts: subject.contracts, canton: subject.canton, date });
      if (minutes <= 0) {
        problems.push({
          line: record.line,
          column: columnOf('absence'),
          message:
            `${date} has no target hours for ${subject.person.displayName} (a day off or a public holiday): ` +
            'a whole-day absence records nothing; give its hours, or leave the row out',
        });
        continue;
      }
    }
    const row: ResolvedRow = { record, minutes: minutes! };
    const key = sameRecordKey(entryFields(row));
    const left = unmatched.get(key) ?? 0;
    if (left > 0) {
      unmatched.set(key, left - 1);
      duplicates += 1;
      continue;
    }
    if (record.kind === 'work' && date > today) {
      problems.push({
        line: record.line,
        column: columnOf('date'),
        message: `${date} is after today (${today}): work cannot be recorded ahead, only absences`,
      });
      continue;
    }
    rows.push(row);
  }

  // Ranges: against what is stored, then against the rows above in the file.
  const storedRanges = stored
    .filter((entry) => entry.kind === 'work' && entry.startTime && entry.endTime)
    .map((entry) => ({ start: entry.startTime!, end: entry.endTime! }));
  const earlier: { range: TimeRange; line: number }[] = [];
  for (const { record } of rows) {
    if (record.kind !== 'work' || !record.range) continue;
    const range = record.range;
    const withStored = storedRanges.find((other) => overlaps(range, other));
    const withFile = earlier.find((other) => overlaps(range, other.range));
    if (withStored || withFile) {
      problems.push({
        line: record.line,
        column: record.columns.start ?? 'start',
        message: withStored
          ? `${rangeText(range)} overlaps ${rangeText(withStored)}, already recorded for ${subject.person.displayName} on ${date}`
          : `${rangeText(range)} overlaps ${rangeText(withFile!.range)} on line ${withFile!.line}`,
      });
    }
    earlier.push({ range, line: record.line });
  }

  // At most 24 hours a day, stored and imported together; said on the row that goes over.
  const storedMinutes = stored.reduce((sum, entry) => sum + entry.minutes, 0);
  let total = storedMinutes;
  for (const row of rows) {
    total += row.minutes;
    if (total > MINUTES_PER_DAY) {
      problems.push({
        line: row.record.line,
        message:
          `${date} would hold ${hoursText(total)} for ${subject.person.displayName}` +
          (storedMinutes > 0 ? ` (${hoursText(storedMinutes)} already recorded)` : '') +
          '; a day holds at most 24 hours',
      });
      break;
    }
  }
  return { rows, duplicates, problems };
}
