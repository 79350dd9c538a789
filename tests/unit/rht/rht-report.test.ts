import { describe, expect, it } from 'vitest';
import { computeRhtReport, type RhtReport, type RhtRow } from '../../../src/domain/rht/rht-report.js';
import { isDomainError } from '../../../src/domain/shared/errors.js';
import { absence, contract, datesBetween, employee, work } from './rht-fixtures.js';

const NOVEMBER = { month: '2026-11', today: '2027-01-15' } as const;
const DECEMBER = { month: '2026-12', today: '2027-01-15' } as const;

/** November 2026 in Vaud (no public holiday): 21 weekdays, 2–30 November. */
const NOVEMBER_WEEKDAYS = datesBetween('2026-11-01', '2026-11-30');

const only = (report: RhtReport): RhtRow => {
  expect(report.rows).toHaveLength(1);
  return report.rows[0]!;
};

const figures = (row: RhtRow) => ({
  targetMinutes: row.targetMinutes,
  workedMinutes: row.workedMinutes,
  absenceMinutes: row.absenceMinutes,
  lostMinutes: row.lostMinutes,
  lossPercent: row.lossPercent,
  waitingDayMinutes: row.waitingDayMinutes,
});

describe('the RHT report of one employee', () => {
  it('takes the cantonal holidays out of the target (Geneva, December 2026)', () => {
    // 23 weekdays, minus Christmas (Fri 25) and the Restauration de la République (Thu 31).
    const row = only(computeRhtReport({ ...DECEMBER, employees: [employee('Anne', { canton: 'GE' })] }));
    expect(figures(row)).toEqual({
      targetMinutes: 21 * 504,
      workedMinutes: 0,
      absenceMinutes: 0,
      lostMinutes: 21 * 504,
      lossPercent: 100,
      waitingDayMinutes: 504,
    });
    const newYearsEve = row.days.find((day) => day.date === '2026-12-31');
    expect(newYearsEve).toMatchObject({ workDay: true, holiday: true, targetMinutes: 0 });
  });

  it.each([
    ['VD', 22 * 504], // Christmas only
    ['TI', 21 * 504], // Immaculate Conception (Tue 8) and Christmas
    ['ZH', 22 * 504], // Christmas; St Stephen's Day is a Saturday
    ['GE', 21 * 504], // Christmas and 31 December
  ])('gives a full-time employee in %s the target of that canton in December', (canton, target) => {
    const row = only(computeRhtReport({ ...DECEMBER, employees: [employee('Anne', { canton })] }));
    expect(row.targetMinutes).toBe(target);
  });

  it('counts part-time staff on their own work days (60 % over Monday–Wednesday)', () => {
    // 25.2 h / 3 days = 504 min on 13 Mondays–Wednesdays; 4 h worked on each of them.
    const mondayToWednesday = datesBetween('2026-11-01', '2026-11-30', [1, 2, 3]);
    expect(mondayToWednesday).toHaveLength(13);
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [
          employee('Paola', {
            contracts: [contract(25.2, '2020-01-01', ['Mon', 'Tue', 'Wed'])],
            entries: mondayToWednesday.map((date) => work(date, 240)),
          }),
        ],
      }),
    );
    expect(figures(row)).toEqual({
      targetMinutes: 6552,
      workedMinutes: 3120,
      absenceMinutes: 0,
      lostMinutes: 3432,
      lossPercent: 52.38, // 3432 / 6552 = 52.380…
      waitingDayMinutes: 504,
    });
    expect(row.days.map((day) => day.date)).toEqual(mondayToWednesday);
  });

  it('lets work on a Saturday offset losses, computing lost time on the month totals', () => {
    // 300 min on each of 21 weekdays, plus 480 on Saturday 7 November.
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [
          employee('Beat', {
            entries: [...NOVEMBER_WEEKDAYS.map((date) => work(date, 300)), work('2026-11-07', 480)],
          }),
        ],
      }),
    );
    expect(row.workedMinutes).toBe(6780);
    expect(row.lostMinutes).toBe(10584 - 6780); // 3804, not 21 × 204 = 4284 clamped day by day
    expect(row.lossPercent).toBe(35.94);
    expect(row.days.find((day) => day.date === '2026-11-07')).toMatchObject({
      workDay: false,
      targetMinutes: 0,
      workedMinutes: 480,
    });
  });

  it('does not clamp a day with overtime: it offsets a short day', () => {
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [
          employee('Beat', {
            entries: NOVEMBER_WEEKDAYS.map((date) => work(date, date === '2026-11-02' ? 704 : 504)).filter(
              (entry) => entry.date !== '2026-11-03',
            ),
          }),
        ],
      }),
    );
    expect(row.lostMinutes).toBe(504 - 200);
  });

  it('counts absences as not compensable: a sick day, a vacation week, half a day of training', () => {
    const sickDay = '2026-11-03';
    const vacation = datesBetween('2026-11-09', '2026-11-13');
    const trainingDay = '2026-11-17';
    const others = NOVEMBER_WEEKDAYS.filter(
      (date) => date !== sickDay && date !== trainingDay && !vacation.includes(date),
    );
    expect(others).toHaveLength(14);
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [
          employee('Chiara', {
            entries: [
              absence(sickDay, 'sick', 504),
              // The bot stores a full day with the day's target; a record without minutes is a full day too.
              ...vacation.map((date, index) => absence(date, 'vacation', index === 0 ? 0 : 504)),
              absence(trainingDay, 'training', 240),
              work(trainingDay, 264),
              ...others.map((date) => work(date, 252)),
            ],
          }),
        ],
      }),
    );
    expect(figures(row)).toEqual({
      targetMinutes: 10584, // not reduced by absences
      workedMinutes: 14 * 252 + 264,
      absenceMinutes: 504 + 5 * 504 + 240,
      lostMinutes: 10584 - 3264 - 3792,
      lossPercent: 33.33,
      waitingDayMinutes: 504,
    });
    expect(row.absenceMinutesByKind).toEqual({
      vacation: 2520,
      sick: 504,
      accident: 0,
      military: 0,
      holiday: 0,
      training: 240,
      unpaid: 0,
      other: 0,
    });
    expect(row.days.find((day) => day.date === '2026-11-09')?.absences).toEqual([
      { kind: 'vacation', minutes: 504, recordedMinutes: 0 },
    ]);
    expect(row.warnings).toEqual([]);
  });

  it('leaves public holidays logged as absences out of absenceMinutes', () => {
    // Geneva: worked every working day of December, logged Christmas and 31 December as holidays.
    const workingDays = datesBetween('2026-12-01', '2026-12-31').filter(
      (date) => date !== '2026-12-25' && date !== '2026-12-31',
    );
    const row = only(
      computeRhtReport({
        ...DECEMBER,
        employees: [
          employee('Anne', {
            canton: 'GE',
            entries: [
              ...workingDays.map((date) => work(date, 504)),
              absence('2026-12-25', 'holiday', 504),
              absence('2026-12-31', 'holiday', 0),
            ],
          }),
        ],
      }),
    );
    expect(figures(row)).toEqual({
      targetMinutes: 10584,
      workedMinutes: 10584,
      absenceMinutes: 0,
      lostMinutes: 0,
      lossPercent: 0,
      waitingDayMinutes: 0,
    });
    expect(row.warnings).toEqual([]);
  });

  it('does not let a holiday the canton does not know hide a loss, and flags it', () => {
    // 2 January is only optional in Zurich: still a work day with a target.
    const row = only(
      computeRhtReport({
        month: '2026-01',
        today: '2026-03-01',
        employees: [
          employee('Urs', {
            canton: 'ZH',
            entries: [
              ...datesBetween('2026-01-05', '2026-01-31').map((date) => work(date, 504)),
              absence('2026-01-02', 'holiday', 504),
            ],
          }),
        ],
      }),
    );
    expect(row.targetMinutes).toBe(21 * 504); // 22 weekdays minus New Year
    expect(row.absenceMinutes).toBe(0);
    expect(row.absenceMinutesByKind.holiday).toBe(504);
    expect(row.lostMinutes).toBe(504);
    expect(row.warnings).toContain('holiday_not_in_calendar');
  });

  it('splits the month at a contract change from 42 h to 21 h on the 16th', () => {
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [
          employee('Dario', {
            contracts: [contract(42, '2025-01-01'), contract(21, '2026-11-16')],
            entries: NOVEMBER_WEEKDAYS.map((date) => work(date, 252)),
          }),
        ],
      }),
    );
    expect(figures(row)).toEqual({
      targetMinutes: 10 * 504 + 11 * 252, // 7812
      workedMinutes: 21 * 252, // 5292
      absenceMinutes: 0,
      lostMinutes: 2520,
      lossPercent: 32.26, // 2520 / 7812 = 32.258…
      waitingDayMinutes: 372, // 7812 / 21 days
    });
    expect(row.days.find((day) => day.date === '2026-11-13')?.targetMinutes).toBe(504);
    expect(row.days.find((day) => day.date === '2026-11-16')?.targetMinutes).toBe(252);
  });

  it('never reports a negative loss in a month of overtime', () => {
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [employee('Eva', { entries: NOVEMBER_WEEKDAYS.map((date) => work(date, 600)) })],
      }),
    );
    expect(figures(row)).toEqual({
      targetMinutes: 10584,
      workedMinutes: 12600,
      absenceMinutes: 0,
      lostMinutes: 0,
      lossPercent: 0,
      waitingDayMinutes: 0,
    });
    expect(row.lossAbove85Percent).toBe(false);
  });

  it('flags a loss above 85 %, and not one of exactly 85 %', () => {
    // 40 h: 480 min × 21 days = 10080; 85 % of it is 8568 lost, i.e. 1512 worked.
    const withWorked = (name: string, minutes: number) =>
      employee(name, { contracts: [contract(40)], entries: [work('2026-11-02', minutes)] });
    const report = computeRhtReport({
      ...NOVEMBER,
      employees: [withWorked('exactly', 1512), withWorked('above', 1511), withWorked('far above', 1008)],
    });
    const byName = Object.fromEntries(report.rows.map((row) => [row.displayName, row]));
    expect(byName['exactly']).toMatchObject({
      lostMinutes: 8568,
      lossPercent: 85,
      lossAbove85Percent: false,
    });
    expect(byName['above']).toMatchObject({
      lostMinutes: 8569,
      lossPercent: 85.01,
      lossAbove85Percent: true,
    });
    expect(byName['far above']).toMatchObject({ lossPercent: 90, lossAbove85Percent: true });
    expect(report.totals.employeesAbove85Percent).toBe(2);
  });

  it('caps the waiting day at the lost minutes', () => {
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [
          employee('Fritz', {
            entries: NOVEMBER_WEEKDAYS.map((date) => work(date, 504))
              .slice(1)
              .concat(work('2026-11-02', 404)),
          }),
        ],
      }),
    );
    expect(row.lostMinutes).toBe(100);
    expect(row.waitingDayMinutes).toBe(100);
  });

  it('uses the national holidays for someone without a site, and says so', () => {
    // April 2026 has 22 weekdays; nationally Good Friday (3) and Easter Monday (6) are off.
    const april = { month: '2026-04', today: '2026-06-01' };
    const nowhere = only(computeRhtReport({ ...april, employees: [employee('Gil', { canton: null })] }));
    expect(nowhere.targetMinutes).toBe(20 * 504);
    expect(nowhere.warnings).toContain('no_site');
    // Ticino has no Good Friday.
    const ticino = only(computeRhtReport({ ...april, employees: [employee('Gil', { canton: 'TI' })] }));
    expect(ticino.targetMinutes).toBe(21 * 504);
  });

  it('keeps a fractional daily target exact: a month of full-day vacation leaves nothing lost', () => {
    // 37.5 h over Monday–Thursday: 562.5 min a day, recorded by the bot as 563.
    const contracts = [contract(37.5, '2020-01-01', ['Mon', 'Tue', 'Wed', 'Thu'])];
    const days = datesBetween('2026-11-01', '2026-11-30', [1, 2, 3, 4]);
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [
          employee('Hanna', { contracts, entries: days.map((date) => absence(date, 'vacation', 563)) }),
        ],
      }),
    );
    expect(row.targetMinutes).toBe(9563); // 17 × 562.5 = 9562.5, rounded once
    expect(row.absenceMinutes).toBe(9563);
    expect(row.lostMinutes).toBe(0);
    expect(row.warnings).toEqual([]);
  });

  it('counts absences only within the day target, and flags the excess', () => {
    const row = only(
      computeRhtReport({
        ...NOVEMBER,
        employees: [
          employee('Ines', {
            entries: [absence('2026-11-07', 'vacation', 504), absence('2026-11-02', 'sick', 600)],
          }),
        ],
      }),
    );
    expect(row.absenceMinutes).toBe(504);
    expect(row.lostMinutes).toBe(10584 - 504);
    expect(row.days.find((day) => day.date === '2026-11-07')?.uncountedAbsenceMinutes).toBe(504);
    expect(row.days.find((day) => day.date === '2026-11-02')?.uncountedAbsenceMinutes).toBe(96);
    expect(row.warnings).toContain('absence_beyond_target');
  });

  it('proves every figure day by day', () => {
    const report = computeRhtReport({
      ...NOVEMBER,
      employees: [
        employee('Jon', {
          contracts: [contract(42, '2025-01-01'), contract(21, '2026-11-16')],
          entries: [
            work('2026-11-02', 300),
            work('2026-11-07', 120),
            absence('2026-11-03', 'sick', 0),
            absence('2026-11-17', 'military', 252),
            absence('2026-11-18', 'training', 100),
            work('2026-11-18', 100),
          ],
        }),
      ],
    });
    const row = only(report);
    const sum = (pick: (day: RhtRow['days'][number]) => number) =>
      row.days.reduce((total, day) => total + pick(day), 0);
    expect(sum((day) => day.targetMinutes)).toBe(row.targetMinutes);
    expect(sum((day) => day.workedMinutes)).toBe(row.workedMinutes);
    expect(sum((day) => day.absences.reduce((total, a) => total + a.minutes, 0))).toBe(row.absenceMinutes);
    expect(row.lostMinutes).toBe(row.targetMinutes - row.absenceMinutes - row.workedMinutes);
    expect(row.absenceMinutes).toBe(504 + 252 + 100);
  });
});

describe('the company totals and flags', () => {
  const two = (lostByB: number, overtimeByA = 0) =>
    computeRhtReport({
      ...NOVEMBER,
      employees: [
        employee('A', { entries: [work('2026-11-02', 10584 + overtimeByA)] }),
        employee('B', { entries: [work('2026-11-02', 10584 - lostByB)] }),
      ],
    }).totals;

  it('is below the minimum loss when less than 10 % of normal hours are lost', () => {
    // Normal hours 2 × 10584 = 21168; 10 % is 2116.8 min.
    expect(two(2116)).toMatchObject({ lostMinutes: 2116, lossPercent: 10, belowMinimumLoss: true });
    expect(two(2117)).toMatchObject({ lostMinutes: 2117, lossPercent: 10, belowMinimumLoss: false });
  });

  it("does not let one employee's overtime offset another's loss", () => {
    expect(two(2117, 1416)).toMatchObject({ lostMinutes: 2117, workedMinutes: 21168 - 2117 + 1416 });
  });

  it('adds up the rows and counts the employees', () => {
    const report = computeRhtReport({
      ...NOVEMBER,
      employees: [
        employee('A', { entries: [work('2026-11-02', 504), absence('2026-11-03', 'sick', 504)] }),
        employee('B', { entries: NOVEMBER_WEEKDAYS.map((date) => work(date, 504)) }),
        employee('C', { contracts: [contract(21)], entries: [absence('2026-11-04', 'accident', 0)] }),
      ],
    });
    expect(report.totals).toEqual({
      targetMinutes: 10584 * 2 + 5292,
      workedMinutes: 504 + 10584,
      absenceMinutes: 504 + 252,
      absenceMinutesByKind: {
        vacation: 0,
        sick: 504,
        accident: 252,
        military: 0,
        holiday: 0,
        training: 0,
        unpaid: 0,
        other: 0,
      },
      lostMinutes: 10584 - 1008 + (5292 - 252),
      lossPercent: 55.24, // 14616 / 26460 = 55.238…
      waitingDayMinutes: 504 + 252,
      employees: 3,
      employeesWithLoss: 2,
      employeesAbove85Percent: 2,
      belowMinimumLoss: false,
      employeesWithWarnings: 0,
    });
  });
});

describe('the report as a whole', () => {
  it('has the JSON shape of the design', () => {
    const report = computeRhtReport({ ...NOVEMBER, employees: [employee('A')] });
    expect(Object.keys(report)).toEqual(['month', 'provisional', 'rows', 'totals']);
    expect(Object.keys(report.rows[0]!)).toEqual(
      expect.arrayContaining([
        'aadObjectId',
        'displayName',
        'targetMinutes',
        'workedMinutes',
        'absenceMinutes',
        'lostMinutes',
        'lossPercent',
        'waitingDayMinutes',
        'ahvNumber',
        'absenceMinutesByKind',
        'lossAbove85Percent',
        'days',
      ]),
    );
  });

  it('is provisional for the current month and later ones, final for past months', () => {
    const provisional = (month: string, today: string) =>
      computeRhtReport({ month, today, employees: [] }).provisional;
    expect(provisional('2026-11', '2026-11-20')).toBe(true);
    expect(provisional('2026-11', '2026-11-01')).toBe(true);
    expect(provisional('2026-11', '2026-12-01')).toBe(false);
    expect(provisional('2027-01', '2026-12-15')).toBe(true);
  });

  it('sorts rows by display name the way Swiss readers expect', () => {
    const report = computeRhtReport({
      ...NOVEMBER,
      employees: ['Zoë', 'Élodie', 'andré', 'Beat', 'Ueli', 'Ümit'].map((name) => employee(name)),
    });
    expect(report.rows.map((row) => row.displayName)).toEqual([
      'andré',
      'Beat',
      'Élodie',
      'Ueli',
      'Ümit',
      'Zoë',
    ]);
  });

  it('keeps people who left mid-month, and leaves out former staff with nothing recorded', () => {
    const firstHalf = NOVEMBER_WEEKDAYS.filter((date) => date <= '2026-11-13');
    const report = computeRhtReport({
      ...NOVEMBER,
      employees: [
        employee('Left with date', {
          active: false,
          employedUntil: '2026-11-13',
          entries: firstHalf.map((date) => work(date, 504)),
        }),
        employee('Left without date', { active: false, entries: firstHalf.map((date) => work(date, 504)) }),
        employee('Long gone', { active: false }),
      ],
    });
    expect(report.rows.map((row) => row.displayName)).toEqual(['Left with date', 'Left without date']);
    expect(report.rows[0]).toMatchObject({ targetMinutes: 10 * 504, lostMinutes: 0, warnings: [] });
    expect(report.rows[1]).toMatchObject({
      targetMinutes: 21 * 504,
      lostMinutes: 11 * 504,
      warnings: ['inactive_without_end_date'],
    });
  });

  it('shows an active person without a contract, with no target, flagged', () => {
    const row = only(computeRhtReport({ ...NOVEMBER, employees: [employee('New', { contracts: [] })] }));
    expect(row).toMatchObject({
      targetMinutes: 0,
      lostMinutes: 0,
      lossPercent: 0,
      warnings: ['no_contract'],
    });
  });

  it('refuses a month that is not YYYY-MM', () => {
    for (const month of ['2026-13', '2026-1', 'November']) {
      let caught: unknown;
      try {
        computeRhtReport({ month, today: '2026-11-01', employees: [] });
      } catch (error) {
        caught = error;
      }
      expect(isDomainError(caught) && caught.code).toBe('input.invalid');
    }
  });

  it('computes a month of 1,500 employees over many cantons and contracts', () => {
    const cantons = ['GE', 'VD', 'TI', 'ZH', 'VS', 'BE', null];
    const employees = Array.from({ length: 1500 }, (_, index) => {
      const contracts =
        index % 3 === 0
          ? [contract(25.2, '2020-01-01', ['Mon', 'Tue', 'Wed'])]
          : index % 3 === 1
            ? [contract(42, '2020-01-01'), contract(21, '2026-12-16')]
            : [contract(42, '2020-01-01')];
      return employee(`Person ${String(index).padStart(4, '0')}`, {
        canton: cantons[index % cantons.length] ?? null,
        contracts,
        entries: datesBetween('2026-12-01', '2026-12-31').map((date) => work(date, 240 + (index % 5) * 30)),
      });
    });
    const report = computeRhtReport({ ...DECEMBER, employees });
    expect(report.totals.employees).toBe(1500);
    expect(report.rows.reduce((sum, row) => sum + row.lostMinutes, 0)).toBe(report.totals.lostMinutes);
    expect(report.rows[0]!.displayName).toBe('Person 0000');
  });
});
