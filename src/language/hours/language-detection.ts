/**
 * Which language a message is written in: by its words first, because Teams' locale is often not
 * the writer's language (a German speaker whose Teams is in English; the Agents Playground always
 * says en-US), then by the locale hint, then English.
 */
import { normalizeText, tokenize, type Token } from './text.js';
import { LANGUAGE_MARKERS } from './vocabulary.js';

export type Language = 'fr' | 'de' | 'it' | 'en';

const LANGUAGES: readonly Language[] = ['fr', 'de', 'it', 'en'];

export function languageOfLocale(localeHint: string | undefined): Language | null {
  const primary = (localeHint ?? '').trim().toLowerCase().split(/[-_]/)[0];
  switch (primary) {
    case 'fr':
      return 'fr';
    case 'de':
    case 'gsw':
      return 'de';
    case 'it':
      return 'it';
    case 'en':
      return 'en';
    default:
      return null;
  }
}

export function detectLanguage(text: string, localeHint?: string): Language {
  return languageOf(text, tokenize(normalizeText(text)), localeHint);
}

/** `detectLanguage` over tokens already cut from `text` (the parser cuts a message once). */
export function languageOf(text: string, tokens: readonly Token[], localeHint?: string): Language {
  const scores: Record<Language, number> = { fr: 0, de: 0, it: 0, en: 0 };
  tokens.forEach((token, index) => {
    if (token.kind !== 'word') return;
    // "9am" is English, "am Montag" German.
    const previous = tokens[index - 1];
    if (
      (token.text === 'am' || token.text === 'pm') &&
      (previous?.kind === 'number' || previous?.kind === 'clock')
    ) {
      scores.en += 1;
      return;
    }
    for (const language of LANGUAGES) {
      if (LANGUAGE_MARKERS[language].has(token.text)) scores[language] += 1;
    }
  });
  // Letters that only one of the languages uses settle close calls ("lunedì", "Büro", "été").
  if (/[éèêç]/i.test(text)) scores.fr += 1;
  if (/[äöüß]/i.test(text)) scores.de += 1;
  if (/[ìòù]/i.test(text)) scores.it += 1;

  const best = Math.max(...LANGUAGES.map((language) => scores[language]));
  const hinted = languageOfLocale(localeHint);
  if (best === 0) return hinted ?? 'en';
  const leaders = LANGUAGES.filter((language) => scores[language] === best);
  if (hinted && leaders.includes(hinted)) return hinted;
  return leaders[0] ?? 'en';
}
