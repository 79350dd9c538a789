/**
 * Rotation use cases over storage: generate a draft for a site or a team, show it with its
 * headcount and conflicts, swap two people's days, publish, and a person's coming days. The HTTP
 * routes and the bot call these; who may do what is asked by the callers (policy.ts).
 */
import type { DirectoryRepository } from '../directory/directory-ports.js';
import { MONDAY_TO_FRIDAY, type Contract, type Person, type Site } from '../directory/people.js';
import { contractOn } from '../directory/profile.js';
import type { HoursRepository } from '../hours/hours-entry.js';
import { dailyTargetMinutes } from '../rht/daily-targets.js';
import { publicHolidayShareOn } from '../rht/public-holidays.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';
import { generateRotation } from './generate-rotation.js';
import {
  checkRotation,
  cohortCountOf,
  cohortsOf,
  type Cohort,
  type PlannedPerson,
  type RotationCheck,
  type RotationPattern,
  type RotationPlace,
  type RotationSite,
} from './rotation-plan.js';
import type {
  PublishedDay,
  RotationAssignment,
  RotationRepository,
  StoredRotation,
} from './rotation-ports.js';
import { swapDays } from './swap-days.js';

export interface RotationPorts {
  directory: Pick<DirectoryRepository, 'findSite' | 'listPeople' | 'listAllContracts' | 'findPerson'>;
  hours: Pick<HoursRepository, 'listAllEntries'>;
  rotations: RotationRepository;
}

/** The rotation as the API shows it (the tab relies on this shape). */
export interface RotationView extends RotationCheck {
  id: string;
  siteId: string;
  siteName: string;
  team: string | null;
  status: 'draft' | 'published';
  pattern: { kind: RotationPattern['kind']; cohorts: number };
  capPercent: number;
  startDate: CalendarDate;
  endDate: CalendarDate;
  cohorts: Cohort[];
  assignments: {
    aadObjectId: string;
    displayName: string;
    cohortId: string;
    critical: boolean;
    days: { date: CalendarDate; place: RotationPlace }[];
  }[];
}

export interface GenerateRequest {
  siteId?: string;
  team?: string | null;
  pattern: RotationPattern;
  capPercent?: number;
  startDate: CalendarDate;
  weeks: number;
  critical?: string[];
}

export function datesBetween(from: CalendarDate, to: CalendarDate): CalendarDate[] {
  const dates: CalendarDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** The site as the generator sees it: the rotation's cap, closed on the canton's whole-day holidays. */
export function rotationSiteOf(site: Site, capPercent: number, dates: readonly CalendarDate[]): RotationSite {
  return {
    id: site.id,
    kind: site.kind,
    seats: site.seats,
    capPercent,
    minStaff: site.minStaff,
    openDays: site.openDays,
    closedDates: dates.filter((date) => publicHolidayShareOn(site.canton, date) === 1),
  };
}

function mostFrequent(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

/** A stored rotation's assignments as the plan the rules check (days without an assignment are off). */
export function plannedFrom(
  rotation: StoredRotation,
  assignments: readonly RotationAssignment[],
  dates: readonly CalendarDate[],
): PlannedPerson[] {
  const byPerson = new Map<string, RotationAssignment[]>();
  for (const assignment of assignments) {
    const list = byPerson.get(assignment.aadObjectId);
    if (list) list.push(assignment);
    else byPerson.set(assignment.aadObjectId, [assignment]);
  }
  const critical = new Set(rotation.critical);
  return [...byPerson.entries()].map(([id, list]) => {
    const byDate = new Map(list.map((assignment) => [assignment.date, assignment]));
    return {
      id,
      siteId: rotation.siteId,
      cohortId: mostFrequent(list.map((assignment) => assignment.cohort)) ?? 'A',
      critical: critical.has(id),
      days: dates.map((date) => {
        const assignment = byDate.get(date);
        return { date, place: assignment?.place ?? 'off', cohort: assignment?.cohort ?? null };
      }),
    };
  });
}

export function createRotationService(ports: RotationPorts, options: { newId: () => string }) {
  async function siteOrThrow(siteId: string): Promise<Site> {
    const site = await ports.directory.findSite(siteId);
    if (!site) throw new DomainError('directory.unknown_site', 'no such site', { siteId });
    return site;
  }

  /** The people of a rotation's scope: active people of the site, of the team when it has one. */
  async function membersOf(siteId: string, team: string | null): Promise<Person[]> {
    const people = await ports.directory.listPeople();
    return people.filter((person) => person.siteId === siteId && (team === null || person.team === team));
  }

  async function view(
    rotation: StoredRotation,
    known?: { site?: Site; people?: Person[]; planned?: PlannedPerson[] },
  ): Promise<RotationView> {
    const site = known?.site ?? (await siteOrThrow(rotation.siteId));
    const dates = datesBetween(rotation.startDate, rotation.endDate);
    const people = known?.people ?? (await ports.directory.listPeople({ includeInactive: true }));
    const nameOf = new Map(people.map((person) => [person.aadObjectId, person.displayName]));
    const planned =
      known?.planned ?? plannedFrom(rotation, await ports.rotations.assignmentsOf(rotation.id), dates);
    const check = checkRotation([rotationSiteOf(site, rotation.capPercent, dates)], planned, dates);
    return {
      id: rotation.id,
      siteId: site.id,
      siteName: site.name,
      team: rotation.team,
      status: rotation.status,
      pattern: { kind: rotation.pattern.kind, cohorts: cohortCountOf(rotation.pattern) },
      capPercent: rotation.capPercent,
      startDate: rotation.startDate,
      endDate: rotation.endDate,
      cohorts: cohortsOf(cohortCountOf(rotation.pattern)),
      assignments: planned
        .map((person) => ({
          aadObjectId: person.id,
          displayName: nameOf.get(person.id) ?? person.id,
          cohortId: person.cohortId,
          critical: person.critical,
          days: person.days.map((day) => ({ date: day.date, place: day.place })),
        }))
        .sort(
          (a, b) =>
            a.cohortId.localeCompare(b.cohortId) || a.displayName.localeCompare(b.displayName, 'de-CH'),
        ),
      ...check,
    };
  }

  const assignmentsFrom = (people: readonly PlannedPerson[]): RotationAssignment[] =>
    people.flatMap((person) =>
      person.days.map((day) => ({
        aadObjectId: person.id,
        date: day.date,
        place: day.place,
        cohort: day.cohort,
      })),
    );

  async function rotationOrThrow(id: string): Promise<StoredRotation> {
    const rotation = await ports.rotations.findRotation(id);
    if (!rotation) throw new DomainError('rotation.not_found', 'no such rotation', { rotationId: id });
    return rotation;
  }

  return {
    view,
    rotationOrThrow,

    /** Where the rotation applies: the site given, or the site most of the team works at. */
    async scopeOf(
      request: Pick<GenerateRequest, 'siteId' | 'team'>,
    ): Promise<{ siteId: string; team: string | null }> {
      if (request.siteId)
        return { siteId: (await siteOrThrow(request.siteId)).id, team: request.team ?? null };
      const team = request.team ?? null;
      const people = (await ports.directory.listPeople()).filter((person) => person.team === team);
      const siteId = mostFrequent(people.map((person) => person.siteId));
      if (!team || !siteId)
        throw new DomainError('input.invalid', 'name a site or a team with people', { team });
      return { siteId, team };
    },

    /** Generates and stores a draft. */
    async generate(
      request: GenerateRequest & { siteId: string; team: string | null },
      context: { createdBy: string; createdAt: string },
    ): Promise<RotationView> {
      const site = await siteOrThrow(request.siteId);
      const capPercent = request.capPercent ?? site.capPercent;
      const members = await membersOf(site.id, request.team);
      if (members.length === 0)
        throw new DomainError('input.invalid', 'nobody works in this site or team', { siteId: site.id });
      const memberIds = new Set(members.map((person) => person.aadObjectId));
      const critical = [...new Set(request.critical ?? [])];
      const outsiders = critical.filter((id) => !memberIds.has(id));
      if (outsiders.length > 0)
        throw new DomainError('input.invalid', 'critical people must belong to the rotation', { outsiders });

      const dates = Array.from({ length: request.weeks * 7 }, (_, index) =>
        addDays(request.startDate, index),
      );
      const endDate = dates[dates.length - 1] ?? request.startDate;
      const contractsByPerson = new Map<string, Contract[]>();
      for (const contract of await ports.directory.listAllContracts()) {
        if (!memberIds.has(contract.aadObjectId)) continue;
        contractsByPerson.set(contract.aadObjectId, [
          ...(contractsByPerson.get(contract.aadObjectId) ?? []),
          contract,
        ]);
      }
      // A day with recorded absences covering the day's target is a day away.
      const absenceMinutes = new Map<string, number>();
      for (const entry of await ports.hours.listAllEntries(request.startDate, endDate)) {
        if (entry.kind !== 'absence' || !memberIds.has(entry.aadObjectId)) continue;
        const key = `${entry.aadObjectId}|${entry.date}`;
        absenceMinutes.set(key, (absenceMinutes.get(key) ?? 0) + entry.minutes);
      }
      const previousCohorts: Record<string, string> = {};
      const [previous] = await ports.rotations.listRotations({ siteId: site.id, status: 'published' });
      if (previous && previous.team === request.team) {
        const byPerson = new Map<string, (string | null)[]>();
        for (const assignment of await ports.rotations.assignmentsOf(previous.id))
          byPerson.set(assignment.aadObjectId, [
            ...(byPerson.get(assignment.aadObjectId) ?? []),
            assignment.cohort,
          ]);
        for (const [id, cohorts] of byPerson) {
          const cohort = mostFrequent(cohorts);
          if (cohort) previousCohorts[id] = cohort;
        }
      }

      const rotationSite = rotationSiteOf(site, capPercent, dates);
      const generated = generateRotation({
        sites: [rotationSite],
        pattern: request.pattern,
        startDate: request.startDate,
        weeks: request.weeks,
        previousCohorts,
        people: members.map((person) => {
          const contracts = contractsByPerson.get(person.aadObjectId) ?? [];
          const contract = contractOn(contracts, request.startDate);
          return {
            id: person.aadObjectId,
            team: person.team,
            siteId: site.id,
            workDays: contract?.workDays.length ? contract.workDays : MONDAY_TO_FRIDAY,
            absences: dates.filter((date) => {
              const away = absenceMinutes.get(`${person.aadObjectId}|${date}`) ?? 0;
              return away > 0 && away >= dailyTargetMinutes({ contracts, canton: site.canton, date });
            }),
            critical: critical.includes(person.aadObjectId),
          };
        }),
      });

      const rotation: StoredRotation = {
        id: options.newId(),
        siteId: site.id,
        team: request.team,
        pattern: request.pattern,
        critical,
        capPercent,
        startDate: request.startDate,
        endDate,
        status: 'draft',
        createdBy: context.createdBy,
        createdAt: context.createdAt,
        publishedAt: null,
      };
      await ports.rotations.insertRotation(rotation, assignmentsFrom(generated.people));
      return view(rotation, { site, people: members, planned: generated.people });
    },

    async publish(id: string, publishedAt: string): Promise<StoredRotation> {
      const rotation = await rotationOrThrow(id);
      if (rotation.status === 'published') return rotation;
      await ports.rotations.markPublished(id, publishedAt);
      return { ...rotation, status: 'published', publishedAt };
    },

    async swap(id: string, request: { a: string; b: string; date?: CalendarDate }): Promise<RotationView> {
      const rotation = await rotationOrThrow(id);
      if (rotation.status !== 'draft')
        throw new DomainError('rotation.not_draft', 'a published rotation is changed by a new one', {
          rotationId: id,
        });
      const site = await siteOrThrow(rotation.siteId);
      const dates = datesBetween(rotation.startDate, rotation.endDate);
      const planned = plannedFrom(rotation, await ports.rotations.assignmentsOf(id), dates);
      const swapped = swapDays([rotationSiteOf(site, rotation.capPercent, dates)], planned, dates, request);
      await ports.rotations.replaceAssignments(id, assignmentsFrom(swapped));
      return view(rotation, { site });
    },

    /** A person's published days between two dates (days without a published rotation left out). */
    async publishedDaysOf(
      aadObjectId: string,
      from: CalendarDate,
      to: CalendarDate,
    ): Promise<PublishedDay[]> {
      return ports.rotations.publishedDays({ aadObjectIds: [aadObjectId], from, to });
    },
  };
}

export type RotationService = ReturnType<typeof createRotationService>;
