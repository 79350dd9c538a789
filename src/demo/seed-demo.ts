import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { HoursRepository } from '../domain/hours/hours-entry.js';
import type { CalendarDate } from '../domain/shared/calendar-date.js';
import { mondayOf } from '../domain/hours/hours-service.js';
import type { RotationPattern } from '../domain/rotation/rotation-plan.js';
import { createRotationService, type RotationPorts } from '../domain/rotation/rotation-service.js';
import { demoHoursPeriod, generateDemoHours } from './demo-hours.js';
import {
  ALEX_WILBER_AAD_OBJECT_ID,
  generateDemoOrganisation,
  type DemoOrganisation,
} from './demo-organisation.js';
import { HEAD_OFFICE } from './swiss-towns.js';
import type { EquipmentRepository } from '../domain/equipment/equipment-ports.js';
import { generateDemoEquipment } from './demo-equipment.js';
import type { SupportRepository } from '../domain/support/support-ports.js';
import { generateDemoTickets } from './demo-tickets.js';

export interface SeedPorts {
  directory: Pick<DirectoryRepository, 'countPeople'>;
  transaction<T>(work: (repositories: { directory: DirectoryRepository }) => Promise<T>): Promise<T>;
}

export type SeedOutcome =
  { seeded: true; people: number; sites: number } | { seeded: false; reason: 'not_empty' };

/**
 * Fills an empty database with the demo organisation (1,500 people, 167 stores and a head office)
 * in one transaction; a database that already holds people is left alone, so restarts and several
 * instances starting together seed once.
 */
export async function seedDemoOrganisation(
  ports: SeedPorts,
  options: { force?: boolean } = {},
): Promise<SeedOutcome> {
  const organisation = generateDemoOrganisation();
  return ports.transaction(async ({ directory }) => {
    if (!options.force && (await directory.countPeople({ includeInactive: true })) > 0) {
      return { seeded: false, reason: 'not_empty' } as const;
    }
    await directory.upsertSites(organisation.sites);
    await directory.upsertPeople(organisation.people);
    await directory.upsertContracts(organisation.contracts);
    return { seeded: true, people: organisation.people.length, sites: organisation.sites.length } as const;
  });
}

type HoursSeedRepositories = {
  directory: Pick<DirectoryRepository, 'findPerson'>;
  hours: Pick<HoursRepository, 'countEntries' | 'addEntriesWithHistory'>;
};

export interface HoursSeedPorts extends HoursSeedRepositories {
  transaction<T>(work: (repositories: HoursSeedRepositories) => Promise<T>): Promise<T>;
}

export type HoursSeedOutcome =
  | { seeded: true; entries: number; people: number; from: CalendarDate; to: CalendarDate }
  | { seeded: false; reason: 'not_empty' | 'no_demo_organisation' };

/** Who the demo seed's history names as having created the entries. */
export const DEMO_SEED_ACTOR = 'demo-seed';

/** Why demo hours may not go into this database, or null when they may. */
async function reasonNotToSeedHours(repositories: HoursSeedRepositories) {
  if ((await repositories.hours.countEntries()) > 0) return 'not_empty' as const;
  if (!(await repositories.directory.findPerson(ALEX_WILBER_AAD_OBJECT_ID))) {
    return 'no_demo_organisation' as const;
  }
  return null;
}

/**
 * Adds two months of demo hours (see demo-hours.ts: the previous month and the current one up to
 * yesterday) in one transaction, only into a database that holds no hours entries yet and does
 * hold the demo organisation (Alex Wilber stands for it), so real records are never mixed with
 * invented ones and restarts seed once. Every entry gets its 'create' version, as imports do.
 * The entries are generated before the transaction (up to a second), so it holds the write lock
 * only while inserting; the conditions are checked again inside it.
 */
export async function seedDemoHours(
  ports: HoursSeedPorts,
  options: {
    /** The organisation's local date: entries end the day before. */
    today: CalendarDate;
    /** The seed's instant (ISO), written as the entries' creation and history time. */
    createdAt: string;
    newId: () => string;
    /** The organisation the database was seeded with; generated again when not given. */
    organisation?: DemoOrganisation;
  },
): Promise<HoursSeedOutcome> {
  const early = await reasonNotToSeedHours(ports);
  if (early) return { seeded: false, reason: early };
  const entries = generateDemoHours({
    organisation: options.organisation ?? generateDemoOrganisation(),
    today: options.today,
    newId: options.newId,
    createdAt: options.createdAt,
  });
  return ports.transaction(async (repositories) => {
    const reason = await reasonNotToSeedHours(repositories);
    if (reason) return { seeded: false, reason } as const;
    await repositories.hours.addEntriesWithHistory(entries, DEMO_SEED_ACTOR, options.createdAt, 'demo data');
    const people = new Set(entries.map((entry) => entry.aadObjectId)).size;
    return { seeded: true, entries: entries.length, people, ...demoHoursPeriod(options.today) } as const;
  });
}

type RotationSeedRepositories = RotationPorts;

export interface RotationSeedPorts extends RotationSeedRepositories {
  transaction<T>(work: (repositories: RotationSeedRepositories) => Promise<T>): Promise<T>;
}

export type RotationSeedOutcome =
  | { seeded: true; rotations: number; assignments: number }
  | { seeded: false; reason: 'not_empty' | 'no_demo_organisation' };

/** The head office and three stores, Alex Wilber's among them, get a published rotation. */
const DEMO_ROTATION_STORES = ['Lausanne Flon', 'Lugano Centro', 'Zürich HB'];
const DEMO_ROTATION_WEEKS = 4;

/**
 * Publishes demo rotations starting on the Monday of `today`'s week, for four weeks: the head
 * office in three cohorts (its 460 people against a cap of 200), and three stores on alternating
 * days. Only into a database that holds the demo organisation and no rotation yet.
 */
export async function seedDemoRotations(
  ports: RotationSeedPorts,
  options: { today: CalendarDate; createdAt: string; newId: () => string },
): Promise<RotationSeedOutcome> {
  return ports.transaction(async (repositories) => {
    if ((await repositories.rotations.listRotations({})).length > 0)
      return { seeded: false, reason: 'not_empty' } as const;
    if (!(await repositories.directory.findPerson(ALEX_WILBER_AAD_OBJECT_ID)))
      return { seeded: false, reason: 'no_demo_organisation' } as const;
    const people = await repositories.directory.listPeople();
    const siteOfTeam = (team: string) => people.find((person) => person.team === team)?.siteId ?? null;
    const storeIds = [...new Set(DEMO_ROTATION_STORES.map(siteOfTeam))].filter(
      (siteId): siteId is string => siteId !== null,
    );
    const service = createRotationService(repositories, { newId: options.newId });
    const startDate = mondayOf(options.today);
    const plans: { siteId: string; pattern: RotationPattern }[] = [
      { siteId: HEAD_OFFICE.id, pattern: { kind: 'cohorts', cohorts: 3 } },
      ...storeIds.map((siteId) => ({ siteId, pattern: { kind: 'alternating_days' } as const })),
    ];
    let assignments = 0;
    for (const plan of plans) {
      const view = await service.generate(
        { siteId: plan.siteId, team: null, pattern: plan.pattern, startDate, weeks: DEMO_ROTATION_WEEKS },
        { createdBy: DEMO_SEED_ACTOR, createdAt: options.createdAt },
      );
      await service.publish(view.id, options.createdAt);
      assignments += view.assignments.reduce((sum, person) => sum + person.days.length, 0);
    }
    return { seeded: true, rotations: plans.length, assignments } as const;
  });
}

type EquipmentSeedRepositories = {
  directory: Pick<DirectoryRepository, 'findPerson' | 'listPeople' | 'listSites'>;
  equipment: Pick<EquipmentRepository, 'listRequests' | 'nextRequestNumber' | 'importRequest'>;
};

export interface EquipmentSeedPorts extends EquipmentSeedRepositories {
  transaction<T>(work: (repositories: EquipmentSeedRepositories) => Promise<T>): Promise<T>;
}

export type EquipmentSeedOutcome =
  | { seeded: true; requests: number; holdings: number }
  | { seeded: false; reason: 'not_empty' | 'no_demo_organisation' };

/**
 * Adds the demo equipment (demo-equipment.ts: laptops, tokens and screens held at the head office,
 * and requests at every step) with their histories, only into a database that holds the demo
 * organisation and no equipment request yet.
 */
export async function seedDemoEquipment(
  ports: EquipmentSeedPorts,
  options: { createdAt: string; newId: () => string },
): Promise<EquipmentSeedOutcome> {
  return ports.transaction(async ({ directory, equipment }) => {
    if ((await equipment.listRequests({ limit: 1 })).length > 0)
      return { seeded: false, reason: 'not_empty' } as const;
    if (!(await directory.findPerson(ALEX_WILBER_AAD_OBJECT_ID)))
      return { seeded: false, reason: 'no_demo_organisation' } as const;
    const demo = generateDemoEquipment({
      people: await directory.listPeople(),
      sites: await directory.listSites(),
      createdAt: options.createdAt,
      newId: options.newId,
      firstNumber: await equipment.nextRequestNumber(),
    });
    for (const { request, events } of demo) await equipment.importRequest(request, events);
    const holdings = demo.filter(({ request }) => request.status === 'received').length;
    return { seeded: true, requests: demo.length, holdings } as const;
  });
}

export interface TicketSeedPorts {
  transaction<T>(
    work: (repositories: {
      directory: Pick<DirectoryRepository, 'findPerson' | 'listPeople' | 'listSites'>;
      support: Pick<SupportRepository, 'listTickets' | 'nextTicketNumber' | 'insertTicket' | 'updateTicket'>;
    }) => Promise<T>,
  ): Promise<T>;
}

/** Seeds the demo support tickets into a database that has the demo organisation and no ticket. */
export async function seedDemoTickets(
  ports: TicketSeedPorts,
  options: { createdAt: string; newId: () => string; timeZone: string },
): Promise<{ seeded: true; tickets: number; open: number } | { seeded: false; reason: string }> {
  return ports.transaction(async ({ directory, support }) => {
    if ((await support.listTickets({ limit: 1 })).length > 0)
      return { seeded: false, reason: 'not_empty' } as const;
    if (!(await directory.findPerson(ALEX_WILBER_AAD_OBJECT_ID)))
      return { seeded: false, reason: 'no_demo_organisation' } as const;
    const demo = generateDemoTickets({
      people: await directory.listPeople(),
      sites: await directory.listSites(),
      createdAt: options.createdAt,
      newId: options.newId,
      firstNumber: await support.nextTicketNumber(),
      timeZone: options.timeZone,
    });
    for (const { states, events } of demo) {
      await support.insertTicket(states[0]!, events[0]!);
      for (let index = 1; index < states.length; index += 1) {
        await support.updateTicket(states[index]!, states[index - 1]!.version, events[index]!);
      }
    }
    const open = demo.filter(
      ({ states }) => !['resolved', 'withdrawn'].includes(states.at(-1)!.status),
    ).length;
    return { seeded: true, tickets: demo.length, open } as const;
  });
}
