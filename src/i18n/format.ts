import { supportedLocaleOf } from '../domain/shared/locale.js';
import type { CalendarDate } from '../domain/shared/calendar-date.js';
import { translate } from './translate.js';

/** "7h30", "7 h 30", "7:30 Std." — a duration the way each language writes it. */
export function formatDuration(locale: string, minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const absolute = Math.abs(Math.round(minutes));
  const hours = Math.floor(absolute / 60);
  const rest = absolute % 60;
  const text =
    hours === 0 && rest > 0
      ? translate(locale, 'hours.durationMinutesOnly', { minutes: String(rest) })
      : rest === 0
        ? translate(locale, 'hours.durationWhole', { hours: String(hours) })
        : translate(locale, 'hours.durationWithMinutes', {
            hours: String(hours),
            minutes: String(rest).padStart(2, '0'),
          });
  return sign + text;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "Thursday 26 November" in the reader's language; calendar dates carry no time zone. */
export function formatCalendarDate(locale: string, date: CalendarDate): string {
  const supported = supportedLocaleOf(locale);
  let format = dateFormats.get(supported);
  if (!format) {
    format = new Intl.DateTimeFormat(supported === 'en' ? 'en-GB' : supported, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    dateFormats.set(supported, format);
  }
  return format.format(new Date(`${date}T12:00:00Z`));
}

/** "October 2026", "octobre 2026", "Oktober 2026" for a `YYYY-MM` month. */
export function formatMonth(locale: string, month: string): string {
  const supported = supportedLocaleOf(locale);
  return new Intl.DateTimeFormat(supported === 'en' ? 'en-GB' : supported, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T12:00:00Z`));
}
