/**
 * The rotation generator: pure and deterministic (same input, same rotation), and fast — one
 * pass over people × days, no search (1,500 people × 8 weeks in a few milliseconds, see
 * tests/unit/rotation/generate-rotation.test.ts).
 *
 * Hard rules (broken only where the input leaves no choice, and then reported as conflicts):
 * - one cohort per site and day: each open site-day belongs to exactly one cohort (the pattern
 *   says which), so cohorts never meet;
 * - the cap, floor(seats × cap % / 100), is never exceeded: a cohort too large on a given day (it
 *   happens with part-time work days) sends its members with the most site days so far home;
 * - absences and days outside the contract's work days are `off`;
 * - critical people are spread so that every cohort holds one, hence one on site each open day
 *   unless they are away (reported as `no_critical`);
 * - store minimum staff: cohorts of a store are balanced in size; a day that still falls short is
 *   reported as `below_min_staff` (a cohort cannot borrow from another without mixing).
 * Input that cannot be planned at all throws `rotation.infeasible` with the constraint and figures.
 *
 * Soft rules:
 * - fairness: cohorts get the site's open days in turn (a counter over open days, or whole weeks
 *   for A/B weeks with an odd last week split by days), so people with the same work days differ
 *   by at most one site day over the horizon;
 * - stability: a person keeps the cohort given in `previousCohorts`; newcomers start in the
 *   cohort a stable hash of their id names, and balancing moves as few people as it can;
 * - teams together: at an office, a whole team joins one cohort when it fits under the cap. A store
 *   is one team that must staff every open day, so its people are spread over the cohorts instead.
 */
import type { Weekday } from '../directory/people.js';
import { weekdayOf } from '../rht/daily-targets.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';
import {
  capOf,
  checkRotation,
  cohortCountOf,
  cohortsOf,
  MAX_COHORTS,
  MAX_ROTATION_WEEKS,
  siteOpenOn,
  type Cohort,
  type PlannedPerson,
  type RotationCheck,
  type RotationDay,
  type RotationPattern,
  type RotationPerson,
  type RotationSite,
} from './rotation-plan.js';

export interface RotationInput {
  people: readonly RotationPerson[];
  sites: readonly RotationSite[];
  pattern: RotationPattern;
  /** The first day (usually a Monday). */
  startDate: CalendarDate;
  weeks: number;
  /** Cohort ids from an earlier rotation, by person id: kept where the rules allow. */
  previousCohorts?: Readonly<Record<string, string>>;
}

export interface GeneratedRotation extends RotationCheck {
  startDate: CalendarDate;
  endDate: CalendarDate;
  dates: CalendarDate[];
  cohorts: Cohort[];
  people: PlannedPerson[];
}

const MONDAY_TO_FRIDAY: readonly Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

/** FNV-1a, 32 bits: a stable, well-spread number per id, independent of input order. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function infeasible(constraint: string, message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('rotation.infeasible', message, { constraint, ...details });
}

function validate(input: RotationInput, cohortCount: number): void {
  if (!Number.isInteger(input.weeks) || input.weeks < 1 || input.weeks > MAX_ROTATION_WEEKS)
    throw new DomainError('input.invalid', `weeks must be 1 to ${MAX_ROTATION_WEEKS}`, {
      weeks: input.weeks,
    });
  if (!Number.isInteger(cohortCount) || cohortCount < 2 || cohortCount > MAX_COHORTS)
    throw new DomainError('input.invalid', `a rotation has 2 to ${MAX_COHORTS} cohorts`, {
      cohorts: cohortCount,
    });
  if (input.pattern.kind === 'custom') {
    const seen = new Map<Weekday, number>();
    input.pattern.cohortDays.forEach((days, cohort) => {
      for (const day of days) {
        const other = seen.get(day);
        if (other !== undefined && other !== cohort)
          throw infeasible('cohorts_mixed', `two cohorts would both be on site on ${day}`, {
            weekday: day,
            cohorts: cohortsOf(cohortCount)
              .filter((_, index) => index === other || index === cohort)
              .map((c) => c.id),
          });
        seen.set(day, cohort);
      }
    });
  }
  const siteIds = new Set(input.sites.map((site) => site.id));
  for (const person of input.people) {
    if (!siteIds.has(person.siteId))
      throw new DomainError('input.invalid', 'a person belongs to no site of the rotation', {
        person: person.id,
        siteId: person.siteId,
      });
  }
}

/** Which cohort (index) is on site on each date, or null when the site is closed or nobody's. */
function dutyRoster(
  site: RotationSite,
  pattern: RotationPattern,
  dates: readonly CalendarDate[],
  weekdays: readonly Weekday[],
  weeks: number,
): (number | null)[] {
  const closed = new Set(site.closedDates ?? []);
  let openDayCounter = 0;
  let lastWeekCounter = 0;
  return dates.map((date, index) => {
    const weekday = weekdays[index] as Weekday;
    if (!siteOpenOn(site, date, closed, weekday)) return null;
    const week = Math.floor(index / 7);
    let cohort: number | null;
    switch (pattern.kind) {
      case 'ab_weeks':
        // An odd last week would give cohort A a whole week more: it alternates by day instead.
        cohort = weeks % 2 === 1 && week === weeks - 1 && weeks > 1 ? lastWeekCounter++ % 2 : week % 2;
        break;
      case 'alternating_days':
        cohort = openDayCounter % 2;
        break;
      case 'cohorts':
        cohort = openDayCounter % pattern.cohorts;
        break;
      case 'custom': {
        const found = pattern.cohortDays.findIndex((days) => days.includes(weekday));
        cohort = found < 0 ? null : found;
        break;
      }
    }
    openDayCounter += 1;
    return cohort;
  });
}

interface Member {
  person: RotationPerson;
  hash: number;
  /** Per date: does the person work (contract day, not away)? */
  works: boolean[];
  cohort: number;
}

function argMin(values: readonly number[]): number {
  let best = 0;
  values.forEach((value, index) => {
    if (value < (values[best] ?? Infinity)) best = index;
  });
  return best;
}

/** Hash order, highest first: who moves when a cohort must give someone up. */
const byHashDescending = (a: Member, b: Member) => b.hash - a.hash || (a.person.id < b.person.id ? -1 : 1);

function previousIndex(
  person: RotationPerson,
  cohortIds: readonly string[],
  previous: Readonly<Record<string, string>> | undefined,
): number | null {
  const id = previous?.[person.id];
  const index = id === undefined ? -1 : cohortIds.indexOf(id);
  return index < 0 ? null : index;
}

/** Store (or any site without team grouping): previous or hashed cohort, then sizes balanced. */
function spreadOverCohorts(members: Member[], count: number, previous: (member: Member) => number | null) {
  for (const member of members) member.cohort = previous(member) ?? member.hash % count;
  for (;;) {
    const sizes = Array.from({ length: count }, (_, c) => members.filter((m) => m.cohort === c).length);
    const largest = sizes.indexOf(Math.max(...sizes));
    const smallest = argMin(sizes);
    if ((sizes[largest] ?? 0) - (sizes[smallest] ?? 0) <= 1) return;
    const candidates = members
      .filter((m) => m.cohort === largest && !m.person.critical)
      .sort(byHashDescending);
    const mover = candidates[0] ?? members.filter((m) => m.cohort === largest).sort(byHashDescending)[0];
    if (!mover) return;
    mover.cohort = smallest;
  }
}

/** Office: whole teams into one cohort while they fit under the cap; larger teams are spread. */
function groupTeams(
  members: Member[],
  count: number,
  cap: number,
  previous: (member: Member) => number | null,
) {
  const teams = new Map<string, Member[]>();
  const loners: Member[] = [];
  for (const member of members) {
    const team = member.person.team;
    const list = team === null ? undefined : teams.get(team);
    if (team === null) loners.push(member);
    else if (list) list.push(member);
    else teams.set(team, [member]);
  }
  const loads = Array.from({ length: count }, () => 0);
  const ordered = [...teams.entries()].sort(
    ([nameA, a], [nameB, b]) => b.length - a.length || (nameA < nameB ? -1 : 1),
  );
  const split: Member[] = [...loners];
  for (const [, team] of ordered) {
    const votes = Array.from({ length: count }, () => 0);
    for (const member of team) {
      const before = previous(member);
      if (before !== null) votes[before] = (votes[before] ?? 0) + 1;
    }
    const preferred = Math.max(...votes) > 0 ? votes.indexOf(Math.max(...votes)) : null;
    const target =
      preferred !== null && (loads[preferred] ?? 0) + team.length <= cap ? preferred : argMin(loads);
    if ((loads[target] ?? 0) + team.length <= cap) {
      for (const member of team) member.cohort = target;
      loads[target] = (loads[target] ?? 0) + team.length;
    } else {
      split.push(...team);
    }
  }
  for (const member of split.sort(byHashDescending).reverse()) {
    const before = previous(member);
    const target = before !== null && (loads[before] ?? 0) < cap ? before : argMin(loads);
    member.cohort = target;
    loads[target] = (loads[target] ?? 0) + 1;
  }
}

/** Every cohort holds a critical person when there are enough: moves them, swapping sizes back. */
function spreadCritical(site: RotationSite, members: Member[], count: number): void {
  const critical = members.filter((m) => m.person.critical);
  if (critical.length === 0) return;
  if (critical.length < count)
    throw infeasible(
      'critical',
      `${critical.length} critical people cannot cover ${count} cohorts: one must be on site each open day`,
      { siteId: site.id, critical: critical.length, cohorts: count },
    );
  for (;;) {
    const perCohort = Array.from({ length: count }, (_, c) => critical.filter((m) => m.cohort === c));
    const empty = perCohort.findIndex((list) => list.length === 0);
    if (empty < 0) return;
    const donorIndex = perCohort.reduce(
      (best, list, index) => (list.length > (perCohort[best]?.length ?? 0) ? index : best),
      0,
    );
    const mover = [...(perCohort[donorIndex] ?? [])].sort(byHashDescending)[0];
    if (!mover) return;
    mover.cohort = empty;
    // Keep sizes: a non-critical member of the receiving cohort takes the mover's place.
    const back = members.filter((m) => m.cohort === empty && !m.person.critical).sort(byHashDescending)[0];
    if (back) back.cohort = donorIndex;
  }
}

export function generateRotation(input: RotationInput): GeneratedRotation {
  const cohortCount = cohortCountOf(input.pattern);
  validate(input, cohortCount);
  const cohorts = cohortsOf(cohortCount);
  const cohortIds = cohorts.map((cohort) => cohort.id);
  const dates = Array.from({ length: input.weeks * 7 }, (_, index) => addDays(input.startDate, index));
  const weekdays = dates.map(weekdayOf);

  const peopleBySite = new Map<string, RotationPerson[]>();
  for (const person of input.people) {
    const list = peopleBySite.get(person.siteId);
    if (list) list.push(person);
    else peopleBySite.set(person.siteId, [person]);
  }

  const planned: PlannedPerson[] = [];
  for (const site of [...input.sites].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const cap = capOf(site);
    const members: Member[] = (peopleBySite.get(site.id) ?? [])
      .map((person) => {
        const workDays = new Set(person.workDays.length > 0 ? person.workDays : MONDAY_TO_FRIDAY);
        const away = new Set(person.absences);
        return {
          person,
          hash: stableHash(person.id),
          works: dates.map((date, index) => workDays.has(weekdays[index] as Weekday) && !away.has(date)),
          cohort: 0,
        };
      })
      .sort((a, b) => (a.person.id < b.person.id ? -1 : 1));
    if (members.length === 0) continue;
    const roster = dutyRoster(site, input.pattern, dates, weekdays, input.weeks);

    // Infeasible cap: even evenly split, one cohort would be more people than the cap on a day.
    roster.forEach((duty, index) => {
      if (duty === null) return;
      const working = members.filter((m) => m.works[index]).length;
      if (Math.ceil(working / cohortCount) > cap) {
        throw infeasible(
          'cap',
          `${working} people work on ${dates[index]} at site ${site.id}: ${cohortCount} cohorts cannot stay under the cap of ${cap}`,
          {
            siteId: site.id,
            date: dates[index],
            cap,
            people: working,
            cohorts: cohortCount,
            minimumCohorts: cap > 0 ? Math.ceil(working / cap) : null,
          },
        );
      }
    });

    const previous = (member: Member) => previousIndex(member.person, cohortIds, input.previousCohorts);
    if (site.kind === 'office') groupTeams(members, cohortCount, cap, previous);
    else spreadOverCohorts(members, cohortCount, previous);
    spreadCritical(site, members, cohortCount);

    const onSitePlace = site.kind === 'store' ? 'store' : 'office';
    const siteDays = members.map(() => 0);
    const days: RotationDay[][] = members.map(() => []);
    roster.forEach((duty, index) => {
      const date = dates[index] as CalendarDate;
      const present: number[] = [];
      members.forEach((member, memberIndex) => {
        const works = member.works[index];
        const cohort = cohortIds[member.cohort] ?? null;
        const onSite = works && duty === member.cohort;
        if (onSite) present.push(memberIndex);
        days[memberIndex]?.push({
          date,
          place: !works ? 'off' : onSite ? onSitePlace : 'home',
          cohort: works ? cohort : null,
        });
      });
      if (present.length > cap) {
        // Part-time days can crowd one cohort's day: those with most site days so far stay home,
        // critical people last.
        const sendHome = [...present]
          .sort(
            (a, b) =>
              Number(members[a]?.person.critical) - Number(members[b]?.person.critical) ||
              (siteDays[b] ?? 0) - (siteDays[a] ?? 0) ||
              (members[b]?.hash ?? 0) - (members[a]?.hash ?? 0),
          )
          .slice(0, present.length - cap);
        for (const memberIndex of sendHome) {
          const day = days[memberIndex]?.[index];
          if (day) day.place = 'home';
        }
      }
      for (const memberIndex of present) {
        if (days[memberIndex]?.[index]?.place === onSitePlace)
          siteDays[memberIndex] = (siteDays[memberIndex] ?? 0) + 1;
      }
    });

    members.forEach((member, memberIndex) =>
      planned.push({
        id: member.person.id,
        siteId: site.id,
        cohortId: cohortIds[member.cohort] ?? 'A',
        critical: member.person.critical,
        days: days[memberIndex] ?? [],
      }),
    );
  }

  const check = checkRotation(input.sites, planned, dates);
  return {
    startDate: input.startDate,
    endDate: dates[dates.length - 1] ?? input.startDate,
    dates,
    cohorts,
    people: planned,
    ...check,
  };
}
