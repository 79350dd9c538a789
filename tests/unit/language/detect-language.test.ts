import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/language/hours/understand-hours.js';

describe('detecting the language of a message', () => {
  it.each([
    ['Ich habe heute 8 Stunden gearbeitet', 'en-US', 'de'],
    ['gestern krank', 'en-US', 'de'],
    ['Montag 8-12 und 13-16:30', 'fr-CH', 'de'],
    ["J'ai travaillé 8h hier", 'en-US', 'fr'],
    ['malade lundi', 'de-CH', 'fr'],
    ['de 8h à 12h et de 13h30 à 17h', 'en-US', 'fr'],
    ['Ho lavorato 8 ore ieri', 'en-US', 'it'],
    ['dalle 8 alle 12 e dalle 13 alle 17', 'de-CH', 'it'],
    ['lunedì 8 ore', 'fr-CH', 'it'],
    ['I worked 8 hours yesterday', 'de-CH', 'en'],
    ['9am-5pm', 'de-CH', 'en'],
  ])('"%s" (Teams in %s) is %s, by its words', (text, hint, language) => {
    expect(detectLanguage(text, hint)).toBe(language);
  });

  it('follows the locale hint when the words do not tell', () => {
    expect(detectLanguage('8h', 'fr-CH')).toBe('fr');
    expect(detectLanguage('8-12', 'de-CH')).toBe('de');
    expect(detectLanguage('7,5', 'it-IT')).toBe('it');
    expect(detectLanguage('8h', 'gsw')).toBe('de');
  });

  it('defaults to English without words or a known locale', () => {
    expect(detectLanguage('8h')).toBe('en');
    expect(detectLanguage('8h', 'ja-JP')).toBe('en');
    expect(detectLanguage('')).toBe('en');
  });

  it('settles a tie between languages with the hint', () => {
    // "pause" is French and German alike.
    expect(detectLanguage('pause', 'de-CH')).toBe('de');
    expect(detectLanguage('pause', 'fr-CH')).toBe('fr');
  });
});
