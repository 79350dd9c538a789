/**
 * The phrase table: word sequences that mean something for hours (absences, places, breaks,
 * "instead", relative days…), matched longest first at each word.
 */
import type { AbsenceKind, WorkPlace } from '../../domain/hours/hours-entry.js';
import { ABSENCE_PHRASES, HALF_DAY_PHRASES } from './absences.js';
import type { Language } from './language-detection.js';
import { PLACE_PHRASES } from './places.js';
import type { Token } from './text.js';
import { phrases } from './vocabulary.js';

export type Tag =
  | { tag: 'relativeDay'; offset: number }
  | { tag: 'absence'; kind: AbsenceKind }
  | { tag: 'place'; place: WorkPlace }
  | { tag: 'replace' }
  | { tag: 'break' }
  | { tag: 'noBreak' }
  | { tag: 'halfDay' }
  | { tag: 'work'; strong: boolean }
  | { tag: 'hoursNoun' }
  | { tag: 'support' }
  | { tag: 'negation' }
  | { tag: 'period' }
  | { tag: 'duration'; minutes: number }
  /** A phrase that only shields its words ("guten Morgen" is no "tomorrow"). */
  | { tag: 'ignore' }
  /** "instead of", "au lieu de", "statt": the amount after it is taken back. */
  | { tag: 'insteadOf' }
  /** "Mittwoch frei", "mercredi libre": nothing to record for that day. */
  | { tag: 'dayOff' };

interface Phrase {
  words: readonly string[];
  tags: readonly Tag[];
  only?: readonly Language[];
  except?: readonly Language[];
}

const HALF: Tag = { tag: 'halfDay' };
const rel = (offset: number): Tag => ({ tag: 'relativeDay', offset });

const RELATIVE_DAYS: readonly (readonly [readonly Tag[], readonly string[]])[] = [
  [[rel(0)], phrases('today, tonight, aujourdhui, aujourd hui, heute, oggi, stasera, ce soir')],
  [
    [rel(0), HALF],
    phrases(`
      this morning, this afternoon, ce matin, cet apresmidi, cet apres midi, heute morgen,
      heute fruh, heute vormittag, heute nachmittag, stamattina, stamane, questa mattina,
      questo pomeriggio
    `),
  ],
  [[rel(-1)], phrases('yesterday, gestern, ieri')],
  [
    [rel(-1), HALF],
    ['gestern morgen', 'gestern fruh'],
  ],
  [
    [rel(-2)],
    phrases(`
      day before yesterday, avanthier, avant hier, vorgestern, l altro ieri, altro ieri,
      altroieri, ieri l altro
    `),
  ],
  [[rel(1)], phrases('tomorrow, demain, morgen, domani')],
  [[rel(1), HALF], ['morgen fruh']],
  [
    [rel(2)],
    phrases(`
      day after tomorrow, apresdemain, apres demain, ubermorgen, uebermorgen, dopodomani
    `),
  ],
];

const OTHER_PHRASES: readonly (readonly [Tag, readonly string[]])[] = [
  [{ tag: 'ignore' }, phrases('guten morgen, good morning, jeden morgen')],
  [
    { tag: 'insteadOf' },
    phrases(`
      instead of, rather than, au lieu de, au lieu d, plutot que, statt, anstatt, invece di, anziche,
      al posto di
    `),
  ],
  [{ tag: 'dayOff' }, phrases('off, frei, freier tag, libre, jour libre, libero, libera, giorno libero')],
  [
    { tag: 'replace' },
    phrases(`
      instead, rather, correction, correct, corrected, plutot, a la place, corriger, corrige,
      rectifier, rectification, stattdessen, statt dessen, korrigiere, korrigieren, korrektur,
      korrigiert, berichtige, berichtigung, invece, al posto, correzione, correggi, correggere,
      corretto, rettifica
    `),
  ],
  [
    { tag: 'break' },
    phrases(`
      break, breaks, lunch, lunch break, lunchbreak, pause, pauses, pausen, pausa, mittag, zmittag,
      pause de midi,
      pause midi, pause dej, pause dejeuner, dejeuner, mittagspause, mittagessen, uber mittag,
      ueber mittag, pausa pranzo, pranzo
    `),
  ],
  [
    { tag: 'noBreak' },
    phrases(`
      no break, without break, without a break, no lunch, sans pause, pas de pause, ohne pause,
      keine pause, senza pausa, senza pause, nessuna pausa
    `),
  ],
  [
    { tag: 'work', strong: true },
    phrases('worked, gearbeitet, travaille, bosse, lavorato, lavorata, lavorati'),
  ],
  [
    { tag: 'work', strong: false },
    phrases(`
      work, works, working, did, done, fait, travail, travailler, arbeite, arbeitete, arbeiten,
      arbeit, gemacht, lavoro, lavorare, lavorando, fatto, shift, schicht, turno
    `),
  ],
  [
    { tag: 'hoursNoun' },
    phrases(`
      hours, heures, stunden, ore, timesheet, arbeitszeit, zeiterfassung, presences
    `),
  ],
  [
    { tag: 'support' },
    phrases(`
      vpn, internet, wifi, wlan, router, modem, token, laptop, notebook, ordinateur, computer, pc,
      ecran, screen, monitor, bildschirm, schermo, headset, casque, kopfhorer, kopfhoerer, cuffie,
      cuffia, auricolari, clavier, keyboard, tastatur, tastiera, souris, mouse, maus, printer,
      imprimante, drucker, stampante, password, passwort, mot de passe, ticket, connexion,
      connection, connect, verbindung, connessione, reseau, netzwerk, network, rete, coverage,
      couverture, empfang, copertura, signal, bug, error, erreur, fehler, errore, broken, kaputt,
      defekt, casse, panne, guasto, rotto, outlook, email, mail, login, webcam, camera, kamera,
      telephone, phone, telefono, handy, natel, smartphone, licence, license, lizenz, licenza,
      equipment, materiel, attrezzatura
    `),
  ],
  [
    { tag: 'negation' },
    phrases(`
      not, no, never, pas, jamais, nicht, kein, keine, nie, non, didn, wasn, isn
    `),
  ],
  [
    { tag: 'period' },
    phrases(`
      week, weeks, semaine, semaines, woche, wochen, settimana, settimane, month, mois, monat,
      mese, every day, each day, tous les jours, chaque jour, jeden tag, taglich, ogni giorno,
      tutti i giorni
    `),
  ],
  [
    { tag: 'duration', minutes: 30 },
    phrases(`
      half an hour, half hour, halfhour, une demiheure, une demi heure, demiheure, demi heure,
      eine halbe stunde, halbe stunde, mezz ora, mezzora, mezza ora
    `),
  ],
  [
    { tag: 'duration', minutes: 15 },
    phrases(`
      a quarter of an hour, quarter of an hour, quarter hour, un quart d heure, quart d heure,
      eine viertelstunde, viertelstunde, un quarto d ora, quarto d ora
    `),
  ],
  [
    { tag: 'duration', minutes: 45 },
    phrases(`
      three quarters of an hour, trois quarts d heure, dreiviertelstunde, eine dreiviertelstunde,
      tre quarti d ora
    `),
  ],
];

function buildTable(): ReadonlyMap<string, readonly Phrase[]> {
  const entries: Phrase[] = [];
  const add = (tags: readonly Tag[], list: readonly string[], extra: Partial<Phrase> = {}) => {
    for (const text of list) entries.push({ words: text.split(' '), tags, ...extra });
  };
  for (const [tags, list] of RELATIVE_DAYS) add(tags, list);
  // German "hier" means "here"; only in the other languages is it French "yesterday".
  add([rel(-1)], ['hier'], { except: ['de'] });
  add([rel(-1), HALF], phrases('hier matin, hier apresmidi, hier apres midi'), { except: ['de'] });
  for (const [kind, list] of ABSENCE_PHRASES) add([{ tag: 'absence', kind }], list);
  add([{ tag: 'absence', kind: 'holiday' }], ['ferie'], { only: ['fr'] });
  add([{ tag: 'absence', kind: 'vacation' }], ['ferie'], { except: ['fr'] });
  add([HALF], HALF_DAY_PHRASES);
  for (const [place, list] of PLACE_PHRASES) add([{ tag: 'place', place }], list);
  for (const [tag, list] of OTHER_PHRASES) add([tag], list);
  // "work from home" is both a work verb and a place.
  add(
    [
      { tag: 'work', strong: false },
      { tag: 'place', place: 'home' },
    ],
    ['work from home', 'working from home'],
  );

  const table = new Map<string, Phrase[]>();
  for (const phrase of entries) {
    const first = phrase.words[0] ?? '';
    const bucket = table.get(first) ?? [];
    bucket.push(phrase);
    table.set(first, bucket);
  }
  for (const bucket of table.values()) bucket.sort((a, b) => b.words.length - a.words.length);
  return table;
}

const TABLE = buildTable();

/** First words of break phrases: "8h 30 min Pause" must not read "8h 30" as 8.5 hours. */
export const BREAK_FIRST_WORDS: ReadonlySet<string> = new Set(
  (OTHER_PHRASES.find(([tag]) => tag.tag === 'break')?.[1] ?? []).map((text) => text.split(' ')[0] ?? ''),
);

export interface PhraseMatch {
  tags: readonly Tag[];
  /** Index of the last token of the phrase. */
  last: number;
}

/** The longest phrase that starts at `index`, if any. */
export function matchPhrase(tokens: readonly Token[], index: number, language: Language): PhraseMatch | null {
  const first = tokens[index];
  if (first?.kind !== 'word') return null;
  const bucket = TABLE.get(first.text);
  if (!bucket) return null;
  for (const phrase of bucket) {
    if (phrase.only && !phrase.only.includes(language)) continue;
    if (phrase.except?.includes(language)) continue;
    if (
      phrase.words.every((word, offset) => {
        const token = tokens[index + offset];
        return token?.kind === 'word' && token.text === word;
      })
    ) {
      return { tags: phrase.tags, last: index + phrase.words.length - 1 };
    }
  }
  return null;
}
