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
    overlap: 'Two time ranges of {date} overlap ({first} and {second}). Nothing was changed.',
    futureWork: 'Work can only be recorded up to today; {date} has not come yet. Nothing was changed.',
    notAWorkDay:
      '{date} is not one of your work days, so there is no full day to record as absent. Give the hours if you need to.',
    invalidRange: 'A time range must start before it ends, between 00:00 and 24:00. Nothing was changed.',
    nothingToUndo: 'There is nothing left to undo.',
    forbidden: 'Only the person, their managers and HR can change these hours.',
    unknownPerson: 'I do not know this person in the directory.',
  },
  hours: {
    recordedTitle: 'Hours recorded',
    recordedForTitle: 'Hours recorded for {name}',
    recorded: '{duration} recorded for {date}.',
    dayTotal: 'Total for the day: {duration}',
    durationMinutesOnly: '{minutes} min',
    durationWhole: '{hours}h',
    durationWithMinutes: '{hours}h{minutes}',
    workLine:
      '{duration} of work{range, select, none {} other { ({range})}}{place, select, office { at the office} home { at home} store { in the store} other {}}',
    absenceLine:
      '{kind, select, vacation {Vacation} sick {Sick leave} accident {Accident} military {Military or civil service} holiday {Public holiday} training {Training} unpaid {Unpaid leave} other {Absence}}: {duration}{fullDay, select, yes { (full day)} other {}}',
    daySummary: '{date}: {worked} worked, {absence} absent, target {target}',
    replacedNote: 'This replaces what was recorded for that day before.',
    undo: 'Undo',
    myWeek: 'My week',
    undoneTitle: 'Taken back',
    undone: '{count, plural, one {# record} other {# records}} of {date} taken back.',
    warnBreak: 'Working-time law: {worked} of work needs a break of at least {required}; {given} recorded.',
    warnWeek: 'Working-time law: this week now holds {week} of work, above the legal maximum of {limit}.',
    warnRest: 'Working-time law: only {rest} of rest between two working days; the minimum is 11 hours.',
    askDuration:
      'How long did you work{date, select, none {} other { on {date}}}? For example “8h” or “8-12 and 13-17”.',
    askDay: 'Which day is that for? For example “yesterday”, “Monday” or “25.11.”.',
    askDayAndDuration: 'Which day, and how long? For example “8h today” or “yesterday 8-12 and 13-17”.',
    ambiguousTitle: 'Which did you mean?',
    ambiguousBody: 'I can read “{text}” in more than one way, so I did not record anything yet.',
    readingLine: '{date}: {summary}',
  },
  week: {
    title: 'Week of {date}',
    monthTitle: '{month}',
    worked: 'Worked',
    absent: 'Absent',
    target: 'Target',
    balance: 'Balance',
    missing: 'Nothing recorded yet: {days}',
    noneMissing: 'Every day so far is recorded.',
    previous: 'Previous week',
    next: 'Next week',
    dayNothing: 'nothing recorded',
    dayOff: 'day off',
    holiday: 'public holiday',
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
