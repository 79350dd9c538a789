import { describe, expect, it } from 'vitest';
import { describeProblem, parseDirectoryFile } from '../../../src/domain/directory/directory-file.js';

const HEADER = 'aad_object_id,display_name,email,team,site,manager_aad_object_id,roles,locale,weekly_hours';

/** A file from lines; row values in the header's order. */
const csv = (...lines: string[]) => lines.join('\n') + '\n';

const BOSS = 'boss-1,Anne Boss,anne@example.ch,Head office,HQ,,manager;employee,fr-CH,42';
const CLERK = 'u-2,Beat Clerk,,Store Bern,S001,boss-1,employee,de-CH,21.5';

describe('reading a directory file', () => {
  it('reads a good file into people with their contract terms', () => {
    const file = parseDirectoryFile(csv(HEADER, BOSS, CLERK));

    expect(file.problems).toEqual([]);
    expect(file.rows).toEqual([
      {
        line: 2,
        aadObjectId: 'boss-1',
        displayName: 'Anne Boss',
        email: 'anne@example.ch',
        team: 'Head office',
        siteId: 'HQ',
        managerAadObjectId: null,
        roles: ['employee', 'manager'],
        locale: 'fr-CH',
        ahvNumber: null,
        weeklyMinutes: 42 * 60,
        workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
        contractFrom: null,
      },
      expect.objectContaining({
        line: 3,
        aadObjectId: 'u-2',
        email: null,
        managerAadObjectId: 'boss-1',
        weeklyMinutes: 21 * 60 + 30,
      }),
    ]);
    expect([...file.listedIds]).toEqual([
      ['boss-1', 2],
      ['u-2', 3],
    ]);
  });

  it('accepts ids that are not GUIDs and trims every value', () => {
    const file = parseDirectoryFile(
      csv(HEADER, '  29:1abc-not-a-guid , Anne ,, , HQ ,, Employee ; HR ,EN, 40 '),
    );

    expect(file.problems).toEqual([]);
    expect(file.rows[0]).toMatchObject({
      aadObjectId: '29:1abc-not-a-guid',
      displayName: 'Anne',
      team: null,
      siteId: 'HQ',
      roles: ['employee', 'hr'],
      locale: 'en',
    });
  });

  it('accepts a UTF-8 byte order mark before the header', () => {
    const file = parseDirectoryFile('\uFEFF' + csv(HEADER, BOSS));

    expect(file.problems).toEqual([]);
    expect(file.rows).toHaveLength(1);
  });

  it('detects the ";" separator that Excel writes in a Swiss locale, with quoted lists inside', () => {
    const file = parseDirectoryFile(
      csv(
        HEADER.replaceAll(',', ';') + ';work_days',
        'boss-1;Anne Boss;;HQ team;HQ;;"manager;employee";fr-ch;42,5;"Mon;Tue;Wed"',
      ),
    );

    expect(file.problems).toEqual([]);
    expect(file.rows[0]).toMatchObject({
      roles: ['employee', 'manager'],
      locale: 'fr-CH',
      weeklyMinutes: 42 * 60 + 30,
      workDays: ['Mon', 'Tue', 'Wed'],
    });
  });

  it('accepts a comma as decimal mark when the value is quoted in a "," file', () => {
    const file = parseDirectoryFile(csv(HEADER, 'u-1,Anne,,,HQ,,employee,it-CH,"42,5"'));

    expect(file.problems).toEqual([]);
    expect(file.rows[0]?.weeklyMinutes).toBe(2550);
  });

  it('rounds weekly hours to whole minutes', () => {
    const file = parseDirectoryFile(csv(HEADER, 'u-1,Anne,,,HQ,,employee,en,8.333'));

    expect(file.rows[0]?.weeklyMinutes).toBe(500);
  });

  it('skips empty lines and lines of bare separators, keeping line numbers true to the file', () => {
    const file = parseDirectoryFile(
      csv(HEADER, '', BOSS, ',,,,,,,,', '', 'u-2,Beat,,,S001,,employee,de-CH,forty'),
    );

    expect(file.rows.map((row) => row.line)).toEqual([3]);
    expect(file.problems).toEqual([
      { line: 6, column: 'weekly_hours', message: '"forty" is not a number of hours' },
    ]);
  });

  it('counts the first line of a record whose quoted value spans lines', () => {
    const file = parseDirectoryFile(
      csv(HEADER, 'u-1,"Anne\nBoss",,,HQ,,employee,en,42', 'u-2,Beat,,,HQ,,boss,en,42'),
    );

    expect(file.rows[0]?.line).toBe(2);
    expect(file.problems).toEqual([expect.objectContaining({ line: 4, column: 'roles' })]);
  });

  it('ignores columns it does not know', () => {
    const file = parseDirectoryFile(csv(HEADER + ',cost_centre,notes', BOSS + ',4711,"likes, commas"'));

    expect(file.problems).toEqual([]);
    expect(file.rows).toHaveLength(1);
  });

  it('matches header names whatever their case', () => {
    const file = parseDirectoryFile(csv(HEADER.toUpperCase(), BOSS));

    expect(file.problems).toEqual([]);
  });

  it('names every missing required column in one problem on the header line', () => {
    const file = parseDirectoryFile(
      csv('aad_object_id,display_name,site,roles,locale', 'u-1,Anne,HQ,employee,en'),
    );

    expect(file.rows).toEqual([]);
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]?.line).toBe(1);
    expect(file.problems[0]?.message).toContain('email, team, manager_aad_object_id and weekly_hours');
  });

  it('reports an empty file', () => {
    expect(parseDirectoryFile('\uFEFF  \n').problems).toEqual([
      { line: 1, message: 'the file is empty; its first line must name the columns' },
    ]);
  });

  it('reads the optional columns: work days, contract start and AHV number', () => {
    const file = parseDirectoryFile(
      csv(
        HEADER + ',work_days,contract_from,ahv_number',
        'u-1,Anne,,,HQ,,employee,en,30,"Mon;Wed;Fri",2026-03-01,756.9217.0769.85',
        'u-2,Beat,,,HQ,,employee,en,30,tue-thu,01.04.2026,7569217076985',
        'u-3,Carla,,,HQ,,employee,en,30,,,',
      ),
    );

    expect(file.problems).toEqual([]);
    expect(
      file.rows.map(({ workDays, contractFrom, ahvNumber }) => ({ workDays, contractFrom, ahvNumber })),
    ).toEqual([
      { workDays: ['Mon', 'Wed', 'Fri'], contractFrom: '2026-03-01', ahvNumber: '756.9217.0769.85' },
      { workDays: ['Tue', 'Wed', 'Thu'], contractFrom: '2026-04-01', ahvNumber: '756.9217.0769.85' },
      { workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], contractFrom: null, ahvNumber: null },
    ]);
  });

  it('reports each bad value with its line and column, and keeps the good rows', () => {
    const file = parseDirectoryFile(
      csv(
        HEADER + ',work_days,contract_from,ahv_number',
        'u-1,Anne,not-an-email,,HQ,,employee,en,42,,,', // 2
        'u-2,,,,HQ,,employee,en,42,,,', // 3
        ',Nobody,,,HQ,,employee,en,42,,,', // 4
        'u-4,Dora,,,,,employee,en,42,,,', // 5
        'u-5,Emil,,,HQ,,boss,en,42,,,', // 6
        'u-6,Fritz,,,HQ,,,en,42,,,', // 7
        'u-7,Gina,,,HQ,,employee,es-ES,42,,,', // 8
        'u-8,Hans,,,HQ,,employee,en,0,,,', // 9
        'u-9,Ida,,,HQ,,employee,en,80.5,,,', // 10
        'u-10,Jon,,,HQ,,employee,en,42,"Mon;Funday",,', // 11
        'u-11,Kim,,,HQ,,employee,en,42,,2026-02-30,', // 12
        'u-12,Lea,,,HQ,,employee,en,42,,,756.9217.0769.84', // 13
        'u-13,Max,,,HQ,,employee,en,42,,,123.4567.8901.23', // 14
        'u-14,Nina,,,HQ,u-14,employee,en,42,,,', // 15
        'u-15,Otto,,,HQ,,employee,en,42,,,', // 16
      ),
    );

    expect(file.rows.map((row) => row.aadObjectId)).toEqual(['u-15']);
    expect(file.problems.map(({ line, column }) => [line, column])).toEqual([
      [2, 'email'],
      [3, 'display_name'],
      [4, 'aad_object_id'],
      [5, 'site'],
      [6, 'roles'],
      [7, 'roles'],
      [8, 'locale'],
      [9, 'weekly_hours'],
      [10, 'weekly_hours'],
      [11, 'work_days'],
      [12, 'contract_from'],
      [13, 'ahv_number'],
      [14, 'ahv_number'],
      [15, 'manager_aad_object_id'],
    ]);
    expect(file.problems.map(describeProblem)).toEqual([
      'line 2, column email: "not-an-email" is not an email address',
      'line 3, column display_name: the name is empty',
      'line 4, column aad_object_id: the id is empty',
      'line 5, column site: the site is empty; every person needs one, as its canton decides public holidays',
      'line 6, column roles: "boss" is not a role; use employee, manager, it, hr and admin, separated by ";"',
      'line 7, column roles: no role is given; every person needs at least one, e.g. employee',
      'line 8, column locale: "es-ES" is not a language Crewdesk speaks; use fr-CH, de-CH, it-CH and en',
      'line 9, column weekly_hours: 0 hours a week is not possible; it must be more than 0 and at most 80',
      'line 10, column weekly_hours: 80.5 hours a week is not possible; it must be more than 0 and at most 80',
      'line 11, column work_days: "Funday" is not a weekday; use Mon, Tue, Wed, Thu, Fri, Sat, Sun separated by ";"',
      'line 12, column contract_from: "2026-02-30" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-01',
      'line 13, column ahv_number: this AHV number is mistyped: its check digit does not match',
      'line 14, column ahv_number: this is not an AHV number; the format is 756.XXXX.XXXX.XX',
      'line 15, column manager_aad_object_id: a person cannot be their own manager',
    ]);
  });

  it('lists every problem of a row, not only the first', () => {
    const file = parseDirectoryFile(csv(HEADER, 'u-1,Anne,bad,,HQ,,chief,xx,lots'));

    expect(file.problems.map((problem) => problem.column)).toEqual([
      'email',
      'roles',
      'locale',
      'weekly_hours',
    ]);
  });

  it('never echoes an AHV number, which identifies a person', () => {
    const file = parseDirectoryFile(csv(HEADER + ',ahv_number', BOSS + ',756.1234.5678.90'));

    expect(file.problems[0]?.message).not.toContain('1234');
  });

  it('reports a person listed twice, pointing at the first line', () => {
    const file = parseDirectoryFile(csv(HEADER, BOSS, CLERK, BOSS));

    expect(file.rows).toHaveLength(2);
    expect(file.problems).toEqual([
      {
        line: 4,
        column: 'aad_object_id',
        message: '"boss-1" is already listed on line 2; each person must appear once',
      },
    ]);
  });

  it('reports a line whose values do not match the header, as an unquoted ";" list causes', () => {
    const file = parseDirectoryFile(
      csv(
        HEADER.replaceAll(',', ';'),
        'u-1;Anne;;;HQ;;manager;employee;en;42',
        'u-2;Beat;;;HQ;u-1;employee;en;42',
      ),
    );

    expect(file.problems).toEqual([
      {
        line: 2,
        message:
          'this line has 10 values but the header has 9 columns; a value that contains ";" must be in double quotes',
      },
    ]);
    // The malformed row's id still counts as listed, so that its reports do not get a second error.
    expect(file.listedIds.has('u-1')).toBe(true);
    expect(file.rows.map((row) => row.aadObjectId)).toEqual(['u-2']);
  });

  it('reports a quote that is never closed', () => {
    const file = parseDirectoryFile(csv(HEADER, BOSS, 'u-2,"Beat,,,HQ,,employee,en,42'));

    expect(file.problems).toEqual([
      expect.objectContaining({ message: 'a quoted value is never closed: a double quote (") is missing' }),
    ]);
  });

  it('accepts a "sep=;" first line as Excel writes it', () => {
    const file = parseDirectoryFile(
      csv(
        'sep=;',
        HEADER.replaceAll(',', ';'),
        'u-1;Anne;;;HQ;;employee;en;42',
        'u-2;Beat;;;HQ;;employee;en;x',
      ),
    );

    expect(file.rows.map((row) => row.line)).toEqual([3]);
    expect(file.problems).toEqual([
      { line: 4, column: 'weekly_hours', message: '"x" is not a number of hours' },
    ]);
  });
});
