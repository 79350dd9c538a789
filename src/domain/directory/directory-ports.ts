import type { Contract, Person, Site } from './people.js';

/** What the directory use cases need from storage; the Store implements it for every backend. */
export interface DirectoryRepository {
  upsertSites(sites: readonly Site[]): Promise<void>;
  listSites(): Promise<Site[]>;
  findSite(id: string): Promise<Site | null>;

  findPerson(aadObjectId: string): Promise<Person | null>;
  /**
   * The person with their contract periods and site, in one read: what recording their hours
   * needs, read on every hours message (three reads were three round trips on PostgreSQL).
   */
  findWorkProfile(aadObjectId: string): Promise<WorkProfile | null>;
  listPeople(options?: { includeInactive?: boolean }): Promise<Person[]>;
  /**
   * Every active person, with only what a list of names shows, by name in the database's order
   * (not a reader's: sort again to show them): the whole organisation's schedule reads 1,500 of
   * them at once, and every column read costs.
   */
  listRoster(): Promise<RosterPerson[]>;
  /**
   * The active people of one team and/or one site (both when both are given), without reading the
   * whole directory: what a team's or a site's schedule shows.
   */
  listPeopleWhere(filter: PeopleFilter): Promise<Person[]>;
  /**
   * Everyone below `managerAadObjectId` in the management chain, at most `levels` levels down
   * (1 = direct reports), active or not — the people `managesPerson` says the manager manages
   * when `levels` is its chain bound. Read in one query; the manager is never part of the answer,
   * and a cycle in the data ends at `levels`.
   */
  listPeopleBelow(managerAadObjectId: string, levels: number): Promise<Person[]>;
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
  /** The contract periods of the people named, each person's in order of start. */
  listContractsOf(aadObjectIds: readonly string[]): Promise<Contract[]>;
}

/** A person with what their hours are checked against. */
export interface WorkProfile {
  person: Person;
  /** In order of start. */
  contracts: Contract[];
  site: Site | null;
}

/** A person as `listRoster` reads them. */
export type RosterPerson = Pick<Person, 'aadObjectId' | 'displayName' | 'team' | 'siteId'>;

/** Which people `listPeopleWhere` reads; an empty filter reads nobody. */
export interface PeopleFilter {
  team?: string | undefined;
  siteId?: string | undefined;
}
