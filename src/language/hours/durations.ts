/**
 * Amounts of time: "8h", "7.5h", "7,5 Std.", "7h30", "7 heures et demie", "sette ore e mezza",
 * "8 hours", "otto ore", "siebeneinhalb Stunden", "30 min", "1 h 15 min".
 *
 * - "XhYY" outside a range is a duration (7h30 = 450 minutes); inside a range it is a time
 *   (`time-ranges.ts` reads ranges first).
 * - A plain number ("8") is marked `bare`: it counts as hours only with a day or a work verb
 *   next to it ("8 today", "worked 8"); "8" alone is not about hours.
 * - After "at / um / dès / alle…" an hour is a time of day, not an amount ("since 8h").
 * - More than 24 hours is never taken as said: "75h" offers 7.5 hours, larger amounts are asked.
 */
import type { Item, ParseContext, Recognized } from './items.js';
import { BREAK_FIRST_WORDS } from './phrases.js';
import { wordAt } from './text.js';
import {
  AND_WORDS,
  CLOCK_WORDS,
  DAY_WORDS,
  HALF_SUFFIXES,
  HOUR_UNITS,
  MINUTE_UNITS,
  MONTHS,
  NOT_HOURS_AFTER,
  NOT_HOURS_BEFORE,
  NUMBER_WORDS,
  TIME_POINT_WORDS,
} from './vocabulary.js';

const DAY_MINUTES = 24 * 60;

function sequenceAt(ctx: ParseContext, index: number, words: readonly string[]): boolean {
  return words.every((word, offset) => wordAt(ctx.tokens, index + offset) === word);
}

/** The value of a number or a number word ("otto", "sieben", "siebeneinhalb", "anderthalb"). */
function quantityAt(ctx: ParseContext, index: number): { value: number; spelled: boolean } | null {
  const token = ctx.tokens[index];
  if (token?.kind === 'number') return { value: token.value, spelled: false };
  if (token?.kind !== 'word') return null;
  const value = NUMBER_WORDS.get(token.text);
  if (value !== undefined) return { value, spelled: true };
  if (token.text === 'anderthalb') return { value: 1.5, spelled: true };
  if (token.text.endsWith('einhalb')) {
    const whole = NUMBER_WORDS.get(token.text.slice(0, -'einhalb'.length));
    if (whole !== undefined) return { value: whole + 0.5, spelled: true };
  }
  return null;
}

function duration(first: number, last: number, minutes: number, bare: boolean): Item {
  const rounded = Math.round(minutes);
  if (rounded > DAY_MINUTES && !bare) {
    // "75h": most likely 7.5 hours with the decimal point forgotten; anything else is just asked.
    const hours = rounded / 60;
    const typo = Number.isInteger(hours) && hours >= 25 && hours <= 99 ? [hours * 6] : [];
    return {
      type: 'duration',
      first,
      last,
      minutes: rounded,
      bare,
      role: 'work',
      reason: 'more_than_24_hours',
      alternatives: typo,
    };
  }
  return {
    type: 'duration',
    first,
    last,
    minutes: rounded,
    bare,
    role: 'work',
    reason: null,
    alternatives: [],
  };
}

function timePoint(first: number, last: number): Recognized {
  return { items: [{ type: 'timePoint', first, last }], next: last + 1 };
}

function afterTimePointWord(ctx: ParseContext, index: number): boolean {
  const before = wordAt(ctx.tokens, index - 1);
  return before !== null && TIME_POINT_WORDS.has(before);
}

/** "… 30 min" / "… und 30 Minuten" / "… 30" right after an amount of hours. */
function extraMinutes(ctx: ParseContext, index: number): { minutes: number; last: number } | null {
  let k = index;
  const conjunction = wordAt(ctx.tokens, k);
  if (conjunction !== null && AND_WORDS.has(conjunction)) k += 1;
  const token = ctx.tokens[k];
  if (token?.kind !== 'number' || token.separator !== null || token.value >= 60) return null;
  const unit = wordAt(ctx.tokens, k + 1);
  if (unit !== null && MINUTE_UNITS.has(unit)) {
    if (BREAK_FIRST_WORDS.has(wordAt(ctx.tokens, k + 2) ?? '')) return null;
    return { minutes: token.value, last: k + 1 };
  }
  // "7 Stunden 30": only directly after the unit, and not when the number starts something else.
  if (k !== index || ctx.tokens[k + 1]?.kind === 'dash') return null;
  if (
    unit !== null &&
    (HOUR_UNITS.has(unit) || CLOCK_WORDS.has(unit) || MONTHS.has(unit) || BREAK_FIRST_WORDS.has(unit))
  ) {
    return null;
  }
  return { minutes: token.value, last: k };
}

export function readDuration(ctx: ParseContext, index: number): Recognized | null {
  const { tokens } = ctx;
  const token = tokens[index];
  if (token?.kind === 'hm') {
    if (token.minutes >= 60) return null;
    const unit = wordAt(tokens, index + 1);
    const last = unit !== null && MINUTE_UNITS.has(unit) ? index + 1 : index;
    if (afterTimePointWord(ctx, index) || (unit !== null && CLOCK_WORDS.has(unit)))
      return timePoint(index, last);
    return { items: [duration(index, last, token.hours * 60 + token.minutes, false)], next: last + 1 };
  }
  if (token?.kind === 'clock') {
    if (token.minutes >= 60) return null;
    const unit = wordAt(tokens, index + 1);
    if (unit !== null && HOUR_UNITS.has(unit) && unit !== 'h') {
      return {
        items: [duration(index, index + 1, token.hours * 60 + token.minutes, false)],
        next: index + 2,
      };
    }
    if (afterTimePointWord(ctx, index) || (unit !== null && (CLOCK_WORDS.has(unit) || unit === 'h'))) {
      return timePoint(index, unit !== null && (CLOCK_WORDS.has(unit) || unit === 'h') ? index + 1 : index);
    }
    // "Montag 7:30": the way timesheets write 7 hours 30; it needs a day or a verb like a bare number.
    return { items: [duration(index, index, token.hours * 60 + token.minutes, true)], next: index + 1 };
  }

  const quantity = quantityAt(ctx, index);
  if (!quantity || !(quantity.value > 0)) return null;
  const { value, spelled } = quantity;
  const j = index + 1;

  // "7 and a half hours"
  if (sequenceAt(ctx, j, ['and', 'a', 'half']) && HOUR_UNITS.has(wordAt(tokens, j + 3) ?? '')) {
    return { items: [duration(index, j + 3, (value + 0.5) * 60, false)], next: j + 4 };
  }
  const unit = wordAt(tokens, j);
  if (unit !== null && HOUR_UNITS.has(unit)) {
    let minutes = value * 60;
    let last = j;
    const half = HALF_SUFFIXES.find((suffix) => sequenceAt(ctx, j + 1, suffix));
    if (half) {
      minutes += 30;
      last = j + half.length;
    } else {
      const extra = extraMinutes(ctx, j + 1);
      if (extra) {
        minutes += extra.minutes;
        last = extra.last;
      }
    }
    const clockLike = unit === 'h' && Number.isInteger(value) && value <= 24 && last === j;
    if (clockLike && !spelled && afterTimePointWord(ctx, index)) return timePoint(index, j);
    return { items: [duration(index, last, minutes, false)], next: last + 1 };
  }
  if (unit !== null && MINUTE_UNITS.has(unit)) {
    return { items: [duration(index, j, value, false)], next: j + 1 };
  }
  if (spelled || token?.kind !== 'number') return null;

  // A plain number.
  if (unit !== null && CLOCK_WORDS.has(unit)) return timePoint(index, j);
  if (unit === 'o' && wordAt(tokens, j + 1) === 'clock') return timePoint(index, j + 1);
  if (unit !== null && (MONTHS.has(unit) || DAY_WORDS.has(unit) || NOT_HOURS_AFTER.has(unit))) return null;
  const before = wordAt(tokens, index - 1);
  if (before !== null && NOT_HOURS_BEFORE.has(before)) return null;
  if (afterTimePointWord(ctx, index)) return timePoint(index, index);
  // Only plain numbers of up to 3 hours or 180 minutes can still be a break ("Pause 30").
  if (value > 180) return null;
  return { items: [duration(index, index, value * 60, true)], next: index + 1 };
}

export function durationFromPhrase(first: number, last: number, minutes: number): Item {
  return duration(first, last, minutes, false);
}
