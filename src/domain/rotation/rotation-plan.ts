/**
 * The shapes of an office rotation, and the check that every rotation — generated, swapped or
 * read back from storage — goes through. Pure: no clock, no storage.
 *
 * A rotation gives each person, on each day of its horizon, a place (office or store when their
 * cohort is on site, home when it is not, off on days they do not work) and the cohort they belong
 * to that day. Cohorts take turns on a site so that they never meet (design: "cohorts that take
 * turns in the office or store so that they never mix, under each site's capacity cap").
 */
import type { SiteKind, Weekday } from '../directory/people.js';
import { weekdayOf } from '../rht/daily-targets.js';
import type { CalendarDate } from '../shared/calendar-date.js';

export const ROTATION_PLACES = ['office', 'store', 'home', 'off'] as const;
export type RotationPlace = (typeof ROTATION_PLACES)[number];

export const ROTATION_PATTERN_KINDS = ['ab_weeks', 'alternating_days', 'cohorts', 'custom'] as const;
export type RotationPatternKind = (typeof ROTATION_PATTERN_KINDS)[number];

/**
 * - `ab_weeks`: two cohorts, a week each in turn.
 * - `alternating_days`: two cohorts, one open day each in turn.
 * - `cohorts`: `cohorts` cohorts, one open day each in turn.
 * - `custom`: cohort i is on site on the weekdays `cohortDays[i]`, every week.
 */
export type RotationPattern =
  | { kind: 'ab_weeks' }
  | { kind: 'alternating_days' }
  | { kind: 'cohorts'; cohorts: number }
  | { kind: 'custom'; cohortDays: Weekday[][] };

export const MAX_COHORTS = 8;
export const MAX_ROTATION_WEEKS = 12;

export function cohortCountOf(pattern: RotationPattern): number {
  switch (pattern.kind) {
    case 'ab_weeks':
    case 'alternating_days':
      return 2;
    case 'cohorts':
      return pattern.cohorts;
    case 'custom':
      return pattern.cohortDays.length;
  }
}

export interface RotationSite {
  id: string;
  kind: SiteKind;
  seats: number;
  /** The cap in force for this rotation (the site's, or the one the manager chose). */
  capPercent: number;
  minStaff: number | null;
  /** Null = Monday to Friday for an office, Monday to Saturday for a store. */
  openDays: readonly Weekday[] | null;
  /** Dates the site is closed although it is an open weekday (whole-day public holidays). */
  closedDates?: readonly CalendarDate[];
}

export interface RotationPerson {
  id: string;
  team: string | null;
  siteId: string;
  /** The contract's work days (empty = Monday to Friday). */
  workDays: readonly Weekday[];
  /** Dates the person is away (vacation, sickness, …) within the horizon. */
  absences: readonly CalendarDate[];
  /** Someone who must be on site each day the site opens (e.g. the optician on duty). */
  critical: boolean;
}

export interface RotationDay {
  date: CalendarDate;
  place: RotationPlace;
  /** The cohort the person belongs to that day; null on days off. */
  cohort: string | null;
}

export interface PlannedPerson {
  id: string;
  siteId: string;
  cohortId: string;
  critical: boolean;
  days: RotationDay[];
}

export interface Cohort {
  id: string;
  name: string;
  color: string;
}

export type HeadcountState = 'ok' | 'near' | 'over' | 'under';

export interface SiteDayHeadcount {
  date: CalendarDate;
  siteId: string;
  count: number;
  cap: number;
  minStaff: number | null;
  state: HeadcountState;
}

export type ConflictKind = 'cap_exceeded' | 'cohorts_mixed' | 'below_min_staff' | 'no_critical';

export interface RotationConflict {
  date: CalendarDate;
  kind: ConflictKind;
  siteId: string;
  /** English, for logs and API readers; the tab words it from `kind` in the reader's language. */
  message: string;
}

export interface RotationCheck {
  headcount: SiteDayHeadcount[];
  conflicts: RotationConflict[];
}

/** Cohort colours: distinguishable for the common colour-vision deficiencies (Okabe–Ito). */
const COHORT_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

export function cohortsOf(count: number): Cohort[] {
  return Array.from({ length: count }, (_, index) => {
    const id = String.fromCharCode(65 + index);
    return { id, name: id, color: COHORT_COLORS[index % COHORT_COLORS.length] ?? '#000000' };
  });
}

/** The cap in people: a share of the seats, rounded down (50 % of 25 seats is 12 people). */
export function capOf(site: Pick<RotationSite, 'seats' | 'capPercent'>): number {
  return Math.floor((site.seats * site.capPercent) / 100);
}

const OFFICE_DAYS: readonly Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];
const STORE_DAYS: readonly Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Whether the site opens on `date`: an open weekday that is not a closed date. */
export function siteOpenOn(
  site: RotationSite,
  date: CalendarDate,
  closed?: ReadonlySet<string>,
  weekday: Weekday = weekdayOf(date),
): boolean {
  const openDays = site.openDays ?? (site.kind === 'store' ? STORE_DAYS : OFFICE_DAYS);
  if (!openDays.includes(weekday)) return false;
  return closed ? !closed.has(date) : !(site.closedDates ?? []).includes(date);
}

/** "near" starts at 90 % of the cap. */
const NEAR_SHARE = 0.9;

/**
 * Headcount per open site-day against the cap and the store minimum, and every broken rule:
 * cap exceeded, cohorts mixed, store below its minimum staff, no critical person on site (where
 * the site has critical people in the rotation).
 */
export function checkRotation(
  sites: readonly RotationSite[],
  people: readonly Pick<PlannedPerson, 'id' | 'siteId' | 'critical' | 'days'>[],
  dates: readonly CalendarDate[],
): RotationCheck {
  const headcount: SiteDayHeadcount[] = [];
  const conflicts: RotationConflict[] = [];
  const weekdays = dates.map(weekdayOf);
  const membersBySite = new Map<string, (typeof people)[number][]>();
  for (const person of people) {
    const list = membersBySite.get(person.siteId);
    if (list) list.push(person);
    else membersBySite.set(person.siteId, [person]);
  }
  for (const site of sites) {
    const members = membersBySite.get(site.id) ?? [];
    if (members.length === 0) continue;
    const cap = capOf(site);
    const closed = new Set(site.closedDates ?? []);
    const criticalRequired = members.some((person) => person.critical);
    dates.forEach((date, index) => {
      if (!siteOpenOn(site, date, closed, weekdays[index])) return;
      let count = 0;
      let critical = 0;
      const cohorts = new Set<string>();
      for (const person of members) {
        const day = person.days[index];
        if (!day || (day.place !== 'office' && day.place !== 'store')) continue;
        count += 1;
        if (person.critical) critical += 1;
        if (day.cohort) cohorts.add(day.cohort);
      }
      const minStaff = site.kind === 'store' ? site.minStaff : null;
      const under = minStaff !== null && count < minStaff;
      const state: HeadcountState =
        count > cap ? 'over' : under ? 'under' : count >= cap * NEAR_SHARE && cap > 0 ? 'near' : 'ok';
      headcount.push({ date, siteId: site.id, count, cap, minStaff, state });
      const conflict = (kind: ConflictKind, message: string) =>
        conflicts.push({ date, kind, siteId: site.id, message });
      if (count > cap) conflict('cap_exceeded', `${count} people on site, above the cap of ${cap}`);
      if (cohorts.size > 1)
        conflict('cohorts_mixed', `cohorts ${[...cohorts].sort().join(', ')} share the site`);
      if (under)
        conflict('below_min_staff', `${count} people in the store, below the minimum of ${minStaff}`);
      if (criticalRequired && critical === 0 && count > 0)
        conflict('no_critical', 'no critical person on site');
    });
  }
  return { headcount, conflicts };
}
