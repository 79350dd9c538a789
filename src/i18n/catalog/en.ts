/**
 * The English message catalogue: the reference for the other languages, which must have the same
 * keys (the type checker enforces it). Keys are grouped by feature; ICU MessageFormat syntax.
 */
export const en = {
  common: {
    appName: 'Crewdesk',
    weekdays: 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday',
  },
  welcome: {
    title: 'Welcome to Crewdesk, {name}!',
    intro:
      'I help you work from home: log your hours for the short-time-work (RHT) claim, get help when the internet or VPN lets you down, and request equipment.',
    tryIt: 'Try writing “8h today” or “help”.',
  },
  help: {
    title: 'What I can do for you',
    hours: 'Log your hours: “8h”, “7h30 yesterday”, “8-12 and 13-17”, “sick today”.',
    week: 'See your week: “my week”.',
    support: 'Report a connection problem: “my VPN does not connect”, “no internet at home”.',
    equipment: 'Request equipment: “I need a headset”, “laptop for home”.',
    office: 'Your office days: “when am I in the office?”',
    languages: 'I understand English, French, German and Italian.',
    openTab: 'Open the Crewdesk tab for your week, team schedule and office rotation.',
  },
  unknown: {
    title: 'I did not quite get that',
    body: 'I did not understand “{text}”. Here is what I can do:',
  },
  errors: {
    apology: 'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.',
    reference: 'Reference: {reference}',
    dayTooLong:
      'A day cannot hold more than 24 hours of work: {recorded} is already recorded for {date}. Nothing was changed.',
    invalidDuration: 'I can only record a duration of at least one minute. Nothing was changed.',
  },
  hours: {
    recordedTitle: 'Hours recorded',
    recorded: '{duration} recorded for {date}.',
    dayTotal: 'Total for the day: {duration}',
    durationWhole: '{hours}h',
    durationWithMinutes: '{hours}h{minutes}',
  },
  tab: {
    title: 'Crewdesk',
    loading: 'Loading…',
    viewAs: 'View as',
    viewAsHint: 'Local mode: choose a demo person to see Crewdesk through their eyes.',
    outsideTeams: 'Running outside Microsoft Teams (local mode).',
    insideTeams: 'Running in Microsoft Teams.',
    roles: 'Roles',
    team: 'Team',
    site: 'Site',
    manager: 'Manager',
    weeklyHours: 'Weekly hours',
    language: 'Language',
    noUser: 'No demo person found. Seed the demo organisation with “npx crewdesk demo seed”.',
    loadFailed: 'Crewdesk could not load your data. Please try again.',
    signInRequired: 'Please sign in to Crewdesk: your organisation has not yet consented to the app.',
    retry: 'Try again',
    openInTeams: 'Open Crewdesk in Microsoft Teams to sign in.',
    searchPeople: 'Search by name',
    noMatch: 'Nobody matches “{text}”.',
    notSet: 'Not set',
    siteWithCanton: '{name} ({canton})',
    weeklyHoursValue: '{hours, number} h',
  },
  roles: {
    employee: 'Employee',
    manager: 'Manager',
    it: 'IT',
    hr: 'HR',
    admin: 'Admin',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalog = Widen<typeof en>;
