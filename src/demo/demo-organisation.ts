/**
 * The demo organisation: a Swiss retail group of 1,500 people — 167 stores and a head office in
 * Bern — that a developer, a reviewer or the Agents Playground can use without a real directory.
 * Generation is a pure function of a seed, so every run, test and screenshot sees the same people.
 */
import {
  MONDAY_TO_FRIDAY,
  ROLES,
  WEEKDAYS,
  type Contract,
  type Person,
  type Role,
  type Site,
  type Weekday,
} from '../domain/directory/people.js';
import type { SupportedLocale } from '../domain/shared/locale.js';
import { HEAD_OFFICE, STORE_LOCATIONS, type CantonCode, type LanguageRegion } from './swiss-towns.js';

export interface DemoOrganisation {
  sites: Site[];
  people: Person[];
  contracts: Contract[];
}

/**
 * Microsoft 365 Agents Playground signs every message in as "Alex Wilber" with this id (not a
 * well-formed GUID, and kept as is), so he must exist for the demo to recognise the chat's user.
 */
export const ALEX_WILBER_AAD_OBJECT_ID = '00000000-0000-0000-0000-0000000000020';
const ALEX_WILBER_STORE = 'Lausanne Flon';

export const DEMO_EMAIL_DOMAIN = 'crewdesk-demo.ch';
const CONTRACTS_FROM = '2020-01-01';
/** Any fixed number would do; this one is the day Switzerland declared the extraordinary situation. */
const DEFAULT_SEED = 20200316;
const FULL_TIME_MINUTES = 42 * 60;
const MONDAY_TO_SATURDAY: readonly Weekday[] = WEEKDAYS.slice(0, 6);
const TUESDAY_TO_SATURDAY: readonly Weekday[] = WEEKDAYS.slice(1, 6);

const SALES_REGIONS: readonly { name: string; language: LanguageRegion; cantons: readonly CantonCode[] }[] = [
  { name: 'Sales Region Léman', language: 'fr', cantons: ['GE', 'VD'] },
  { name: 'Sales Region Romandie', language: 'fr', cantons: ['VS', 'NE', 'FR', 'JU'] },
  { name: 'Sales Region Mittelland', language: 'de', cantons: ['BE', 'SO'] },
  { name: 'Sales Region Nordwestschweiz', language: 'de', cantons: ['BS', 'BL', 'AG'] },
  { name: 'Sales Region Zentralschweiz', language: 'de', cantons: ['LU', 'ZG', 'SZ', 'UR', 'NW', 'OW'] },
  { name: 'Sales Region Zürich', language: 'de', cantons: ['ZH', 'SH'] },
  { name: 'Sales Region Ostschweiz', language: 'de', cantons: ['TG', 'SG', 'AR', 'AI', 'GL', 'GR'] },
  { name: 'Sales Region Ticino', language: 'it', cantons: ['TI'] },
];
/** Coordinators per sales region, besides its regional manager. */
const SALES_COORDINATORS = 2;

const MANAGEMENT_TEAM = 'Management';
const DIRECTORS = ['sales', 'finance', 'people', 'it', 'operations', 'marketing'] as const;
type Director = (typeof DIRECTORS)[number];
const EXECUTIVE_ASSISTANTS = 2;

interface HeadOfficeTeamPlan {
  name: string;
  reportsTo: Director;
  /** Headcount including the team manager. */
  size: number;
  managerRoles?: readonly Role[];
  /** The first members get these roles; the others are plain employees. */
  specialists?: readonly { count: number; roles: readonly Role[] }[];
}

const HEAD_OFFICE_TEAMS: readonly HeadOfficeTeamPlan[] = [
  { name: 'Finance', reportsTo: 'finance', size: 30 },
  { name: 'Controlling', reportsTo: 'finance', size: 15 },
  { name: 'Legal & Compliance', reportsTo: 'finance', size: 8 },
  {
    name: 'HR',
    reportsTo: 'people',
    size: 14,
    managerRoles: ['manager', 'hr', 'employee'],
    specialists: [
      { count: 5, roles: ['hr', 'employee'] },
      { count: 2, roles: ['admin', 'hr', 'employee'] },
    ],
  },
  { name: 'Payroll', reportsTo: 'people', size: 10 },
  { name: 'Training & Recruiting', reportsTo: 'people', size: 10 },
  {
    name: 'IT Support',
    reportsTo: 'it',
    size: 12,
    managerRoles: ['manager', 'it', 'employee'],
    specialists: [{ count: 11, roles: ['it', 'employee'] }],
  },
  {
    name: 'IT Infrastructure',
    reportsTo: 'it',
    size: 6,
    managerRoles: ['manager', 'it', 'employee'],
    specialists: [{ count: 5, roles: ['it', 'employee'] }],
  },
  { name: 'IT Applications', reportsTo: 'it', size: 12 },
  { name: 'Purchasing', reportsTo: 'operations', size: 48 },
  { name: 'Logistics', reportsTo: 'operations', size: 98 },
  { name: 'Supply Chain Planning', reportsTo: 'operations', size: 25 },
  { name: 'Facility Management', reportsTo: 'operations', size: 12 },
  { name: 'Marketing', reportsTo: 'marketing', size: 35 },
  { name: 'E-Commerce', reportsTo: 'marketing', size: 22 },
  { name: 'Customer Service', reportsTo: 'sales', size: 60 },
];

/** Head office staff come from the whole country, the German-speaking part being the largest. */
const HEAD_OFFICE_LANGUAGES: readonly { language: LanguageRegion; weight: number }[] = [
  { language: 'de', weight: 0.55 },
  { language: 'fr', weight: 0.3 },
  { language: 'it', weight: 0.15 },
];

const LOCALE_OF: Record<LanguageRegion, SupportedLocale> = { fr: 'fr-CH', de: 'de-CH', it: 'it-CH' };
/** A few people of every region read Crewdesk in English, as in any Swiss company. */
const ENGLISH_SHARE = 0.02;
/** Real HR files have gaps (newcomers, cross-border staff awaiting a number); the demo has some too. */
const MISSING_AHV_SHARE = 0.04;

/** Common first names and family names of each language region (Romand, Swiss German, Ticinese). */
// prettier-ignore
const NAMES: Record<LanguageRegion, { first: readonly string[]; last: readonly string[] }> = {
  fr: {
    first: [
      'Marie', 'Sophie', 'Camille', 'Julie', 'Léa', 'Chloé', 'Laura', 'Sarah', 'Émilie', 'Nathalie',
      'Isabelle', 'Valérie', 'Céline', 'Aurélie', 'Manon', 'Mélanie', 'Sandrine', 'Christine', 'Anne',
      'Claire', 'Élodie', 'Caroline', 'Virginie', 'Noémie', 'Océane', 'Pauline', 'Amélie', 'Justine',
      'Florence', 'Catherine', 'Stéphanie', 'Delphine', 'Coralie', 'Joëlle', 'Mathilde', 'Lucie', 'Jean',
      'Pierre', 'Nicolas', 'Julien', 'David', 'Laurent', 'Olivier', 'Christophe', 'Sébastien', 'Thomas',
      'Alexandre', 'Mathieu', 'Antoine', 'Philippe', 'Stéphane', 'Yves', 'Michel', 'François', 'Patrick',
      'Cédric', 'Raphaël', 'Loïc', 'Maxime', 'Jérôme', 'Fabrice', 'Grégoire', 'Vincent', 'Benoît', 'Romain',
      'Hugo', 'Bastien', 'Frédéric', 'Alain', 'Gilles', 'Damien', 'Joël', 'Yann',
    ],
    last: [
      'Favre', 'Rochat', 'Bonvin', 'Perret', 'Chevalier', 'Berset', 'Dubois', 'Jaquet', 'Morand', 'Pittet',
      'Rey', 'Vuilleumier', 'Monnier', 'Cuénod', 'Dupuis', 'Python', 'Crettenand', 'Fournier', 'Mottier',
      'Gay', 'Bovet', 'Roulin', 'Gilliéron', 'Bugnon', 'Chappuis', 'Clerc', 'Deillon', 'Duc', 'Gaillard',
      'Girard', 'Jordan', 'Martin', 'Mercier', 'Nicolet', 'Oberson', 'Pasche', 'Rossier', 'Savary',
      'Tinguely', 'Zufferey', 'Germanier', 'Fellay', 'Luisier', 'Carron', 'Michaud', 'Richard', 'Cretton',
      'Bochud', 'Dumoulin', 'Reymond',
    ],
  },
  de: {
    first: [
      'Anna', 'Sandra', 'Nicole', 'Barbara', 'Andrea', 'Daniela', 'Claudia', 'Monika', 'Ursula', 'Karin',
      'Brigitte', 'Sabine', 'Corinne', 'Franziska', 'Regula', 'Simone', 'Stefanie', 'Melanie', 'Jasmin',
      'Lea', 'Nina', 'Selina', 'Lara', 'Jana', 'Vanessa', 'Tamara', 'Martina', 'Esther', 'Ruth', 'Verena',
      'Katharina', 'Priska', 'Manuela', 'Rahel', 'Seraina', 'Mirjam', 'Bettina', 'Daniel', 'Peter',
      'Thomas', 'Martin', 'Christian', 'Markus', 'Andreas', 'Stefan', 'Michael', 'Patrick', 'Reto', 'Urs',
      'Beat', 'Roger', 'Adrian', 'Lukas', 'Simon', 'Matthias', 'Jonas', 'Fabian', 'Pascal', 'Roman',
      'Samuel', 'Florian', 'Dominik', 'Tobias', 'Hans', 'Walter', 'Bruno', 'Kurt', 'Ueli', 'Jürg', 'Heinz',
      'René', 'Philipp', 'Oliver',
    ],
    last: [
      'Müller', 'Meier', 'Schmid', 'Keller', 'Weber', 'Huber', 'Schneider', 'Meyer', 'Steiner', 'Fischer',
      'Gerber', 'Brunner', 'Baumann', 'Frei', 'Zimmermann', 'Moser', 'Widmer', 'Wyss', 'Graf', 'Roth',
      'Suter', 'Baumgartner', 'Bachmann', 'Studer', 'Bühler', 'Kaufmann', 'Hofmann', 'Marti', 'Lehmann',
      'Schär', 'Sutter', 'Hofer', 'Bucher', 'Kälin', 'Ammann', 'Bösch', 'Egli', 'Gisler', 'Hess', 'Imhof',
      'Käser', 'Lüthi', 'Nussbaum', 'Odermatt', 'Rüegg', 'Stalder', 'Tanner', 'Zürcher', 'Aebi', 'Blaser',
      'Christen', 'von Gunten', 'Zaugg', 'Wälti', 'Schürch', 'Rüfenacht', 'Iten',
    ],
  },
  it: {
    first: [
      'Giulia', 'Francesca', 'Chiara', 'Sara', 'Elena', 'Valentina', 'Federica', 'Alessia', 'Martina',
      'Silvia', 'Paola', 'Monica', 'Roberta', 'Simona', 'Cristina', 'Alessandra', 'Elisa', 'Giorgia',
      'Marta', 'Ilaria', 'Lucia', 'Nadia', 'Sonia', 'Tiziana', 'Marco', 'Luca', 'Andrea', 'Matteo',
      'Alessandro', 'Davide', 'Stefano', 'Paolo', 'Giovanni', 'Francesco', 'Fabio', 'Simone', 'Roberto',
      'Massimo', 'Lorenzo', 'Nicola', 'Michele', 'Riccardo', 'Claudio', 'Fabrizio', 'Mattia', 'Gabriele',
      'Filippo', 'Daniele', 'Giuseppe', 'Sandro', 'Mauro', 'Tiziano', 'Ivan', 'Enrico',
    ],
    last: [
      'Bernasconi', 'Rossi', 'Ferrari', 'Fontana', 'Galli', 'Lepori', 'Bianchi', 'Pedrazzini', 'Rusconi',
      'Crivelli', 'Cattaneo', 'Bassi', 'Monti', 'Beretta', 'Bernardi', 'Colombo', 'Gianella', 'Guscetti',
      'Lombardi', 'Maggi', 'Moretti', 'Pagani', 'Quadri', 'Ricci', 'Sala', 'Tettamanti', 'Valsecchi',
      'Zanetti', 'Cereghetti', 'Gianinazzi', 'Ghisletta', 'Delcò', 'Cavadini', 'Fumagalli', 'Regazzoni',
      'Pellandini', 'Molinari', 'Mariotta', 'Vassalli', 'Soldati',
    ],
  },
};
const MIDDLE_INITIALS = [...'ABCDEFGHJKLMNPRSTVW'];

/** mulberry32: tiny, fast and good enough to make plausible people; not for anything secret. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => uint32() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)] as T;
  const chance = (probability: number): boolean => next() < probability;
  return { uint32, next, int, pick, chance };
}
type Random = ReturnType<typeof createRandom>;

/** Looks like an Entra object id (a version-4 GUID) so that demo data resembles production data. */
function guidLike(random: Random): string {
  const word = () => random.uint32().toString(16).padStart(8, '0');
  const [a, b, c, d] = [word(), word(), word(), word()];
  const variant = '89ab'.charAt(Number.parseInt(c.charAt(0), 16) & 3);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** AHV/AVS number: 756 (Switzerland), nine digits, then an EAN-13 check digit. */
function ahvNumber(random: Random): string {
  let digits = '756';
  let weighted = 7 + 5 * 3 + 6;
  for (let position = 3; position < 12; position++) {
    const digit = random.int(0, 9);
    digits += digit;
    weighted += position % 2 === 0 ? digit : digit * 3;
  }
  digits += (10 - (weighted % 10)) % 10;
  return `${digits.slice(0, 3)}.${digits.slice(3, 7)}.${digits.slice(7, 11)}.${digits.slice(11)}`;
}

/** Swiss mailboxes spell umlauts out (Müller → mueller); other accents are simply dropped. */
function foldForEmail(name: string): string {
  return name
    .toLowerCase()
    .replace(/[äöü]/g, (umlaut) => ({ ä: 'ae', ö: 'oe', ü: 'ue' })[umlaut as 'ä' | 'ö' | 'ü'])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9-]/g, '');
}
/** Names come from short lists, so each is folded once rather than once per person. */
const FOLDED_FOR_EMAIL = new Map(
  [...Object.values(NAMES).flatMap(({ first, last }) => [...first, ...last]), ...MIDDLE_INITIALS].map(
    (name) => [name, foldForEmail(name)],
  ),
);

interface PersonPlan {
  team: string;
  siteId: string;
  managerAadObjectId: string | null;
  roles: readonly Role[];
  language: LanguageRegion;
  /** Store staff may work Tuesday to Saturday; head office staff work Monday to Friday. */
  inStore: boolean;
  /** Managers hold full-time contracts. */
  fullTime: boolean;
}

/** Part-time rates with the number of days they are spread over (about 8.4 h a day, or half days). */
const PART_TIME: readonly { percent: number; days: number }[] = [
  { percent: 80, days: 4 },
  { percent: 80, days: 4 },
  { percent: 60, days: 3 },
  { percent: 60, days: 3 },
  { percent: 50, days: 5 },
  { percent: 40, days: 2 },
];
const PART_TIME_SHARE = 0.22;
const STORE_TUESDAY_TO_SATURDAY_SHARE = 0.3;

function contractDays(random: Random, plan: PersonPlan): { weeklyMinutes: number; workDays: Weekday[] } {
  const week =
    plan.inStore && random.chance(STORE_TUESDAY_TO_SATURDAY_SHARE) ? TUESDAY_TO_SATURDAY : MONDAY_TO_FRIDAY;
  if (plan.fullTime || !random.chance(PART_TIME_SHARE)) {
    return { weeklyMinutes: FULL_TIME_MINUTES, workDays: [...week] };
  }
  const { percent, days } = random.pick(PART_TIME);
  const start = random.int(0, week.length - days);
  return {
    weeklyMinutes: Math.round((FULL_TIME_MINUTES * percent) / 100),
    workDays: week.slice(start, start + days),
  };
}

export function generateDemoOrganisation(options: { seed?: number } = {}): DemoOrganisation {
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const people: Person[] = [];
  const contracts: Contract[] = [];
  const ids = new Set<string>([ALEX_WILBER_AAD_OBJECT_ID]);
  const displayNames = new Set<string>(['Alex Wilber']);
  const emailLocals = new Set<string>(['alex.wilber']);

  const newId = (): string => {
    let id = guidLike(random);
    while (ids.has(id)) id = guidLike(random);
    ids.add(id);
    return id;
  };

  const newIdentity = (language: LanguageRegion): { displayName: string; emailLocal: string } => {
    const pool = NAMES[language];
    for (;;) {
      const first = random.pick(pool.first);
      const last = random.pick(pool.last);
      const middles = ['', random.pick(MIDDLE_INITIALS), random.pick(MIDDLE_INITIALS)];
      for (const middle of middles) {
        const displayName = middle ? `${first} ${middle}. ${last}` : `${first} ${last}`;
        const emailLocal = [first, middle, last]
          .filter(Boolean)
          .map((part) => FOLDED_FOR_EMAIL.get(part) ?? foldForEmail(part))
          .join('.');
        if (!displayNames.has(displayName) && !emailLocals.has(emailLocal)) {
          displayNames.add(displayName);
          emailLocals.add(emailLocal);
          return { displayName, emailLocal };
        }
      }
    }
  };

  /** `identity` is given for a fixed, known person (the Playground's user), who reads English. */
  const add = (
    plan: PersonPlan,
    identity?: { aadObjectId: string; displayName: string; emailLocal: string },
  ) => {
    const { aadObjectId, displayName, emailLocal } = identity ?? {
      aadObjectId: newId(),
      ...newIdentity(plan.language),
    };
    const locale = identity ? 'en' : random.chance(ENGLISH_SHARE) ? 'en' : LOCALE_OF[plan.language];
    people.push({
      aadObjectId,
      displayName,
      email: `${emailLocal}@${DEMO_EMAIL_DOMAIN}`,
      team: plan.team,
      siteId: plan.siteId,
      managerAadObjectId: plan.managerAadObjectId,
      // In ROLES order, as the directory import stores them, so a re-imported demo file changes nothing.
      roles: ROLES.filter((role) => plan.roles.includes(role)),
      locale,
      ahvNumber: random.chance(MISSING_AHV_SHARE) ? null : ahvNumber(random),
      active: true,
      source: 'directory',
    });
    contracts.push({ aadObjectId, validFrom: CONTRACTS_FROM, ...contractDays(random, plan) });
    return aadObjectId;
  };

  const headOfficeLanguage = (): LanguageRegion => {
    let roll = random.next();
    for (const { language, weight } of HEAD_OFFICE_LANGUAGES) {
      roll -= weight;
      if (roll < 0) return language;
    }
    return 'de';
  };
  const atHeadOffice = (
    team: string,
    managerAadObjectId: string | null,
    roles: readonly Role[],
    fullTime: boolean,
  ) =>
    add({
      team,
      siteId: HEAD_OFFICE.id,
      managerAadObjectId,
      roles,
      language: headOfficeLanguage(),
      inStore: false,
      fullTime,
    });

  const ceo = atHeadOffice(MANAGEMENT_TEAM, null, ['manager', 'employee'], true);
  const directors = Object.fromEntries(
    DIRECTORS.map((director) => [
      director,
      atHeadOffice(MANAGEMENT_TEAM, ceo, ['manager', 'employee'], true),
    ]),
  ) as Record<Director, string>;
  for (let i = 0; i < EXECUTIVE_ASSISTANTS; i++) atHeadOffice(MANAGEMENT_TEAM, ceo, ['employee'], false);

  const regionalManagers = new Map<CantonCode, string>();
  for (const region of SALES_REGIONS) {
    const regionalManager = add({
      team: region.name,
      siteId: HEAD_OFFICE.id,
      managerAadObjectId: directors.sales,
      roles: ['manager', 'employee'],
      language: region.language,
      inStore: false,
      fullTime: true,
    });
    for (const canton of region.cantons) regionalManagers.set(canton, regionalManager);
    for (let i = 0; i < SALES_COORDINATORS; i++) {
      add({
        team: region.name,
        siteId: HEAD_OFFICE.id,
        managerAadObjectId: regionalManager,
        roles: ['employee'],
        language: region.language,
        inStore: false,
        fullTime: false,
      });
    }
  }

  for (const team of HEAD_OFFICE_TEAMS) {
    const teamManager = atHeadOffice(
      team.name,
      directors[team.reportsTo],
      team.managerRoles ?? ['manager', 'employee'],
      true,
    );
    const memberRoles = (team.specialists ?? []).flatMap(({ count, roles }) =>
      Array.from({ length: count }, () => roles),
    );
    for (let i = 0; i < team.size - 1; i++) {
      atHeadOffice(team.name, teamManager, memberRoles[i] ?? ['employee'], false);
    }
  }

  const stores: Site[] = STORE_LOCATIONS.map((location, index) => ({
    id: `S${String(index + 1).padStart(3, '0')}`,
    name: location.name,
    canton: location.canton,
    kind: 'store',
    seats: location.seats,
    capPercent: 50,
    // Larger stores cannot open a shift with two people on the floor.
    minStaff: location.staff >= 8 ? 3 : 2,
    openDays: [...MONDAY_TO_SATURDAY],
  }));

  const regionalManagerOf = (canton: CantonCode): string => {
    const regionalManager = regionalManagers.get(canton);
    if (!regionalManager) throw new Error(`demo: canton ${canton} belongs to no sales region`);
    return regionalManager;
  };
  STORE_LOCATIONS.forEach((location, index) => {
    const site = stores[index] as Site;
    const store = { team: location.name, siteId: site.id, language: location.region, inStore: true };
    const alexRunsIt = location.name === ALEX_WILBER_STORE;
    const storeManager = add(
      {
        ...store,
        managerAadObjectId: regionalManagerOf(location.canton),
        roles: ['manager', 'employee'],
        fullTime: true,
      },
      alexRunsIt
        ? { aadObjectId: ALEX_WILBER_AAD_OBJECT_ID, displayName: 'Alex Wilber', emailLocal: 'alex.wilber' }
        : undefined,
    );
    for (let i = 1; i < location.staff; i++) {
      add({ ...store, managerAadObjectId: storeManager, roles: ['employee'], fullTime: false });
    }
  });

  if (!people.some((person) => person.aadObjectId === ALEX_WILBER_AAD_OBJECT_ID)) {
    throw new Error(`demo: no store named ${ALEX_WILBER_STORE} for Alex Wilber to run`);
  }

  const headOffice: Site = {
    id: HEAD_OFFICE.id,
    name: HEAD_OFFICE.name,
    canton: HEAD_OFFICE.canton,
    kind: 'office',
    seats: HEAD_OFFICE.seats,
    capPercent: 50,
    minStaff: null,
    openDays: [...MONDAY_TO_FRIDAY],
  };

  return { sites: [...stores, headOffice], people, contracts };
}

/**
 * The people the tab's "view as" picker offers first, one per kind of user, so a demo can show
 * every role in a few clicks: Alex Wilber (the Playground's user), one of his staff, an HR officer,
 * an IT agent, an admin, a head-office team manager, then store staff in Ticino and in the German
 * part.
 */
export function featuredDemoPeople(org: Pick<DemoOrganisation, 'people' | 'sites'>): string[] {
  const siteById = new Map(org.sites.map((site) => [site.id, site]));
  const personById = new Map(org.people.map((person) => [person.aadObjectId, person]));
  const teamLeads = new Set(
    org.people.flatMap((person) => {
      const manager =
        person.managerAadObjectId === null ? undefined : personById.get(person.managerAadObjectId);
      return manager && manager.team === person.team ? [manager.aadObjectId] : [];
    }),
  );
  const only = (person: Person, ...roles: Role[]) =>
    person.roles.length === roles.length && roles.every((role) => person.roles.includes(role));
  const inStoreOf = (person: Person, canton: string) => {
    const site = person.siteId === null ? undefined : siteById.get(person.siteId);
    return site?.kind === 'store' && site.canton === canton;
  };
  const choices: ((person: Person) => boolean)[] = [
    (person) => person.aadObjectId === ALEX_WILBER_AAD_OBJECT_ID,
    (person) => person.managerAadObjectId === ALEX_WILBER_AAD_OBJECT_ID && only(person, 'employee'),
    (person) => only(person, 'hr', 'employee'),
    (person) => only(person, 'it', 'employee'),
    (person) => person.roles.includes('admin'),
    (person) =>
      person.siteId === HEAD_OFFICE.id &&
      only(person, 'manager', 'employee') &&
      teamLeads.has(person.aadObjectId) &&
      person.team !== MANAGEMENT_TEAM &&
      !person.team?.startsWith('Sales Region'),
    (person) => person.locale === 'it-CH' && only(person, 'employee') && inStoreOf(person, 'TI'),
    (person) => person.locale === 'de-CH' && only(person, 'employee') && inStoreOf(person, 'ZH'),
  ];
  return choices.flatMap((choose) => {
    const found = org.people.find((person) => person.active && choose(person));
    return found ? [found.aadObjectId] : [];
  });
}
