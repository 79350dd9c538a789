import type { Contract, Person, Site } from './people.js';

/** What the directory use cases need from storage; the Store implements it for every backend. */
export interface DirectoryRepository {
  upsertSites(sites: readonly Site[]): Promise<void>;
  listSites(): Promise<Site[]>;
  findSite(id: string): Promise<Site | null>;

  findPerson(aadObjectId: string): Promise<Person | null>;
  listPeople(options?: { includeInactive?: boolean }): Promise<Person[]>;
  countPeople(options?: { includeInactive?: boolean }): Promise<number>;
  /** Inserts or updates by aadObjectId. */
  upsertPeople(people: readonly Person[]): Promise<void>;
  /** Inserts the person unless one with the same id exists; returns the stored person either way. */
  insertPersonIfMissing(person: Person): Promise<Person>;
  /**
   * Deactivates every active person whose source is the directory and whose id is not in `keep`;
   * returns how many were deactivated. People are never deleted: their records must stay 5 years.
   */
  deactivateDirectoryPeopleExcept(keep: ReadonlySet<string>): Promise<number>;

  /** Inserts or replaces the contract period starting on `validFrom`; earlier periods stay. */
  upsertContracts(contracts: readonly Contract[]): Promise<void>;
  contractsOf(aadObjectId: string): Promise<Contract[]>;
  /** Every contract period of everybody, for reports over the whole organisation. */
  listAllContracts(): Promise<Contract[]>;
}
