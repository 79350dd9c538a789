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
  },
  hours: {
    recordedTitle: 'Ore registrate',
    recorded: '{duration} registrate per il {date}.',
    dayTotal: 'Totale della giornata: {duration}',
    durationWhole: '{hours} h',
    durationWithMinutes: '{hours} h {minutes}',
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
