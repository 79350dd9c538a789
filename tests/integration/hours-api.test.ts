import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredDemoPeople, generateDemoOrganisation } from '../../src/demo/demo-organisation.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { postActivity, teamsMessage } from '../support/teams-activities.js';

const organisation = generateDemoOrganisation();
const [alex, alexsStaff, hrOfficer, itAgent, , , ticinoEmployee] = featuredDemoPeople(organisation).map(
  (id) => organisation.people.find((person) => person.aadObjectId === id)!,
);

describe('the hours and RHT report API', () => {
  let crewdesk: CrewdeskUnderTest;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    crewdesk = await startCrewdeskForTest({ clock: fixedClock('2026-11-26T16:45:00Z') });
    // Alex's staff member logs two days by chat, as Teams would deliver it.
    for (const text of ['Montag 8-12 und 13-17', 'krank gestern']) {
      await postActivity(
        crewdesk.baseUrl,
        teamsMessage({
          serviceUrl: connector.serviceUrl,
          from: { id: '29:staff', name: alexsStaff!.displayName, aadObjectId: alexsStaff!.aadObjectId },
          text,
          locale: 'de-CH',
        }),
      );
    }
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await connector?.close();
  });

  const get = (path: string, asPerson: string | undefined) =>
    fetch(`${crewdesk.baseUrl}${path}`, { headers: asPerson ? { 'X-Crewdesk-Demo-User': asPerson } : {} });

  it('gives a person their own days with entries, absences and totals', async () => {
    const response = await get('/api/me/hours?from=2026-11-23&to=2026-11-29', alexsStaff!.aadObjectId);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      days: {
        date: string;
        workedMinutes: number;
        absences: { kind: string; minutes: number }[];
        entries: unknown[];
      }[];
    };
    expect(body.days.map((day) => [day.date, day.workedMinutes, day.absences])).toEqual([
      ['2026-11-23', 480, []],
      ['2026-11-25', 0, [{ kind: 'sick', minutes: expect.any(Number) }]],
    ]);
    expect(body.days[0]!.entries).toHaveLength(2);
  });

  it('lets the manager and HR read a person’s hours, and nobody else', async () => {
    const path = `/api/users/${alexsStaff!.aadObjectId}/hours?from=2026-11-01&to=2026-11-30`;
    expect((await get(path, alex!.aadObjectId)).status).toBe(200);
    expect((await get(path, hrOfficer!.aadObjectId)).status).toBe(200);
    expect((await get(path, itAgent!.aadObjectId)).status).toBe(403);
    expect((await get(path, ticinoEmployee!.aadObjectId)).status).toBe(403);
  });

  it('explains a bad query with 400 and a JSON error', async () => {
    const response = await get('/api/me/hours?from=2026-11-30&to=2026-11-01', alex!.aadObjectId);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'input.invalid' } });
    expect((await get('/api/me/hours?from=yesterday&to=2026-11-01', alex!.aadObjectId)).status).toBe(400);
    expect((await get('/api/me/hours?from=2020-01-01&to=2026-11-01', alex!.aadObjectId)).status).toBe(400);
  });

  it('serves the month’s RHT report to HR as the design’s JSON, marked provisional for the current month', async () => {
    const response = await get('/api/reports/rht?month=2026-11', hrOfficer!.aadObjectId);
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      month: string;
      provisional: boolean;
      rows: Record<string, unknown>[];
      totals: Record<string, unknown>;
    };
    expect(report).toMatchObject({ month: '2026-11', provisional: true });
    expect(report.rows.length).toBeGreaterThanOrEqual(1500);
    const row = report.rows.find((candidate) => candidate.aadObjectId === alexsStaff!.aadObjectId)!;
    expect(Object.keys(row)).toEqual(
      expect.arrayContaining([
        'aadObjectId',
        'displayName',
        'targetMinutes',
        'workedMinutes',
        'absenceMinutes',
        'lostMinutes',
        'lossPercent',
        'waitingDayMinutes',
      ]),
    );
    expect(row.workedMinutes).toBe(480);
    expect(row.days).toBeUndefined();
    const detailed = (await (
      await get('/api/reports/rht?month=2026-11&detail=daily', hrOfficer!.aadObjectId)
    ).json()) as { rows: { aadObjectId: string; days: { date: string }[] }[] };
    const detailedRow = detailed.rows.find((candidate) => candidate.aadObjectId === alexsStaff!.aadObjectId)!;
    expect(detailedRow.days.map((day) => day.date)).toContain('2026-11-23');
    expect(report.totals).toMatchObject({
      targetMinutes: expect.any(Number),
      lostMinutes: expect.any(Number),
    });
    expect((await get('/api/reports/rht?month=2026-10', hrOfficer!.aadObjectId)).status).toBe(200);
  });

  it('serves the report as CSV and XLSX files in the requested language', async () => {
    const csv = await get('/api/reports/rht?month=2026-11&format=csv&lang=fr', hrOfficer!.aadObjectId);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('crewdesk-rht-2026-11.csv');
    expect(await csv.text()).toContain(alexsStaff!.displayName);

    const xlsx = await get('/api/reports/rht?month=2026-11&format=xlsx&lang=de', hrOfficer!.aadObjectId);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(2);
    // 1,500 employees with a daily-detail sheet: seconds of work, far more on a loaded CI machine.
  }, 180_000);

  it('keeps the report from everyone but HR and admins', async () => {
    expect((await get('/api/reports/rht?month=2026-11', alex!.aadObjectId)).status).toBe(403);
    expect((await get('/api/reports/rht?month=2026-11', itAgent!.aadObjectId)).status).toBe(403);
    expect((await get('/api/reports/rht?month=2026-13', hrOfficer!.aadObjectId)).status).toBe(400);
  });
});
