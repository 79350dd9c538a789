import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/directory/people.js';
import { HOURS_FILE_COLUMNS } from '../../src/domain/hours/hours-file.js';
import { importHours, type HoursImportOptions } from '../../src/domain/hours/import-hours.js';
import { DomainError, type ProblemLine } from '../../src/domain/shared/errors.js';
import { readCsvRows, readXlsxRows } from '../../src/integrations/spreadsheet-rows.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { ensureServerBuilt } from '../../scripts/ensure-built.js';
import { aPerson } from '../support/records.js';

const person = (aadObjectId: string, displayName: string, email: string, siteId: string): Person =>
  aPerson({ aadObjectId, displayName, email, siteId });

/** Anne works 42 h over Mon–Fri in Geneva (504 min a day); Beat 24 h over Mon–Wed in Zurich (480). */
async function seedDirectory(store: Store): Promise<void> {
  await store.directory.upsertSites([
    {
      id: 'GE1',
      name: 'Genève Rive',
      canton: 'GE',
      kind: 'store',
      seats: 10,
      capPercent: 50,
      minStaff: null,
      openDays: null,
    },
    {
      id: 'ZH1',
      name: 'Zürich HQ',
      canton: 'ZH',
      kind: 'office',
      seats: 100,
      capPercent: 50,
      minStaff: null,
      openDays: null,
    },
  ]);
  await store.directory.upsertPeople([
    person('a1', 'Anne Favre', 'anne@example.ch', 'GE1'),
    person('b1', 'Beat Keller', 'Beat.Keller@example.ch', 'ZH1'),
  ]);
  await store.directory.upsertContracts([
    {
      aadObjectId: 'a1',
      validFrom: '1900-01-01',
      weeklyMinutes: 42 * 60,
      workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
    },
    { aadObjectId: 'b1', validFrom: '1900-01-01', weeklyMinutes: 24 * 60, workDays: ['Mon', 'Tue', 'Wed'] },
  ]);
}

const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

/** A German sheet as Swiss Excel saves it: `;`, decimal commas, dates as DD.MM.YYYY. */
const OCTOBER = csv(
  'Mitarbeiter;Datum;Beginn;Ende;Pause;Stunden;Abwesenheit;Ort',
  'a1;05.10.2026;08:00;12:00;;;;Büro',
  'a1;05.10.2026;13:00;17:30;30;;;Homeoffice',
  'a1;06.10.2026;;;;;Ferien;',
  'beat.keller@example.ch;07.10.2026;;;;7,5;;Filiale',
  'beat.keller@example.ch;12.10.2026;;;;;krank;',
);

const options = (overrides: Partial<HoursImportOptions> = {}): HoursImportOptions => ({
  dryRun: false,
  today: '2026-10-20',
  importedBy: 'import:timesheets-2026-10.csv',
  now: new Date('2026-10-21T07:00:00Z'),
  newId: randomUUID,
  ...overrides,
});

async function problemsOf(work: Promise<unknown>): Promise<ProblemLine[]> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe('hours.invalid_file');
  return (error as DomainError).details.problems as ProblemLine[];
}

describe('importing timesheets', () => {
  let folder: string;
  let store: Store;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'crewdesk-hours-import-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  beforeEach(async () => {
    store = openStore(`sqlite:${join(folder, `${randomUUID()}.db`)}`);
    await store.migrate();
    await seedDirectory(store);
  });
  afterEach(async () => {
    await store.close();
  });

  const importCsv = (text: string, overrides: Partial<HoursImportOptions> = {}) =>
    importHours(store, readCsvRows(text, HOURS_FILE_COLUMNS), options(overrides));

  it('imports a CSV sheet, finding people by id or e-mail, full-day absences at the day’s target', async () => {
    const summary = await importCsv(OCTOBER);

    expect(summary).toEqual({ people: 2, days: 4, entries: 5, skippedDuplicates: 0, dryRun: false });
    const anne = await store.hours.listEntries('a1', '2026-10-01', '2026-10-31');
    expect(
      anne.map((entry) => [entry.date, entry.kind, entry.startTime, entry.endTime, entry.minutes]),
    ).toEqual([
      ['2026-10-05', 'work', '08:00', '12:00', 240],
      ['2026-10-05', 'work', '13:00', '17:30', 240],
      ['2026-10-06', 'absence', null, null, 504],
    ]);
    expect(anne[1]).toMatchObject({ breakMinutes: 30, place: 'home' });
    expect(anne[2]).toMatchObject({ absenceKind: 'vacation' });
    const beat = await store.hours.listEntries('b1', '2026-10-01', '2026-10-31');
    expect(
      beat.map((entry) => [entry.date, entry.kind, entry.minutes, entry.place, entry.absenceKind]),
    ).toEqual([
      ['2026-10-07', 'work', 450, 'store', null],
      // Part time, 24 h over three days: a whole day is 480 minutes.
      ['2026-10-12', 'absence', 480, null, 'sick'],
    ]);
    for (const entry of [...anne, ...beat]) {
      expect(entry).toMatchObject({
        enteredBy: 'import:timesheets-2026-10.csv',
        sourceActivityId: null,
        version: 1,
        createdAt: '2026-10-21T07:00:00.000Z',
      });
    }
  });

  it('leaves a history that says the entries came from the import', async () => {
    await importCsv(OCTOBER);
    const [entry] = await store.hours.listEntries('a1', '2026-10-05', '2026-10-05');
    expect(await store.hours.historyOf(entry!.id)).toEqual([
      expect.objectContaining({
        change: 'create',
        version: 1,
        changedBy: 'import:timesheets-2026-10.csv',
        changedAt: '2026-10-21T07:00:00.000Z',
        reason: 'import',
        before: null,
        after: expect.objectContaining({ id: entry!.id, startTime: '08:00' }),
      }),
    ]);
  });

  it('imports an XLSX sheet with Excel dates, times, a title above the header and links for e-mails', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Octobre');
    sheet.getCell('A1').value = 'Feuille d’heures — octobre 2026';
    sheet.getRow(3).values = ['Collaborateur', 'Date', 'Début', 'Fin', 'Pause', 'Heures', 'Absence', 'Lieu'];
    const time = (hours: number, minutes = 0) => new Date(Date.UTC(1899, 11, 30, hours, minutes));
    sheet.addRow(['a1', new Date(Date.UTC(2026, 9, 8)), time(8), time(12, 15), null, null, null, 'bureau']);
    // A time typed without a time format: Excel keeps the fraction of a day.
    sheet.addRow(['a1', new Date(Date.UTC(2026, 9, 8)), 13 / 24, 17.5 / 24, null, null, null, 'télétravail']);
    sheet.addRow([
      { text: 'anne@example.ch', hyperlink: 'mailto:anne@example.ch' },
      new Date(Date.UTC(2026, 9, 9)),
      null,
      null,
      null,
      3.5,
      'maladie',
      null,
    ]);
    sheet.getColumn(2).numFmt = 'dd.mm.yyyy';
    sheet.getColumn(3).numFmt = 'hh:mm';
    sheet.getColumn(4).numFmt = 'hh:mm';
    sheet.getCell('C5').numFmt = '0.000';
    sheet.getCell('D5').numFmt = '0.000';
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const summary = await importHours(store, await readXlsxRows(bytes, HOURS_FILE_COLUMNS), options());

    expect(summary).toMatchObject({ people: 1, days: 2, entries: 3 });
    const entries = await store.hours.listEntries('a1', '2026-10-01', '2026-10-31');
    expect(
      entries.map((entry) => [
        entry.date,
        entry.startTime,
        entry.endTime,
        entry.minutes,
        entry.place ?? entry.absenceKind,
      ]),
    ).toEqual([
      ['2026-10-08', '08:00', '12:15', 255, 'office'],
      ['2026-10-08', '13:00', '17:30', 270, 'home'],
      ['2026-10-09', null, null, 210, 'sick'],
    ]);
  });

  it('numbers the problems of an XLSX by the sheet’s rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Oktober');
    sheet.getRow(2).values = ['Mitarbeiter', 'Datum', 'Stunden'];
    sheet.getRow(3).values = ['a1', '05.10.2026', 8];
    sheet.getRow(5).values = ['a1', 'gestern', 8];
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const problems = await problemsOf(
      importHours(store, await readXlsxRows(bytes, HOURS_FILE_COLUMNS), options()),
    );

    expect(problems).toEqual([
      { line: 5, column: 'datum', message: expect.stringContaining('"gestern" is not a date') },
    ]);
    expect(await store.hours.countEntries()).toBe(0);
  });

  it('checks everything in a dry run and writes nothing', async () => {
    const summary = await importCsv(OCTOBER, { dryRun: true });

    expect(summary).toEqual({ people: 2, days: 4, entries: 5, skippedDuplicates: 0, dryRun: true });
    expect(await store.hours.countEntries()).toBe(0);
    await expect(
      importCsv(csv('email;date;hours', 'nobody@example.ch;2026-10-05;8'), { dryRun: true }),
    ).rejects.toMatchObject({ code: 'hours.invalid_file' });
  });

  it('writes nothing when a row is bad, and names each bad row by its line', async () => {
    const problems = await problemsOf(
      importCsv(
        csv(
          'aad_object_id,date,start,end,hours,absence',
          'a1,2026-10-05,08:00,12:00,,',
          'zz9,2026-10-05,08:00,12:00,,',
          'a1,2026-10-22,08:00,12:00,,',
          'a1,2026-10-05,11:00,13:00,,',
          'b1,2026-10-05,,,20,',
          'b1,2026-10-05,,,5,',
          'a1,2026-10-10,,,,vacation',
          'a1,2026-10-05,,,,maybe',
        ),
      ),
    );

    expect(problems.map((problem) => [problem.line, problem.column ?? null])).toEqual([
      [3, 'aad_object_id'],
      [4, 'date'],
      [5, 'start'],
      [7, null],
      [8, 'absence'],
      [9, 'absence'],
    ]);
    expect(problems[0]!.message).toContain('"zz9" is not in the directory');
    expect(problems[1]!.message).toContain('2026-10-22 is after today (2026-10-20)');
    expect(problems[2]!.message).toBe('11:00–13:00 overlaps 08:00–12:00 on line 2');
    expect(problems[3]!.message).toContain('would hold 25 h 00');
    expect(problems[4]!.message).toContain('a whole-day absence records nothing');
    expect(await store.hours.countEntries()).toBe(0);
  });

  it('accepts absences planned after today', async () => {
    const summary = await importCsv(csv('email;date;absence', 'anne@example.ch;2026-10-26;Vacances'));
    expect(summary.entries).toBe(1);
  });

  it('skips what is already stored when the same file is imported again, and adds only what is new', async () => {
    await importCsv(OCTOBER);
    const again = await importCsv(OCTOBER);
    expect(again).toEqual({ people: 2, days: 4, entries: 0, skippedDuplicates: 5, dryRun: false });
    expect(await store.hours.countEntries()).toBe(5);

    const extended = await importCsv(OCTOBER + 'a1;07.10.2026;;;;8;;\r\n');
    expect(extended).toMatchObject({ entries: 1, skippedDuplicates: 5 });
    expect(await store.hours.countEntries()).toBe(6);
  });

  it('counts two equal rows of one day as two records, each matched once on a re-run', async () => {
    const twice = csv('email;date;hours', 'anne@example.ch;2026-10-13;2', 'anne@example.ch;2026-10-13;2');
    expect(await importCsv(twice)).toMatchObject({ entries: 2, skippedDuplicates: 0 });
    expect(await importCsv(twice + 'anne@example.ch;2026-10-13;2\r\n')).toMatchObject({
      entries: 1,
      skippedDuplicates: 2,
    });
  });

  it('refuses ranges that overlap what the person already recorded that day', async () => {
    await importCsv(csv('aad_object_id;date;start;end', 'a1;2026-10-14;08:00;12:00'));

    const problems = await problemsOf(
      importCsv(csv('aad_object_id;date;start;end', 'a1;2026-10-14;11:30;13:00')),
    );

    expect(problems).toEqual([
      {
        line: 2,
        column: 'start',
        message: '11:30–13:00 overlaps 08:00–12:00, already recorded for Anne Favre on 2026-10-14',
      },
    ]);
    expect(await store.hours.countEntries()).toBe(1);
  });

  it('refuses a file that lists nothing', async () => {
    const problems = await problemsOf(importCsv('email;date;hours\r\n'));
    expect(problems).toEqual([{ line: 1, message: 'the file lists no hours' }]);
  });
});

describe('the crewdesk hours import command', () => {
  const run = promisify(execFile);
  const projectRoot = join(import.meta.dirname, '..', '..');
  let folder: string;
  let databaseUrl: string;

  async function crewdesk(args: string[]) {
    try {
      const { stdout, stderr } = await run('node', [join(projectRoot, 'bin', 'crewdesk.js'), ...args], {
        cwd: projectRoot,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  beforeAll(async () => {
    await ensureServerBuilt();
    folder = mkdtempSync(join(tmpdir(), 'crewdesk-hours-cli-'));
    databaseUrl = `sqlite:${join(folder, 'crewdesk.db')}`;
    const store = openStore(databaseUrl);
    await store.migrate();
    await seedDirectory(store);
    await store.close();
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('imports a file, exits 0 and says how much it wrote; a re-run skips it all', async () => {
    const file = join(folder, 'timesheets-2026-10.csv');
    writeFileSync(file, OCTOBER);

    const dryRun = await crewdesk(['hours', 'import', file, '--dry-run']);
    expect(dryRun).toMatchObject({ code: 0 });
    expect(dryRun.stdout).toContain(
      'dry run, nothing written: would import 5 entries for 2 people on 4 days',
    );

    const result = await crewdesk(['hours', 'import', file]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(
      'hours imported: 5 entries for 2 people on 4 days; 0 rows already recorded',
    );

    const again = await crewdesk(['hours', 'import', file]);
    expect(again.stdout).toContain('0 entries for 2 people on 4 days; 5 rows already recorded were skipped');

    const store = openStore(databaseUrl);
    const [entry] = await store.hours.listEntries('a1', '2026-10-05', '2026-10-05');
    expect(entry).toMatchObject({ enteredBy: 'import:timesheets-2026-10.csv' });
    expect(await store.hours.countEntries()).toBe(5);
    await store.close();
  });

  it('exits non-zero with line-numbered problems, and refuses a file it cannot read as a sheet', async () => {
    const file = join(folder, 'bad.csv');
    writeFileSync(
      file,
      csv('email;date;hours', 'anne@example.ch;2026-10-15;8', 'anne@example.ch;2026-10-16;acht'),
    );

    const result = await crewdesk(['hours', 'import', file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('The hours file was not imported');
    expect(result.stderr).toContain('line 3, column hours: "acht" is not a number of hours');
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const wrongKind = join(folder, 'old.xls');
    writeFileSync(wrongKind, 'not a workbook');
    const usage = await crewdesk(['hours', 'import', wrongKind]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('.csv, .txt or .xlsx');
  });
});
