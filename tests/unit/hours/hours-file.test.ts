import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../../src/domain/directory/directory-file.js';
import { parseHoursRows, type SheetRow } from '../../../src/domain/hours/hours-file.js';

/** A sheet from a header and rows of values, numbered as a file would be (header = line 1). */
function sheet(header: string[], ...rows: string[][]) {
  const names = header.map((name) => name.toLowerCase());
  const sheetRows: SheetRow[] = rows.map((values, index) => ({
    line: index + 2,
    cells: Object.fromEntries(names.map((name, column) => [name, values[column] ?? ''])),
  }));
  return { rows: sheetRows, problems: [] };
}

const parse = (header: string[], ...rows: string[][]) => parseHoursRows(sheet(header, ...rows));

/** The problems as the CLI prints them. */
const problemsOf = (header: string[], ...rows: string[][]) =>
  parse(header, ...rows).problems.map(describeProblem);

const ENGLISH = ['aad_object_id', 'date', 'start', 'end', 'break_minutes', 'hours', 'absence', 'place'];

describe('reading a timesheet', () => {
  it('reads work as ranges with breaks, as hours, and absences for a part or the whole day', () => {
    const file = parse(
      ENGLISH,
      ['u1', '2026-10-05', '08:00', '12:00', '', '', '', 'office'],
      ['u1', '2026-10-05', '13:00', '17:30', '30', '', '', 'home'],
      ['u1', '2026-10-06', '', '', '', '7.5', '', 'store'],
      ['u1', '2026-10-07', '', '', '', '', 'vacation', ''],
      ['u1', '2026-10-08', '', '', '', '4', 'sick', ''],
    );

    expect(file.problems).toEqual([]);
    expect(file.records).toEqual([
      expect.objectContaining({
        line: 2,
        person: [{ by: 'aadObjectId', value: 'u1', column: 'aad_object_id' }],
        date: '2026-10-05',
        kind: 'work',
        minutes: 240,
        range: { start: '08:00', end: '12:00' },
        breakMinutes: null,
        place: 'office',
      }),
      expect.objectContaining({ line: 3, kind: 'work', minutes: 240, breakMinutes: 30, place: 'home' }),
      expect.objectContaining({ line: 4, kind: 'work', minutes: 450, range: null, place: 'store' }),
      expect.objectContaining({ line: 5, kind: 'absence', absenceKind: 'vacation', minutes: null }),
      expect.objectContaining({ line: 6, kind: 'absence', absenceKind: 'sick', minutes: 240 }),
    ]);
  });

  it.each([
    [
      'French',
      ['Collaborateur', 'Date', 'Début', 'Fin', 'Pause', 'Heures', 'Absence', 'Lieu'],
      ['Malade', 'Bureau', 'Télétravail'],
    ],
    [
      'German',
      ['Mitarbeiter', 'Datum', 'Beginn', 'Ende', 'Pause', 'Stunden', 'Abwesenheit', 'Ort'],
      ['Krank', 'Büro', 'Homeoffice'],
    ],
    [
      'Italian',
      ['Dipendente', 'Data', 'Inizio', 'Fine', 'Pausa', 'Ore', 'Assenza', 'Luogo'],
      ['Malattia', 'Ufficio', 'Telelavoro'],
    ],
    [
      'English',
      ['Person', 'DATE', 'Start', 'End', 'Break', 'Hours', 'Absence', 'Place'],
      ['Sick', 'Office', 'Home'],
    ],
  ])('understands %s column names and values', (_language, header, [sick, office, home]) => {
    const file = parse(
      header,
      ['anne@example.ch', '05.10.2026', '08:00', '17:00', '60', '', '', office!],
      ['anne@example.ch', '06.10.2026', '', '', '', '7,5', '', home!],
      ['anne@example.ch', '07.10.2026', '', '', '', '', sick!, ''],
    );

    expect(file.problems).toEqual([]);
    expect(
      file.records.map((record) => [
        record.person[0]?.by,
        record.date,
        record.kind,
        record.minutes,
        record.kind === 'work' ? record.place : record.absenceKind,
      ]),
    ).toEqual([
      ['email', '2026-10-05', 'work', 480, 'office'],
      ['email', '2026-10-06', 'work', 450, 'home'],
      ['email', '2026-10-07', 'absence', null, 'sick'],
    ]);
  });

  it.each([
    ['vacation', 'vacation'],
    ['Vacances', 'vacation'],
    ['Ferien', 'vacation'],
    ['ferie', 'vacation'],
    ['Vacanze', 'vacation'],
    ['maladie', 'sick'],
    ['Krankheit', 'sick'],
    ['malattia', 'sick'],
    ['Unfall', 'accident'],
    ['infortunio', 'accident'],
    ['service militaire', 'military'],
    ['Zivildienst', 'military'],
    ['servizio civile', 'military'],
    ['holiday', 'holiday'],
    ['Jour férié', 'holiday'],
    ['jour ferie', 'holiday'],
    ['férié', 'holiday'],
    ['Feiertag', 'holiday'],
    ['giorno festivo', 'holiday'],
    ['formation', 'training'],
    ['Weiterbildung', 'training'],
    ['formazione', 'training'],
    ['unpaid_leave', 'unpaid'],
    ['congé non payé', 'unpaid'],
    ['conge sans solde', 'unpaid'],
    ['unbezahlter Urlaub', 'unpaid'],
    ['congedo non pagato', 'unpaid'],
    ['autre', 'other'],
    ['Andere', 'other'],
    ['altro', 'other'],
  ])('reads the absence %s as %s', (word, kind) => {
    const file = parse(['email', 'datum', 'abwesenheit'], ['a@example.ch', '2026-10-05', word]);
    expect(file.problems).toEqual([]);
    expect(file.records[0]).toMatchObject({ kind: 'absence', absenceKind: kind });
  });

  it('reads decimal hours with a comma or a point, hours:minutes and whole minutes', () => {
    const file = parse(
      ['email', 'date', 'hours', 'minutes'],
      ['a@example.ch', '2026-10-05', '7,5', ''],
      ['a@example.ch', '2026-10-06', '7.25', ''],
      ['a@example.ch', '2026-10-07', '7:30', ''],
      ['a@example.ch', '2026-10-08', '7,333', ''],
      ['a@example.ch', '2026-10-09', '', '455'],
      ['a@example.ch', '2026-10-12', '8', '480'],
    );
    expect(file.problems).toEqual([]);
    expect(file.records.map((record) => record.minutes)).toEqual([450, 435, 450, 440, 455, 480]);
  });

  it('reads dates as 2026-10-05, 05.10.2026 and 5.10.26', () => {
    const file = parse(
      ['email', 'date', 'hours'],
      ['a@example.ch', '2026-10-05', '1'],
      ['a@example.ch', '05.10.2026', '1'],
      ['a@example.ch', '5.10.26', '1'],
    );
    expect(file.records.map((record) => record.date)).toEqual(['2026-10-05', '2026-10-05', '2026-10-05']);
  });

  it('reads Excel date and time cells, on either epoch, and times stored as fractions of a day', () => {
    const file = parse(
      ['email', 'date', 'start', 'end', 'break', 'hours'],
      // exceljs: a date cell is midnight UTC; a time cell a Date on 1899-12-30, to the millisecond.
      [
        'a@example.ch',
        '2026-10-05T00:00:00.000Z',
        '1899-12-30T08:30:00.000Z',
        '1899-12-30T16:59:59.999Z',
        '',
        '',
      ],
      ['a@example.ch', '2026-10-05T23:59:59.998Z', '0.3541666666666667', '0.5', '', ''],
      ['a@example.ch', '46300', '1904-01-01T13:00:00.000Z', '1', '', ''],
      ['a@example.ch', '2026-10-07', '08:00', '17:00', '1899-12-30T00:45:00.000Z', ''],
      // A duration formatted [h]:mm arrives as a Date too.
      ['a@example.ch', '2026-10-08', '', '', '', '1899-12-30T07:30:00.000Z'],
      ['a@example.ch', '2026-10-09', '8h30', '17h', '', ''],
    );

    expect(file.problems).toEqual([]);
    expect(
      file.records.map((record) => [
        record.date,
        record.kind === 'work' ? record.range : null,
        record.minutes,
        record.kind === 'work' ? record.breakMinutes : null,
      ]),
    ).toEqual([
      ['2026-10-05', { start: '08:30', end: '17:00' }, 510, null],
      ['2026-10-06', { start: '08:30', end: '12:00' }, 210, null],
      ['2026-10-05', { start: '13:00', end: '24:00' }, 660, null],
      ['2026-10-07', { start: '08:00', end: '17:00' }, 495, 45],
      ['2026-10-08', null, 450, null],
      ['2026-10-09', { start: '08:30', end: '17:00' }, 510, null],
    ]);
  });

  it('takes the break from start, end and the net hours when no break is given', () => {
    const file = parse(
      ['email', 'date', 'start', 'end', 'hours'],
      ['a@example.ch', '2026-10-05', '08:00', '17:00', '8'],
    );
    expect(file.records[0]).toMatchObject({
      minutes: 480,
      breakMinutes: 60,
      range: { start: '08:00', end: '17:00' },
    });
  });

  it('names every bad value by its line and column, and keeps no record of those rows', () => {
    const problems = problemsOf(
      ['Mitarbeiter', 'Datum', 'Beginn', 'Ende', 'Pause', 'Stunden', 'Minuten', 'Abwesenheit', 'Ort'],
      ['u1', '32.10.2026', '', '', '', '8', '', '', ''],
      ['u1', '2026-10-05', '8 Uhr 30', '17:00', '', '', '', '', ''],
      ['u1', '2026-10-05', '08:00', '', '', '', '', '', ''],
      ['u1', '2026-10-05', '17:00', '08:00', '', '', '', '', ''],
      ['u1', '2026-10-05', '08:00', '09:00', '60', '', '', '', ''],
      ['u1', '2026-10-05', '', '', '', '-2', '', '', ''],
      ['u1', '2026-10-05', '', '', '', '', '7.5', '', ''],
      ['u1', '2026-10-05', '', '', '', '', '', 'Kaffeepause', ''],
      ['u1', '2026-10-05', '', '', '', '8', '', '', 'Strand'],
      ['u1', '2026-10-05', '', '', '', '8', '400', '', ''],
      ['u1', '2026-10-05', '08:00', '17:00', '30', '8', '', '', ''],
      ['u1', '2026-10-05', '08:00', '12:00', '', '', '', 'Ferien', ''],
      ['u1', '2026-10-05', '', '', '', '', '', '', 'Büro'],
      ['', '2026-10-05', '', '', '', '8', '', '', ''],
      ['u1', '2026-10-05', '', '', '0,5', '4', '', '', ''],
      ['u1', '2026-10-05', '', '', '', '0', '', '', ''],
      ['u1', '2026-10-05', '', '', '', '25', '', '', ''],
    );

    expect(problems).toEqual([
      'line 2, column datum: "32.10.2026" is not a date; write it as 2026-10-05 or 05.10.2026',
      'line 3, column beginn: "8 Uhr 30" is not a time; write it as 08:30',
      'line 4, column ende: the row has a start but no end',
      'line 5, column ende: 17:00–08:00 does not end after it starts; a range cannot cross midnight, split it at 24:00',
      'line 6, column pause: a 60-minute break leaves nothing of 08:00–09:00',
      'line 7, column stunden: "-2" is negative; time cannot be taken back here',
      'line 8, column minuten: "7.5" is not a whole number of minutes',
      expect.stringMatching(/^line 9, column abwesenheit: "Kaffeepause" is not a kind of absence/),
      'line 10, column ort: "Strand" is not a place; use office, home or store',
      'line 11, column stunden: the hours (480 minutes) and the minutes (400) disagree; keep one of them',
      'line 12, column stunden: 08:00–17:00 less a 30-minute break is 510 minutes, not 480; correct one of them',
      expect.stringMatching(
        /^line 13, column beginn: an absence row takes hours or minutes, not start and end/,
      ),
      expect.stringMatching(/^line 13, column ende: an absence row/),
      expect.stringMatching(/^line 14: nothing to record/),
      'line 15, column mitarbeiter: the person is empty: give their aad_object_id or e-mail',
      expect.stringMatching(/^line 16, column pause: "0,5" is not a break; write it in whole minutes/),
      'line 17, column stunden: "0" records nothing: the time must be more than 0',
      'line 18, column stunden: "25" is more than the 24 hours of a day',
    ]);
  });

  it('refuses two columns of one field that disagree, and a malformed e-mail', () => {
    expect(
      problemsOf(
        ['email', 'date', 'datum', 'hours'],
        ['a@example.ch', '2026-10-05', '06.10.2026', '8'],
        ['not-an-address', '2026-10-05', '', '8'],
      ),
    ).toEqual([
      'line 2, column datum: "06.10.2026" contradicts "2026-10-05" in the column date; keep one of them',
      'line 3, column email: "not-an-address" is not an e-mail address',
    ]);
  });

  it('says once that a required column is missing, not on every line', () => {
    expect(
      problemsOf(['name', 'date', 'hours'], ['Anne', '2026-10-05', '8'], ['Anne', '2026-10-06', '8']),
    ).toEqual([expect.stringMatching(/^line 1: no column gives a person/)]);
  });

  it('keeps the problems of reading the file, in line order', () => {
    const file = parseHoursRows({
      rows: sheet(['email', 'date', 'hours'], ['a@example.ch', 'soon', '8']).rows,
      problems: [{ line: 1, message: 'read problem' }],
    });
    expect(file.problems.map((problem) => problem.line)).toEqual([1, 2]);
  });
});
