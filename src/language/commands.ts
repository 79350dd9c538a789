/**
 * Short commands people type to the bot, in the four languages. Matching is on whole, normalised
 * messages (no punctuation, no accents) so that "Aide !" and "hilfe" work and a sentence that
 * merely contains "help" ("help me, my VPN…") goes to the support understanding instead.
 */
export type Language = 'fr' | 'de' | 'it' | 'en';
export type Command = 'help' | 'undo' | 'week' | 'month' | 'log' | 'officeDays' | 'requests';

const COMMANDS: Record<Command, Record<Language, string[]>> = {
  help: {
    en: ['help', 'menu', 'what can you do', 'commands', 'start', 'hi', 'hello'],
    fr: ['aide', 'au secours', 'que sais tu faire', 'que pouvez vous faire', 'bonjour', 'salut'],
    de: ['hilfe', 'was kannst du', 'was kannst du tun', 'befehle', 'hallo', 'gruezi', 'guten tag'],
    it: ['aiuto', 'cosa sai fare', 'cosa puoi fare', 'comandi', 'ciao', 'buongiorno'],
  },
  undo: {
    en: ['undo', 'cancel that', 'take it back', 'undo last'],
    fr: ['annuler', 'annule', 'annule ca', 'defaire'],
    de: ['ruckgangig', 'rueckgaengig', 'ruckgangig machen', 'widerrufen', 'storno', 'stornieren'],
    it: ['annulla', 'annullare', 'disfa'],
  },
  week: {
    en: ['my week', 'week', 'this week', 'show my week', 'my hours'],
    fr: ['ma semaine', 'semaine', 'cette semaine', 'mes heures'],
    de: ['meine woche', 'woche', 'diese woche', 'meine stunden', 'meine zeit'],
    it: ['la mia settimana', 'settimana', 'questa settimana', 'le mie ore'],
  },
  month: {
    en: ['my month', 'month', 'this month', 'my rht', 'short time work'],
    fr: ['mon mois', 'mois', 'ce mois', 'mes rht', 'ma rht'],
    de: ['mein monat', 'monat', 'diesen monat', 'meine kurzarbeit', 'kurzarbeit'],
    it: ['il mio mese', 'mese', 'questo mese', 'il mio lavoro ridotto'],
  },
  requests: {
    en: ['my requests', 'requests', 'my tickets', 'tickets', 'my open requests'],
    fr: ['mes demandes', 'demandes', 'mes tickets', 'mes requetes'],
    de: ['meine anfragen', 'anfragen', 'meine tickets', 'meine antrage', 'meine auftrage'],
    it: ['le mie richieste', 'richieste', 'i miei ticket', 'le mie segnalazioni'],
  },
  log: {
    en: ['log hours', 'log', 'timesheet'],
    fr: ['saisir mes heures', 'saisir', 'saisie'],
    de: ['zeit erfassen', 'erfassen', 'stunden erfassen'],
    it: ['registra ore', 'registrare', 'inserisci ore'],
  },
  // Questions, matched whole once normalised: "Wann bin ich im Büro?" → "wann bin ich im buro".
  officeDays: {
    en: [
      'when am i in the office',
      'when am i at the office',
      'when am i in the store',
      'when am i at the store',
      'when am i in the shop',
      'my office days',
      'office days',
      'my rotation',
    ],
    fr: [
      'quand suis je au bureau',
      'quand est ce que je suis au bureau',
      'quand suis je au magasin',
      'quand est ce que je suis au magasin',
      'mes jours au bureau',
      'mon tournus',
    ],
    de: [
      'wann bin ich im buro',
      'wann bin ich im buero',
      'wann bin ich in der filiale',
      'wann bin ich im laden',
      'wann bin ich im geschaft',
      'meine burotage',
      'meine buerotage',
      'mein einsatzplan',
    ],
    it: [
      'quando sono in ufficio',
      'quando sono in negozio',
      'quando sono in filiale',
      'i miei giorni in ufficio',
      'la mia rotazione',
    ],
  },
};

export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface RecognisedCommand {
  command: Command;
  /** The language of the words used, when they tell it (`help` is English, `aide` French). */
  language: Language | null;
}

export function recogniseCommand(text: string): RecognisedCommand | null {
  const words = normalise(text);
  if (words === '' && text.trim() === '?') return { command: 'help', language: null };
  for (const [command, phrasesByLanguage] of Object.entries(COMMANDS) as [
    Command,
    Record<Language, string[]>,
  ][]) {
    for (const [language, phrases] of Object.entries(phrasesByLanguage) as [Language, string[]][]) {
      if (phrases.includes(words)) return { command, language };
    }
  }
  return null;
}
