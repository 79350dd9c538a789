/**
 * Which day a message is about: today / yesterday / the day before, weekday names, explicit dates
 * and spans of days, resolved against the user's local `today` (never the server clock).
 *
 * Rules (all reading rules are listed in `understand-hours.ts`):
 * - a bare weekday is its latest occurrence up to and including today ("Friday" on Thursday
 *   2026-11-26 is 2026-11-20); "last Friday" is the latest one strictly before today and
 *   "next Friday" the first one strictly after;
 * - a date without a year is its occurrence nearest to today (ties go to the past): "25.11." on
 *   2026-11-26 is 2026-11-25, "3.12." is 2026-12-03 (a planned absence; work on a future day is
 *   refused by the hours rules with a clear message), "15.1." is 2026-01-15. The rule "most recent
 *   occurrence not in the future" would file "vacation 22.12." eleven months in the past, silently;
 * - a day of the month alone ("le 25", "am 25.") is its nearest occurrence the same way.
 */
import { addDays, dayOfWeek, isCalendarDate, type CalendarDate } from '../../domain/shared/calendar-date.js';
import type { Item, ParseContext, Recognized } from './items.js';
import { matchPhrase } from './phrases.js';
import { wordAt } from './text.js';
import {
  AGO_WORDS,
  AND_WORDS,
  ARTICLES,
  BETWEEN_WORDS,
  CLOCK_WORDS,
  DAY_WORDS,
  HOUR_UNITS,
  LAST_AFTER,
  LAST_BEFORE,
  MINUTE_UNITS,
  MONTHS,
  NEXT_AFTER,
  NEXT_BEFORE,
  NUMBER_WORDS,
  ORDINAL_SUFFIXES,
  SPAN_FROM,
  GERMAN_SHORT_WEEKDAYS,
  SHORT_WEEKDAYS,
  TO_WORDS,
  UNTIL_LINKS,
  UNTIL_WORDS,
  WEEKDAYS,
} from './vocabulary.js';

/** The longest span a message may cover (a month of vacation). */
export const MAX_SPAN_DAYS = 31;

const DAY_MS = 86_400_000;

function utc(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** latest: up to today; last: before today; next: after today; coming: from today on. */
export type WeekdayMode = 'latest' | 'last' | 'next' | 'coming';

export function resolveWeekday(today: CalendarDate, weekday: number, mode: WeekdayMode): CalendarDate {
  const back = (dayOfWeek(today) - weekday + 7) % 7;
  if (mode === 'latest') return addDays(today, -back);
  if (mode === 'last') return addDays(today, -(back === 0 ? 7 : back));
  const ahead = (weekday - dayOfWeek(today) + 7) % 7;
  if (mode === 'coming') return addDays(today, ahead);
  return addDays(today, ahead === 0 ? 7 : ahead);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function dateOf(year: number, month: number, day: number): CalendarDate | null {
  const date = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(date) ? date : null;
}

function nearest(today: CalendarDate, candidates: readonly (CalendarDate | null)[]): CalendarDate | null {
  let best: CalendarDate | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === null) continue;
    const distance = Math.abs(daysBetween(today, candidate));
    // Candidates come in chronological order, so a tie keeps the earlier (past) one.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function resolveDayMonth(
  today: CalendarDate,
  day: number,
  month: number,
  year: number | null,
): CalendarDate | null {
  if (year !== null) return dateOf(year, month, day);
  const thisYear = Number(today.slice(0, 4));
  return nearest(
    today,
    [thisYear - 1, thisYear, thisYear + 1].map((y) => dateOf(y, month, day)),
  );
}

export function resolveDayOfMonth(today: CalendarDate, day: number): CalendarDate | null {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months = [-1, 0, 1].map((offset) => {
    const index = y * 12 + (m - 1) + offset;
    return dateOf(Math.floor(index / 12), (index % 12) + 1, day);
  });
  return nearest(today, months);
}

/** Every day from `from` to `to`, both included; null when the span is backwards or too long. */
export function daysFromTo(from: CalendarDate, to: CalendarDate): CalendarDate[] | null {
  const length = daysBetween(from, to) + 1;
  if (length < 1 || length > MAX_SPAN_DAYS) return null;
  return Array.from({ length }, (_, offset) => addDays(from, offset));
}

// ---------------------------------------------------------------------------------------------
// Recognizers: each reads at token `index` and returns the items it found and where to go on.

interface ExplicitDate {
  day: number;
  month: number;
  year: number | null;
  last: number;
}

function wholeNumberAt(ctx: ParseContext, index: number, min: number, max: number): number | null {
  const token = ctx.tokens[index];
  if (token?.kind !== 'number' || token.separator !== null) return null;
  return token.value >= min && token.value <= max ? token.value : null;
}

function yearAt(ctx: ParseContext, index: number): number | null {
  return wholeNumberAt(ctx, index, 1900, 2200);
}

/** "25.11.", "2026-11-25", "25 November", "25. November 2026", "1er décembre", "November 25th". */
function readExplicit(ctx: ParseContext, index: number): ExplicitDate | null {
  const { tokens } = ctx;
  const token = tokens[index];
  if (token?.kind === 'date') return { day: token.day, month: token.month, year: token.year, last: index };
  if (token?.kind === 'number') {
    // "25.11" without the final dot, not followed by a unit (then it is 25.11 hours… or a typo).
    if (token.separator === '.' && token.fraction !== null && token.fraction.length === 2) {
      const month = Number(token.fraction);
      const next = wordAt(tokens, index + 1);
      const unit = next !== null && (HOUR_UNITS.has(next) || MINUTE_UNITS.has(next) || CLOCK_WORDS.has(next));
      if (!unit && token.whole >= 1 && token.whole <= 31 && month >= 1 && month <= 12) {
        return { day: token.whole, month, year: null, last: index };
      }
      return null;
    }
    const day = wholeNumberAt(ctx, index, 1, 31);
    if (day === null) return null;
    let j = index + 1;
    if (tokens[j]?.kind === 'separator' && tokens[j]?.text === '.') j += 1;
    const suffix = wordAt(tokens, j);
    if (suffix !== null && ORDINAL_SUFFIXES.has(suffix)) j += 1;
    const of = wordAt(tokens, j);
    if (of === 'of' || of === 'de' || of === 'di') j += 1;
    const month = MONTHS.get(wordAt(tokens, j) ?? '');
    if (month === undefined) return null;
    const year = yearAt(ctx, j + 1);
    return { day, month, year, last: year === null ? j : j + 1 };
  }
  if (token?.kind === 'word') {
    // Month first ("November 25"): "May" is an English verb too, so a day number must follow.
    const month = MONTHS.get(token.text);
    if (month === undefined) return null;
    const day = wholeNumberAt(ctx, index + 1, 1, 31);
    if (day === null) return null;
    let j = index + 1;
    const suffix = wordAt(tokens, j + 1);
    if (suffix !== null && ORDINAL_SUFFIXES.has(suffix)) j += 1;
    if (tokens[j + 1]?.kind === 'separator' && tokens[j + 1]?.text === ',' && yearAt(ctx, j + 2) !== null)
      j += 1;
    const year = yearAt(ctx, j + 1);
    return { day, month, year, last: year === null ? j : j + 1 };
  }
  return null;
}

function daysItem(first: number, last: number, dates: CalendarDate[]): Item {
  return { type: 'days', first, last, dates };
}

function problem(first: number, last: number, reason: string): Item {
  return { type: 'problem', first, last, reason };
}

export function readExplicitDate(ctx: ParseContext, index: number): Recognized | null {
  const found = readExplicit(ctx, index);
  if (!found) return null;
  const date = resolveDayMonth(ctx.today, found.day, found.month, found.year);
  const item = date ? daysItem(index, found.last, [date]) : problem(index, found.last, 'invalid_date');
  return { items: [item], next: found.last + 1 };
}

/** "le 25", "am 25.", "il 25", "the 25th": a day of the month near today. */
export function readDayOfMonth(ctx: ParseContext, index: number): Recognized | null {
  const { tokens } = ctx;
  const article = wordAt(tokens, index);
  if (article !== 'le' && article !== 'am' && article !== 'il' && article !== 'the' && article !== 'den')
    return null;
  const day = wholeNumberAt(ctx, index + 1, 1, 31);
  if (day === null) return null;
  let last = index + 1;
  const after = tokens[last + 1];
  const suffix = wordAt(tokens, last + 1);
  if (article === 'am' || article === 'den') {
    // German needs the ordinal dot: "am 25." — "am 8" is not a date.
    if (!(after?.kind === 'separator' && after.text === '.')) return null;
    last += 1;
  } else if (article === 'the') {
    if (suffix === null || !ORDINAL_SUFFIXES.has(suffix)) return null;
    last += 1;
  } else if (suffix !== null && ORDINAL_SUFFIXES.has(suffix)) {
    last += 1;
  }
  const next = tokens[last + 1];
  const nextWord = wordAt(tokens, last + 1);
  if (next?.kind === 'dash') return null;
  if (
    nextWord !== null &&
    (HOUR_UNITS.has(nextWord) || MINUTE_UNITS.has(nextWord) || CLOCK_WORDS.has(nextWord))
  )
    return null;
  if (nextWord !== null && (TO_WORDS.has(nextWord) || MONTHS.has(nextWord))) return null;
  const date = resolveDayOfMonth(ctx.today, day);
  return {
    items: [date ? daysItem(index, last, [date]) : problem(index, last, 'invalid_date')],
    next: last + 1,
  };
}

interface WeekdayRef {
  weekday: number;
  mode: WeekdayMode;
  first: number;
  last: number;
}

/**
 * "Mo 8h", "Di: 8-12", "Mi krank", "lun 7h30", "Mo-Fr": a short weekday name where it cannot be
 * an ordinary word — before an amount, a time, a date or an absence, or at either end of a span.
 */
function shortWeekdayAt(ctx: ParseContext, index: number, spanEnd: boolean): number | undefined {
  const word = wordAt(ctx.tokens, index) ?? '';
  const weekday = SHORT_WEEKDAYS.get(word);
  if (weekday === undefined || (GERMAN_SHORT_WEEKDAYS.has(word) && ctx.language !== 'de')) return undefined;
  if (spanEnd) return weekday;
  let next = index + 1;
  const separator = ctx.tokens[next];
  if (separator?.kind === 'separator' && (separator.text === '.' || separator.text === ':')) next += 1;
  const token = ctx.tokens[next];
  if (token?.kind === 'number' || token?.kind === 'clock' || token?.kind === 'hm' || token?.kind === 'date') {
    return weekday;
  }
  const phrase = matchPhrase(ctx.tokens, next, ctx.language);
  if (phrase?.tags.some((tag) => tag.tag === 'absence' || tag.tag === 'place' || tag.tag === 'dayOff')) {
    return weekday;
  }
  const connector = token?.kind === 'dash' || TO_WORDS.has(wordAt(ctx.tokens, next) ?? '');
  return connector && shortWeekdayAt(ctx, next + 1, true) !== undefined ? weekday : undefined;
}

function readWeekdayRef(ctx: ParseContext, index: number, spanEnd = false): WeekdayRef | null {
  const weekday = WEEKDAYS.get(wordAt(ctx.tokens, index) ?? '') ?? shortWeekdayAt(ctx, index, spanEnd);
  if (weekday === undefined) return null;
  const before = wordAt(ctx.tokens, index - 1);
  const after = wordAt(ctx.tokens, index + 1);
  if (after !== null && LAST_AFTER.has(after))
    return { weekday, mode: 'last', first: index, last: index + 1 };
  if (after !== null && NEXT_AFTER.has(after))
    return { weekday, mode: 'next', first: index, last: index + 1 };
  if (before !== null && LAST_BEFORE.has(before))
    return { weekday, mode: 'last', first: index - 1, last: index };
  if (before !== null && NEXT_BEFORE.has(before))
    return { weekday, mode: 'next', first: index - 1, last: index };
  // "until Friday", "bis Freitag", "jusqu'à vendredi": a coming day.
  const twoBefore = wordAt(ctx.tokens, index - 2);
  const until =
    (before !== null && UNTIL_WORDS.has(before)) ||
    (twoBefore !== null && UNTIL_WORDS.has(twoBefore) && UNTIL_LINKS.has(before ?? ''));
  return { weekday, mode: until ? 'coming' : 'latest', first: index, last: index };
}

export function readWeekday(ctx: ParseContext, index: number): Recognized | null {
  const ref = readWeekdayRef(ctx, index);
  if (!ref) return null;
  return {
    items: [daysItem(ref.first, ref.last, [resolveWeekday(ctx.today, ref.weekday, ref.mode)])],
    next: ref.last + 1,
  };
}

function countAt(ctx: ParseContext, index: number): number | null {
  const token = ctx.tokens[index];
  if (token?.kind === 'number') return token.separator === null ? token.value : null;
  if (token?.kind === 'word') {
    const value = NUMBER_WORDS.get(token.text);
    return value !== undefined && token.text !== 'a' ? value : null;
  }
  return null;
}

/** "3 days ago", "il y a 3 jours", "vor 3 Tagen", "3 giorni fa"; a bare "3 jours" is a period. */
export function readDaysAgo(ctx: ParseContext, index: number): Recognized | null {
  const { tokens } = ctx;
  const count = countAt(ctx, index);
  const unit = wordAt(tokens, index + 1);
  if (count === null || unit === null || !DAY_WORDS.has(unit)) return null;
  const ago = wordAt(tokens, index + 2);
  const ilYa =
    wordAt(tokens, index - 3) === 'il' &&
    wordAt(tokens, index - 2) === 'y' &&
    wordAt(tokens, index - 1) === 'a';
  const vor = wordAt(tokens, index - 1) === 'vor';
  if ((ago !== null && AGO_WORDS.has(ago)) || ilYa || vor) {
    const last = ago !== null && AGO_WORDS.has(ago) ? index + 2 : index + 1;
    return { items: [daysItem(index, last, [addDays(ctx.today, -count)])], next: last + 1 };
  }
  return { items: [{ type: 'tag', first: index, last: index + 1, tag: { tag: 'period' } }], next: index + 2 };
}

type SpanEnd =
  | { kind: 'weekday'; ref: WeekdayRef }
  | { kind: 'date'; date: ExplicitDate }
  | { kind: 'dayNumber'; day: number; last: number };

function readSpanEnd(
  ctx: ParseContext,
  index: number,
  allowDayNumber: boolean,
  spanEnd = false,
): SpanEnd | null {
  const ref = readWeekdayRef(ctx, index, spanEnd);
  if (ref && ref.first === index) return { kind: 'weekday', ref };
  const date = readExplicit(ctx, index);
  if (date) return { kind: 'date', date };
  if (!allowDayNumber) return null;
  const day = wholeNumberAt(ctx, index, 1, 31);
  if (day === null) return null;
  let last = index;
  const after = ctx.tokens[last + 1];
  if (after?.kind === 'separator' && after.text === '.') last += 1;
  else if (ORDINAL_SUFFIXES.has(wordAt(ctx.tokens, last + 1) ?? '')) last += 1;
  return { kind: 'dayNumber', day, last };
}

function spanEndLast(end: SpanEnd): number {
  if (end.kind === 'weekday') return end.ref.last;
  if (end.kind === 'date') return end.date.last;
  return end.last;
}

/**
 * "Monday to Wednesday", "du 23 au 25 novembre", "vom 23. bis 25. November", "dal 23 al 25
 * novembre", "23-25.11.", "from 23.11. to 27.11.".
 */
export function readDateSpan(ctx: ParseContext, index: number): Recognized | null {
  const { tokens } = ctx;
  let j = index;
  const from = wordAt(tokens, j);
  let between = false;
  if (from !== null && SPAN_FROM.has(from)) {
    between = BETWEEN_WORDS.has(from);
    j += 1;
    if (ARTICLES.has(wordAt(tokens, j) ?? '')) j += 1;
  }
  // "Nov 23-25": a month first, then two days of it.
  const monthFirst = tokens[j]?.kind === 'word' && MONTHS.has(wordAt(tokens, j) ?? '');
  const start = readSpanEnd(ctx, j, true);
  if (!start) return null;
  j = spanEndLast(start) + 1;
  const connector = tokens[j];
  const connectorWord = wordAt(tokens, j);
  if (connector?.kind === 'dash') j += 1;
  else if (
    connectorWord !== null &&
    (TO_WORDS.has(connectorWord) || (between && AND_WORDS.has(connectorWord)))
  ) {
    j += 1;
    if (connectorWord === 'jusqu' && (wordAt(tokens, j) === 'a' || wordAt(tokens, j) === 'au')) j += 1;
  } else return null;
  if (ARTICLES.has(wordAt(tokens, j) ?? '')) j += 1;
  const end = readSpanEnd(ctx, j, monthFirst && start.kind === 'date', start.kind === 'weekday');
  if (!end) return null;
  const last = spanEndLast(end);

  let from_: CalendarDate | null = null;
  let to: CalendarDate | null = null;
  if (start.kind === 'weekday' && end.kind === 'weekday') {
    // Anchored on the first day: "Wednesday to Friday" said on a Thursday is this week's.
    from_ = resolveWeekday(ctx.today, start.ref.weekday, start.ref.mode);
    to = addDays(from_, (end.ref.weekday - start.ref.weekday + 7) % 7);
  } else if (start.kind === 'date' && end.kind === 'dayNumber') {
    from_ = resolveDayMonth(ctx.today, start.date.day, start.date.month, start.date.year);
    if (from_) {
      const [y, m] = from_.split('-').map(Number) as [number, number];
      const index_ = y * 12 + (m - 1) + (end.day < start.date.day ? 1 : 0);
      to = dateOf(Math.floor(index_ / 12), (index_ % 12) + 1, end.day);
    }
  } else if (end.kind === 'date' && start.kind !== 'weekday') {
    to = resolveDayMonth(ctx.today, end.date.day, end.date.month, end.date.year);
    if (to && start.kind === 'dayNumber') {
      const [y, m] = to.split('-').map(Number) as [number, number];
      const sameMonth = start.day <= end.date.day;
      const index_ = y * 12 + (m - 1) - (sameMonth ? 0 : 1);
      from_ = dateOf(Math.floor(index_ / 12), (index_ % 12) + 1, start.day);
    } else if (to && start.kind === 'date') {
      from_ = resolveDayMonth(
        ctx.today,
        start.date.day,
        start.date.month,
        start.date.year ?? Number(to.slice(0, 4)),
      );
      if (from_ && start.date.year === null && from_ > to) {
        from_ = dateOf(Number(to.slice(0, 4)) - 1, start.date.month, start.date.day);
      }
    }
  } else {
    return null;
  }
  if (!from_ || !to) return { items: [problem(index, last, 'invalid_date')], next: last + 1 };
  const dates = daysFromTo(from_, to);
  if (!dates) return { items: [problem(index, last, 'span_too_long')], next: last + 1 };
  return { items: [daysItem(index, last, dates)], next: last + 1 };
}
