/**
 * Reads a sheet — a CSV text or an XLSX workbook — into the line-numbered rows the pure domain
 * checks (`SheetRows`), so that both kinds of file go through the same rules. exceljs stays out of
 * the domain: it lives here.
 *
 * Choices, with the reason:
 * - CSV: the directory import's reader (`readCsvTable`): BOM, `;`/`,`/tab and `sep=` lines, empty
 *   lines, line numbers. The bytes are UTF-8 unless they say otherwise: a UTF-16 byte-order mark
 *   (Excel's "Unicode text"), or bytes that are not UTF-8, which older Excel writes in Windows-1252.
 * - XLSX: the sheet whose header row names the expected columns; the header is the first row that
 *   names one (a title above it is skipped), and a row's line is its row number in the sheet, as
 *   Excel shows it. A workbook with several such sheets is refused rather than half imported.
 * - Cell values become text: a date or time cell the ISO instant exceljs reads (a UTC `Date` on
 *   Excel's epoch), a number its JavaScript form (0.3541666666666667 for 08:30 unformatted), a
 *   formula its result, a link its text.
 */
import ExcelJS from 'exceljs';
import type { CsvColumns } from '../domain/directory/directory-file.js';
import { readCsvTable } from '../domain/directory/directory-file.js';
import type { SheetRow, SheetRows } from '../domain/hours/hours-file.js';
import type { ProblemLine } from '../domain/shared/errors.js';

/** The text of a CSV file, whatever encoding Excel chose for it. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The line of the header: the first line with a value, after an Excel `sep=` line. */
function csvHeaderLine(text: string): number {
  const lines = text.split(/\r\n|\n|\r/);
  const meaningful = (line: string) => /[^\s,;\t"]/.test(line);
  const first = lines.findIndex(meaningful);
  if (first < 0) return 1;
  if (!/^\uFEFF?sep=.$/i.test((lines[first] ?? '').trim())) return first + 1;
  const next = lines.findIndex((line, index) => index > first && meaningful(line));
  return next < 0 ? first + 2 : next + 1;
}

export function readCsvRows(input: string | Uint8Array, columns: CsvColumns): SheetRows {
  const text = typeof input === 'string' ? input : decodeText(input);
  const table = readCsvTable(text, columns);
  return {
    // A record with too many or too few values is already a problem; its values cannot be trusted.
    rows: table.records
      .filter((record) => record.complete)
      .map((record) => ({ line: record.line, cells: record.values })),
    problems: table.problems,
    headerLine: csvHeaderLine(text),
  };
}

function cellText(value: ExcelJS.CellValue | ExcelJS.RichText[] | string | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map((part) => part.text)
      .join('')
      .trim();
  if ('richText' in value) return cellText(value.richText);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}

interface SheetHeader {
  sheet: ExcelJS.Worksheet;
  line: number;
  /** Column number (1-based) of each expected name found. */
  columnOf: Map<string, number>;
  duplicates: string[];
}

function headerOf(sheet: ExcelJS.Worksheet, expected: ReadonlySet<string>): SheetHeader | null {
  let header: SheetHeader | null = null;
  sheet.eachRow((row, rowNumber) => {
    if (header) return;
    const columnOf = new Map<string, number>();
    const duplicates: string[] = [];
    row.eachCell((cell, columnNumber) => {
      const name = cellText(cell.value).toLowerCase();
      if (!expected.has(name)) return;
      if (columnOf.has(name)) duplicates.push(name);
      else columnOf.set(name, columnNumber);
    });
    if (columnOf.size > 0) header = { sheet, line: rowNumber, columnOf, duplicates };
  });
  return header;
}

/** Reads the hours sheet of an XLSX workbook; a file that is no workbook is a problem, not a crash. */
export async function readXlsxRows(bytes: Uint8Array, columns: CsvColumns): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return {
      rows: [],
      problems: [
        { line: 1, message: 'the file is not an Excel workbook (.xlsx); save it again as .xlsx or .csv' },
      ],
    };
  }
  const expected = new Set([...columns.required, ...columns.optional]);
  const headers = workbook.worksheets
    .map((sheet) => headerOf(sheet, expected))
    .filter((header): header is SheetHeader => header !== null);
  const [header, ...others] = headers;
  if (!header) {
    return {
      rows: [],
      problems: [
        { line: 1, message: 'no sheet of the workbook has a header row naming the expected columns' },
      ],
    };
  }
  if (others.length > 0) {
    const names = headers.map((found) => `"${found.sheet.name}"`).join(', ');
    return {
      rows: [],
      problems: [
        {
          line: 1,
          message: `the workbook has ${headers.length} sheets with hours (${names}); save each as a file of its own`,
        },
      ],
    };
  }
  const problems: ProblemLine[] = header.duplicates.map((name) => ({
    line: header.line,
    column: name,
    message: `the column ${name} appears more than once`,
  }));
  if (problems.length > 0) return { rows: [], problems, headerLine: header.line };

  const rows: SheetRow[] = [];
  header.sheet.eachRow((row, rowNumber) => {
    if (rowNumber <= header.line) return;
    const cells: Record<string, string> = {};
    for (const name of expected) {
      const columnNumber = header.columnOf.get(name);
      cells[name] = columnNumber === undefined ? '' : cellText(row.getCell(columnNumber).value);
    }
    if (Object.values(cells).some((value) => value.length > 0)) rows.push({ line: rowNumber, cells });
  });
  return { rows, problems, headerLine: header.line };
}
