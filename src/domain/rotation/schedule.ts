/**
 * Who works where on which day (GET /api/schedule): a row per person with each day's place and
 * cohort from the published rotations, and — for those whose hours the caller may read — the
 * day's absence, minutes worked and whether a work day has nothing recorded.
 *
 * Three ways to ask:
 * - the caller's own team and, for a manager, everyone below them (no filter);
 * - one team and/or one site (a filter): each person shown must be one the caller may see;
 * - the whole organisation (HR and admin, a week at most): every active person in one answer.
 *
 * Each table is read once per answer, and only for the people shown: a team's week reads the
 * team, the caller's subtree (one recursive query), their contracts, published days and day
 * summaries — not the 1,500 people of the directory. Who may read whose hours is decided in
 * memory (`isAllowedAmong`) from the caller's subtree, not with a directory read per person.
 */
import { MAX_CHAIN_LENGTH } from '../directory/authority.js';
import type { DirectoryRepository, RosterPerson } from '../directory/directory-ports.js';
import {
  WEEKDAYS,
  hasRole,
  type Contract,
  type Person,
  type Site,
  type Weekday,
} from '../directory/people.js';
import { forbidden, isAllowedAmong } from '../directory/policy.js';
import { contractOn } from '../directory/profile.js';
import { reportsAmong } from '../directory/reports.js';
import type { AbsenceKind, HoursDaySummary, HoursRepository } from '../hours/hours-entry.js';
import { targetsForRange } from '../rht/daily-targets.js';
import { publicHolidayShareOn } from '../rht/public-holidays.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import type { RotationPlace } from './rotation-plan.js';
import type { PublishedDay, RotationRepository } from './rotation-ports.js';

/** Two months and a bit: a month view with its edges. */
export const MAX_SCHEDULE_DAYS = 62;

/**
 * The whole organisation at once: 1,500 people × 7 days is about 1.3 MB of JSON already; a month
 * would be five times that, too much for one answer and for the tab to draw.
 */
export const MAX_ORGANISATION_SCHEDULE_DAYS = 7;

export interface ScheduleDay {
  date: CalendarDate;
  place: RotationPlace | null;
  cohort: string | null;
  /** Null when the caller may not read the person's hours. */
  absence: AbsenceKind | null;
  workedMinutes: number | null;
  missing: boolean | null;
}

export interface SchedulePerson {
  aadObjectId: string;
  displayName: string;
  team: string | null;
  siteId: string | null;
  siteName: string | null;
  days: ScheduleDay[];
}

export interface Schedule {
  from: CalendarDate;
  to: CalendarDate;
  people: SchedulePerson[];
}

export interface DateRange {
  from: CalendarDate;
  to: CalendarDate;
}

export interface SchedulePorts {
  directory: Pick<
    DirectoryRepository,
    | 'listRoster'
    | 'listPeopleWhere'
    | 'listPeopleBelow'
    | 'listSites'
    | 'listAllContracts'
    | 'listContractsOf'
  >;
  hours: Pick<HoursRepository, 'daySummaries'>;
  rotations: Pick<RotationRepository, 'publishedDays'>;
}

export interface ScheduleService {
  /**
   * The caller's team and reports, or with `team` and/or `siteId` those people; throws
   * `auth.forbidden` when the filter names someone the caller may not see.
   */
  teamSchedule(
    actor: Person,
    request: DateRange & { team?: string | undefined; siteId?: string | undefined },
    today: CalendarDate,
  ): Promise<Schedule>;
  /**
   * Every active person of the organisation; for a caller the policy allows
   * `schedule.organisation` (the route asks it), over at most MAX_ORGANISATION_SCHEDULE_DAYS.
   */
  organisationSchedule(actor: Person, range: DateRange, today: CalendarDate): Promise<Schedule>;
}

export function createScheduleService({ directory, hours, rotations }: SchedulePorts): ScheduleService {
  /** The published days, hour summaries, contracts and sites of the people shown, then the rows. */
  async function scheduleOf(
    people: readonly RosterPerson[],
    withHours: ReadonlySet<string>,
    range: DateRange,
    today: CalendarDate,
  ): Promise<Schedule> {
    const ids = people.map((person) => person.aadObjectId);
    const hourIds = [...withHours];
    const [published, summaries, contracts, sites] = await Promise.all([
      rotations.publishedDays({ aadObjectIds: ids, ...range }),
      hourIds.length > 0 ? hours.daySummaries({ aadObjectIds: hourIds, ...range }) : [],
      hourIds.length > 0 ? directory.listContractsOf(hourIds) : [],
      directory.listSites(),
    ]);
    return buildSchedule({ ...range, today, people, withHours, sites, contracts, published, summaries });
  }

  return {
    async teamSchedule(actor, request, today) {
      const hrOrAdmin = hasRole(actor, 'hr') || hasRole(actor, 'admin');
      const filtered = request.team !== undefined || request.siteId !== undefined;
      const listsReports = !filtered && hasRole(actor, 'manager');
      // Whom the caller manages decides whose hours (and, with a filter, whose names) they see;
      // HR and admins see everyone's, so theirs is read only to list a manager's reports.
      const belowPeople =
        !hrOrAdmin || listsReports
          ? await directory.listPeopleBelow(actor.aadObjectId, MAX_CHAIN_LENGTH)
          : [];
      const below = new Set(belowPeople.map((person) => person.aadObjectId));

      let people: Person[];
      if (filtered) {
        people = await directory.listPeopleWhere({ team: request.team, siteId: request.siteId });
        if (people.some((person) => !isAllowedAmong(actor, 'schedule.read', person, below)))
          throw forbidden('schedule.read');
      } else {
        const team = actor.team !== null ? await directory.listPeopleWhere({ team: actor.team }) : [];
        const reports = listsReports
          ? reportsAmong(belowPeople, actor.aadObjectId, { limit: Number.MAX_SAFE_INTEGER })
          : [];
        const byId = new Map([...team, ...reports, actor].map((person) => [person.aadObjectId, person]));
        people = [...byId.values()];
      }
      const withHours = new Set(
        people
          .filter((person) => isAllowedAmong(actor, 'hours.read', person, below))
          .map((person) => person.aadObjectId),
      );
      return scheduleOf(people, withHours, { from: request.from, to: request.to }, today);
    },

    async organisationSchedule(actor, range, today) {
      const [people, sites, contracts, published, summaries] = await Promise.all([
        directory.listRoster(),
        directory.listSites(),
        directory.listAllContracts(),
        rotations.publishedDays(range),
        hours.daySummaries(range),
      ]);
      const nobodyBelow = new Set<string>();
      const withHours = new Set(
        people
          .filter((person) => isAllowedAmong(actor, 'hours.read', person, nobodyBelow))
          .map((person) => person.aadObjectId),
      );
      return buildSchedule({ ...range, today, people, withHours, sites, contracts, published, summaries });
    },
  };
}

/** Names sort as a Swiss reader expects (Ä with A, é with e); one collator, not one per comparison. */
const byName = new Intl.Collator('de-CH');

export interface ScheduleInput extends DateRange {
  /** The organisation's local date: a day after it is not "missing" yet. */
  today: CalendarDate;
  people: readonly RosterPerson[];
  /** The people whose hours the caller may read. */
  withHours: ReadonlySet<string>;
  sites: readonly Site[];
  /** At least those of the people in `withHours`; others are ignored. */
  contracts: readonly Contract[];
  published: readonly PublishedDay[];
  summaries: readonly HoursDaySummary[];
}

/** The schedule's rows, by name; each day's facts looked up by person and day index, built once. */
export function buildSchedule(input: ScheduleInput): Schedule {
  const dates: CalendarDate[] = [];
  for (let date = input.from; date <= input.to; date = addDays(date, 1)) dates.push(date);
  const dayIndex = new Map(dates.map((date, index) => [date, index]));

  const siteById = new Map(input.sites.map((site) => [site.id, site]));
  const contractsOf = groupBy(input.contracts, (contract) => contract.aadObjectId);
  const publishedOf = byPersonAndDay(input.published, dayIndex);
  const summaryOf = byPersonAndDay(input.summaries, dayIndex);
  const targetsOf = rangeTargets(input.from, input.to, dates);

  const people = [...input.people].sort(
    (a, b) => byName.compare(a.displayName, b.displayName) || a.aadObjectId.localeCompare(b.aadObjectId),
  );
  return {
    from: input.from,
    to: input.to,
    people: people.map((person) => {
      const site = person.siteId ? siteById.get(person.siteId) : undefined;
      const hoursVisible = input.withHours.has(person.aadObjectId);
      const planned = publishedOf.get(person.aadObjectId);
      const summaries = summaryOf.get(person.aadObjectId);
      const targets = hoursVisible
        ? targetsOf(contractsOf.get(person.aadObjectId) ?? [], site?.canton ?? null)
        : null;
      return {
        aadObjectId: person.aadObjectId,
        displayName: person.displayName,
        team: person.team,
        siteId: person.siteId,
        siteName: site?.name ?? null,
        days: dates.map((date, index): ScheduleDay => {
          const place = planned?.[index];
          if (!targets) {
            return {
              date,
              place: place?.place ?? null,
              cohort: place?.cohort ?? null,
              absence: null,
              workedMinutes: null,
              missing: null,
            };
          }
          const summary = summaries?.[index];
          return {
            date,
            place: place?.place ?? null,
            cohort: place?.cohort ?? null,
            absence: summary?.absenceKind ?? null,
            workedMinutes: summary?.workedMinutes ?? 0,
            missing: (targets[index] ?? 0) > 0 && date <= input.today && summary === undefined,
          };
        }),
      };
    }),
  };
}

/**
 * The daily targets (whole minutes) of the range for a person's contracts and canton. Only the
 * contract in force on the first day and those starting within the range matter, and of the
 * canton only its public holidays in the range (most weeks have none anywhere), so most people
 * share their targets with many others: computed once per such group — a dozen or two for 1,500
 * people — not once per person.
 */
function rangeTargets(from: CalendarDate, to: CalendarDate, dates: readonly CalendarDate[]) {
  const holidaysOf = new Map<string, string>();
  const computed = new Map<string, number[]>();
  return (contracts: readonly Contract[], canton: string | null): number[] => {
    const cantonKey = canton ?? '';
    let holidays = holidaysOf.get(cantonKey);
    if (holidays === undefined) {
      holidays = dates.map((date) => publicHolidayShareOn(canton, date)).join(',');
      holidaysOf.set(cantonKey, holidays);
    }
    // The key names what the targets depend on. It is built for each of 1,500 people, so with no
    // intermediate arrays, copies or joins (the work days as a bit set: only which days counts;
    // the contract in force counts from `from`, whatever its start).
    const inForce = contractOn(contracts, from);
    let key = holidays;
    if (inForce) key += `|${inForce.weeklyMinutes}/${weekdaySet(inForce.workDays)}`;
    for (const contract of contracts) {
      if (contract.validFrom > from && contract.validFrom <= to)
        key += `;${contract.validFrom}/${contract.weeklyMinutes}/${weekdaySet(contract.workDays)}`;
    }
    let targets = computed.get(key);
    if (!targets) {
      const relevant = [
        ...(inForce ? [{ ...inForce, validFrom: from }] : []),
        ...contracts.filter((contract) => contract.validFrom > from && contract.validFrom <= to),
      ];
      targets = targetsForRange({ contracts: relevant, canton, from, to }).map((day) => day.targetMinutes);
      computed.set(key, targets);
    }
    return targets;
  };
}

/** Work days as a bit set (Monday = 1, Sunday = 64). */
function weekdaySet(days: readonly Weekday[]): number {
  let set = 0;
  for (const day of days) set |= 1 << WEEKDAYS.indexOf(day);
  return set;
}

/** Facts of a person's days, by person, at the index of their date in the range. */
function byPersonAndDay<T extends { aadObjectId: string; date: CalendarDate }>(
  facts: readonly T[],
  dayIndex: ReadonlyMap<CalendarDate, number>,
): Map<string, (T | undefined)[]> {
  const found = new Map<string, (T | undefined)[]>();
  for (const fact of facts) {
    const index = dayIndex.get(fact.date);
    if (index === undefined) continue;
    let days = found.get(fact.aadObjectId);
    if (!days) {
      days = new Array<T | undefined>(dayIndex.size);
      found.set(fact.aadObjectId, days);
    }
    days[index] = fact;
  }
  return found;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
