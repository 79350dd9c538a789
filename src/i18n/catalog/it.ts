import type { Catalog } from './en.js';

export const it: Catalog = {
  common: {
    appName: 'Crewdesk',
    weekdays: 'lunedì,martedì,mercoledì,giovedì,venerdì,sabato,domenica',
  },
  welcome: {
    title: 'Benvenuto/a in Crewdesk, {name}!',
    intro:
      'Vi aiuto a lavorare da casa: registrare le ore per il lavoro ridotto (ILR), ottenere aiuto quando Internet o la VPN non funzionano e richiedere attrezzature.',
    tryIt: 'Provate a scrivere «8 ore oggi» o «aiuto».',
  },
  help: {
    title: 'Cosa posso fare per voi',
    hours: 'Registrare le ore: «8h», «7h30 ieri», «8-12 e 13-17», «malattia oggi».',
    week: 'Vedere la vostra settimana: «la mia settimana».',
    support: 'Segnalare un problema di connessione: «la VPN non si connette», «niente internet a casa».',
    equipment: 'Richiedere attrezzature: «mi serve una cuffia», «portatile per casa».',
    office: 'I vostri giorni in ufficio: «quando sono in ufficio?»',
    languages: 'Capisco italiano, francese, tedesco e inglese.',
    openTab:
      'Aprite la scheda Crewdesk per la vostra settimana, il piano del team e la rotazione in ufficio.',
  },
  unknown: {
    title: 'Non ho capito bene',
    body: 'Non ho capito «{text}». Ecco cosa posso fare:',
  },
  errors: {
    apology:
      'Spiacenti, si è verificato un problema da parte nostra e non è stato modificato nulla. Riprovate tra un momento.',
    reference: 'Riferimento: {reference}',
    dayTooLong:
      'Una giornata non può contare più di 24 ore di lavoro: per il {date} sono già registrate {recorded}. Non è stato modificato nulla.',
    invalidDuration: 'Posso registrare solo una durata di almeno un minuto. Non è stato modificato nulla.',
    overlap:
      'Due fasce orarie del {date} si sovrappongono ({first} e {second}). Non è stato modificato nulla.',
    futureWork:
      'Il lavoro si può registrare solo fino a oggi; il {date} non è ancora arrivato. Non è stato modificato nulla.',
    notAWorkDay:
      'Il {date} non è uno dei vostri giorni lavorativi: non c’è una giornata intera di assenza da registrare. Indicate le ore se necessario.',
    invalidRange:
      'Una fascia oraria deve iniziare prima di finire, tra 00:00 e 24:00. Non è stato modificato nulla.',
    nothingToUndo: 'Non c’è più nulla da annullare.',
    forbidden: 'Solo la persona, i suoi responsabili e le risorse umane possono modificare queste ore.',
    unknownPerson: 'Non conosco questa persona nella rubrica.',
  },
  hours: {
    recordedTitle: 'Ore registrate',
    recordedForTitle: 'Ore registrate per {name}',
    recorded: '{duration} registrate per il {date}.',
    dayTotal: 'Totale della giornata: {duration}',
    durationMinutesOnly: '{minutes} min',
    durationWhole: '{hours} h',
    durationWithMinutes: '{hours} h {minutes}',
    workLine:
      '{duration} di lavoro{range, select, none {} other { ({range})}}{place, select, office { in ufficio} home { da casa} store { in negozio} other {}}',
    absenceLine:
      '{kind, select, vacation {Vacanze} sick {Malattia} accident {Infortunio} military {Servizio militare o civile} holiday {Giorno festivo} training {Formazione} unpaid {Congedo non pagato} other {Assenza}}: {duration}{fullDay, select, yes { (giornata intera)} other {}}',
    daySummary: '{date}: {worked} lavorate, {absence} di assenza, obiettivo {target}',
    replacedNote: 'Questo sostituisce quanto registrato prima per quel giorno.',
    undo: 'Annulla',
    myWeek: 'La mia settimana',
    undoneTitle: 'Annullato',
    undone: '{count, plural, one {# registrazione annullata} other {# registrazioni annullate}} del {date}.',
    warnBreak:
      'Legge sul lavoro: {worked} di lavoro richiedono una pausa di almeno {required}; registrate {given}.',
    warnWeek:
      'Legge sul lavoro: questa settimana conta ora {week} di lavoro, oltre il massimo legale di {limit}.',
    warnRest: 'Legge sul lavoro: solo {rest} di riposo tra due giornate lavorative; il minimo è di 11 ore.',
    askDuration:
      'Quanto avete lavorato{date, select, none {} other { il {date}}}? Per esempio «8h» o «8-12 e 13-17».',
    askDay: 'Per quale giorno? Per esempio «ieri», «lunedì» o «25.11.».',
    askDayAndDuration: 'Quale giorno, e per quanto? Per esempio «8h oggi» o «ieri 8-12 e 13-17».',
    ambiguousTitle: 'Cosa intendevate?',
    ambiguousBody: 'Posso leggere «{text}» in più modi, quindi non ho ancora registrato nulla.',
    readingLine: '{date}: {summary}',
  },
  week: {
    title: 'Settimana del {date}',
    monthTitle: '{month}',
    worked: 'Lavorato',
    absent: 'Assente',
    target: 'Obiettivo',
    balance: 'Saldo',
    missing: 'Ancora nulla registrato: {days}',
    noneMissing: 'Tutti i giorni finora sono registrati.',
    previous: 'Settimana precedente',
    next: 'Settimana successiva',
    dayNothing: 'nulla registrato',
    dayOff: 'giorno libero',
    holiday: 'giorno festivo',
  },
  tab: {
    title: 'Crewdesk',
    loading: 'Caricamento…',
    viewAs: 'Visualizza come',
    viewAsHint: 'Modalità locale: scegliete una persona demo per vedere Crewdesk con i suoi occhi.',
    outsideTeams: 'Fuori da Microsoft Teams (modalità locale).',
    insideTeams: 'In Microsoft Teams.',
    roles: 'Ruoli',
    team: 'Team',
    site: 'Sede',
    manager: 'Responsabile',
    weeklyHours: 'Ore settimanali',
    language: 'Lingua',
    noUser: 'Nessuna persona demo trovata. Caricate l’organizzazione demo con «npx crewdesk demo seed».',
    loadFailed: 'Crewdesk non ha potuto caricare i vostri dati. Riprovate.',
    signInRequired: 'Accedete a Crewdesk: la vostra organizzazione non ha ancora dato il consenso all’app.',
    retry: 'Riprova',
    openInTeams: 'Aprite Crewdesk in Microsoft Teams per accedere.',
    searchPeople: 'Cerca per nome',
    noMatch: 'Nessuno corrisponde a «{text}».',
    notSet: 'Non indicato',
    siteWithCanton: '{name} ({canton})',
    weeklyHoursValue: '{hours, number} ore',
  },
  roles: {
    employee: 'Collaboratore/trice',
    manager: 'Responsabile',
    it: 'Informatica',
    hr: 'Risorse umane',
    admin: 'Amministratore/trice',
  },
};
