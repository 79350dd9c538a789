/**
 * Understanding what people write about their hours, in French, German, Italian and English —
 * pure, shared by the bot and the tab's quick entry.
 *
 * A message is recorded at once when it is clear ("8h", "Montag 8-12 und 13-16:30", "malade
 * hier"); it is `incomplete` when something needed is missing, `ambiguous` when it reads two ways
 * (the bot then asks, never guesses), and `not_hours` when it is about something else.
 *
 * Reading rules — the decisions on the unclear cases:
 * - Language: by the words first (a German speaker whose Teams is in English is understood), then
 *   the locale hint, then English.
 * - Days: no day means today, for amounts and absences alike ("8h", "malade"). A weekday is its
 *   latest occurrence up to and including today; "last"/"dernier"/"letzten"/"scorso" one strictly
 *   before, "next"/"prochain"/"nächsten"/"prossimo" one strictly after. Short names ("Mo", "Di",
 *   "lun", "mer") count only before an amount, a time, a date or an absence, or in a span
 *   ("Mo-Fr"); the German two-letter ones only in a German message. A date without a year is
 *   its occurrence nearest to today, ties to the past ("25.11." → the day before yesterday on
 *   2026-11-26, "3.12." → the coming 3 December, a planned absence; the hours rules refuse work on
 *   a future day with a clear message). "Most recent, never future" was rejected: it would file
 *   "Ferien 22.12." eleven months back without a word. Spans ("du 23 au 25", "Monday to
 *   Wednesday", "seit Montag") give every day of the span, at most 31.
 * - Amounts: "8h", "7.5h", "7h30" (outside a range a duration), "7 heures et demie", "otto ore".
 *   A plain number is hours only next to a day, a place or a work verb ("8 today", "worked 8");
 *   "8" alone is not_hours. More than 24 hours in a day is asked ("75h" offers 7.5 h).
 * - Ranges: "8-12", "8h-12h" (a time inside a range), "dalle 8 alle 12". "8-5" reads 08:00–17:00
 *   (an end before the start, written as a plain 1–12, is the afternoon); "1-5" (plain numbers
 *   ending at 7 or earlier) offers night and afternoon, unless it follows a morning range ("8-12
 *   and 1-5" is 13:00–17:00); "22-6", "8-8" are asked. Minutes worked = sum of the ranges − the
 *   stated break; a gap between ranges is not a stated break (`breakMinutes` stays null). Ranges
 *   and a total that disagree ("8-17, 8h") are asked.
 * - Breaks: an amount right before or after a break word ("1 hour break", "Pause 30 Min",
 *   "avec 45 min de pause"), a range inside another one ("9-17, Pause 12-13"); "sans pause" = 0.
 *   Next to a total without ranges, a break is recorded but not subtracted ("8h, 30 min lunch").
 * - Absences: with a day and no amount, a full day (minutes null); an explicit amount sets the
 *   minutes ("sick 4h"). Half a day without an amount ("malade l'après-midi") or an absence
 *   without an amount on a day that is also worked is `incomplete` (missing the duration): the
 *   language layer does not know the person's daily target. A doctor's appointment is sickness.
 *   Spans: "du 23 au 25", "Monday to Wednesday", "Nov 23-25", "seit Montag" (up to today),
 *   "jusqu'à vendredi" / "bis Freitag" (from today).
 * - Places: one per statement; a day split between places ("4h Büro, 4h Homeoffice") gives one
 *   statement per place.
 * - Incomplete: a work verb, "hours" or a break word without an amount ("worked from home":
 *   missing day and duration), a day with a place but no amount ("heute Homeoffice": missing the
 *   duration), a week or a count of days without a date ("3 jours de vacances": missing the day).
 * - not_hours: questions ("?" anywhere, or a first word such as when/quand/wann/quando), support
 *   and equipment words without an explicit work verb or absence ("VPN down for 2 hours"),
 *   greetings, nonsense, and texts longer than 1,500 characters (a pasted document).
 * - "instead"/"plutôt"/"stattdessen"/"invece"/"correction"/"korrigiere" set `replace`; so does
 *   an amount taken back ("7h au lieu de 8h", "not 8h but 7h", "7 Stunden statt 8"), which is
 *   not counted.
 * - "Mittwoch frei", "mercredi libre": nothing is recorded for that day (a day off is not an
 *   absence to file).
 */
import type { AbsenceKind, WorkPlace } from '../../domain/hours/hours-entry.js';
import type { CalendarDate } from '../../domain/shared/calendar-date.js';
import { assignRoles, extractItems, takesAmountBack, type Item, type ParseContext } from './items.js';
import { detectLanguage, languageOf, type Language } from './language-detection.js';
import type { Tag } from './phrases.js';
import { interpret, type Interpretation, type MessageFlags, type Settle } from './statements.js';
import { normalizeText, tokenize, type Token } from './text.js';
import { QUESTION_STARTERS } from './vocabulary.js';

export { detectLanguage, type Language } from './language-detection.js';

export interface HoursUnderstandingInput {
  text: string;
  /** The activity's locale ('en-US', 'fr-CH'…): used when the words do not tell the language. */
  localeHint?: string;
  /** The user's local date; relative days and dates without a year are resolved against it. */
  today: CalendarDate;
}

export type HoursUnderstanding =
  | { kind: 'log'; language: Language; replace: boolean; days: DayStatement[] }
  | {
      kind: 'incomplete';
      language: Language;
      missing: 'day' | 'duration' | 'day_and_duration';
      partial: Partial<DayStatement>;
    }
  | { kind: 'ambiguous'; language: Language; readings: DayStatement[][]; reason: string }
  | { kind: 'not_hours'; language: Language };

export interface DayStatement {
  date: CalendarDate;
  work: WorkStatement | null;
  absence: AbsenceStatement | null;
  place: WorkPlace | null;
}

export interface WorkStatement {
  /** Minutes worked: the sum of the ranges minus the stated break, or the amount written. */
  minutes: number;
  ranges: { start: string; end: string }[];
  /** The break that was written ("1 hour break", "sans pause" = 0); null when none was. */
  breakMinutes: number | null;
}

export interface AbsenceStatement {
  kind: AbsenceKind;
  /** null = the full day. */
  minutes: number | null;
}

const DAY_MINUTES = 24 * 60;

/**
 * A chat line about hours is short (a whole week with ranges and places is about 500
 * characters); a longer text is a pasted document, not read as hours. This also bounds the work
 * done per message.
 */
export const MAX_HOURS_MESSAGE_LENGTH = 1500;

function isQuestion(tokens: readonly Token[]): boolean {
  if (tokens.some((token) => token.kind === 'question')) return true;
  const first = tokens[0];
  return first?.kind === 'word' && QUESTION_STARTERS.has(first.text);
}

function hasTag(items: readonly Item[], tag: Tag['tag']): boolean {
  return items.some((item) => item.type === 'tag' && item.tag.tag === tag);
}

function flagsOf(items: readonly Item[]): MessageFlags {
  return {
    workVerb: hasTag(items, 'work'),
    hoursNoun: hasTag(items, 'hoursNoun'),
    breakWord: hasTag(items, 'break') || hasTag(items, 'noBreak'),
  };
}

function run(items: readonly Item[], ctx: ParseContext, flags: MessageFlags, settle: Settle): Interpretation {
  return interpret(assignRoles(items, ctx.tokens), ctx.tokens, ctx.today, flags, settle);
}

/** Whether the statements of some day add up to more than 24 hours. */
function overfullDay(days: readonly DayStatement[]): boolean {
  const totals = new Map<CalendarDate, number>();
  for (const day of days) {
    const minutes = (day.work?.minutes ?? 0) + (day.absence?.minutes ?? 0);
    totals.set(day.date, (totals.get(day.date) ?? 0) + minutes);
  }
  return [...totals.values()].some((total) => total > DAY_MINUTES);
}

function logged(result: Interpretation): DayStatement[] | null {
  return result.kind === 'log' && !overfullDay(result.days) ? result.days : null;
}

export function understandHours(input: HoursUnderstandingInput): HoursUnderstanding {
  if (input.text.length > MAX_HOURS_MESSAGE_LENGTH) {
    return {
      kind: 'not_hours',
      language: detectLanguage(input.text.slice(0, MAX_HOURS_MESSAGE_LENGTH), input.localeHint),
    };
  }
  const tokens = tokenize(normalizeText(input.text));
  const language = languageOf(input.text, tokens, input.localeHint);
  if (isQuestion(tokens)) return { kind: 'not_hours', language };

  const ctx: ParseContext = { tokens, language, today: input.today };
  const items = extractItems(ctx);
  const hasAbsence = hasTag(items, 'absence');
  // "VPN down for 2 hours today" is a support problem; "worked 8h, VPN slow" is still hours.
  const strongWorkVerb = items.some(
    (item) => item.type === 'tag' && item.tag.tag === 'work' && item.tag.strong,
  );
  if (hasTag(items, 'support') && !strongWorkVerb && !hasAbsence) {
    return { kind: 'not_hours', language };
  }
  const flags = flagsOf(items);
  const replace = hasTag(items, 'replace') || hasTag(items, 'insteadOf') || takesAmountBack(items);
  const ambiguous = (reason: string, readings: DayStatement[][]): HoursUnderstanding => ({
    kind: 'ambiguous',
    language,
    readings,
    reason,
  });

  // "3 jours de vacances", "40 Stunden diese Woche": no day can be told.
  const hasDay = items.some((item) => item.type === 'days');
  const hasAmount = items.some((item) => item.type === 'range' || (item.type === 'duration' && !item.bare));
  if (hasTag(items, 'period') && !hasDay && (hasAmount || hasAbsence)) {
    const result = run(items, ctx, flags, 'ranges');
    const first = result.kind === 'log' ? result.days[0] : undefined;
    const partial: Partial<DayStatement> = {};
    if (first?.absence) partial.absence = { ...first.absence, minutes: null };
    if (first?.work && first.work.minutes <= DAY_MINUTES) partial.work = first.work;
    if (first?.place) partial.place = first.place;
    return { kind: 'incomplete', language, missing: 'day', partial };
  }

  // A date that does not exist ("31.11."), in a message that records something: asked about.
  const problem = items.find((item) => item.type === 'problem');
  if (problem?.type === 'problem' && (hasAmount || hasAbsence || flags.workVerb)) {
    return ambiguous(problem.reason, []);
  }

  // Something that reads two ways, or not at all as written: offer the sensible readings.
  const uncertain = items.find(
    (item) =>
      (item.type === 'duration' && !item.bare && item.reason !== null) ||
      (item.type === 'range' && item.reason !== null),
  );
  if (uncertain && (uncertain.type === 'duration' || uncertain.type === 'range')) {
    const readings: DayStatement[][] = [];
    const alternatives: Item[] =
      uncertain.type === 'duration'
        ? uncertain.alternatives.map((minutes) => ({ ...uncertain, minutes, reason: null, alternatives: [] }))
        : uncertain.alternatives.map((span) => ({ ...uncertain, ...span, reason: null, alternatives: [] }));
    for (const alternative of alternatives) {
      const days = logged(
        run(
          items.map((item) => (item === uncertain ? alternative : item)),
          ctx,
          flags,
          'ranges',
        ),
      );
      if (days) readings.push(days);
    }
    return ambiguous(uncertain.reason ?? 'ambiguous', readings);
  }

  const result = run(items, ctx, flags, 'ask');
  switch (result.kind) {
    case 'nothing':
      return { kind: 'not_hours', language };
    case 'incomplete':
      return { kind: 'incomplete', language, missing: result.missing, partial: result.partial };
    case 'impossible':
      return ambiguous(result.reason, []);
    case 'disagree': {
      // "8-17, 8h": the ranges say 9 hours, the total 8 — offer both.
      const readings = (['ranges', 'total'] as const)
        .map((settle) => logged(run(items, ctx, flags, settle)))
        .filter((days): days is DayStatement[] => days !== null);
      return ambiguous('ranges_and_total_disagree', readings);
    }
    case 'log':
      if (overfullDay(result.days)) return ambiguous('more_than_24_hours', []);
      return { kind: 'log', language, replace, days: result.days };
  }
}
