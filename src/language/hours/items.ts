/**
 * From tokens to items: each recognizer reads what it knows at a position (a span of days, a time
 * range, a date, an amount of time, a phrase), then `assignRoles` decides which amounts are
 * breaks ("1 hour break") and which belong to an absence ("sick 4h").
 */
import { addDays, type CalendarDate } from '../../domain/shared/calendar-date.js';
import {
  daysFromTo,
  readDateSpan,
  readDayOfMonth,
  readDaysAgo,
  readExplicitDate,
  readWeekday,
} from './day-references.js';
import { durationFromPhrase, readDuration } from './durations.js';
import type { Language } from './language-detection.js';
import { matchPhrase, type Tag } from './phrases.js';
import { isClauseSeparator, wordAt, type Token } from './text.js';
import { readTimeRange } from './time-ranges.js';
import { SINCE_WORDS, UNTIL_LINKS, UNTIL_WORDS } from './vocabulary.js';

export interface ParseContext {
  tokens: readonly Token[];
  language: Language;
  today: CalendarDate;
}

/**
 * What an amount of time is: hours worked, the length of an absence, a break, or an amount the
 * message takes back ("7h au lieu de 8h", "not 8h but 7h").
 */
export type Role = 'work' | 'absence' | 'break' | 'rejected';

interface Span {
  /** Token indices, both included. */
  first: number;
  last: number;
}

export type DurationItem = Span & {
  type: 'duration';
  minutes: number;
  /** A plain number without a unit: hours only next to a day or a work verb. */
  bare: boolean;
  role: Role;
  /** Why it cannot be taken as written (null when it can), and the readings to offer instead. */
  reason: string | null;
  alternatives: number[];
};

export type RangeItem = Span & {
  type: 'range';
  /** Minutes since midnight. */
  start: number;
  end: number;
  role: Role;
  reason: string | null;
  alternatives: { start: number; end: number }[];
};

export type TagItem = Span & {
  type: 'tag';
  tag: Tag;
  /** For an absence: the amount that goes with it ("sick 4h"). */
  amount?: DurationItem | RangeItem;
};

export type Item =
  | (Span & { type: 'days'; dates: CalendarDate[] })
  | (Span & { type: 'problem'; reason: string })
  | (Span & { type: 'timePoint' })
  | DurationItem
  | RangeItem
  | TagItem;

export interface Recognized {
  items: Item[];
  next: number;
}

function readPhrase(ctx: ParseContext, index: number): Recognized | null {
  const match = matchPhrase(ctx.tokens, index, ctx.language);
  if (!match) return null;
  const items = match.tags.map((tag): Item => {
    if (tag.tag === 'relativeDay') {
      return { type: 'days', first: index, last: match.last, dates: [addDays(ctx.today, tag.offset)] };
    }
    if (tag.tag === 'duration') return durationFromPhrase(index, match.last, tag.minutes);
    return { type: 'tag', first: index, last: match.last, tag };
  });
  return { items, next: match.last + 1 };
}

// Order matters: a span of days before a time range ("8-12 novembre"), a range before a single
// date or an amount ("8-12"), phrases before amounts ("une demi-heure" is not "une heure").
const RECOGNIZERS = [
  readDateSpan,
  readTimeRange,
  readExplicitDate,
  readDayOfMonth,
  readDaysAgo,
  readPhrase,
  readDuration,
  readWeekday,
] as const;

export function extractItems(ctx: ParseContext): Item[] {
  const items: Item[] = [];
  let index = 0;
  while (index < ctx.tokens.length) {
    let found: Recognized | null = null;
    for (const recognize of RECOGNIZERS) {
      found = recognize(ctx, index);
      if (found) break;
    }
    if (!found) {
      index += 1;
      continue;
    }
    for (const item of found.items) items.push(sinceExpanded(ctx, item));
    index = Math.max(found.next, index + 1);
  }
  settleAfternoons(items);
  return items;
}

/**
 * "8-12 and 1-5": after a morning range, plain "1-5" can only be the afternoon (13:00–17:00),
 * so it is not asked about.
 */
function settleAfternoons(items: Item[]): void {
  let latestEnd: number | null = null;
  for (const item of items) {
    if (item.type !== 'range') continue;
    if (item.reason === 'range_am_or_pm' && latestEnd !== null) {
      const afternoon = item.alternatives[1];
      if (afternoon && item.start < latestEnd && afternoon.start >= latestEnd) {
        Object.assign(item, { ...afternoon, reason: null, alternatives: [] });
      }
    }
    if (item.reason === null) latestEnd = Math.max(latestEnd ?? 0, item.end);
  }
}

/**
 * "krank seit Montag", "malade depuis lundi": every day from then up to today;
 * "en vacances jusqu'au 4 décembre", "Ferien bis Freitag" (a coming day): from today up to then.
 */
function sinceExpanded(ctx: ParseContext, item: Item): Item {
  if (item.type !== 'days' || item.dates.length !== 1) return item;
  const day = item.dates[0];
  if (day === undefined) return item;
  const before = wordAt(ctx.tokens, item.first - 1);
  const twoBefore = wordAt(ctx.tokens, item.first - 2);
  let from: CalendarDate;
  let to: CalendarDate;
  let first = item.first - 1;
  if (before !== null && SINCE_WORDS.has(before) && day < ctx.today) {
    [from, to] = [day, ctx.today];
  } else if (day >= ctx.today && before !== null && UNTIL_WORDS.has(before)) {
    [from, to] = [ctx.today, day];
  } else if (
    day >= ctx.today &&
    twoBefore !== null &&
    UNTIL_WORDS.has(twoBefore) &&
    UNTIL_LINKS.has(before ?? '')
  ) {
    [from, to, first] = [ctx.today, day, item.first - 2];
  } else {
    return item;
  }
  const dates = daysFromTo(from, to);
  return dates
    ? { ...item, first, dates }
    : { type: 'problem', first, last: item.last, reason: 'span_too_long' };
}

// ---------------------------------------------------------------------------------------------
// Roles

/** Small words allowed between an amount and the break or absence that follows it. */
const LINK_BEFORE = new Set(['de', 'di', 'of', 'd', 'du', 'von', 'der', 'in']);

/** How many tokens may stand between a break or absence word and its amount. */
const REACH_AFTER = 2;
const REACH_BEFORE = 1;

type Amount = DurationItem | RangeItem;

function isWorkAmount(item: Item | undefined): item is Amount {
  return (item?.type === 'duration' || item?.type === 'range') && item.role === 'work';
}

function noClauseBreak(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i += 1) if (isClauseSeparator(tokens[i])) return false;
  return true;
}

interface Candidate {
  item: Amount;
  gap: number;
  after: boolean;
}

/**
 * The amounts right next to a word: the item just before and the one just after it in the
 * message (nothing else may stand between), within reach and in the same clause. Looking at the
 * neighbours only keeps this linear in the length of the message.
 */
function neighbours(
  items: readonly Item[],
  position: number,
  tokens: readonly Token[],
  reachAfter = REACH_AFTER,
): Candidate[] {
  const word = items[position] as Item;
  const found: Candidate[] = [];
  const after = items[position + 1];
  if (isWorkAmount(after)) {
    const gap = after.first - word.last - 1;
    if (gap >= 0 && gap <= reachAfter && noClauseBreak(tokens, word.last, after.first)) {
      found.push({ item: after, gap, after: true });
    }
  }
  const before = items[position - 1];
  if (isWorkAmount(before)) {
    const gap = word.first - before.last - 1;
    let linked = gap >= 0 && gap <= REACH_BEFORE;
    for (let i = before.last + 1; linked && i < word.first; i += 1)
      linked = LINK_BEFORE.has(wordAt(tokens, i) ?? '');
    if (linked) found.push({ item: before, gap, after: false });
  }
  return found;
}

export function amountMinutes(item: Amount): number {
  return item.type === 'duration' ? item.minutes : item.end - item.start;
}

/** A plain number as a break: hours up to 3 ("Pause 1"), else minutes ("Pause 30"). */
function breakMinutes(item: Amount): number {
  if (item.type === 'range' || !item.bare) return amountMinutes(item);
  const value = item.minutes / 60;
  return value <= 3 ? item.minutes : value;
}

/**
 * Decides the role of each amount, on copies of the items (the same items are interpreted again
 * for each reading of an ambiguous message):
 * - an amount right before or after a break word is the break ("1 hour break", "Pause 30 Min",
 *   "avec 45 min de pause"); when one stands on each side, the shorter one ("8h Pause 30 min");
 *   a plain number there is hours up to 3, else minutes ("Pause 30");
 * - a range next to a break word that lies inside another range is the break ("9-17, Pause 12-13");
 * - an amount right after an absence word, else right before it, is that absence's length
 *   ("sick 4h", "4 Stunden krank"); a negated absence ("pas malade") is dropped.
 */
export function assignRoles(source: readonly Item[], tokens: readonly Token[]): Item[] {
  const items: Item[] = [];
  for (const original of source) {
    const item: Item = { ...original };
    if (item.type === 'tag' && item.tag.tag === 'absence' && isNegated(item, items)) continue;
    items.push(item);
  }
  const ranges = items.filter((item): item is RangeItem => item.type === 'range');

  items.forEach((_, position) => {
    const taken = rejectedAt(items, position);
    if (taken) taken.role = 'rejected';
  });

  items.forEach((word, position) => {
    if (word.type !== 'tag' || word.tag.tag !== 'break') return;
    const candidates = neighbours(items, position, tokens);
    const duration = candidates
      .filter(({ item }) => item.type === 'duration')
      .sort((a, b) => a.gap - b.gap || breakMinutes(a.item) - breakMinutes(b.item))[0];
    if (duration?.item.type === 'duration') {
      duration.item.minutes = breakMinutes(duration.item);
      duration.item.bare = false;
      duration.item.role = 'break';
      return;
    }
    const inner = candidates
      .filter(({ item }) => item.type === 'range')
      .filter(({ item }) =>
        ranges.some(
          (outer) =>
            outer !== item &&
            outer.start <= (item as RangeItem).start &&
            (item as RangeItem).end <= outer.end,
        ),
      )
      .sort((a, b) => a.gap - b.gap)[0];
    if (inner) inner.item.role = 'break';
  });

  // A day or a time of day may stand between an absence and its amount ("training today 4h",
  // "sick this morning 4h"): they are looked through when binding the amount.
  const transparent = (item: Item) =>
    item.type === 'days' ||
    (item.type === 'tag' && !['absence', 'break', 'insteadOf', 'negation'].includes(item.tag.tag));
  const bindable = items.filter(
    (item) => !transparent(item) || (item.type === 'tag' && item.tag.tag === 'absence'),
  );
  bindable.forEach((word, position) => {
    if (word.type !== 'tag' || word.tag.tag !== 'absence') return;
    const candidates = neighbours(bindable, position, tokens, REACH_AFTER + 2).filter(
      ({ item }) => !(item.type === 'duration' && item.bare),
    );
    const chosen = candidates.find((candidate) => candidate.after) ?? candidates[0];
    if (chosen) {
      chosen.item.role = 'absence';
      word.amount = chosen.item;
    }
  });
  return items;
}

/** The amount that "instead of" / "au lieu de" / "not" / "pas" right before it takes back. */
function rejectedAt(items: readonly Item[], position: number): Amount | null {
  const word = items[position];
  const amount = items[position + 1];
  if (word?.type !== 'tag' || (word.tag.tag !== 'insteadOf' && word.tag.tag !== 'negation')) return null;
  return isWorkAmount(amount) && amount.first - word.last <= 2 ? amount : null;
}

/** Whether the message takes an amount back, which makes it a correction. */
export function takesAmountBack(items: readonly Item[]): boolean {
  return items.some((_, position) => rejectedAt(items, position) !== null);
}

/** "pas malade", "nicht krank", "non sono malato": a negation word up to two tokens before. */
function isNegated(absence: Item, before: readonly Item[]): boolean {
  for (let i = before.length - 1; i >= 0 && i >= before.length - 2; i -= 1) {
    const item = before[i] as Item;
    if (item.type === 'tag' && item.tag.tag === 'negation' && item.last >= absence.first - 2) return true;
  }
  return false;
}
