import type { CalendarDate } from '../shared/calendar-date.js';
import type { SupportedLocale } from '../shared/locale.js';

export const ROLES = ['employee', 'manager', 'it', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const MONDAY_TO_FRIDAY: readonly Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

export const SITE_KINDS = ['office', 'store'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export interface Site {
  id: string;
  name: string;
  /** Two-letter Swiss canton code (GE, VD, TI, ZH, …): decides the public holidays. */
  canton: string;
  kind: SiteKind;
  seats: number;
  /** Share of seats that may be used at once during the crisis. */
  capPercent: number;
  minStaff: number | null;
  openDays: Weekday[] | null;
}

/** Where a person came from: the HR directory file, or their first chat with the bot. */
export type PersonSource = 'directory' | 'activity';

export interface Person {
  /** Entra object id; opaque (Teams clients do not always send GUIDs). */
  aadObjectId: string;
  displayName: string;
  email: string | null;
  team: string | null;
  siteId: string | null;
  managerAadObjectId: string | null;
  roles: Role[];
  locale: SupportedLocale;
  ahvNumber: string | null;
  active: boolean;
  source: PersonSource;
}

/** A contract period: applies from `validFrom` until the next period of the same person. */
export interface Contract {
  aadObjectId: string;
  validFrom: CalendarDate;
  weeklyMinutes: number;
  workDays: Weekday[];
}

/** The contract every newcomer gets until the directory says otherwise (design: 42 h, Mon–Fri). */
export const NEWCOMER_WEEKLY_MINUTES = 42 * 60;

/** A contract that has applied "since always": earlier than any record a person can make. */
export const BEGINNING_OF_RECORDS: CalendarDate = '1900-01-01';

export function hasRole(person: Pick<Person, 'roles'>, role: Role): boolean {
  return person.roles.includes(role);
}
