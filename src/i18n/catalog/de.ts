import type { Catalog } from './en.js';

export const de: Catalog = {
  common: {
    appName: 'Crewdesk',
    weekdays: 'Montag,Dienstag,Mittwoch,Donnerstag,Freitag,Samstag,Sonntag',
  },
  welcome: {
    title: 'Willkommen bei Crewdesk, {name}!',
    intro:
      'Ich helfe Ihnen im Homeoffice: Arbeitszeit für die Kurzarbeitsabrechnung (KAE) erfassen, Hilfe bei Internet- oder VPN-Problemen erhalten und Geräte bestellen.',
    tryIt: 'Schreiben Sie zum Beispiel «8 Std. heute» oder «Hilfe».',
  },
  help: {
    title: 'Was ich für Sie tun kann',
    hours: 'Arbeitszeit erfassen: «8h», «7h30 gestern», «8-12 und 13-17», «heute krank».',
    week: 'Ihre Woche ansehen: «meine Woche».',
    support: 'Verbindungsproblem melden: «mein VPN verbindet nicht», «kein Internet zu Hause».',
    equipment: 'Geräte bestellen: «ich brauche ein Headset», «Laptop für zu Hause».',
    office: 'Ihre Bürotage: «wann bin ich im Büro?»',
    languages: 'Ich verstehe Deutsch, Französisch, Italienisch und Englisch.',
    openTab: 'Öffnen Sie den Crewdesk-Tab für Ihre Woche, den Teamplan und die Büro-Rotation.',
  },
  unknown: {
    title: 'Das habe ich nicht ganz verstanden',
    body: 'Ich habe «{text}» nicht verstanden. Das kann ich für Sie tun:',
  },
  errors: {
    apology:
      'Entschuldigung, bei uns ist etwas schiefgelaufen, und es wurde nichts geändert. Bitte versuchen Sie es gleich noch einmal.',
    reference: 'Referenz: {reference}',
    dayTooLong:
      'Ein Tag kann höchstens 24 Stunden Arbeit enthalten: Für {date} sind bereits {recorded} erfasst. Es wurde nichts geändert.',
    invalidDuration:
      'Ich kann nur eine Dauer von mindestens einer Minute erfassen. Es wurde nichts geändert.',
  },
  hours: {
    recordedTitle: 'Arbeitszeit erfasst',
    recorded: '{duration} für {date} erfasst.',
    dayTotal: 'Total des Tages: {duration}',
    durationWhole: '{hours} Std.',
    durationWithMinutes: '{hours}:{minutes} Std.',
  },
  tab: {
    title: 'Crewdesk',
    loading: 'Wird geladen…',
    viewAs: 'Ansicht als',
    viewAsHint: 'Lokaler Modus: Wählen Sie eine Demo-Person, um Crewdesk aus ihrer Sicht zu sehen.',
    outsideTeams: 'Ausserhalb von Microsoft Teams (lokaler Modus).',
    insideTeams: 'In Microsoft Teams.',
    roles: 'Rollen',
    team: 'Team',
    site: 'Standort',
    manager: 'Vorgesetzte/r',
    weeklyHours: 'Wochenstunden',
    language: 'Sprache',
    noUser: 'Keine Demo-Person gefunden. Laden Sie die Demo-Organisation mit «npx crewdesk demo seed».',
    loadFailed: 'Crewdesk konnte Ihre Daten nicht laden. Bitte versuchen Sie es erneut.',
    signInRequired:
      'Bitte melden Sie sich bei Crewdesk an: Ihre Organisation hat der App noch nicht zugestimmt.',
    retry: 'Erneut versuchen',
    openInTeams: 'Öffnen Sie Crewdesk in Microsoft Teams, um sich anzumelden.',
    searchPeople: 'Nach Namen suchen',
    noMatch: 'Niemand passt zu «{text}».',
    notSet: 'Nicht erfasst',
    siteWithCanton: '{name} ({canton})',
    weeklyHoursValue: '{hours, number} Std.',
  },
  roles: {
    employee: 'Mitarbeitende/r',
    manager: 'Vorgesetzte/r',
    it: 'IT',
    hr: 'HR',
    admin: 'Administrator/in',
  },
};
