/**
 * Normalizing and cutting a chat message into tokens.
 *
 * Everything downstream works on lower-case ASCII words: accents are stripped ("lunedì" →
 * "lunedi", "Büro" → "buro"), so a message typed on a keyboard without accents is understood the
 * same way. Hyphenated words are joined ("avant-hier", "après-midi"), except two weekdays ("Mo-Fr",
 * a span). The lexer is one linear regular expression (no nested quantifiers), so a message is
 * cut in a single pass.
 */
import { HOUR_UNITS, MINUTE_UNITS, SHORT_WEEKDAYS, WEEKDAYS } from './vocabulary.js';

export type Token =
  | { kind: 'word'; text: string }
  | {
      kind: 'number';
      text: string;
      value: number;
      /** The digits before the decimal separator, and after it (null for a whole number). */
      whole: number;
      fraction: string | null;
      separator: '.' | ',' | null;
    }
  /** `13:00` — a wall-clock time, or a duration outside a range. */
  | { kind: 'clock'; text: string; hours: number; minutes: number; leadingZero: boolean }
  /** `7h30` — a duration outside a range, a time inside one. */
  | { kind: 'hm'; text: string; hours: number; minutes: number }
  | { kind: 'date'; text: string; day: number; month: number; year: number | null }
  | { kind: 'dash'; text: string }
  | { kind: 'separator'; text: string }
  | { kind: 'question'; text: string };

export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/(\d)\s*½/g, '$1.5')
      .replace(/½/g, '0.5')
      // "7 1/2 Stunden": a half, not the first of February.
      .replace(/(\d)\s+1\/2(?![\d/])/g, '$1.5')
      .replace(/[‐‑‒–—―−]/g, '-')
      .replace(/[’‘`´ʼ]/g, "'")
      .replace(/(^|[^a-z])([ap])\.m\.?/g, '$1$2m')
      // "aujourd'hui", "l'altro ieri", "mezz'ora": the apostrophe separates words.
      .replace(/'/g, ' ')
  );
}

const TOKEN_PATTERN = new RegExp(
  [
    /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.source, // 1-3: 2026-11-25
    String.raw`(\d{1,2})([./-])(\d{1,2})\5(\d{4}|\d{2})(?!\d)`, // 4-7: 25.11.2026, 25/11/26 (same separator twice)
    /(\d{1,2})\.(\d{1,2})\.(?!\d)/.source, // 8-9: 25.11.
    /(\d{1,2})\/(\d{1,2})(?![\d/])/.source, // 10-11: 25/11
    /(\d{1,2}):(\d{2})(?!\d)/.source, // 12-13: 13:30
    /(\d{1,2})h(\d{2})(?!\d)/.source, // 14-15: 7h30
    /(\d+)(?:([.,])(\d+))?/.source, // 16-18: 8, 7.5, 7,5
    /([a-z]+)/.source, // 19
    /(-)/.source, // 20
    /(\?)/.source, // 21
    /([,;.!:+&/\n])/.source, // 22
  ].join('|'),
  'g',
);

const NUMBER_PATTERN = /(\d+)(?:([.,])(\d+))?|([,;.!:+&/-])/g;

export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  // Where each token ends in the text, to tell "avant-hier" (one word) from "lundi - mardi".
  const ends: number[] = [];
  for (const match of normalized.matchAll(TOKEN_PATTERN)) {
    const text = match[0];
    const g: (string | undefined)[] = match;
    if (g[1] !== undefined) {
      pushDate(tokens, text, Number(g[3]), Number(g[2]), Number(g[1]));
    } else if (g[4] !== undefined) {
      const year = g[7] ?? '';
      pushDate(
        tokens,
        text,
        Number(g[4]),
        Number(g[6]),
        year.length === 2 ? 2000 + Number(year) : Number(year),
      );
    } else if (g[8] !== undefined) {
      pushDate(tokens, text, Number(g[8]), Number(g[9]), null);
    } else if (g[10] !== undefined) {
      pushDate(tokens, text, Number(g[10]), Number(g[11]), null);
    } else if (g[12] !== undefined) {
      const hours = Number(g[12]);
      tokens.push({ kind: 'clock', text, hours, minutes: Number(g[13]), leadingZero: text.startsWith('0') });
    } else if (g[14] !== undefined) {
      tokens.push({ kind: 'hm', text, hours: Number(g[14]), minutes: Number(g[15]) });
    } else if (g[16] !== undefined) {
      tokens.push(numberToken(text, g[16] ?? '', g[17], g[18]));
    } else if (g[19] !== undefined) {
      if (joinsHyphenated(tokens, ends, match.index, text)) {
        ends.length = tokens.length;
        ends[tokens.length - 1] = match.index + text.length;
        continue;
      }
      tokens.push({ kind: 'word', text });
    } else if (g[20] !== undefined) {
      tokens.push({ kind: 'dash', text });
    } else if (g[21] !== undefined) {
      tokens.push({ kind: 'question', text });
    } else {
      tokens.push({ kind: 'separator', text });
    }
    while (ends.length < tokens.length) ends.push(match.index + text.length);
    ends.length = tokens.length;
  }
  return tokens;
}

/**
 * "avant-hier", "après-midi", "home-office", "demi-heure", "est-ce" are one word: a word written
 * right after "word-" joins it. Two weekdays around a hyphen stay apart ("Mo-Fr",
 * "lundi-mercredi" are spans of days).
 */
function joinsHyphenated(tokens: Token[], ends: readonly number[], start: number, text: string): boolean {
  const dash = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2];
  if (dash?.kind !== 'dash' || before?.kind !== 'word') return false;
  if (ends[ends.length - 1] !== start || ends[ends.length - 2] !== start - 1) return false;
  if (isWeekdayName(before.text) && isWeekdayName(text)) return false;
  // "8h-Mittag" is a range, not a word.
  if (HOUR_UNITS.has(before.text) || MINUTE_UNITS.has(before.text)) return false;
  tokens.splice(tokens.length - 2, 2, { kind: 'word', text: before.text + text });
  return true;
}

function isWeekdayName(word: string): boolean {
  return WEEKDAYS.has(word) || SHORT_WEEKDAYS.has(word);
}

function numberToken(
  text: string,
  whole: string,
  separator: string | undefined,
  fraction: string | undefined,
): Token {
  const sep = separator === '.' || separator === ',' ? separator : null;
  const value = Number(fraction === undefined ? whole : `${whole}.${fraction}`);
  return { kind: 'number', text, value, whole: Number(whole), fraction: fraction ?? null, separator: sep };
}

/** A date-looking token that is no date ("12.00." at the end of a sentence) is cut again as numbers. */
function pushDate(tokens: Token[], text: string, day: number, month: number, year: number | null): void {
  if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
    tokens.push({ kind: 'date', text, day, month, year });
    return;
  }
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    if (match[1] !== undefined) tokens.push(numberToken(match[0], match[1], match[2], match[3]));
    else if (match[0] === '-') tokens.push({ kind: 'dash', text: '-' });
    else tokens.push({ kind: 'separator', text: match[0] });
  }
}

export function wordAt(tokens: readonly Token[], index: number): string | null {
  const token = tokens[index];
  return token?.kind === 'word' ? token.text : null;
}

const CLAUSE_SEPARATORS = new Set([',', ';', '.', '!', '\n']);

/** Punctuation that ends a clause (not ":" — "Pause: 30 min" is one clause). */
export function isClauseSeparator(token: Token | undefined): boolean {
  return token?.kind === 'separator' && CLAUSE_SEPARATORS.has(token.text);
}
