/**
 * The first-answer clock (design: SLA per priority). Urgent counts wall-clock time, at any hour;
 * the others count business minutes: 08:00–18:00 on Monday to Friday in the organisation's time
 * zone, minus the public holidays of the requester's canton (an afternoon holiday ends the
 * business day at 12:00). "1 business day" is one such day of 10 hours.
 */
import { publicHolidayShareOn } from '../rht/public-holidays.js';
import { addDays, calendarDateIn, dayOfWeek, type CalendarDate } from '../shared/calendar-date.js';
import type { Priority } from './ticket.js';

export interface SlaPolicy {
  urgentMinutes: number;
  highBusinessMinutes: number;
  normalBusinessMinutes: number;
  lowBusinessMinutes: number;
  dayStart: number;
  dayEnd: number;
}

const OPEN_HOUR = 8;
const CLOSE_HOUR = 18;
const BUSINESS_DAY_MINUTES = (CLOSE_HOUR - OPEN_HOUR) * 60;

export const DEFAULT_SLA: SlaPolicy = {
  urgentMinutes: 60,
  highBusinessMinutes: 4 * 60,
  normalBusinessMinutes: BUSINESS_DAY_MINUTES,
  lowBusinessMinutes: 3 * BUSINESS_DAY_MINUTES,
  dayStart: OPEN_HOUR * 60,
  dayEnd: CLOSE_HOUR * 60,
};

/** Minutes from midnight of `instant` on the wall clock of `timeZone`. */
function wallMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** The instant at which the wall clock of `timeZone` shows `minutes` past midnight on `date`. */
function instantAt(date: CalendarDate, minutes: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, 0, minutes);
  // Two rounds settle the zone's offset, daylight saving time included.
  let guess = asUtc;
  for (let round = 0; round < 2; round++) {
    const seen = wallMinutes(new Date(guess), timeZone);
    const seenDate = calendarDateIn(new Date(guess), timeZone);
    const dayShift = seenDate === date ? 0 : seenDate < date ? -1440 : 1440;
    guess -= (seen + dayShift - minutes) * 60_000;
  }
  return new Date(guess);
}

/** Business minutes [start, end) of a date, or null on a closed day. */
function businessWindow(
  date: CalendarDate,
  canton: string | null,
  policy: SlaPolicy,
): [number, number] | null {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return null;
  const holiday = publicHolidayShareOn(canton, date);
  if (holiday === 1) return null;
  return holiday === 0.5
    ? [policy.dayStart, Math.min(policy.dayEnd, 12 * 60)]
    : [policy.dayStart, policy.dayEnd];
}

function budgetOf(priority: Priority, policy: SlaPolicy): number {
  switch (priority) {
    case 'urgent':
      return policy.urgentMinutes;
    case 'high':
      return policy.highBusinessMinutes;
    case 'normal':
      return policy.normalBusinessMinutes;
    case 'low':
      return policy.lowBusinessMinutes;
  }
}

/** When the first answer is due for a ticket opened at `openedAt`. */
export function firstAnswerDue(
  openedAt: Date,
  priority: Priority,
  options: { canton: string | null; timeZone: string; policy?: SlaPolicy },
): Date {
  const policy = options.policy ?? DEFAULT_SLA;
  const budget = budgetOf(priority, policy);
  if (priority === 'urgent') return new Date(openedAt.getTime() + budget * 60_000);

  let remaining = budget;
  let date = calendarDateIn(openedAt, options.timeZone);
  let from = wallMinutes(openedAt, options.timeZone);
  // A year of closed days cannot happen; the bound only guards against a broken calendar.
  for (let day = 0; day < 366; day++) {
    const window = businessWindow(date, options.canton, policy);
    if (window) {
      const start = Math.max(window[0], from);
      const available = Math.max(0, window[1] - start);
      if (available >= remaining) return instantAt(date, start + remaining, options.timeZone);
      remaining -= available;
    }
    date = addDays(date, 1);
    from = 0;
  }
  return new Date(openedAt.getTime() + budget * 60_000);
}
