/**
 * The sites CSV (design: `crewdesk sites import FILE`): the offices and stores people belong to.
 * A site's canton decides its people's public holidays, so it is checked against the real list.
 */
import { z } from 'zod';
import type { ProblemLine } from '../shared/errors.js';
import {
  checkRecord,
  column,
  quoted,
  readCsvTable,
  reject,
  requiredText,
  sortProblems,
  weekdayList,
  wholeNumber,
  type CsvColumns,
} from './directory-file.js';
import { SITE_KINDS, type Site } from './people.js';

/** The 26 cantons by their official two-letter codes. */
// prettier-ignore
export const SWISS_CANTONS = [
  'AG', 'AI', 'AR', 'BE', 'BL', 'BS', 'FR', 'GE', 'GL', 'GR', 'JU', 'LU', 'NE',
  'NW', 'OW', 'SG', 'SH', 'SO', 'SZ', 'TG', 'TI', 'UR', 'VD', 'VS', 'ZG', 'ZH',
] as const;

/** The crisis rule of thumb when the file does not say: half the seats at once. */
export const DEFAULT_CAP_PERCENT = 50;

export const SITES_COLUMNS = {
  required: ['id', 'name', 'canton', 'kind', 'seats'],
  optional: ['cap_percent', 'min_staff', 'open_days'],
} as const satisfies CsvColumns;

export interface SitesFileRow {
  line: number;
  site: Site;
}

export interface ParsedSitesFile {
  rows: SitesFileRow[];
  problems: ProblemLine[];
}

const canton = (value: string) =>
  SWISS_CANTONS.find((code) => code === value.toUpperCase()) ??
  reject(`${quoted(value)} is not a Swiss canton; use its two-letter code, e.g. GE, VD, TI or ZH`);

const siteKind = (value: string) =>
  SITE_KINDS.find((kind) => kind === value.toLowerCase()) ??
  reject(`${quoted(value)} is not a kind of site; use office or store`);

// Excel shows a percentage column as `50%`; the sign adds nothing, so it is accepted.
const capPercent = (value: string) =>
  value.length === 0 ? DEFAULT_CAP_PERCENT : wholeNumber(value.replace(/\s*%$/, ''), { min: 1, max: 100 });

const siteRowSchema = z.object({
  id: column(requiredText('the id is empty')),
  name: column(requiredText('the name is empty')),
  canton: column(canton),
  kind: column(siteKind),
  seats: column((value) => wholeNumber(value, { min: 0 })),
  cap_percent: column(capPercent),
  min_staff: column((value) => (value.length === 0 ? null : wholeNumber(value, { min: 0 }))),
  open_days: column((value) => (value.length === 0 ? null : weekdayList(value))),
});

/** Validates every row of a sites file; nothing here knows what the database holds. */
export function parseSitesFile(csvText: string): ParsedSitesFile {
  const table = readCsvTable(csvText, SITES_COLUMNS);
  const problems = [...table.problems];
  const rows: SitesFileRow[] = [];
  const firstLineOf = new Map<string, number>();

  for (const record of table.records) {
    const id = (record.values.id ?? '').trim();
    const firstLine = firstLineOf.get(id);
    if (id.length > 0 && firstLine !== undefined) {
      problems.push({
        line: record.line,
        column: 'id',
        message: `${quoted(id)} is already listed on line ${firstLine}; each site must appear once`,
      });
      continue;
    }
    if (id.length > 0) firstLineOf.set(id, record.line);
    if (!record.complete) continue;

    const checked = checkRecord(siteRowSchema, record);
    problems.push(...checked.problems);
    const row = checked.value;
    if (!row) continue;
    rows.push({
      line: record.line,
      site: {
        id: row.id,
        name: row.name,
        canton: row.canton,
        kind: row.kind,
        seats: row.seats,
        capPercent: row.cap_percent,
        minStaff: row.min_staff,
        openDays: row.open_days,
      },
    });
  }
  return { rows, problems: sortProblems(problems) };
}
