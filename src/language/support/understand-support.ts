/**
 * Reads a chat message as a connectivity problem, in French, German, Italian or English (design:
 * "report connectivity problems"). Pure. Called only after the hours understanding said
 * `not_hours`, so "8h" never reaches it.
 *
 * Reading rules, first match wins:
 * - asking for a person ("I want a person", "parler à quelqu'un", "mit einem Menschen sprechen",
 *   "parlare con qualcuno") → `wantsPerson`, with the problem kind when one is named too;
 * - a token / MFA / authenticator word → vpn_token ("il token VPN non funziona");
 * - a slow or dropping word → slow_connection ("connexion très lente", "VPN langsam");
 * - "VPN" → vpn_blocked (internet works, the VPN does not: "Internet ok mais le VPN ne marche pas");
 * - a mobile-network word (4G, LTE, Empfang, copertura) → no_mobile_coverage;
 * - an internet / Wi-Fi / router word with a negation or failure word → no_home_internet;
 * - a device or tool word with a failure word → other;
 * - anything else is not a support message (`null`).
 */
import type { ProblemKind } from '../../domain/support/ticket.js';
import { detectLanguage, type Language } from '../hours/language-detection.js';
import { anyOf, wordsOf } from '../keywords.js';

export { PROBLEM_KINDS, type ProblemKind } from '../../domain/support/ticket.js';

export interface SupportUnderstanding {
  problem: ProblemKind;
  /** The person asked for a human: a ticket is opened at once, without the first-line fix. */
  wantsPerson: boolean;
  language: Language;
}

/** Messages longer than this are not read (a pasted log is not a chat message). */
const MAX_LENGTH = 1000;

const PERSON = [
  /(?:speak|talk|chat) (?:to|with) (?:a |an |some )?(?:person|human|someone|somebody|agent|technician|people)/,
  / (?:i want|i need|i d like|get me) (?:a |an )?(?:person|human|real person|agent|technician) /,
  / real person /,
  / parler (?:a|avec) (?:quelqu un|une personne|un humain|un technicien|un agent|quelqu un de l it)/,
  / (?:je veux|je voudrais) (?:une personne|un humain|quelqu un|un technicien)/,
  / mit (?:einem|einer) (?:mensch|menschen|person|mitarbeiter|mitarbeiterin|techniker|technikerin)/,
  / mit jemandem (?:sprechen|reden)/,
  / (?:ich will|ich mochte|ich moechte) (?:einen menschen|eine person|jemanden)/,
  / parlare con (?:qualcuno|una persona|un operatore|un tecnico|un umano)/,
  / (?:voglio|vorrei) (?:una persona|un operatore|un tecnico|qualcuno)/,
];

const TOKEN = anyOf([
  'token',
  'tokens',
  'jeton',
  'jetons',
  'mfa',
  '2fa',
  'otp',
  'authenticator',
  'authentificator',
  'yubikey',
  'securid',
  'code de securite',
  'sicherheitscode',
  'codice di sicurezza',
]);

const SLOW = anyOf([
  'slow',
  'very slow',
  'lag',
  'lagging',
  'keeps dropping',
  'drops',
  'dropping',
  'unstable',
  'lent',
  'lente',
  'lents',
  'instable',
  'se coupe',
  'coupe sans arret',
  'langsam',
  'instabil',
  'bricht (?:immer wieder )?ab',
  'bricht standig ab',
  'lento',
  'lenta',
  'instabile',
  'cade',
  'si interrompe',
  'si disconnette',
]);

const VPN = anyOf(['vpn', 'anyconnect', 'globalprotect', 'forticlient', 'tunnel']);

const MOBILE = anyOf([
  '4g',
  '5g',
  '3g',
  'lte',
  'mobile coverage',
  'mobile network',
  'no signal',
  'no reception',
  'reseau mobile',
  'couverture',
  'pas de reseau',
  'empfang',
  'netzabdeckung',
  'handynetz',
  'mobilfunk',
  'kein netz',
  'copertura',
  'rete mobile',
  'segnale',
  'campo',
]);

const INTERNET = anyOf([
  'internet',
  'wifi',
  'wi fi',
  'wlan',
  'router',
  'modem',
  'box',
  'fibre',
  'fiber',
  'glasfaser',
  'connection',
  'connexion',
  'verbindung',
  'connessione',
  'rete',
  'online',
  'en ligne',
]);

const FAILURE = anyOf([
  'no',
  'not',
  'none',
  'down',
  'dont',
  'doesn t',
  'doesnt',
  'does not',
  'can t',
  'cannot',
  'broken',
  'lost',
  'fails',
  'failing',
  'failed',
  'error',
  'offline',
  'pas',
  'plus',
  'aucun',
  'aucune',
  'panne',
  'perdu',
  'casse',
  'erreur',
  'marche pas',
  'kein',
  'keine',
  'keinen',
  'nicht',
  'kaputt',
  'verloren',
  'fehler',
  'ausgefallen',
  'ausfall',
  'geht nicht',
  'non',
  'niente',
  'nessuna',
  'nessun',
  'guasto',
  'rotto',
  'perso',
  'errore',
  'funziona',
]);

const TOOL = anyOf([
  'laptop',
  'computer',
  'pc',
  'ordinateur',
  'portable',
  'rechner',
  'portatile',
  'teams',
  'outlook',
  'email',
  'e mail',
  'mail',
  'password',
  'mot de passe',
  'passwort',
  'login',
  'citrix',
  'remote desktop',
  'bureau a distance',
]);

export function understandSupport(input: { text: string; localeHint?: string }): SupportUnderstanding | null {
  const text = input.text.slice(0, MAX_LENGTH);
  const words = wordsOf(text);
  if (words.trim() === '') return null;
  const language = languageOfSupport(words, detectLanguage(text, input.localeHint));
  const wantsPerson = PERSON.some((pattern) => pattern.test(words));
  const problem = problemOf(words);
  if (problem === null) return wantsPerson ? { problem: 'other', wantsPerson, language } : null;
  return { problem, wantsPerson, language };
}

function problemOf(words: string): ProblemKind | null {
  if (TOKEN.test(words)) return 'vpn_token';
  if (SLOW.test(words) && (INTERNET.test(words) || VPN.test(words) || MOBILE.test(words)))
    return 'slow_connection';
  if (VPN.test(words)) return 'vpn_blocked';
  if (MOBILE.test(words)) return 'no_mobile_coverage';
  if (INTERNET.test(words) && FAILURE.test(words)) return 'no_home_internet';
  if (TOOL.test(words) && FAILURE.test(words)) return 'other';
  return null;
}

/**
 * Short support messages carry few of the words the hours detector knows ("il token VPN non
 * funziona"): these everyday words decide, and the general detector breaks ties.
 */
const LANGUAGE_MARKERS: Record<Language, RegExp> = {
  en: / (?:my|the|does|doesn|is|not|lost|want|i|at|home|keeps|where|live|works|but|to) /g,
  fr: / (?:pas|ne|mon|ma|le|les|tout|se|marche|chez|moi|mais|est|je|veux|depuis|maison|tres|d|j|perdu|aucune|de) /g,
  de: / (?:nicht|kein|keine|mein|meine|ist|neues|geht|verloren|kaputt|zu|hause|ich|mit|und|die|das|sehr|im|dem) /g,
  it: / (?:non|il|ho|perso|casa|niente|nessuna|vorrei|voglio|funziona|connette|ma|si|con|qualcuno|e|a) /g,
};

function languageOfSupport(words: string, fallback: Language): Language {
  // Every word on its own, so that neighbouring markers both count.
  const spaced = words.replace(/ /g, '  ');
  let best: Language = fallback;
  let bestScore = 0.5;
  for (const language of ['fr', 'de', 'it', 'en'] as const) {
    const score = (spaced.match(LANGUAGE_MARKERS[language])?.length ?? 0) + (language === fallback ? 0.5 : 0);
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return best;
}
