/**
 * Public holidays per Swiss canton, from the maintained date-holidays library (a pure data
 * library: no I/O, no clock). Only entries of type `public` count; the library also lists bank
 * holidays (GE 26 December), optional days (ZH 2 January, LU Easter Monday) and observances
 * (Mother's Day), which are working days for the RHT target.
 *
 * Rules we apply, with the reason:
 * - A holiday that starts at midnight is a whole day off. A few cantons have afternoon holidays
 *   (VS 24 December and 1 May, SO 1 May, listed as `2026-12-24 12:00:00`): those count as half a day
 *   off, so the day's target is halved rather than dropped or kept whole.
 * - A multi-day entry (none in Switzerland today, but the library allows it) covers every date from
 *   its start to its end.
 * - No canton (a person without a site, e.g. someone created from their first chat): no cantonal
 *   holidays; we use the library's national list of type `public` (`new Holidays('CH')`: New Year,
 *   Good Friday, Easter Monday, Ascension, Whit Monday, 1 August, Christmas, St Stephen's Day and the
 *   Sundays among them). That list is the common German-Swiss set, not federal law (only 1 August
 *   is federal), so such people should get a site before their month is filed.
 * - An unknown canton code is a data error, reported as such rather than silently treated as
 *   "no canton": a wrong holiday calendar would change the claim.
 *
 * Results are cached per canton and year: the monthly report runs for 1,500 people and building a
 * canton's calendar costs about 2 ms.
 */
import Holidays from 'date-holidays';
import { SWISS_CANTONS } from '../directory/sites-file.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';

/** How much of a date is a public holiday: the whole day, or the afternoon only. */
export type HolidayShare = 1 | 0.5;

const DAY_MS = 24 * 60 * 60 * 1000;
const calendars = new Map<string, ReadonlyMap<CalendarDate, HolidayShare>>();

/** The canonical canton code (`'ge'` → `'GE'`), or null for "no canton". Throws on unknown codes. */
export function cantonCode(canton: string | null | undefined): string | null {
  if (canton === null || canton === undefined || canton.trim() === '') return null;
  const code = canton.trim().toUpperCase();
  if (!SWISS_CANTONS.some((known) => known === code)) {
    throw new DomainError(
      'input.invalid',
      `"${canton}" is not a Swiss canton code, so its public holidays are unknown`,
      { canton },
      'system',
    );
  }
  return code;
}

/**
 * Every public holiday of a canton in a year, with the share of the day it takes. `null` = no
 * canton: the national list (see the module comment).
 */
export function publicHolidayCalendar(
  canton: string | null,
  year: number,
): ReadonlyMap<CalendarDate, HolidayShare> {
  const code = cantonCode(canton);
  const key = `${code ?? 'CH'}|${year}`;
  const cached = calendars.get(key);
  if (cached) return cached;

  const library = code ? new Holidays('CH', code) : new Holidays('CH');
  const calendar = new Map<CalendarDate, HolidayShare>();
  const mark = (date: CalendarDate, share: HolidayShare) => {
    if (!date.startsWith(`${year}-`)) return;
    calendar.set(date, Math.max(calendar.get(date) ?? 0, share) as HolidayShare);
  };
  // The previous year too, in case a multi-day entry runs into this one.
  for (const holiday of [...library.getHolidays(year - 1), ...library.getHolidays(year)]) {
    if (holiday.type !== 'public') continue;
    // `date` is the local wall-clock start, e.g. '2026-12-25 00:00:00' or '2026-12-24 12:00:00'.
    const [day = '', time = '00:00:00'] = holiday.date.split(' ');
    const firstShare: HolidayShare = time.startsWith('00:00') ? 1 : 0.5;
    mark(day, firstShare);
    const lengthInDays = (holiday.end.getTime() - holiday.start.getTime()) / DAY_MS;
    // Days after the first one; rounding absorbs the 23 h and 25 h days of daylight saving time.
    const followingDays = Math.max(0, Math.round(lengthInDays - firstShare));
    for (let offset = 1; offset <= followingDays; offset++) mark(addDays(day, offset), 1);
  }
  calendars.set(key, calendar);
  return calendar;
}

/** The dates that are public holidays (whole or afternoon) of a canton in a year. */
export function publicHolidaysOf(canton: string | null, year: number): ReadonlySet<CalendarDate> {
  return new Set(publicHolidayCalendar(canton, year).keys());
}

/** 0 on an ordinary day, 1 on a public holiday, 0.5 on an afternoon holiday. */
export function publicHolidayShareOn(canton: string | null, date: CalendarDate): 0 | HolidayShare {
  return publicHolidayCalendar(canton, Number(date.slice(0, 4))).get(date) ?? 0;
}
