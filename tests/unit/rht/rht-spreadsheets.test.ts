import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeRhtReport, type RhtReport } from '../../../src/domain/rht/rht-report.js';
import {
  neutraliseFormula,
  rhtReportCsv,
  rhtReportXlsx,
} from '../../../src/integrations/rht-spreadsheets.js';
import { absence, datesBetween, employee, work } from './rht-fixtures.js';

const EVIL = '=HYPERLINK("http://evil")';

/**
 * November 2026 in Vaud, 42 h a week (21 × 504 = 10584 min = 176.40 h):
 * - Anna: 300 min on each weekday (6300 = 105.00 h), lost 4284 = 71.40 h, 40.48 %;
 * - the evil name: a sick week (2520 = 42.00 h) and 504 on each other weekday (16 × 504 = 8064 =
 *   134.40 h), nothing lost.
 */
function sampleReport(today = '2027-01-10'): RhtReport {
  const weekdays = datesBetween('2026-11-01', '2026-11-30');
  const sickWeek = datesBetween('2026-11-09', '2026-11-13');
  return computeRhtReport({
    month: '2026-11',
    today,
    employees: [
      employee('Anna Keller', {
        ahvNumber: '756.1234.5678.97',
        entries: weekdays.map((date) => work(date, 300)),
      }),
      employee(EVIL, {
        ahvNumber: '+41 evil',
        entries: [
          ...sickWeek.map((date) => absence(date, 'sick', 504)),
          ...weekdays.filter((date) => !sickWeek.includes(date)).map((date) => work(date, 504)),
        ],
      }),
    ],
  });
}

const parseCsv = (text: string): string[][] => {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return parse(text, { bom: true, delimiter: ';' }) as string[][];
};

describe('the RHT report as CSV', () => {
  it('parses back with the figures in hours, a totals row, and the BOM for Swiss Excel', () => {
    const rows = parseCsv(rhtReportCsv(sampleReport(), { locale: 'de-CH' }));
    expect(rows[0]).toEqual([
      'Name',
      'AHV-Nummer',
      'Sollstunden',
      'Absenzstunden',
      'Geleistete Stunden',
      'Ausfallstunden',
      'Ausfall in %',
      'Karenzzeit (Stunden)',
      'Ausfall über 85 %',
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toEqual([
      "'" + EVIL,
      "'+41 evil",
      '176.40',
      '42.00',
      '134.40',
      '0.00',
      '0.00',
      '0.00',
      '',
    ]);
    expect(rows[2]).toEqual([
      'Anna Keller',
      '756.1234.5678.97',
      '176.40',
      '0.00',
      '105.00',
      '71.40',
      '40.48',
      '8.40',
      '',
    ]);
    expect(rows[3]).toEqual([
      'Total 2026-11',
      '',
      '352.80',
      '42.00',
      '239.40',
      '71.40',
      '20.24',
      '8.40',
      '0',
    ]);
  });

  it('uses CRLF line ends, semicolons and RFC 4180 quotes', () => {
    const report = computeRhtReport({
      month: '2026-11',
      today: '2027-01-10',
      employees: [employee('Müller; "Hans"\nJunior')],
    });
    const text = rhtReportCsv(report, { locale: 'en' });
    expect(text).toContain('"Müller; ""Hans""\nJunior";"";176.40;');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)[1]?.[0]).toBe('Müller; "Hans"\nJunior');
  });

  it('marks a provisional month in the totals row', () => {
    const rows = parseCsv(rhtReportCsv(sampleReport('2026-11-20'), { locale: 'fr-CH' }));
    expect(rows.at(-1)?.[0]).toBe('Total 2026-11 (provisoire)');
  });

  it.each([
    [
      'fr-CH',
      [
        'Nom',
        'N° AVS',
        'Heures normales',
        "Heures d'absence",
        'Heures travaillées',
        'Heures perdues',
        'Perte en %',
      ],
    ],
    [
      'it-CH',
      ['Nome', 'N. AVS', 'Ore normali', 'Ore di assenza', 'Ore lavorate', 'Ore perse', 'Perdita in %'],
    ],
    [
      'de-CH',
      [
        'Name',
        'AHV-Nummer',
        'Sollstunden',
        'Absenzstunden',
        'Geleistete Stunden',
        'Ausfallstunden',
        'Ausfall in %',
      ],
    ],
    ['en', ['Name', 'AHV number', 'Normal hours', 'Absence hours', 'Hours worked', 'Lost hours', 'Loss %']],
    [
      'pt-BR',
      ['Name', 'AHV number', 'Normal hours', 'Absence hours', 'Hours worked', 'Lost hours', 'Loss %'],
    ],
  ])('writes the headers in the language of %s', (locale, headers) => {
    const rows = parseCsv(rhtReportCsv(sampleReport(), { locale }));
    expect(rows[0]?.slice(0, 7)).toEqual(headers);
  });
});

describe('formula injection', () => {
  it.each(['=1+1', '+41 79', '-2', '@SUM(A1)', '\tx', '\rx', '＝1+1'])(
    'neutralises a text starting like %j',
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    },
  );

  it('leaves ordinary text alone', () => {
    expect(neutraliseFormula('Anna Keller')).toBe('Anna Keller');
    expect(neutraliseFormula("O'Brien = boss")).toBe("O'Brien = boss");
  });
});

describe('the RHT report as XLSX', () => {
  const load = async (buffer: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    // exceljs types its parameter with its own `Buffer` (an ArrayBuffer), not Node's generic one.
    await workbook.xlsx.load(new Uint8Array(buffer).buffer);
    return workbook;
  };

  it('round-trips through exceljs with the employee sheet and its totals row', async () => {
    const workbook = await load(await rhtReportXlsx(sampleReport(), { locale: 'fr-CH' }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Collaborateurs', 'Détail journalier']);
    const sheet = workbook.worksheets[0]!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1).slice(0, 7)).toEqual([
      'Nom',
      'N° AVS',
      'Heures normales',
      "Heures d'absence",
      'Heures travaillées',
      'Heures perdues',
      'Perte en %',
    ]);
    expect(values(3)).toEqual(['Anna Keller', '756.1234.5678.97', 176.4, 0, 105, 71.4, 40.48, 8.4]);
    expect(values(4)).toEqual(['Total 2026-11', undefined, 352.8, 42, 239.4, 71.4, 20.24, 8.4, 0]);
    expect(sheet.getCell('C3').numFmt).toBe('0.00');
    expect(sheet.rowCount).toBe(4);
  });

  it('neutralises formulas in every text cell and writes no formula', async () => {
    const workbook = await load(await rhtReportXlsx(sampleReport(), { locale: 'en' }));
    const [summary, detail] = workbook.worksheets;
    expect(summary!.getCell('A2').value).toBe(`'${EVIL}`);
    expect(summary!.getCell('B2').value).toBe("'+41 evil");
    expect(detail!.getCell('A2').value).toBe(`'${EVIL}`);
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
        }),
      );
    }
  });

  it('proves the figures day by day on the daily-detail sheet', async () => {
    const report = sampleReport();
    const workbook = await load(await rhtReportXlsx(report, { locale: 'de-CH' }));
    const detail = workbook.getWorksheet('Tagesdetail')!;
    const header = (detail.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Name',
      'AHV-Nummer',
      'Datum',
      'Sollstunden',
      'Geleistete Stunden',
      'Ferien (Std.)',
      'Krankheit (Std.)',
      'Unfall (Std.)',
      'Militär-/Zivildienst (Std.)',
      'Feiertag (Std.)',
      'Weiterbildung (Std.)',
      'Unbezahlter Urlaub (Std.)',
      'Andere Absenz (Std.)',
      'Feiertag',
    ]);
    expect(detail.rowCount).toBe(1 + 21 + 21);
    const sickDay = (detail.getRow(7).values as unknown[]).slice(1);
    expect(sickDay).toEqual([`'${EVIL}`, "'+41 evil", '2026-11-09', 8.4, 0, 0, 8.4, 0, 0, 0, 0, 0, 0]);
  });

  it('marks public holidays, whole and afternoon, in the daily detail', async () => {
    const report = computeRhtReport({
      month: '2026-12',
      today: '2027-01-10',
      employees: [employee('Valérie', { canton: 'VS', entries: [work('2026-12-24', 252)] })],
    });
    const workbook = await load(await rhtReportXlsx(report, { locale: 'fr-CH' }));
    const detail = workbook.worksheets[1]!;
    const rowOf = (date: string) => {
      let found: unknown[] = [];
      detail.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        if (values[2] === date) found = values;
      });
      return found;
    };
    expect(rowOf('2026-12-24')).toEqual([
      'Valérie',
      undefined,
      '2026-12-24',
      4.2,
      4.2,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      'demi-journée',
    ]);
    expect(rowOf('2026-12-25').at(-1)).toBe('oui');
  });
});
