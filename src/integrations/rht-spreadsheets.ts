/**
 * The RHT report as files for HR: CSV and XLSX laid out like SECO's large-company Excel form — one
 * row per employee with name, AHV number when known, normal (target) hours, absence hours, hours
 * worked, lost hours and loss %, then a totals row — so HR can paste the columns into the form. The
 * XLSX has a second sheet with the daily detail that proves each figure.
 *
 * Choices, with the reason:
 * - Hours are decimals with 2 places and a point (168.00), whatever the language: it is how SECO's
 *   form and Swiss Excel (de-CH, fr-CH and it-CH Windows settings) read numbers. The totals row is
 *   computed from the total minutes, so it may differ by 0.01 from the sum of the rounded rows.
 * - CSV: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark, and `;` as separator —
 *   Excel in Switzerland expects `;` (the regional list separator) and the BOM to read accents, so
 *   a double-click opens the file in columns. Text fields are always quoted, numbers never.
 * - Spreadsheet formula injection: any text cell whose text starts with `=`, `+`, `-`, `@`, a tab,
 *   a carriage return or a line feed (or their full-width forms, which some Excel locales accept)
 *   gets a leading apostrophe, in both files. exceljs writes strings as shared strings, which Excel
 *   never evaluates; the apostrophe keeps both files identical and safe if the XLSX is re-saved as
 *   CSV.
 * - Column headers follow the report's language (fr, de, it, en; other locales fall back to
 *   English). The wording follows SECO's own forms: Sollstunden / heures normales / ore normali,
 *   Ausfallstunden / heures perdues / ore perse, Karenzzeit / délai d'attente / periodo d'attesa.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ABSENCE_KINDS, type AbsenceKind } from '../domain/hours/hours-entry.js';
import type { RhtReport, RhtRow } from '../domain/rht/rht-report.js';
import { supportedLocaleOf } from '../domain/shared/locale.js';

export type SpreadsheetLanguage = 'fr' | 'de' | 'it' | 'en';

export interface RhtSpreadsheetWords {
  name: string;
  ahvNumber: string;
  targetHours: string;
  absenceHours: string;
  workedHours: string;
  lostHours: string;
  lossPercent: string;
  waitingDayHours: string;
  lossAbove85Percent: string;
  total: string;
  provisional: string;
  yes: string;
  date: string;
  holiday: string;
  halfDay: string;
  /** Daily-detail columns, in hours. */
  absenceKinds: Record<AbsenceKind, string>;
  employeesSheet: string;
  dailyDetailSheet: string;
}

/** The header strings per language. */
export const RHT_SPREADSHEET_WORDS: Record<SpreadsheetLanguage, RhtSpreadsheetWords> = {
  de: {
    name: 'Name',
    ahvNumber: 'AHV-Nummer',
    targetHours: 'Sollstunden',
    absenceHours: 'Absenzstunden',
    workedHours: 'Geleistete Stunden',
    lostHours: 'Ausfallstunden',
    lossPercent: 'Ausfall in %',
    waitingDayHours: 'Karenzzeit (Stunden)',
    lossAbove85Percent: 'Ausfall über 85 %',
    total: 'Total',
    provisional: 'provisorisch',
    yes: 'ja',
    date: 'Datum',
    holiday: 'Feiertag',
    halfDay: 'halber Tag',
    absenceKinds: {
      vacation: 'Ferien (Std.)',
      sick: 'Krankheit (Std.)',
      accident: 'Unfall (Std.)',
      military: 'Militär-/Zivildienst (Std.)',
      holiday: 'Feiertag (Std.)',
      training: 'Weiterbildung (Std.)',
      unpaid: 'Unbezahlter Urlaub (Std.)',
      other: 'Andere Absenz (Std.)',
    },
    employeesSheet: 'Mitarbeitende',
    dailyDetailSheet: 'Tagesdetail',
  },
  fr: {
    name: 'Nom',
    ahvNumber: 'N° AVS',
    targetHours: 'Heures normales',
    absenceHours: "Heures d'absence",
    workedHours: 'Heures travaillées',
    lostHours: 'Heures perdues',
    lossPercent: 'Perte en %',
    waitingDayHours: "Délai d'attente (heures)",
    lossAbove85Percent: 'Perte supérieure à 85 %',
    total: 'Total',
    provisional: 'provisoire',
    yes: 'oui',
    date: 'Date',
    holiday: 'Jour férié',
    halfDay: 'demi-journée',
    absenceKinds: {
      vacation: 'Vacances (h)',
      sick: 'Maladie (h)',
      accident: 'Accident (h)',
      military: 'Service militaire/civil (h)',
      holiday: 'Jour férié (h)',
      training: 'Formation (h)',
      unpaid: 'Congé non payé (h)',
      other: 'Autre absence (h)',
    },
    employeesSheet: 'Collaborateurs',
    dailyDetailSheet: 'Détail journalier',
  },
  it: {
    name: 'Nome',
    ahvNumber: 'N. AVS',
    targetHours: 'Ore normali',
    absenceHours: 'Ore di assenza',
    workedHours: 'Ore lavorate',
    lostHours: 'Ore perse',
    lossPercent: 'Perdita in %',
    waitingDayHours: "Periodo d'attesa (ore)",
    lossAbove85Percent: "Perdita superiore all'85 %",
    total: 'Totale',
    provisional: 'provvisorio',
    yes: 'sì',
    date: 'Data',
    holiday: 'Giorno festivo',
    halfDay: 'mezza giornata',
    absenceKinds: {
      vacation: 'Vacanze (ore)',
      sick: 'Malattia (ore)',
      accident: 'Infortunio (ore)',
      military: 'Servizio militare/civile (ore)',
      holiday: 'Giorno festivo (ore)',
      training: 'Formazione (ore)',
      unpaid: 'Congedo non pagato (ore)',
      other: 'Altra assenza (ore)',
    },
    employeesSheet: 'Collaboratori',
    dailyDetailSheet: 'Dettaglio giornaliero',
  },
  en: {
    name: 'Name',
    ahvNumber: 'AHV number',
    targetHours: 'Normal hours',
    absenceHours: 'Absence hours',
    workedHours: 'Hours worked',
    lostHours: 'Lost hours',
    lossPercent: 'Loss %',
    waitingDayHours: 'Waiting day (hours)',
    lossAbove85Percent: 'Loss above 85 %',
    total: 'Total',
    provisional: 'provisional',
    yes: 'yes',
    date: 'Date',
    holiday: 'Public holiday',
    halfDay: 'half day',
    absenceKinds: {
      vacation: 'Vacation (h)',
      sick: 'Sick (h)',
      accident: 'Accident (h)',
      military: 'Military/civil service (h)',
      holiday: 'Public holiday (h)',
      training: 'Training (h)',
      unpaid: 'Unpaid leave (h)',
      other: 'Other absence (h)',
    },
    employeesSheet: 'Employees',
    dailyDetailSheet: 'Daily detail',
  },
};

export interface RhtSpreadsheetOptions {
  /** Any BCP 47 tag or directory locale (`fr-CH`, `de`, `it-IT`, `en`…). */
  locale: string;
}

export function spreadsheetLanguageOf(locale: string): SpreadsheetLanguage {
  const language = supportedLocaleOf(locale).slice(0, 2);
  return language === 'fr' || language === 'de' || language === 'it' ? language : 'en';
}

const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/;

/** A text that Excel, LibreOffice and Google Sheets will not read as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Hours with 2 decimals, from whole minutes. */
export const hoursOf = (minutes: number) => Math.round((minutes * 100) / 60) / 100;

type Cell = string | number;

interface Table {
  header: string[];
  rows: Cell[][];
}

function summaryTable(report: RhtReport, words: RhtSpreadsheetWords): Table {
  const rowOf = (row: RhtRow): Cell[] => [
    row.displayName,
    row.ahvNumber ?? '',
    hoursOf(row.targetMinutes),
    hoursOf(row.absenceMinutes),
    hoursOf(row.workedMinutes),
    hoursOf(row.lostMinutes),
    row.lossPercent,
    hoursOf(row.waitingDayMinutes),
    row.lossAbove85Percent ? words.yes : '',
  ];
  const { totals } = report;
  const totalLabel = `${words.total} ${report.month}${report.provisional ? ` (${words.provisional})` : ''}`;
  return {
    header: [
      words.name,
      words.ahvNumber,
      words.targetHours,
      words.absenceHours,
      words.workedHours,
      words.lostHours,
      words.lossPercent,
      words.waitingDayHours,
      words.lossAbove85Percent,
    ],
    rows: [
      ...report.rows.map(rowOf),
      [
        totalLabel,
        '',
        hoursOf(totals.targetMinutes),
        hoursOf(totals.absenceMinutes),
        hoursOf(totals.workedMinutes),
        hoursOf(totals.lostMinutes),
        totals.lossPercent,
        hoursOf(totals.waitingDayMinutes),
        totals.employeesAbove85Percent,
      ],
    ],
  };
}

function dailyDetailTable(report: RhtReport, words: RhtSpreadsheetWords): Table {
  const rows: Cell[][] = [];
  for (const row of report.rows) {
    for (const day of row.days) {
      const byKind = new Map(day.absences.map((absence) => [absence.kind, absence.minutes]));
      rows.push([
        row.displayName,
        row.ahvNumber ?? '',
        day.date,
        hoursOf(day.targetMinutes),
        hoursOf(day.workedMinutes),
        ...ABSENCE_KINDS.map((kind) => hoursOf(byKind.get(kind) ?? 0)),
        day.holidayShare >= 1 ? words.yes : day.holidayShare > 0 ? words.halfDay : '',
      ]);
    }
  }
  return {
    header: [
      words.name,
      words.ahvNumber,
      words.date,
      words.targetHours,
      words.workedHours,
      ...ABSENCE_KINDS.map((kind) => words.absenceKinds[kind]),
      words.holiday,
    ],
    rows,
  };
}

/** Summary columns holding hours or a percentage, 0-based: shown with 2 decimals. */
const SUMMARY_DECIMAL_COLUMNS = [2, 3, 4, 5, 6, 7];

const csvField = (cell: Cell, column: number, decimalColumns: readonly number[]) =>
  typeof cell === 'number'
    ? decimalColumns.includes(column)
      ? cell.toFixed(2)
      : String(cell)
    : `"${neutraliseFormula(cell).replaceAll('"', '""')}"`;

/** The employee table as CSV for Swiss Excel: `;`, CRLF, UTF-8 with BOM (see module comment). */
export function rhtReportCsv(report: RhtReport, options: RhtSpreadsheetOptions): string {
  const words = RHT_SPREADSHEET_WORDS[spreadsheetLanguageOf(options.locale)];
  const table = summaryTable(report, words);
  const lines = [table.header, ...table.rows].map((cells) =>
    cells.map((cell, column) => csvField(cell, column, SUMMARY_DECIMAL_COLUMNS)).join(';'),
  );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * Streams one sheet: exceljs's streaming writer commits each row as it goes, which keeps the
 * daily detail of 1,500 employees (about 45,000 rows) to seconds and flat memory, where the
 * in-memory workbook took ten times longer.
 */
function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  table: Table,
  decimalColumns: readonly number[],
  boldLastRow: boolean,
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.header.map((title, index) => ({
    width: index === 0 ? 32 : Math.max(12, Math.min(40, title.length + 2)),
    ...(decimalColumns.includes(index) ? { style: { numFmt: '0.00' } } : {}),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  const header = sheet.addRow(table.header.map(neutraliseFormula));
  header.font = { bold: true };
  header.commit();
  table.rows.forEach((cells, index) => {
    // An empty text is an empty cell, not an empty string.
    const row = sheet.addRow(
      cells.map((cell) => (cell === '' ? null : typeof cell === 'string' ? neutraliseFormula(cell) : cell)),
    );
    if (boldLastRow && index === table.rows.length - 1) row.font = { bold: true };
    row.commit();
  });
  sheet.commit();
}

/** The report as an Excel workbook: the employee sheet, then the daily detail. */
export async function rhtReportXlsx(report: RhtReport, options: RhtSpreadsheetOptions): Promise<Buffer> {
  const words = RHT_SPREADSHEET_WORDS[spreadsheetLanguageOf(options.locale)];
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Crewdesk';
  workbook.title = `RHT ${report.month}${report.provisional ? ` (${words.provisional})` : ''}`;
  addSheet(workbook, words.employeesSheet, summaryTable(report, words), SUMMARY_DECIMAL_COLUMNS, true);
  const detail = dailyDetailTable(report, words);
  const detailDecimals = detail.header
    .map((_, index) => index)
    .filter((index) => index >= 3 && index < 3 + 2 + ABSENCE_KINDS.length);
  addSheet(workbook, words.dailyDetailSheet, detail, detailDecimals, false);
  await workbook.commit();
  return Buffer.concat(chunks);
}
