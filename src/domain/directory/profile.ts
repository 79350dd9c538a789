import type { CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';
import type { DirectoryRepository } from './directory-ports.js';
import type { Contract, Person, Site } from './people.js';

export interface PersonProfile {
  person: Person;
  site: Site | null;
  manager: Pick<Person, 'aadObjectId' | 'displayName'> | null;
  contract: Contract | null;
}

/** The contract period in force on `date`: the latest one that started on or before it. */
export function contractOn(contracts: readonly Contract[], date: CalendarDate): Contract | null {
  let current: Contract | null = null;
  for (const contract of contracts) {
    if (contract.validFrom <= date && (!current || contract.validFrom > current.validFrom))
      current = contract;
  }
  return current;
}

export async function profileOf(
  directory: Pick<DirectoryRepository, 'findWorkProfile' | 'findPerson'>,
  aadObjectId: string,
  today: CalendarDate,
): Promise<PersonProfile> {
  const profile = await directory.findWorkProfile(aadObjectId);
  if (!profile)
    throw new DomainError('directory.unknown_person', 'this person is not in the directory', { aadObjectId });
  const { person, site, contracts } = profile;
  const manager = person.managerAadObjectId ? await directory.findPerson(person.managerAadObjectId) : null;
  return {
    person,
    site,
    manager: manager ? { aadObjectId: manager.aadObjectId, displayName: manager.displayName } : null,
    contract: contractOn(contracts, today),
  };
}
