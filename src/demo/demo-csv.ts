/**
 * The demo organisation as the two CSV files operators import (`crewdesk sites import`, then
 * `crewdesk directory import`), in the design's column order, so the demo can be written out,
 * edited in a spreadsheet and imported again like a real HR export.
 */
import { DIRECTORY_COLUMNS } from '../domain/directory/directory-file.js';
import { SITES_COLUMNS } from '../domain/directory/sites-file.js';
import {
  NEWCOMER_WEEKLY_MINUTES,
  type Contract,
  type Person,
  type Site,
} from '../domain/directory/people.js';

/** The file formats' columns, required then optional: the importers' own lists. */
export const SITES_CSV_COLUMNS = [...SITES_COLUMNS.required, ...SITES_COLUMNS.optional] as const;
export const DIRECTORY_CSV_COLUMNS = [...DIRECTORY_COLUMNS.required, ...DIRECTORY_COLUMNS.optional] as const;

type Cell = string | number | null;

/** RFC 4180: quote a field that holds a comma, a quote or a line break, doubling inner quotes. */
function csvField(value: Cell): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(columns: readonly string[], rows: readonly Cell[][]): string {
  return [columns, ...rows].map((row) => `${row.map(csvField).join(',')}\n`).join('');
}

/**
 * Hours as the file shows them (2016 min → `33.6`). Four decimals keep every whole minute
 * recoverable by rounding hours × 60, without printing binary noise such as 33.600000000000001.
 */
function weeklyHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 10_000) / 10_000);
}

export function demoSitesCsv(org: { sites: readonly Site[] }): string {
  return csv(
    SITES_CSV_COLUMNS,
    org.sites.map((site) => [
      site.id,
      site.name,
      site.canton,
      site.kind,
      site.seats,
      site.capPercent,
      site.minStaff,
      site.openDays === null ? null : site.openDays.join(';'),
    ]),
  );
}

/** One row per person, with the contract period that applies last (the file has one per person). */
export function demoDirectoryCsv(org: { people: readonly Person[]; contracts: readonly Contract[] }): string {
  const latestContract = new Map<string, Contract>();
  for (const contract of org.contracts) {
    const known = latestContract.get(contract.aadObjectId);
    if (!known || contract.validFrom > known.validFrom) latestContract.set(contract.aadObjectId, contract);
  }
  return csv(
    DIRECTORY_CSV_COLUMNS,
    org.people.map((person) => {
      const contract = latestContract.get(person.aadObjectId);
      return [
        person.aadObjectId,
        person.displayName,
        person.email,
        person.team,
        person.siteId,
        person.managerAadObjectId,
        person.roles.join(';'),
        person.locale,
        // weekly_hours is mandatory; without a contract a person works what every newcomer does.
        weeklyHours(contract?.weeklyMinutes ?? NEWCOMER_WEEKLY_MINUTES),
        contract ? contract.workDays.join(';') : null,
        contract ? contract.validFrom : null,
        person.ahvNumber,
      ];
    }),
  );
}
