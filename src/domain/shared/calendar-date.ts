/**
 * Calendar dates are `YYYY-MM-DD` strings in the person's time zone; instants are UTC `Date`s.
 * These helpers do date arithmetic on the proleptic Gregorian calendar without touching the
 * process's time zone.
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): value is CalendarDate {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function toCalendarDate(year: number, month: number, day: number): CalendarDate {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return toCalendarDate(y, m, d + days);
}

/** 0 = Sunday … 6 = Saturday, as JavaScript counts. */
export function dayOfWeek(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The calendar date of an instant as seen on a wall clock in `timeZone` (IANA name). */
/** Building an Intl.DateTimeFormat costs far more than using one: one per time zone, kept. */
const dateFormatsByZone = new Map<string, Intl.DateTimeFormat>();

function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormatsByZone.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormatsByZone.set(timeZone, format);
  }
  return format;
}

export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  const parts = dateFormatIn(timeZone).formatToParts(instant);
  const pick = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${pick('year')}-${pick('month')}-${pick('day')}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (dateFormatsByZone.has(timeZone)) return true;
  try {
    dateFormatIn(timeZone);
    return true;
  } catch {
    return false;
  }
}
