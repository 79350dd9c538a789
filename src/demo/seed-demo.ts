import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import { generateDemoOrganisation } from './demo-organisation.js';

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
