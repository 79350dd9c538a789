import type { SiteKind } from '../directory/people.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';
import type { HoursEntry } from './hours-entry.js';

/**
 * What a day's records must satisfy. Impossible data is refused (a DomainError the user reads);
 * legal limits of Swiss working-time law only warn (ArG art. 9, 15, 15a; ArGV 1 art. 18), since
 * the record must still say what really happened.
 */
export interface TimeRange {
  start: string;
  end: string;
}

export type HoursWarning =
  | { code: 'hours.break_too_short'; workedMinutes: number; breakMinutes: number; requiredMinutes: number }
  | { code: 'hours.week_over_limit'; weekMinutes: number; limitMinutes: number }
  | { code: 'hours.rest_too_short'; restMinutes: number; requiredMinutes: number };

export const MINUTES_PER_DAY = 24 * 60;
const MINIMUM_DAILY_REST_MINUTES = 11 * 60;

export function minutesOfClock(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** A range's length; "24:00" may end a day, nothing may cross midnight. */
export function rangeMinutes(range: TimeRange): number {
  return minutesOfClock(range.end) - minutesOfClock(range.start);
}

export function checkRanges(
  ranges: readonly TimeRange[],
  existing: readonly TimeRange[],
  date: CalendarDate,
): void {
  for (const range of ranges) {
    if (
      !/^([01]\d|2[0-3]):[0-5]\d$/.test(range.start) ||
      !/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(range.end)
    ) {
      throw new DomainError('hours.invalid_range', 'a time range needs times between 00:00 and 24:00', {
        range,
        date,
      });
    }
    if (rangeMinutes(range) <= 0) {
      throw new DomainError('hours.invalid_range', 'a time range must end after it starts', { range, date });
    }
  }
  const all = [...existing, ...ranges].sort((a, b) => minutesOfClock(a.start) - minutesOfClock(b.start));
  for (let index = 1; index < all.length; index += 1) {
    const previous = all[index - 1]!;
    const current = all[index]!;
    if (minutesOfClock(current.start) < minutesOfClock(previous.end)) {
      throw new DomainError('hours.overlap', 'two time ranges of the day overlap', {
        date,
        first: previous,
        second: current,
      });
    }
  }
}

/** ArGV 1 art. 18 / ArG art. 15: 15 min past 5.5 h, 30 min past 7 h, 60 min past 9 h of work. */
export function requiredBreakMinutes(workedMinutes: number): number {
  if (workedMinutes > 9 * 60) return 60;
  if (workedMinutes > 7 * 60) return 30;
  if (workedMinutes > 5.5 * 60) return 15;
  return 0;
}

/**
 * ArG art. 9: 45 h a week for office staff and the sales staff of large retail firms (every site
 * of this customer is one or the other), 50 h for everyone else — including people with no site
 * yet, whose job the directory does not tell.
 */
export function weeklyLimitMinutes(siteKind: SiteKind | null): number {
  return siteKind === null ? 50 * 60 : 45 * 60;
}

/** The breaks a day's ranges leave between them, plus a stated break. */
export function breakOfDay(day: readonly HoursEntry[]): number | null {
  const ranges = day
    .filter((entry) => entry.kind === 'work' && entry.startTime && entry.endTime)
    .map((entry) => ({ start: entry.startTime!, end: entry.endTime! }))
    .sort((a, b) => minutesOfClock(a.start) - minutesOfClock(b.start));
  const stated = day.reduce((sum, entry) => sum + (entry.breakMinutes ?? 0), 0);
  const anyStated = day.some((entry) => entry.breakMinutes !== null);
  if (ranges.length === 0 && !anyStated) return null;
  let gaps = 0;
  for (let index = 1; index < ranges.length; index += 1) {
    gaps += Math.max(0, minutesOfClock(ranges[index]!.start) - minutesOfClock(ranges[index - 1]!.end));
  }
  return gaps + stated;
}

export function workedMinutesOf(entries: readonly HoursEntry[]): number {
  return entries.filter((entry) => entry.kind === 'work').reduce((sum, entry) => sum + entry.minutes, 0);
}

function earliestStart(day: readonly HoursEntry[]): number | null {
  const starts = day
    .filter((entry) => entry.kind === 'work' && entry.startTime)
    .map((entry) => minutesOfClock(entry.startTime!));
  return starts.length > 0 ? Math.min(...starts) : null;
}

function latestEnd(day: readonly HoursEntry[]): number | null {
  const ends = day
    .filter((entry) => entry.kind === 'work' && entry.endTime)
    .map((entry) => minutesOfClock(entry.endTime!));
  return ends.length > 0 ? Math.max(...ends) : null;
}

/** Legal-limit warnings for a day once its new records are in. */
export function legalWarnings(options: {
  day: readonly HoursEntry[];
  previousDay: readonly HoursEntry[];
  nextDay: readonly HoursEntry[];
  weekWorkedMinutes: number;
  siteKind: SiteKind | null;
}): HoursWarning[] {
  const warnings: HoursWarning[] = [];
  const worked = workedMinutesOf(options.day);
  const breakMinutes = breakOfDay(options.day);
  const required = requiredBreakMinutes(worked);
  if (breakMinutes !== null && breakMinutes < required) {
    warnings.push({
      code: 'hours.break_too_short',
      workedMinutes: worked,
      breakMinutes,
      requiredMinutes: required,
    });
  }
  const limit = weeklyLimitMinutes(options.siteKind);
  if (options.weekWorkedMinutes > limit) {
    warnings.push({
      code: 'hours.week_over_limit',
      weekMinutes: options.weekWorkedMinutes,
      limitMinutes: limit,
    });
  }
  const restBefore = (() => {
    const previousEnd = latestEnd(options.previousDay);
    const start = earliestStart(options.day);
    return previousEnd === null || start === null ? null : MINUTES_PER_DAY - previousEnd + start;
  })();
  const restAfter = (() => {
    const end = latestEnd(options.day);
    const nextStart = earliestStart(options.nextDay);
    return end === null || nextStart === null ? null : MINUTES_PER_DAY - end + nextStart;
  })();
  const shortestRest = [restBefore, restAfter].filter((rest): rest is number => rest !== null);
  if (shortestRest.length > 0 && Math.min(...shortestRest) < MINIMUM_DAILY_REST_MINUTES) {
    warnings.push({
      code: 'hours.rest_too_short',
      restMinutes: Math.min(...shortestRest),
      requiredMinutes: MINIMUM_DAILY_REST_MINUTES,
    });
  }
  return warnings;
}
