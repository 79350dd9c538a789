/**
 * From items to day statements: items are grouped by the day they are about, then each group
 * becomes one statement per day (or one per place, when a day was split between places).
 *
 * Grouping: a day opens a group ("Monday 8h, Tuesday 7h30"); a day that follows what it qualifies
 * closes its group ("8h today, 7h yesterday"); days listed together share what follows
 * ("lundi et mardi malade"); what comes before any day is today's ("8h, Monday 7h"), and what
 * follows a day without a day of its own stays on it ("8h yesterday, from home").
 */
import type { AbsenceKind, WorkPlace } from '../../domain/hours/hours-entry.js';
import type { CalendarDate } from '../../domain/shared/calendar-date.js';
import { amountMinutes, type DurationItem, type Item, type RangeItem, type TagItem } from './items.js';
import { isClauseSeparator, wordAt, type Token } from './text.js';
import { formatTime } from './time-ranges.js';
import type { AbsenceStatement, DayStatement, WorkStatement } from './understand-hours.js';
import { AND_WORDS } from './vocabulary.js';

/** What the message says overall, beyond its days and amounts. */
export interface MessageFlags {
  workVerb: boolean;
  hoursNoun: boolean;
  breakWord: boolean;
}

/** How to settle ranges and a total that disagree ("8-17, 8h"): ask first, then offer both. */
export type Settle = 'ask' | 'ranges' | 'total';

export type Interpretation =
  | { kind: 'log'; days: DayStatement[] }
  | { kind: 'incomplete'; missing: 'day' | 'duration' | 'day_and_duration'; partial: Partial<DayStatement> }
  | { kind: 'disagree' }
  | { kind: 'impossible'; reason: string }
  | { kind: 'nothing' };

interface Group {
  days: CalendarDate[];
  items: Item[];
  /** Whether it holds an amount of work or an absence yet. */
  hasPrimary: boolean;
  /** A day came after the group's content ("8h today"): more content starts a new group. */
  closed: boolean;
}

type Amount = DurationItem | RangeItem;

function isAmount(item: Item): item is Amount {
  return item.type === 'duration' || item.type === 'range';
}

function isPrimary(item: Item): boolean {
  return (isAmount(item) && item.role === 'work') || (item.type === 'tag' && item.tag.tag === 'absence');
}

function isSecondary(item: Item): boolean {
  if (isAmount(item)) return item.role === 'break' || item.role === 'absence';
  return item.type === 'tag' && ['place', 'halfDay', 'break', 'noBreak', 'dayOff'].includes(item.tag.tag);
}

/**
 * Answers "is there a comma, a full stop or an and between these two tokens?" in constant time,
 * from the count of clause breaks before each token.
 */
class ClauseBreaks {
  private readonly before: number[];

  constructor(tokens: readonly Token[]) {
    this.before = [0];
    tokens.forEach((token, index) => {
      const isBreak = isClauseSeparator(token) || AND_WORDS.has(wordAt(tokens, index) ?? '');
      this.before.push((this.before[index] ?? 0) + (isBreak ? 1 : 0));
    });
  }

  /** Between token `from` and token `to`, both excluded. */
  between(from: number, to: number): boolean {
    if (to <= from + 1) return false;
    return (this.before[to] ?? 0) - (this.before[from + 1] ?? 0) > 0;
  }
}

function groupByDay(items: readonly Item[], clauses: ClauseBreaks): Group[] {
  // For each item, the next day or primary item after it (computed backwards: linear time).
  const following: (Item | undefined)[] = [];
  for (let i = items.length - 1, next: Item | undefined; i >= 0; i -= 1) {
    following[i] = next;
    const item = items[i] as Item;
    if (item.type === 'days' || isPrimary(item)) next = item;
  }
  const groups: Group[] = [{ days: [], items: [], hasPrimary: false, closed: false }];
  let lastWasDay = false;
  let lastContent = -1;
  items.forEach((item, position) => {
    let group = groups[groups.length - 1] as Group;
    const open = (days: CalendarDate[]): Group => {
      group = { days, items: [], hasPrimary: false, closed: false };
      groups.push(group);
      return group;
    };
    if (item.type === 'days') {
      if (group.days.length === 0) {
        if (
          group.hasPrimary &&
          clauses.between(lastContent, item.first) &&
          following[position] !== undefined &&
          isPrimary(following[position] as Item)
        ) {
          open([...item.dates]);
        } else {
          group.days.push(...item.dates);
          group.closed = group.hasPrimary;
        }
      } else if (lastWasDay) {
        group.days.push(...item.dates);
      } else {
        open([...item.dates]);
      }
      lastWasDay = true;
      return;
    }
    if (isPrimary(item)) {
      if (group.closed) open([]);
      group.items.push(item);
      group.hasPrimary = true;
    } else if (isSecondary(item)) {
      if (group.closed && clauses.between(lastContent, item.first)) open([]);
      group.items.push(item);
    } else {
      return;
    }
    lastContent = item.last;
    lastWasDay = false;
  });

  // What follows a closed group without a day of its own stays on that group's day:
  // "8h yesterday, from home", "sick yesterday afternoon, worked 8-12".
  const merged: Group[] = [];
  for (const group of groups) {
    const previous = merged[merged.length - 1];
    if (previous && group.days.length === 0) {
      previous.items.push(...group.items);
      previous.hasPrimary ||= group.hasPrimary;
    } else merged.push(group);
  }
  return merged.filter((group) => group.days.length > 0 || group.items.length > 0);
}

interface Part {
  place: WorkPlace | null;
  work: Amount[];
  breaks: Amount[];
}

function distance(clauses: ClauseBreaks, a: Item, b: Item): number {
  const [left, right] = a.first < b.first ? [a, b] : [b, a];
  return right.first - left.last + (clauses.between(left.last, right.first) ? 1 : 0);
}

/** A day split between places ("4h Büro, 4h Homeoffice") gives one part per place. */
function partsOf(group: Group, clauses: ClauseBreaks): Part[] {
  const places = group.items.filter(
    (item): item is TagItem & { tag: { tag: 'place'; place: WorkPlace } } =>
      item.type === 'tag' && item.tag.tag === 'place',
  );
  const work = group.items.filter((item): item is Amount => isAmount(item) && item.role === 'work');
  const breaks = group.items.filter((item): item is Amount => isAmount(item) && item.role === 'break');
  const distinct = [...new Set(places.map((item) => item.tag.place))];
  if (distinct.length <= 1) return [{ place: distinct[0] ?? null, work, breaks }];

  const placesFirst = (places[0]?.first ?? 0) < (work[0]?.first ?? 0);
  const parts = distinct.map((place): Part => ({ place, work: [], breaks: [] }));
  const partOf = (place: WorkPlace) => parts.find((part) => part.place === place) as Part;
  // Places and amounts are both in message order: the nearest place is the last one before the
  // amount or the first one after it (one pass).
  let next = 0;
  for (const amount of work) {
    while (next < places.length && (places[next] as TagItem).first < amount.first) next += 1;
    let best: { place: WorkPlace; score: number } | null = null;
    for (const place of [places[next - 1], places[next]]) {
      if (!place) continue;
      const preferred = placesFirst ? place.first < amount.first : place.first > amount.first;
      const score = distance(clauses, place, amount) * 2 + (preferred ? 0 : 1);
      if (!best || score < best.score) best = { place: place.tag.place, score };
    }
    if (best) partOf(best.place).work.push(amount);
  }
  for (const amount of breaks) {
    let nearest: Amount | undefined;
    for (const candidate of work) {
      if (!nearest || distance(clauses, candidate, amount) < distance(clauses, nearest, amount))
        nearest = candidate;
    }
    const part = parts.find((candidate) => nearest && candidate.work.includes(nearest)) ?? parts[0];
    part?.breaks.push(amount);
  }
  return parts.filter((part) => part.work.length > 0);
}

type WorkOutcome = { work: WorkStatement | null } | { problem: 'disagree' | 'break_longer_than_work' };

function workOf(part: Part, noBreak: boolean, settle: Settle): WorkOutcome {
  const ranges = part.work.filter((item): item is RangeItem => item.type === 'range');
  const durations = part.work.filter((item): item is DurationItem => item.type === 'duration');
  const stated =
    part.breaks.length > 0
      ? part.breaks.reduce((sum, item) => sum + amountMinutes(item), 0)
      : noBreak
        ? 0
        : null;
  const total = durations.reduce((sum, item) => sum + item.minutes, 0);
  if (ranges.length === 0) {
    return { work: durations.length > 0 ? { minutes: total, ranges: [], breakMinutes: stated } : null };
  }
  const net = ranges.reduce((sum, item) => sum + item.end - item.start, 0) - (stated ?? 0);
  if (net <= 0) return { problem: 'break_longer_than_work' };
  if (durations.length > 0 && total !== net) {
    if (settle === 'ask') return { problem: 'disagree' };
    if (settle === 'total') return { work: { minutes: total, ranges: [], breakMinutes: stated } };
  }
  return {
    work: {
      minutes: net,
      ranges: ranges.map((item) => ({ start: formatTime(item.start), end: formatTime(item.end) })),
      breakMinutes: stated,
    },
  };
}

function absencesOf(group: Group): AbsenceStatement[] {
  const byKind = new Map<AbsenceKind, AbsenceStatement>();
  for (const item of group.items) {
    if (item.type !== 'tag' || item.tag.tag !== 'absence') continue;
    const minutes = item.amount ? amountMinutes(item.amount) : null;
    const known = byKind.get(item.tag.kind);
    if (!known) byKind.set(item.tag.kind, { kind: item.tag.kind, minutes });
    else if (minutes !== null) known.minutes = (known.minutes ?? 0) + minutes;
  }
  return [...byKind.values()];
}

/**
 * Interprets items whose roles are assigned (`assignRoles`). `today` is the day of what comes
 * before any day; `settle` says how ranges and a total that disagree are treated.
 */
export function interpret(
  items: readonly Item[],
  tokens: readonly Token[],
  today: CalendarDate,
  flags: MessageFlags,
  settle: Settle,
): Interpretation {
  const clauses = new ClauseBreaks(tokens);
  const groups = groupByDay(items, clauses);
  const days: DayStatement[] = [];
  let incomplete: Extract<Interpretation, { kind: 'incomplete' }> | null = null;
  let dangling: Partial<DayStatement> | null = null;
  const intent = flags.workVerb || flags.hoursNoun || flags.breakWord;

  for (const group of groups) {
    const hasPlace = group.items.some((item) => item.type === 'tag' && item.tag.tag === 'place');
    // Plain numbers are hours only next to a day, a place or a work verb, and up to 24.
    const bareOk = group.days.length > 0 || hasPlace || flags.workVerb || flags.hoursNoun;
    group.items = group.items.filter(
      (item) => !(item.type === 'duration' && item.bare && (!bareOk || item.minutes > 24 * 60)),
    );
    const dates = group.days.length > 0 ? [...new Set(group.days)] : [today];
    const noBreak = group.items.some((item) => item.type === 'tag' && item.tag.tag === 'noBreak');
    const halfDay = group.items.some((item) => item.type === 'tag' && item.tag.tag === 'halfDay');
    const parts: { place: WorkPlace | null; work: WorkStatement }[] = [];
    for (const part of partsOf(group, clauses)) {
      const outcome = workOf(part, noBreak, settle);
      if ('problem' in outcome) {
        return outcome.problem === 'disagree'
          ? { kind: 'disagree' }
          : { kind: 'impossible', reason: outcome.problem };
      }
      if (outcome.work) parts.push({ place: part.place, work: outcome.work });
    }
    const absences = absencesOf(group);
    const place = group.items.find((item) => item.type === 'tag' && item.tag.tag === 'place');
    const groupPlace = place?.type === 'tag' && place.tag.tag === 'place' ? place.tag.place : null;

    const dayOff = group.items.some((item) => item.type === 'tag' && item.tag.tag === 'dayOff');
    if (parts.length === 0 && absences.length === 0 && dayOff) continue;
    if (parts.length === 0 && absences.length === 0) {
      // A day (or a place) with nothing to record: asked about only if the message is about hours.
      if (group.days.length > 0 || groupPlace !== null) {
        dangling ??= {
          ...(group.days.length > 0 ? { date: dates[0] as CalendarDate } : {}),
          ...(groupPlace !== null ? { place: groupPlace } : {}),
        };
      }
      continue;
    }
    // An absence without a length is a full day — unless the day is also partly worked, or only
    // half of it is meant ("malade l'après-midi"): then its length must be asked.
    const unknownLength = absences.find((absence) => absence.minutes === null);
    if (unknownLength && (halfDay || parts.length > 0)) {
      incomplete ??= {
        kind: 'incomplete',
        missing: 'duration',
        partial: {
          date: dates[0] as CalendarDate,
          work: parts[0]?.work ?? null,
          absence: unknownLength,
          place: parts[0]?.place ?? null,
        },
      };
      continue;
    }
    for (const date of dates) {
      parts.forEach((part, index) => {
        days.push({
          date,
          work: { ...part.work, ranges: part.work.ranges.map((range) => ({ ...range })) },
          absence: index === 0 && absences[0] ? { ...absences[0] } : null,
          place: part.place,
        });
      });
      absences.slice(parts.length > 0 ? 1 : 0).forEach((absence) => {
        days.push({ date, work: null, absence: { ...absence }, place: null });
      });
    }
  }

  if (incomplete) return incomplete;
  const aboutHours =
    days.length > 0 ||
    intent ||
    (dangling !== null && dangling.date !== undefined && dangling.place !== undefined);
  if (dangling && aboutHours) {
    return {
      kind: 'incomplete',
      missing: dangling.date !== undefined ? 'duration' : 'day_and_duration',
      partial: dangling,
    };
  }
  if (days.length > 0) return { kind: 'log', days };
  if (intent) return { kind: 'incomplete', missing: 'day_and_duration', partial: {} };
  return { kind: 'nothing' };
}
