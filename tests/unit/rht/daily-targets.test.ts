import { describe, expect, it } from 'vitest';
import {
  dailyTargetMinutes,
  fullDayAbsenceMinutes,
  targetsForRange,
} from '../../../src/domain/rht/daily-targets.js';
import { contract, H } from './rht-fixtures.js';

const full = [contract(42)];

describe('the daily target', () => {
  it('is weekly hours × 60 / work days on a work day, 0 on other days', () => {
    expect(dailyTargetMinutes({ contracts: full, canton: 'VD', date: '2026-11-24' })).toBe(504); // Tuesday
    expect(dailyTargetMinutes({ contracts: full, canton: 'VD', date: '2026-11-28' })).toBe(0); // Saturday
    expect(dailyTargetMinutes({ contracts: full, canton: 'VD', date: '2026-11-29' })).toBe(0); // Sunday
  });

  it('follows the work days of a part-time contract', () => {
    const fourDays = [contract(33.6, '2020-01-01', ['Mon', 'Tue', 'Wed', 'Thu'])];
    expect(dailyTargetMinutes({ contracts: fourDays, canton: 'VD', date: '2026-11-26' })).toBe(504);
    expect(dailyTargetMinutes({ contracts: fourDays, canton: 'VD', date: '2026-11-27' })).toBe(0);
    const threeDays = [contract(40, '2020-01-01', ['Mon', 'Tue', 'Wed'])];
    expect(dailyTargetMinutes({ contracts: threeDays, canton: 'VD', date: '2026-11-25' })).toBe(800);
    expect(dailyTargetMinutes({ contracts: threeDays, canton: 'VD', date: '2026-11-26' })).toBe(0);
  });

  it("is 0 on a public holiday of the site's canton only", () => {
    expect(dailyTargetMinutes({ contracts: full, canton: 'GE', date: '2026-12-31' })).toBe(0);
    expect(dailyTargetMinutes({ contracts: full, canton: 'VD', date: '2026-12-31' })).toBe(504);
    expect(dailyTargetMinutes({ contracts: full, canton: 'TI', date: '2026-12-08' })).toBe(0);
    expect(dailyTargetMinutes({ contracts: full, canton: 'GE', date: '2026-12-08' })).toBe(504);
  });

  it('is halved on an afternoon holiday', () => {
    expect(dailyTargetMinutes({ contracts: full, canton: 'VS', date: '2026-12-24' })).toBe(252);
  });

  it('is 0 before the first contract period and follows a contract change', () => {
    const contracts = [contract(42, '2026-11-01'), contract(21, '2026-11-16')];
    expect(dailyTargetMinutes({ contracts, canton: 'VD', date: '2026-10-30' })).toBe(0);
    expect(dailyTargetMinutes({ contracts, canton: 'VD', date: '2026-11-13' })).toBe(504);
    expect(dailyTargetMinutes({ contracts, canton: 'VD', date: '2026-11-16' })).toBe(252);
  });

  it('means Monday to Friday when a contract names no work days', () => {
    const contracts = [contract(40, '2020-01-01', [])];
    expect(dailyTargetMinutes({ contracts, canton: 'VD', date: '2026-11-27' })).toBe(480);
    expect(dailyTargetMinutes({ contracts, canton: 'VD', date: '2026-11-28' })).toBe(0);
  });
});

describe('targets over a range', () => {
  it('splits a month at a mid-month contract change (42 h, then 21 h from the 16th)', () => {
    const contracts = [contract(42, '2026-01-01'), contract(21, '2026-11-16')];
    const days = targetsForRange({ contracts, canton: 'VD', from: '2026-11-01', to: '2026-11-30' });
    expect(days).toHaveLength(30);
    // 10 weekdays from 2 to 13 November at 504, 11 weekdays from 16 to 30 at 252.
    expect(days.reduce((sum, day) => sum + day.targetMinutes, 0)).toBe(10 * 504 + 11 * 252);
    expect(days.find((day) => day.date === '2026-11-16')).toMatchObject({
      workDay: true,
      targetMinutes: 252,
    });
  });

  it('marks holidays and work days, keeping the holiday on a work day out of the target', () => {
    const days = targetsForRange({ contracts: full, canton: 'GE', from: '2026-12-24', to: '2026-12-27' });
    expect(
      days.map(({ date, workDay, holiday, targetMinutes }) => ({ date, workDay, holiday, targetMinutes })),
    ).toEqual([
      { date: '2026-12-24', workDay: true, holiday: false, targetMinutes: 504 },
      { date: '2026-12-25', workDay: true, holiday: true, targetMinutes: 0 },
      { date: '2026-12-26', workDay: false, holiday: false, targetMinutes: 0 }, // bank holiday in GE
      { date: '2026-12-27', workDay: false, holiday: false, targetMinutes: 0 },
    ]);
  });

  it('keeps fractional daily targets exact and rounds only the running total, so nothing drifts', () => {
    // 37.5 h over Monday–Thursday: 562.5 min a day; November 2026 has 17 such days.
    const contracts = [contract(37.5, '2020-01-01', ['Mon', 'Tue', 'Wed', 'Thu'])];
    expect(dailyTargetMinutes({ contracts, canton: 'VD', date: '2026-11-02' })).toBe(562.5);
    expect(fullDayAbsenceMinutes({ contracts, canton: 'VD', date: '2026-11-02' })).toBe(563);
    const days = targetsForRange({ contracts, canton: 'VD', from: '2026-11-01', to: '2026-11-30' });
    const worked = days.filter((day) => day.targetMinutes > 0);
    expect(worked).toHaveLength(17);
    expect(worked.map((day) => day.targetMinutes).slice(0, 4)).toEqual([563, 562, 563, 562]);
    expect(days.reduce((sum, day) => sum + day.targetMinutes, 0)).toBe(9563); // 17 × 562.5 = 9562.5
  });

  it('adds whole-number weeks exactly (42 h: 21 work days in November are 176.4 h)', () => {
    const days = targetsForRange({ contracts: full, canton: 'VD', from: '2026-11-01', to: '2026-11-30' });
    expect(days.reduce((sum, day) => sum + day.targetMinutes, 0)).toBe(21 * 504);
    expect((21 * 504) / H).toBeCloseTo(176.4);
  });
});
