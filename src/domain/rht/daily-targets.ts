/**
 * The daily target ("normal hours") of the RHT claim, from a person's contract periods and their
 * site's canton (design, "Domain facts"):
 *
 *   daily target = weekly minutes / number of the contract's work days,
 *   on each of those work days that is not a public holiday of the canton (stores included),
 *   0 on every other day.
 *
 * The contract in force on each date applies (`contractOn`), so a contract change in the middle
 * of a month splits it. A contract without work days means Monday to Friday.
 *
 * Whole minutes without drift: the exact daily target may be fractional (37.5 h over 4 days is
 * 562.5 min). We keep it exact — counted internally in 1/840 minute, which divides every
 * weekly-minutes / 1..7 days and its half exactly — and round only running totals: over a range,
 * day i gets round(total through day i) − round(total through day i−1). Each day is then within
 * one minute of its exact target, the days add up exactly to the rounded total of the range, and
 * nothing drifts (562.5 → 563, 562, 563, 562…). Common contracts (42 h / 5 = 504, 33.6 h / 4 = 504,
 * 40 h / 3 = 800) are whole numbers and unaffected. An afternoon public holiday halves the day
 * (see public-holidays.ts).
 */
import { contractOn } from '../directory/profile.js';
import { MONDAY_TO_FRIDAY, WEEKDAYS, type Contract, type Weekday } from '../directory/people.js';
import { addDays, dayOfWeek, type CalendarDate } from '../shared/calendar-date.js';
import { publicHolidayShareOn } from './public-holidays.js';

/** Internal unit: 1/840 of a minute (840 = 2 × lcm(1…7)). */
const TICKS_PER_MINUTE = 840;

export interface TargetOptions {
  contracts: readonly Contract[];
  /** The site's canton; null = no site (national holidays only, see public-holidays.ts). */
  canton: string | null;
}

export interface DayTarget {
  date: CalendarDate;
  /** A work day of the contract in force (whether or not it is a public holiday). */
  workDay: boolean;
  /** A public holiday of the canton (whole day or afternoon), work day or not. */
  holiday: boolean;
  /** 1 = whole-day holiday, 0.5 = afternoon holiday, 0 = none. */
  holidayShare: number;
  /** The exact target, possibly fractional (562.5). */
  exactMinutes: number;
  /** Whole minutes; over the range they add up to the rounded exact total (see module comment). */
  targetMinutes: number;
}

/** The weekday name a contract uses for a date. */
export function weekdayOf(date: CalendarDate): Weekday {
  // dayOfWeek counts 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(dayOfWeek(date) + 6) % 7] as Weekday;
}

function workDaysOf(contract: Contract): ReadonlySet<Weekday> {
  return new Set(contract.workDays.length > 0 ? contract.workDays : MONDAY_TO_FRIDAY);
}

interface ExactDay {
  workDay: boolean;
  holidayShare: number;
  ticks: number;
}

function exactDay(options: TargetOptions & { date: CalendarDate }): ExactDay {
  const contract = contractOn(options.contracts, options.date);
  const holidayShare = publicHolidayShareOn(options.canton, options.date);
  if (!contract) return { workDay: false, holidayShare, ticks: 0 };
  const workDays = workDaysOf(contract);
  const workDay = workDays.has(weekdayOf(options.date));
  if (!workDay || !(contract.weeklyMinutes > 0)) return { workDay, holidayShare, ticks: 0 };
  const fullDayTicks = Math.round((contract.weeklyMinutes * TICKS_PER_MINUTE) / workDays.size);
  return { workDay, holidayShare, ticks: Math.round(fullDayTicks * (1 - holidayShare)) };
}

/**
 * The exact target of one day in minutes — may be fractional (37.5 h over 4 days: 562.5). Use
 * `targetsForRange` for whole minutes that add up without drift.
 */
export function dailyTargetMinutes(options: TargetOptions & { date: CalendarDate }): number {
  return exactDay(options).ticks / TICKS_PER_MINUTE;
}

/**
 * What a full-day absence on `date` is worth in whole minutes, for a record made by the bot: the
 * exact target rounded. The report counts a full-day absence as the day's target whatever rounding
 * the record used (see rht-report.ts).
 */
export function fullDayAbsenceMinutes(options: TargetOptions & { date: CalendarDate }): number {
  return Math.round(dailyTargetMinutes(options));
}

/** Rounds a non-negative tick count to whole minutes, half up, in integer arithmetic. */
const roundTicks = (ticks: number) => Math.floor((ticks + TICKS_PER_MINUTE / 2) / TICKS_PER_MINUTE);

/** The targets of every date from `from` to `to`, inclusive, in order. */
export function targetsForRange(
  options: TargetOptions & { from: CalendarDate; to: CalendarDate },
): DayTarget[] {
  const days: DayTarget[] = [];
  let runningTicks = 0;
  let runningMinutes = 0;
  for (let date = options.from; date <= options.to; date = addDays(date, 1)) {
    const day = exactDay({ contracts: options.contracts, canton: options.canton, date });
    runningTicks += day.ticks;
    const minutesSoFar = roundTicks(runningTicks);
    days.push({
      date,
      workDay: day.workDay,
      holiday: day.holidayShare > 0,
      holidayShare: day.holidayShare,
      exactMinutes: day.ticks / TICKS_PER_MINUTE,
      targetMinutes: minutesSoFar - runningMinutes,
    });
    runningMinutes = minutesSoFar;
  }
  return days;
}
