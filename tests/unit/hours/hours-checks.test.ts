import { describe, expect, it } from 'vitest';
import {
  breakOfDay,
  checkRanges,
  legalWarnings,
  requiredBreakMinutes,
  weeklyLimitMinutes,
} from '../../../src/domain/hours/hours-checks.js';
import type { HoursEntry } from '../../../src/domain/hours/hours-entry.js';
import { DomainError } from '../../../src/domain/shared/errors.js';

function work(
  date: string,
  start: string | null,
  end: string | null,
  minutes: number,
  breakMinutes: number | null = null,
): HoursEntry {
  return {
    id: `${date}-${start}`,
    aadObjectId: 'p',
    date,
    kind: 'work',
    minutes,
    startTime: start,
    endTime: end,
    breakMinutes,
    place: null,
    absenceKind: null,
    sourceActivityId: null,
    enteredBy: 'p',
    createdAt: '2026-11-26T10:00:00Z',
    version: 1,
  };
}

const codeOf = (action: () => void) => {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'other';
  }
  return null;
};

describe('impossible time ranges are refused', () => {
  it('refuses a range that ends before it starts or is empty', () => {
    expect(codeOf(() => checkRanges([{ start: '17:00', end: '08:00' }], [], '2026-11-26'))).toBe(
      'hours.invalid_range',
    );
    expect(codeOf(() => checkRanges([{ start: '08:00', end: '08:00' }], [], '2026-11-26'))).toBe(
      'hours.invalid_range',
    );
    expect(codeOf(() => checkRanges([{ start: '25:00', end: '26:00' }], [], '2026-11-26'))).toBe(
      'hours.invalid_range',
    );
  });

  it('refuses ranges that overlap each other or what is already recorded, and accepts touching ones', () => {
    expect(
      codeOf(() =>
        checkRanges(
          [
            { start: '08:00', end: '12:00' },
            { start: '11:30', end: '13:00' },
          ],
          [],
          'd',
        ),
      ),
    ).toBe('hours.overlap');
    expect(
      codeOf(() => checkRanges([{ start: '13:00', end: '17:00' }], [{ start: '08:00', end: '13:30' }], 'd')),
    ).toBe('hours.overlap');
    expect(
      codeOf(() => checkRanges([{ start: '12:00', end: '17:00' }], [{ start: '08:00', end: '12:00' }], 'd')),
    ).toBeNull();
    expect(codeOf(() => checkRanges([{ start: '20:00', end: '24:00' }], [], 'd'))).toBeNull();
  });
});

describe('working-time law warnings (ArG)', () => {
  it.each([
    [330, 0],
    [331, 15],
    [420, 15],
    [421, 30],
    [540, 30],
    [541, 60],
  ])('a day of %i minutes needs a break of %i minutes', (worked, required) => {
    expect(requiredBreakMinutes(worked)).toBe(required);
  });

  it('counts the gaps between ranges and a stated break as the day’s break; unknown without either', () => {
    expect(breakOfDay([work('d', '08:00', '12:00', 240), work('d', '12:45', '17:00', 255)])).toBe(45);
    expect(breakOfDay([work('d', '09:00', '17:00', 420, 60)])).toBe(60);
    expect(breakOfDay([work('d', null, null, 480)])).toBeNull();
  });

  it('warns of a short break, and says nothing when the break is unknown', () => {
    const shortBreak = legalWarnings({
      day: [work('d', '08:00', '12:00', 240), work('d', '12:15', '17:00', 285)],
      previousDay: [],
      nextDay: [],
      weekWorkedMinutes: 525,
      siteKind: 'store',
    });
    expect(shortBreak).toEqual([
      { code: 'hours.break_too_short', workedMinutes: 525, breakMinutes: 15, requiredMinutes: 30 },
    ]);
    expect(
      legalWarnings({
        day: [work('d', null, null, 600)],
        previousDay: [],
        nextDay: [],
        weekWorkedMinutes: 600,
        siteKind: 'store',
      }),
    ).toEqual([]);
  });

  it('holds office and large-retail staff to 45 h a week and others to 50 h', () => {
    expect(weeklyLimitMinutes('store')).toBe(45 * 60);
    expect(weeklyLimitMinutes('office')).toBe(45 * 60);
    expect(weeklyLimitMinutes(null)).toBe(50 * 60);
    const over = legalWarnings({
      day: [work('d', null, null, 480)],
      previousDay: [],
      nextDay: [],
      weekWorkedMinutes: 45 * 60 + 1,
      siteKind: 'office',
    });
    expect(over).toEqual([{ code: 'hours.week_over_limit', weekMinutes: 2701, limitMinutes: 2700 }]);
    expect(
      legalWarnings({
        day: [work('d', null, null, 480)],
        previousDay: [],
        nextDay: [],
        weekWorkedMinutes: 2701,
        siteKind: null,
      }),
    ).toEqual([]);
  });

  it('warns when less than 11 hours of rest separate two working days, either way', () => {
    const lateThenEarly = legalWarnings({
      day: [work('2026-11-26', '06:00', '10:00', 240)],
      previousDay: [work('2026-11-25', '14:00', '21:30', 450)],
      nextDay: [],
      weekWorkedMinutes: 690,
      siteKind: 'store',
    });
    expect(lateThenEarly).toEqual([{ code: 'hours.rest_too_short', restMinutes: 510, requiredMinutes: 660 }]);
    const enough = legalWarnings({
      day: [work('2026-11-26', '08:00', '12:00', 240)],
      previousDay: [work('2026-11-25', '12:00', '21:00', 480)],
      nextDay: [work('2026-11-27', '08:00', '12:00', 240)],
      weekWorkedMinutes: 960,
      siteKind: 'store',
    });
    expect(enough).toEqual([]);
  });
});
