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
  },
  hours: {
    recordedTitle: 'Heures enregistrées',
    recorded: '{duration} enregistrées pour le {date}.',
    dayTotal: 'Total de la journée : {duration}',
    durationWhole: '{hours} h',
    durationWithMinutes: '{hours} h {minutes}',
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
};
