import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  daysFromTo,
  resolveDayMonth,
  resolveDayOfMonth,
  resolveWeekday,
} from '../../../src/language/hours/day-references.js';

// Thursday 26 November 2026.
const TODAY = '2026-11-26';
const MONDAY = 1;
const THURSDAY = 4;
const FRIDAY = 5;

describe("resolving days against the user's today", () => {
  it('takes a weekday as its latest occurrence up to today, or before / after it', () => {
    expect(resolveWeekday(TODAY, MONDAY, 'latest')).toBe('2026-11-23');
    expect(resolveWeekday(TODAY, THURSDAY, 'latest')).toBe(TODAY);
    expect(resolveWeekday(TODAY, FRIDAY, 'latest')).toBe('2026-11-20');
    expect(resolveWeekday(TODAY, THURSDAY, 'last')).toBe('2026-11-19');
    expect(resolveWeekday(TODAY, MONDAY, 'last')).toBe('2026-11-23');
    expect(resolveWeekday(TODAY, THURSDAY, 'next')).toBe('2026-12-03');
    expect(resolveWeekday(TODAY, FRIDAY, 'next')).toBe('2026-11-27');
    expect(resolveWeekday(TODAY, THURSDAY, 'coming')).toBe(TODAY);
    expect(resolveWeekday(TODAY, MONDAY, 'coming')).toBe('2026-11-30');
  });

  it('takes a date without a year as its occurrence nearest to today, ties to the past', () => {
    expect(resolveDayMonth(TODAY, 25, 11, null)).toBe('2026-11-25');
    expect(resolveDayMonth(TODAY, 3, 12, null)).toBe('2026-12-03');
    expect(resolveDayMonth(TODAY, 15, 1, null)).toBe('2027-01-15');
    expect(resolveDayMonth(TODAY, 1, 6, null)).toBe('2026-06-01');
    expect(resolveDayMonth(TODAY, 25, 11, 2025)).toBe('2025-11-25');
    expect(resolveDayMonth(TODAY, 31, 11, null)).toBeNull();
    expect(resolveDayMonth('2028-03-01', 29, 2, null)).toBe('2028-02-29');
    expect(resolveDayMonth(TODAY, 29, 2, null)).toBeNull();
    // Half a year away either way: whichever is nearer, by a day.
    expect(resolveDayMonth(TODAY, 28, 5, null)).toBe('2026-05-28');
    expect(resolveDayMonth(TODAY, 27, 5, null)).toBe('2027-05-27');
  });

  it('takes a day of the month alone as its nearest occurrence', () => {
    expect(resolveDayOfMonth(TODAY, 25)).toBe('2026-11-25');
    expect(resolveDayOfMonth(TODAY, 2)).toBe('2026-12-02');
    expect(resolveDayOfMonth(TODAY, 12)).toBe('2026-11-12');
    expect(resolveDayOfMonth(TODAY, 10)).toBe('2026-12-10');
    expect(resolveDayOfMonth('2026-03-02', 28)).toBe('2026-02-28');
    expect(resolveDayOfMonth('2026-03-02', 31)).toBe('2026-03-31');
    expect(resolveDayOfMonth('2027-01-02', 30)).toBe('2026-12-30');
  });

  it('lists the days of a span, both ends included, up to 31 days', () => {
    expect(daysFromTo('2026-11-30', '2026-12-02')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(daysFromTo('2026-12-02', '2026-11-30')).toBeNull();
    expect(daysFromTo('2026-01-01', '2026-02-01')).toBeNull();
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });
});
