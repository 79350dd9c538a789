/**
 * Reads a chat message as an equipment request, in French, German, Italian or English (design:
 * "request equipment"). Pure. Called before the hours and support understandings: "mi serve un
 * router 4G" names a 4G word that support would read as a coverage problem.
 *
 * Reading rules:
 * - the whole message is a catalogue word ("equipment", "matériel", "Ausrüstung", "attrezzatura",
 *   with or without "my") → the catalogue card, no kind chosen;
 * - a need phrase ("I need", "j'ai besoin", "ich brauche", "mi serve", "vorrei"…) and an item word
 *   → that kind; the first item in this order wins, so that "a screen for my laptop" is a screen:
 *   token, VPN, docking station, screen, headset, keyboard/mouse, 4G router, laptop;
 * - an item word with "for home" ("laptop for home", "ordinateur pour la maison", "Laptop für zu
 *   Hause", "portatile per casa", as the help card suggests) → that kind;
 * - a need phrase and a catalogue word but no item ("j'ai besoin de matériel") → the catalogue;
 * - a message asking for help ("I need help with my VPN") is not a request: support reads it.
 */
import type { EquipmentKind } from '../../domain/equipment/catalogue.js';
import type { Language } from '../hours/language-detection.js';
import { anyOf, wordsOf } from '../keywords.js';

export interface EquipmentUnderstanding {
  /** The kind named, or null: show the whole catalogue. */
  kind: EquipmentKind | null;
  language: Language;
}

/** Messages longer than this are not read (a pasted document is not a chat message). */
const MAX_LENGTH = 500;

const CATALOGUE_COMMANDS: Record<Language, readonly string[]> = {
  en: ['equipment', 'my equipment', 'request equipment', 'equipment request', 'hardware', 'devices'],
  fr: [
    'materiel',
    'mon materiel',
    'equipement',
    'mon equipement',
    'demande de materiel',
    'demander du materiel',
  ],
  de: [
    'ausrustung',
    'ausruestung',
    'meine ausrustung',
    'meine ausruestung',
    'gerate',
    'geraete',
    'meine gerate',
    'meine geraete',
  ],
  it: ['attrezzatura', 'la mia attrezzatura', 'materiale', 'dotazione', 'la mia dotazione'],
};

const NEED: Record<Language, RegExp> = {
  en: anyOf([
    'i need',
    'i d need',
    'i would need',
    'i d like',
    'i would like',
    'i want',
    'i require',
    'can i have',
    'can i get',
    'could i have',
    'could i get',
    'please send me',
  ]),
  fr: anyOf([
    'j ai besoin',
    'j aurais besoin',
    'besoin d',
    'besoin de',
    'il me faut',
    'il me faudrait',
    'je voudrais',
    'je veux',
    'je souhaite',
    'je souhaiterais',
    'puis je avoir',
    'pourrais je avoir',
  ]),
  de: anyOf([
    'ich brauche',
    'brauche',
    'ich benotige',
    'ich benoetige',
    'benotige',
    'ich hatte gern',
    'ich hatte gerne',
    'ich haette gern',
    'ich haette gerne',
    'ich mochte',
    'ich moechte',
    'ich will',
    'kann ich',
  ]),
  it: anyOf([
    'mi serve',
    'mi servono',
    'mi servirebbe',
    'mi occorre',
    'ho bisogno',
    'avrei bisogno',
    'vorrei',
    'voglio',
    'potrei avere',
  ]),
};

/** "for home": an item named for working from home is a request even without a need phrase. */
const FOR_HOME: Record<Language, RegExp> = {
  en: anyOf(['for home', 'for my home', 'for working from home', 'for home office', 'for the home office']),
  fr: anyOf([
    'pour la maison',
    'pour chez moi',
    'pour le domicile',
    'pour le teletravail',
    'pour travailler a la maison',
  ]),
  de: anyOf([
    'fur zu hause',
    'fuer zu hause',
    'fur zuhause',
    'fuer zuhause',
    'furs homeoffice',
    'fuers homeoffice',
    'fur das homeoffice',
    'fuer das homeoffice',
  ]),
  it: anyOf(['per casa', 'per a casa', 'per lavorare da casa', 'per il telelavoro']),
};

const HELP = anyOf([
  'help',
  'aide',
  'hilfe',
  'aiuto',
  'person',
  'personne',
  'quelqu un',
  'jemand',
  'jemanden',
  'qualcuno',
]);

/** In the order they are tried: the more specific first. */
const ITEMS: readonly [EquipmentKind, RegExp][] = [
  ['vpn_token', anyOf(['token', 'tokens', 'jeton', 'jetons', 'securid', 'yubikey', 'cle de securite'])],
  ['vpn_licence', anyOf(['vpn', 'anyconnect', 'globalprotect', 'forticlient'])],
  [
    'docking_station',
    anyOf([
      'dock',
      'docking',
      'dockingstation',
      'docking station',
      'station d accueil',
      'replicateur de port',
    ]),
  ],
  [
    'screen',
    anyOf([
      'screen',
      'screens',
      'monitor',
      'monitors',
      'display',
      'ecran',
      'ecrans',
      'moniteur',
      'bildschirm',
      'bildschirme',
      'schermo',
      'schermi',
    ]),
  ],
  [
    'headset',
    anyOf([
      'headset',
      'headphones',
      'casque',
      'micro casque',
      'ecouteurs',
      'kopfhorer',
      'kopfhoerer',
      'cuffie',
      'cuffia',
      'auricolari',
    ]),
  ],
  ['keyboard_mouse', anyOf(['keyboard', 'mouse', 'clavier', 'souris', 'tastatur', 'maus', 'tastiera'])],
  [
    'mobile_router',
    anyOf([
      '4g',
      '5g',
      'lte',
      'dongle',
      'router',
      'routeur',
      'hotspot',
      'mifi',
      'sim',
      'carte sim',
      'sim karte',
      'simkarte',
      'chiavetta',
    ]),
  ],
  [
    'laptop',
    anyOf(['laptop', 'notebook', 'ordinateur', 'portable', 'pc', 'computer', 'rechner', 'portatile']),
  ],
];

const CATALOGUE_WORD = anyOf([
  'equipment',
  'hardware',
  'materiel',
  'equipement',
  'ausrustung',
  'ausruestung',
  'gerat',
  'gerate',
  'geraete',
  'attrezzatura',
  'materiale',
  'dotazione',
]);

export function understandEquipment(input: { text: string }): EquipmentUnderstanding | null {
  const words = wordsOf(input.text.slice(0, MAX_LENGTH));
  if (words.trim() === '') return null;
  for (const [language, commands] of Object.entries(CATALOGUE_COMMANDS) as [Language, readonly string[]][]) {
    if (commands.includes(words.trim())) return { kind: null, language };
  }
  const language =
    (['fr', 'de', 'it', 'en'] as const).find((candidate) => NEED[candidate].test(words)) ??
    (['fr', 'de', 'it', 'en'] as const).find((candidate) => FOR_HOME[candidate].test(words));
  if (!language || HELP.test(words)) return null;
  const kind = ITEMS.find(([, pattern]) => pattern.test(words))?.[0];
  if (kind) return { kind, language };
  return CATALOGUE_WORD.test(words) ? { kind: null, language } : null;
}
