import type { Catalog } from './en.js';

export const fr: Catalog = {
  common: {
    appName: 'Crewdesk',
    weekdays: 'lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche',
  },
  welcome: {
    title: 'Bienvenue dans Crewdesk, {name} !',
    intro:
      'Je vous aide à travailler depuis chez vous : saisir vos heures pour la réduction de l’horaire de travail (RHT), obtenir de l’aide quand Internet ou le VPN vous lâche, et commander du matériel.',
    tryIt: 'Essayez d’écrire « 8h aujourd’hui » ou « aide ».',
  },
  help: {
    title: 'Ce que je peux faire pour vous',
    hours:
      'Saisir vos heures : « 8h », « 7h30 hier », « de 8h à 12h et de 13h à 17h », « malade aujourd’hui ».',
    week: 'Voir votre semaine : « ma semaine ».',
    support:
      'Signaler un problème de connexion : « mon VPN ne se connecte pas », « pas d’internet à la maison ».',
    equipment: 'Commander du matériel : « j’ai besoin d’un casque », « ordinateur pour la maison ».',
    office: 'Vos jours au bureau : « quand suis-je au bureau ? »',
    languages: 'Je comprends le français, l’allemand, l’italien et l’anglais.',
    openTab: 'Ouvrez l’onglet Crewdesk pour votre semaine, le planning de l’équipe et le tournus au bureau.',
  },
  unknown: {
    title: 'Je n’ai pas bien compris',
    body: 'Je n’ai pas compris « {text} ». Voici ce que je sais faire :',
  },
  errors: {
    apology:
      'Désolé, un problème est survenu de notre côté et rien n’a été modifié. Veuillez réessayer dans un instant.',
    reference: 'Référence : {reference}',
    dayTooLong:
      'Une journée ne peut pas compter plus de 24 heures de travail : {recorded} sont déjà enregistrées pour le {date}. Rien n’a été modifié.',
    invalidDuration: 'Je ne peux enregistrer qu’une durée d’au moins une minute. Rien n’a été modifié.',
    overlap: 'Deux plages horaires du {date} se chevauchent ({first} et {second}). Rien n’a été modifié.',
    futureWork:
      'Le travail ne peut être saisi que jusqu’à aujourd’hui ; le {date} n’est pas encore arrivé. Rien n’a été modifié.',
    notAWorkDay:
      'Le {date} n’est pas un de vos jours de travail : il n’y a pas de journée entière d’absence à saisir. Indiquez les heures si nécessaire.',
    invalidRange:
      'Une plage horaire doit commencer avant de finir, entre 00:00 et 24:00. Rien n’a été modifié.',
    nothingToUndo: 'Il n’y a plus rien à annuler.',
    forbidden: 'Seuls la personne, ses responsables et les RH peuvent modifier ces heures.',
    unknownPerson: 'Je ne connais pas cette personne dans l’annuaire.',
  },
  hours: {
    recordedTitle: 'Heures enregistrées',
    recordedForTitle: 'Heures enregistrées pour {name}',
    recorded: '{duration} enregistrées pour le {date}.',
    dayTotal: 'Total de la journée : {duration}',
    durationMinutesOnly: '{minutes} min',
    durationWhole: '{hours} h',
    durationWithMinutes: '{hours} h {minutes}',
    workLine:
      '{duration} de travail{range, select, none {} other { ({range})}}{place, select, office { au bureau} home { à la maison} store { au magasin} other {}}',
    absenceLine:
      '{kind, select, vacation {Vacances} sick {Maladie} accident {Accident} military {Service militaire ou civil} holiday {Jour férié} training {Formation} unpaid {Congé non payé} other {Absence}} : {duration}{fullDay, select, yes { (journée entière)} other {}}',
    daySummary: '{date} : {worked} travaillées, {absence} d’absence, objectif {target}',
    replacedNote: 'Ceci remplace ce qui était enregistré pour ce jour-là.',
    nothingYet: 'Vous n’avez encore rien saisi. Écrivez par exemple « 8h aujourd’hui » pour commencer.',
    undo: 'Annuler',
    myWeek: 'Ma semaine',
    edit: 'Modifier',
    undoneTitle: 'Annulé',
    undone:
      '{count, plural, one {# saisie} other {# saisies}} du {date} {count, plural, one {annulée} other {annulées}}.',
    warnBreak:
      'Loi sur le travail : {worked} de travail demandent une pause d’au moins {required} ; {given} enregistrées.',
    warnWeek:
      'Loi sur le travail : cette semaine compte maintenant {week} de travail, au-delà du maximum légal de {limit}.',
    warnRest:
      'Loi sur le travail : seulement {rest} de repos entre deux journées de travail ; le minimum est de 11 heures.',
    askDuration:
      'Combien de temps avez-vous travaillé{date, select, none {} other { le {date}}} ? Par exemple « 8h » ou « 8-12 et 13-17 ».',
    askDay: 'Pour quel jour ? Par exemple « hier », « lundi » ou « 25.11. ».',
    askDayAndDuration:
      'Quel jour, et combien de temps ? Par exemple « 8h aujourd’hui » ou « hier 8-12 et 13-17 ».',
    ambiguousTitle: 'Que vouliez-vous dire ?',
    ambiguousBody: 'Je peux lire « {text} » de plusieurs façons, je n’ai donc encore rien enregistré.',
    readingLine: '{date} : {summary}',
  },
  month: {
    title: 'Mon mois : {month}',
    target: 'Heures normales',
    worked: 'Travaillé',
    absences: 'Absences',
    lost: 'Heures perdues (RHT)',
    lossPercent: 'Perte',
    provisional: 'Provisoire : le mois n’est pas terminé.',
    missing:
      '{count, plural, =0 {Tous les jours de travail sont saisis jusqu’ici.} one {# jour de travail n’a encore rien de saisi.} other {# jours de travail n’ont encore rien de saisi.}}',
  },
  week: {
    title: 'Semaine du {date}',
    worked: 'Travaillé',
    absent: 'Absent',
    target: 'Objectif',
    balance: 'Solde',
    missing: 'Rien d’enregistré pour : {days}',
    noneMissing: 'Tous les jours sont enregistrés jusqu’ici.',
    previous: 'Semaine précédente',
    next: 'Semaine suivante',
    dayNothing: 'rien d’enregistré',
    dayOff: 'jour de congé',
    holiday: 'jour férié',
  },
  tab: {
    title: 'Crewdesk',
    loading: 'Chargement…',
    viewAs: 'Voir en tant que',
    viewAsHint: 'Mode local : choisissez une personne de démonstration pour voir Crewdesk avec ses yeux.',
    outsideTeams: 'Hors de Microsoft Teams (mode local).',
    insideTeams: 'Dans Microsoft Teams.',
    roles: 'Rôles',
    team: 'Équipe',
    site: 'Site',
    manager: 'Responsable',
    weeklyHours: 'Heures hebdomadaires',
    language: 'Langue',
    noUser:
      'Aucune personne de démonstration. Chargez l’organisation de démonstration avec « npx crewdesk demo seed ».',
    loadFailed: 'Crewdesk n’a pas pu charger vos données. Veuillez réessayer.',
    signInRequired:
      'Veuillez vous connecter à Crewdesk : votre organisation n’a pas encore donné son consentement.',
    retry: 'Réessayer',
    openInTeams: 'Ouvrez Crewdesk dans Microsoft Teams pour vous connecter.',
    searchPeople: 'Rechercher par nom',
    noMatch: 'Personne ne correspond à « {text} ».',
    notSet: 'Non renseigné',
    siteWithCanton: '{name} ({canton})',
    weeklyHoursValue: '{hours, number} h',
  },
  roles: {
    employee: 'Collaborateur',
    manager: 'Responsable',
    it: 'Informatique',
    hr: 'RH',
    admin: 'Administrateur',
  },
  logCard: {
    title: 'Saisir des heures',
    intro: 'Indiquez les horaires (ou les heures travaillées), ou choisissez une absence.',
    forPerson: 'Pour',
    forPersonRequired: 'Choisissez pour qui sont ces heures.',
    self: '{name} (moi)',
    date: 'Jour',
    dateRequired: 'Choisissez le jour.',
    workSection: 'Travail',
    start: 'Début {number}',
    end: 'Fin {number}',
    breakMinutes: 'Autres pauses, en minutes',
    breakPlaceholder: 'Par exemple 30',
    breakError: 'Indiquez la pause en minutes entières, jusqu’à 600.',
    workHours: 'Ou heures travaillées, sans horaires',
    hoursPlaceholder: 'Par exemple 7,5',
    hoursError: 'Indiquez un nombre d’heures entre 0 et 24.',
    place: 'Lieu',
    placeOption: '{place, select, office {Bureau} home {Domicile} store {Magasin} other {Non précisé}}',
    absenceSection: 'Absence',
    absenceKind: 'Type d’absence',
    absenceOption:
      '{kind, select, none {Pas d’absence} vacation {Vacances} sick {Maladie} accident {Accident} military {Service militaire ou civil} holiday {Jour férié} training {Formation} unpaid {Congé non payé} other {Autre absence}}',
    absenceHours: 'Heures d’absence (vide : la journée entière)',
    replaceLabel: 'Déjà saisi',
    replace: 'Remplacer ce qui est déjà saisi pour ce jour',
    submit: 'Enregistrer',
    editTitle: 'Modifier le {date}',
    editTitleFor: 'Modifier le {date} pour {name}',
    editRecorded: 'Saisi actuellement :',
    editNothing: 'Rien n’est encore saisi pour ce jour.',
    editPartial:
      'Ce jour contient plus que le formulaire ne peut afficher (plusieurs absences, ou horaires et heures mélangés). Enregistrer remplace toute la journée par le contenu du formulaire.',
    editNote:
      'Enregistrer remplace tout ce qui est saisi pour ce jour ; les saisies précédentes restent dans l’historique.',
    reason: 'Motif de la modification',
    reasonPlaceholder: 'Par exemple : oublié l’après-midi',
    reasonRequired: 'Indiquez pourquoi vous modifiez ce jour.',
    submitEdit: 'Enregistrer les modifications',
    problems: {
      invalid: 'Certaines valeurs n’ont pas pu être lues. Vérifiez le formulaire ; rien n’a été enregistré.',
      date: 'Choisissez un jour valable. Rien n’a été enregistré.',
      halfRange: 'Indiquez le début et la fin de chaque plage horaire. Rien n’a été enregistré.',
      endBeforeStart: 'La plage {start}–{end} finit avant de commencer. Rien n’a été enregistré.',
      timesOrHours:
        'Indiquez soit des horaires, soit des heures travaillées, pas les deux. Rien n’a été enregistré.',
      absenceKindMissing: 'Choisissez le type d’absence pour ces heures. Rien n’a été enregistré.',
      nothingToLog:
        'Indiquez des horaires ou des heures, ou choisissez une absence. Rien n’a été enregistré.',
      reasonMissing: 'Indiquez pourquoi vous modifiez ce jour. Rien n’a été modifié.',
    },
  },
};
