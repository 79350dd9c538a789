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
    overlap:
      'Zwei Zeitspannen vom {date} überschneiden sich ({first} und {second}). Es wurde nichts geändert.',
    futureWork:
      'Arbeit kann nur bis heute erfasst werden; der {date} ist noch nicht da. Es wurde nichts geändert.',
    notAWorkDay:
      'Der {date} ist keiner Ihrer Arbeitstage, daher gibt es keinen ganzen Abwesenheitstag zu erfassen. Geben Sie bei Bedarf die Stunden an.',
    invalidRange:
      'Eine Zeitspanne muss zwischen 00:00 und 24:00 liegen und enden, nachdem sie beginnt. Es wurde nichts geändert.',
    nothingToUndo: 'Es gibt nichts mehr rückgängig zu machen.',
    forbidden: 'Nur die Person selbst, ihre Vorgesetzten und HR können diese Zeiten ändern.',
    unknownPerson: 'Diese Person kenne ich im Verzeichnis nicht.',
  },
  hours: {
    recordedTitle: 'Arbeitszeit erfasst',
    recordedForTitle: 'Arbeitszeit erfasst für {name}',
    recorded: '{duration} für {date} erfasst.',
    dayTotal: 'Total des Tages: {duration}',
    durationMinutesOnly: '{minutes} min',
    durationWhole: '{hours} Std.',
    durationWithMinutes: '{hours}:{minutes} Std.',
    workLine:
      '{duration} Arbeit{range, select, none {} other { ({range})}}{place, select, office { im Büro} home { im Homeoffice} store { in der Filiale} other {}}',
    absenceLine:
      '{kind, select, vacation {Ferien} sick {Krankheit} accident {Unfall} military {Militär- oder Zivildienst} holiday {Feiertag} training {Weiterbildung} unpaid {Unbezahlter Urlaub} other {Abwesenheit}}: {duration}{fullDay, select, yes { (ganzer Tag)} other {}}',
    daySummary: '{date}: {worked} gearbeitet, {absence} abwesend, Soll {target}',
    replacedNote: 'Dies ersetzt, was für diesen Tag bisher erfasst war.',
    undo: 'Rückgängig',
    myWeek: 'Meine Woche',
    undoneTitle: 'Rückgängig gemacht',
    undone: '{count, plural, one {# Eintrag} other {# Einträge}} vom {date} rückgängig gemacht.',
    warnBreak:
      'Arbeitsgesetz: {worked} Arbeit verlangen eine Pause von mindestens {required}; erfasst sind {given}.',
    warnWeek:
      'Arbeitsgesetz: Diese Woche umfasst jetzt {week} Arbeit, mehr als die gesetzliche Höchstarbeitszeit von {limit}.',
    warnRest: 'Arbeitsgesetz: nur {rest} Ruhezeit zwischen zwei Arbeitstagen; das Minimum sind 11 Stunden.',
    askDuration:
      'Wie lange haben Sie{date, select, none {} other { am {date}}} gearbeitet? Zum Beispiel «8h» oder «8-12 und 13-17».',
    askDay: 'Für welchen Tag? Zum Beispiel «gestern», «Montag» oder «25.11.».',
    askDayAndDuration: 'Welcher Tag, und wie lange? Zum Beispiel «heute 8h» oder «gestern 8-12 und 13-17».',
    ambiguousTitle: 'Was meinten Sie?',
    ambiguousBody: 'Ich kann «{text}» auf mehrere Arten lesen und habe deshalb noch nichts erfasst.',
    readingLine: '{date}: {summary}',
  },
  week: {
    title: 'Woche vom {date}',
    monthTitle: '{month}',
    worked: 'Gearbeitet',
    absent: 'Abwesend',
    target: 'Soll',
    balance: 'Saldo',
    missing: 'Noch nichts erfasst: {days}',
    noneMissing: 'Alle bisherigen Tage sind erfasst.',
    previous: 'Vorherige Woche',
    next: 'Nächste Woche',
    dayNothing: 'nichts erfasst',
    dayOff: 'frei',
    holiday: 'Feiertag',
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
