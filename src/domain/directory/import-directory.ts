/**
 * Importing the sites and directory files: the whole file is checked first and written in one
 * transaction, or not at all, so that a half-imported directory never decides who gets paid what.
 */
import type { CalendarDate } from '../shared/calendar-date.js';
import { DomainError, type ProblemLine } from '../shared/errors.js';
import type { DirectoryRepository } from './directory-ports.js';
import {
  parseDirectoryFile,
  quoted,
  sortProblems,
  type DirectoryRow,
  type ParsedDirectoryFile,
} from './directory-file.js';
import { BEGINNING_OF_RECORDS, type Contract, type Person } from './people.js';
import { parseSitesFile } from './sites-file.js';
import type { AuditEvent, AuditRepository } from '../audit/audit-trail.js';

export { describeProblem } from './directory-file.js';

/** The slice of the Store the imports use; the Store itself fits. */
export interface ImportPorts {
  transaction<T>(
    work: (repos: { directory: DirectoryRepository; audit: Pick<AuditRepository, 'append'> }) => Promise<T>,
  ): Promise<T>;
}

/** Who imports and when: a change of someone's roles is audited (issue 5). */
export interface DirectoryImportOptions {
  today: CalendarDate;
  /** ISO instant of the import. */
  now: string;
  /** e.g. `import:directory.csv`. */
  importedBy: string;
  newId: () => string;
}

export interface SitesImportSummary {
  created: number;
  updated: number;
  total: number;
}

export interface DirectoryImportSummary {
  created: number;
  /** People already known, whether or not anything about them changed. */
  updated: number;
  deactivated: number;
  /** People who had been deactivated and are listed again. */
  reactivated: number;
  total: number;
}

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function invalidFile(kind: 'sites' | 'directory', problems: ProblemLine[]): DomainError {
  const lines = new Set(problems.map((problem) => problem.line)).size;
  return new DomainError(
    'directory.invalid_file',
    `The ${kind} file was not imported: it has ${counted(problems.length, 'problem')} on ` +
      `${counted(lines, 'line')}. Nothing was changed.`,
    { problems },
  );
}

export async function importSites(ports: ImportPorts, csvText: string): Promise<SitesImportSummary> {
  const { rows, problems } = parseSitesFile(csvText);
  if (problems.length > 0) throw invalidFile('sites', problems);
  const sites = rows.map((row) => row.site);

  return ports.transaction(async ({ directory }) => {
    const known = new Set((await directory.listSites()).map((site) => site.id));
    await directory.upsertSites(sites);
    const created = sites.filter((site) => !known.has(site.id)).length;
    return { created, updated: sites.length - created, total: sites.length };
  });
}

export async function importDirectory(
  ports: ImportPorts,
  csvText: string,
  options: DirectoryImportOptions,
): Promise<DirectoryImportSummary> {
  const file = parseDirectoryFile(csvText);
  if (file.rows.length === 0) {
    // A directory import deactivates everyone it does not list: an empty list is surely a mistake.
    throw invalidFile(
      'directory',
      file.problems.length > 0
        ? file.problems
        : [{ line: 1, message: 'the file lists nobody; importing it would deactivate everyone' }],
    );
  }

  return ports.transaction(async ({ directory, audit }) => {
    const siteIds = new Set((await directory.listSites()).map((site) => site.id));
    const stored = new Map(
      (await directory.listPeople({ includeInactive: true })).map((person) => [person.aadObjectId, person]),
    );
    const problems = sortProblems([...file.problems, ...referenceProblems(file, siteIds, stored)]);
    if (problems.length > 0) throw invalidFile('directory', problems);

    const contracts = await contractPeriodsToWrite(directory, file.rows, stored, options.today);
    const people = file.rows.map(personOf);
    await directory.upsertPeople(people);
    await audit.append(
      people.flatMap((person): AuditEvent[] => {
        const before = stored.get(person.aadObjectId)?.roles ?? [];
        const same =
          before.length === person.roles.length && before.every((role) => person.roles.includes(role));
        if (same) return [];
        return [
          {
            id: options.newId(),
            at: options.now,
            actor: options.importedBy,
            action: 'directory.roles',
            subject: `person:${person.aadObjectId}`,
            personAadObjectId: person.aadObjectId,
            before: stored.has(person.aadObjectId) ? { roles: before } : null,
            after: { roles: person.roles },
            reason: null,
          },
        ];
      }),
    );
    await directory.upsertContracts(contracts);
    const deactivated = await directory.deactivateDirectoryPeopleExcept(
      new Set(file.rows.map((row) => row.aadObjectId)),
    );

    const known = file.rows.filter((row) => stored.has(row.aadObjectId));
    return {
      created: file.rows.length - known.length,
      updated: known.length,
      deactivated,
      reactivated: known.filter((row) => stored.get(row.aadObjectId)?.active === false).length,
      total: file.rows.length,
    };
  });
}

function personOf(row: DirectoryRow): Person {
  return {
    aadObjectId: row.aadObjectId,
    displayName: row.displayName,
    email: row.email,
    team: row.team,
    siteId: row.siteId,
    managerAadObjectId: row.managerAadObjectId,
    roles: row.roles,
    locale: row.locale,
    ahvNumber: row.ahvNumber,
    active: true,
    // Someone first met in a chat is now vouched for by HR.
    source: 'directory',
  };
}

/** Sites must exist already; managers must be in the file or in Crewdesk, and never in a circle. */
function referenceProblems(
  file: ParsedDirectoryFile,
  siteIds: ReadonlySet<string>,
  stored: ReadonlyMap<string, Person>,
): ProblemLine[] {
  const problems: ProblemLine[] = [];
  for (const row of file.rows) {
    if (!siteIds.has(row.siteId)) {
      problems.push({
        line: row.line,
        column: 'site',
        message: `${quoted(row.siteId)} is not a known site; import the sites file first, or correct the id`,
      });
    }
    const manager = row.managerAadObjectId;
    if (manager !== null && !file.listedIds.has(manager) && !stored.has(manager)) {
      problems.push({
        line: row.line,
        column: 'manager_aad_object_id',
        message: `${quoted(manager)} is neither listed in this file nor already known to Crewdesk`,
      });
    }
  }
  problems.push(...managerCycleProblems(file, stored));
  return problems;
}

/**
 * Approvals climb the manager chain, so a circle would never reach anyone with the last word.
 * The chain follows the file for people it lists and the database for the others.
 */
function managerCycleProblems(file: ParsedDirectoryFile, stored: ReadonlyMap<string, Person>): ProblemLine[] {
  const rowsById = new Map(file.rows.map((row) => [row.aadObjectId, row]));
  const managerOf = (id: string): string | null => {
    const manager = file.listedIds.has(id)
      ? (rowsById.get(id)?.managerAadObjectId ?? null)
      : (stored.get(id)?.managerAadObjectId ?? null);
    // Being one's own manager is reported on its own line already.
    return manager === id ? null : manager;
  };
  const where = (id: string) => {
    const line = file.listedIds.get(id);
    return line === undefined ? `${quoted(id)} (already in Crewdesk)` : `${quoted(id)} (line ${line})`;
  };

  const problems: ProblemLine[] = [];
  const walked = new Map<string, 'on this walk' | 'done'>();
  for (const row of file.rows) {
    const path: string[] = [];
    let id: string | null = row.aadObjectId;
    while (id !== null && !walked.has(id)) {
      walked.set(id, 'on this walk');
      path.push(id);
      id = managerOf(id);
    }
    if (id !== null && walked.get(id) === 'on this walk') {
      const cycle = path.slice(path.indexOf(id));
      const firstListed = cycle
        .map((member) => file.listedIds.get(member))
        .find((line) => line !== undefined);
      if (firstListed !== undefined) {
        problems.push({
          line: firstListed,
          column: 'manager_aad_object_id',
          message:
            `the managers go round in a circle: ${[...cycle, id].map(where).join(' → ')}; ` +
            'someone in it must report to a manager outside it, or to nobody',
        });
      }
    }
    for (const member of path) walked.set(member, 'done');
  }
  return problems;
}

/**
 * Earlier periods are never touched: RHT claims must be provable day by day for 5 years, each day
 * against the contract that applied then.
 */
async function contractPeriodsToWrite(
  directory: DirectoryRepository,
  rows: readonly DirectoryRow[],
  stored: ReadonlyMap<string, Person>,
  today: CalendarDate,
): Promise<Contract[]> {
  const periods: Contract[] = [];
  for (const row of rows) {
    const terms = { aadObjectId: row.aadObjectId, weeklyMinutes: row.weeklyMinutes, workDays: row.workDays };
    if (row.contractFrom !== null) {
      periods.push({ ...terms, validFrom: row.contractFrom });
      continue;
    }
    const existing = stored.has(row.aadObjectId) ? await directory.contractsOf(row.aadObjectId) : [];
    const latest = existing.reduce<Contract | null>(
      (found, contract) => (found === null || contract.validFrom > found.validFrom ? contract : found),
      null,
    );
    if (latest === null) periods.push({ ...terms, validFrom: BEGINNING_OF_RECORDS });
    else if (!sameTerms(latest, terms)) periods.push({ ...terms, validFrom: today });
  }
  return periods;
}

function sameTerms(
  a: Pick<Contract, 'weeklyMinutes' | 'workDays'>,
  b: Pick<Contract, 'weeklyMinutes' | 'workDays'>,
) {
  const days = (contract: Pick<Contract, 'workDays'>) => [...contract.workDays].sort().join(';');
  return a.weeklyMinutes === b.weeklyMinutes && days(a) === days(b);
}
