/**
 * Time ranges: "8-12", "13:00-17:30", "8h-12h", "de 8h à 12h", "von 8 bis 12 Uhr",
 * "dalle 8 alle 12", "9 to 17", "9am-5pm", "between 8 and 12".
 *
 * Reading rules (all of them are listed in `understand-hours.ts`):
 * - "8-5": an end before the start, written as a plain hour from 1 to 12, is the afternoon hour
 *   (08:00–17:00) — everyday shorthand; "22-6" or "08:00-05:00" have no such reading and are
 *   asked about (night shifts are not a thing in these stores);
 * - "1-5", "5-7": plain numbers that end at 7 or earlier read as a night as well as an afternoon,
 *   so both readings are offered;
 * - "8-9 hours" (spelled-out plural unit, none on the start) is a vague duration, asked about.
 */
import type { Item, ParseContext, Recognized } from './items.js';
import { wordAt } from './text.js';
import {
  AND_WORDS,
  ARTICLES,
  BETWEEN_WORDS,
  HOUR_UNITS,
  MIDNIGHT_WORDS,
  MINUTE_UNITS,
  MONTHS,
  NOON_WORDS,
  PLURAL_HOUR_WORDS,
  RANGE_FROM,
  TO_WORDS,
} from './vocabulary.js';

export interface TimeSpan {
  /** Minutes since midnight; `end` may be 1440 (24:00). */
  start: number;
  end: number;
}

interface ClockReading {
  hour: number;
  minute: number;
  /** bare: a plain number ("8"); written: with a unit or minutes ("8h", "8:00", "8h30", "8.30"). */
  form: 'bare' | 'written';
  leadingZero: boolean;
  meridiem: 'am' | 'pm' | null;
  pluralUnit: boolean;
  last: number;
}

const TIME_UNITS = new Set(['h', 'uhr', 'heure', 'heures', 'hour', 'hours', 'hr', 'hrs', 'ore']);

function readClock(ctx: ParseContext, index: number): ClockReading | null {
  const { tokens } = ctx;
  const token = tokens[index];
  let reading: ClockReading | null = null;
  if (token?.kind === 'clock' || token?.kind === 'hm') {
    reading = {
      hour: token.hours,
      minute: token.minutes,
      form: 'written',
      leadingZero: token.kind === 'clock' && token.leadingZero,
      meridiem: null,
      pluralUnit: false,
      last: index,
    };
  } else if (token?.kind === 'number') {
    if (token.separator === null) {
      reading = {
        hour: token.value,
        minute: 0,
        form: 'bare',
        leadingZero: token.text.startsWith('0') && token.text.length > 1,
        meridiem: null,
        pluralUnit: false,
        last: index,
      };
    } else if (token.separator === '.' && token.fraction?.length === 2) {
      // "8.30-12.00", the Swiss way of writing times.
      reading = {
        hour: token.whole,
        minute: Number(token.fraction),
        form: 'written',
        leadingZero: false,
        meridiem: null,
        pluralUnit: false,
        last: index,
      };
    }
  } else if (token?.kind === 'word') {
    if (NOON_WORDS.has(token.text))
      return {
        hour: 12,
        minute: 0,
        form: 'written',
        leadingZero: false,
        meridiem: null,
        pluralUnit: false,
        last: index,
      };
    if (MIDNIGHT_WORDS.has(token.text))
      return {
        hour: 24,
        minute: 0,
        form: 'written',
        leadingZero: false,
        meridiem: null,
        pluralUnit: false,
        last: index,
      };
  }
  if (!reading || reading.minute >= 60 || reading.hour > 24 || (reading.hour === 24 && reading.minute > 0))
    return null;

  const next = wordAt(tokens, reading.last + 1);
  if (next !== null) {
    if (MINUTE_UNITS.has(next) || MONTHS.has(next)) return null;
    if (next === 'am' || next === 'pm') {
      if (reading.hour > 12) return null;
      reading.meridiem = next;
      reading.form = 'written';
      reading.last += 1;
    } else if (next === 'o' && wordAt(tokens, reading.last + 2) === 'clock') {
      reading.form = 'written';
      reading.last += 2;
    } else if (TIME_UNITS.has(next) || (HOUR_UNITS.has(next) && token?.kind === 'number')) {
      reading.form = 'written';
      reading.pluralUnit = PLURAL_HOUR_WORDS.has(next);
      reading.last += 1;
    }
  }
  return reading;
}

function minutesOf(reading: ClockReading): number {
  let hour = reading.hour;
  if (reading.meridiem === 'pm' && hour < 12) hour += 12;
  if (reading.meridiem === 'am' && hour === 12) hour = 0;
  return hour * 60 + reading.minute;
}

export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function readTimeRange(ctx: ParseContext, index: number): Recognized | null {
  const { tokens } = ctx;
  let j = index;
  const from = wordAt(tokens, j);
  let between = false;
  if (from !== null && RANGE_FROM.has(from)) {
    between = BETWEEN_WORDS.has(from);
    j += 1;
    if (ARTICLES.has(wordAt(tokens, j) ?? '')) j += 1;
  }
  const a = readClock(ctx, j);
  if (!a) return null;
  j = a.last + 1;
  const connector = wordAt(tokens, j);
  if (tokens[j]?.kind === 'dash') j += 1;
  else if (connector !== null && (TO_WORDS.has(connector) || (between && AND_WORDS.has(connector)))) {
    j += 1;
    if (connector === 'jusqu' && (wordAt(tokens, j) === 'a' || wordAt(tokens, j) === 'au')) j += 1;
  } else return null;
  if (ARTICLES.has(wordAt(tokens, j) ?? '')) j += 1;
  const b = readClock(ctx, j);
  if (!b) return null;
  const last = b.last;

  if (a.form === 'bare' && b.pluralUnit) {
    // "8-9 hours": an estimate of a duration, not a time of day.
    const item: Item = {
      type: 'duration',
      first: index,
      last,
      minutes: a.hour * 60,
      bare: false,
      role: 'work',
      reason: 'duration_range',
      alternatives: [a.hour * 60, b.hour * 60],
    };
    return { items: [item], next: last + 1 };
  }

  if (b.meridiem === 'pm' && a.meridiem === null && a.hour < 12 && minutesOf(a) + 720 < minutesOf(b))
    a.meridiem = 'pm';
  if (a.meridiem === 'pm' && b.meridiem === null && b.hour < 12) b.meridiem = 'pm';
  const start = minutesOf(a);
  const end = minutesOf(b);
  if (start >= 1440) return null;

  const range = (reason: string | null, alternatives: TimeSpan[], span: TimeSpan): Recognized => ({
    items: [
      {
        type: 'range',
        first: index,
        last,
        start: span.start,
        end: span.end,
        reason,
        alternatives,
        role: 'work',
      },
    ],
    next: last + 1,
  });

  if (end > start) {
    const night = a.form === 'bare' && b.form === 'bare' && b.hour <= 7 && end + 720 <= 1440;
    if (night) {
      return range(
        'range_am_or_pm',
        [
          { start, end },
          { start: start + 720, end: end + 720 },
        ],
        { start, end },
      );
    }
    return range(null, [], { start, end });
  }
  const afternoon =
    b.meridiem === null &&
    !b.leadingZero &&
    b.hour >= 1 &&
    b.hour <= 12 &&
    end + 720 > start &&
    end + 720 <= 1440;
  if (end === start) {
    // "8-8": a typo, or 08:00–20:00? Asked, with the long day offered.
    return range('empty_range', afternoon ? [{ start, end: end + 720 }] : [], { start, end });
  }
  if (afternoon) return range(null, [], { start, end: end + 720 });
  return range('range_ends_before_start', [], { start, end });
}
