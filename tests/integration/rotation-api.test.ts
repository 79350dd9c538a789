import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredDemoPeople, generateDemoOrganisation } from '../../src/demo/demo-organisation.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { anHoursEntry } from '../support/records.js';

const organisation = generateDemoOrganisation();
const byId = (id: string) => organisation.people.find((person) => person.aadObjectId === id)!;
const [alex, alexsStaff, hrOfficer, , , , ticinoEmployee] = featuredDemoPeople(organisation).map(byId);
const ticinoManager = byId(ticinoEmployee!.managerAadObjectId!);

interface RotationJson {
  id: string;
  siteId: string;
  siteName: string;
  status: string;
  pattern: { kind: string; cohorts: number };
  cohorts: { id: string; name: string; color: string }[];
  assignments: {
    aadObjectId: string;
    cohortId: string;
    critical: boolean;
    days: { date: string; place: string }[];
  }[];
  headcount: { date: string; count: number; cap: number; state: string }[];
  conflicts: { kind: string }[];
}

interface ScheduleJson {
  from: string;
  to: string;
  people: {
    aadObjectId: string;
    siteId: string | null;
    days: {
      date: string;
      place: string | null;
      absence: string | null;
      workedMinutes: number | null;
      missing: boolean | null;
    }[];
  }[];
}

// Thursday 26 November 2026; the demo seed publishes rotations from Monday the 23rd.
describe('the rotation and schedule API', () => {
  let crewdesk: CrewdeskUnderTest;

  beforeAll(async () => {
    crewdesk = await startCrewdeskForTest({ clock: fixedClock('2026-11-26T16:45:00Z') });
  });

  afterAll(async () => {
    await crewdesk?.stop();
  });

  const call = (path: string, asPerson: string, body?: unknown) =>
    fetch(`${crewdesk.baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'X-Crewdesk-Demo-User': asPerson, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const generate = (asPerson: string, body: Record<string, unknown>) =>
    call('/api/rotations/generate', asPerson, {
      siteId: alex!.siteId,
      pattern: 'alternating_days',
      startDate: '2026-11-30',
      weeks: 2,
      ...body,
    });

  it('lets the store manager generate a draft and publish it', async () => {
    const response = await generate(alex!.aadObjectId, {});
    expect(response.status).toBe(201);
    const draft = (await response.json()) as RotationJson;
    expect(draft).toMatchObject({ status: 'draft', siteId: alex!.siteId, siteName: 'Lausanne Flon' });
    expect(draft.pattern).toEqual({ kind: 'alternating_days', cohorts: 2 });
    expect(draft.cohorts.map((cohort) => cohort.id)).toEqual(['A', 'B']);
    expect(draft.assignments.map((a) => a.aadObjectId)).toContain(alexsStaff!.aadObjectId);
    expect(draft.assignments[0]!.days).toHaveLength(14);
    expect(draft.headcount.every((day) => day.count <= day.cap)).toBe(true);

    const published = await call(`/api/rotations/${draft.id}/publish`, alex!.aadObjectId, {});
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ id: draft.id, status: 'published' });
    // Each member is told their days once, through the proactive sender, in their own language.
    const told = await crewdesk.store.outbound.findByIdempotencyKey(
      `rotation:${draft.id}:${alexsStaff!.aadObjectId}`,
    );
    expect(told).toMatchObject({ category: 'rotation', locale: alexsStaff!.locale });
    const again = await call(`/api/rotations/${draft.id}/publish`, alex!.aadObjectId, {});
    expect([200, 409]).toContain(again.status);

    // The employee sees their own days of the published rotations of their site.
    const mine = await call('/api/rotations?from=2026-11-30&to=2026-12-13', alexsStaff!.aadObjectId);
    expect(mine.status).toBe(200);
    const { rotations } = (await mine.json()) as { rotations: RotationJson[] };
    const same = rotations.find((rotation) => rotation.id === draft.id)!;
    expect(same.assignments.map((a) => a.aadObjectId)).toEqual([alexsStaff!.aadObjectId]);
  });

  it('swaps two people of a draft when the rules hold, and not once published', async () => {
    const draft = (await (await generate(alex!.aadObjectId, {})).json()) as RotationJson;
    const a = draft.assignments.find((x) => x.cohortId === 'A')!;
    const b = draft.assignments.find((x) => x.cohortId === 'B')!;
    const swapped = await call(`/api/rotations/${draft.id}/swap`, alex!.aadObjectId, {
      a: a.aadObjectId,
      b: b.aadObjectId,
    });
    if (swapped.status === 200) {
      const body = (await swapped.json()) as RotationJson;
      expect(body.assignments.find((x) => x.aadObjectId === a.aadObjectId)!.cohortId).toBe('B');
    } else {
      expect(swapped.status).toBe(422);
      expect(await swapped.json()).toMatchObject({ error: { code: 'rotation.infeasible' } });
    }
    await call(`/api/rotations/${draft.id}/publish`, alex!.aadObjectId, {});
    const late = await call(`/api/rotations/${draft.id}/swap`, alex!.aadObjectId, {
      a: a.aadObjectId,
      b: b.aadObjectId,
    });
    expect(late.status).toBe(409);
  });

  it('shows the team schedule: a manager with hours, an employee without', async () => {
    const path = '/api/schedule?from=2026-11-23&to=2026-11-29';
    const asManager = (await (await call(path, alex!.aadObjectId)).json()) as {
      from: string;
      people: {
        aadObjectId: string;
        siteName: string;
        days: { date: string; place: string | null; workedMinutes: number | null; missing: boolean | null }[];
      }[];
    };
    expect(asManager.from).toBe('2026-11-23');
    const staffRow = asManager.people.find((p) => p.aadObjectId === alexsStaff!.aadObjectId)!;
    expect(staffRow.siteName).toBe('Lausanne Flon');
    expect(staffRow.days).toHaveLength(7);
    expect(staffRow.days[0]!.workedMinutes).toEqual(expect.any(Number));
    // The demo seed published this week's rotation of the store.
    expect(staffRow.days.some((day) => day.place === 'store')).toBe(true);

    const asEmployee = (await (await call(path, alexsStaff!.aadObjectId)).json()) as typeof asManager;
    expect(asEmployee.people.map((p) => p.aadObjectId)).toContain(alex!.aadObjectId);
    const colleague = asEmployee.people.find((p) => p.aadObjectId === alex!.aadObjectId)!;
    expect(colleague.days.every((day) => day.workedMinutes === null && day.missing === null)).toBe(true);

    expect(
      (await call(`${path}&team=${encodeURIComponent('Lausanne Flon')}`, ticinoEmployee!.aadObjectId)).status,
    ).toBe(403);
    expect(
      (await call(`${path}&team=${encodeURIComponent('Lausanne Flon')}`, hrOfficer!.aadObjectId)).status,
    ).toBe(200);
    expect((await call('/api/schedule?from=2026-01-01&to=2026-12-31', alex!.aadObjectId)).status).toBe(400);
  });

  it('gives HR the whole organisation’s week in one call, each row as a site’s own call shows it', async () => {
    const week = 'from=2026-11-23&to=2026-11-29';
    const recorded = (date: string, kind: 'work' | 'absence', minutes: number) =>
      anHoursEntry({
        aadObjectId: alexsStaff!.aadObjectId,
        date,
        kind,
        minutes,
        place: kind === 'work' ? 'store' : null,
        absenceKind: kind === 'absence' ? 'sick' : null,
        createdAt: '2026-11-25T17:00:00.000Z',
      });
    await crewdesk.store.hours.addEntriesWithHistory(
      [
        recorded('2026-11-24', 'work', 300),
        recorded('2026-11-24', 'work', 130),
        recorded('2026-11-25', 'absence', 504),
      ],
      alexsStaff!.aadObjectId,
      '2026-11-25T17:00:00.000Z',
      null,
    );
    const response = await call(`/api/schedule?scope=organisation&${week}`, hrOfficer!.aadObjectId);
    expect(response.status).toBe(200);
    // Written in chunks, it is still plain JSON with the API's headers.
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await response.text();
    const organisationWide = JSON.parse(text) as ScheduleJson;
    expect(text).toBe(JSON.stringify(organisationWide));
    expect(organisationWide).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });
    expect(organisationWide.people).toHaveLength(await crewdesk.store.directory.countPeople());
    expect(new Set(organisationWide.people.map((person) => person.aadObjectId)).size).toBe(
      organisationWide.people.length,
    );

    // Alex's store has a published rotation this week and its staff recorded hours.
    for (const site of [alex!.siteId!, ticinoEmployee!.siteId!]) {
      const ofSite = (await (
        await call(`/api/schedule?site=${encodeURIComponent(site)}&${week}`, hrOfficer!.aadObjectId)
      ).json()) as ScheduleJson;
      expect(ofSite.people.length).toBeGreaterThan(1);
      expect(organisationWide.people.filter((person) => person.siteId === site)).toEqual(ofSite.people);
    }
    const staffRow = organisationWide.people.find(
      (person) => person.aadObjectId === alexsStaff!.aadObjectId,
    )!;
    expect(staffRow.days.some((day) => day.place === 'store')).toBe(true);
    expect(staffRow.days[1]).toMatchObject({
      date: '2026-11-24',
      workedMinutes: 430,
      absence: null,
      missing: false,
    });
    expect(staffRow.days[2]).toMatchObject({
      date: '2026-11-25',
      workedMinutes: 0,
      absence: 'sick',
      missing: false,
    });
    // Friday is after "today" (Thursday): not missing yet, whatever the contract says.
    expect(staffRow.days[4]).toMatchObject({ date: '2026-11-27', missing: false });
  });

  it('refuses the whole organisation’s week to managers and employees, and more than a week to anyone', async () => {
    const week = 'from=2026-11-23&to=2026-11-29';
    for (const who of [alex!, alexsStaff!, ticinoManager]) {
      const refused = await call(`/api/schedule?scope=organisation&${week}`, who.aadObjectId);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'auth.forbidden' } });
    }

    const eightDays = await call(
      '/api/schedule?scope=organisation&from=2026-11-23&to=2026-11-30',
      hrOfficer!.aadObjectId,
    );
    expect(eightDays.status).toBe(400);
    expect(((await eightDays.json()) as { error: { message: string } }).error.message).toMatch(
      /at most 7 days/,
    );
    // A team's month is still fine, and a filter does not combine with the whole organisation.
    expect((await call('/api/schedule?from=2026-11-01&to=2026-11-30', hrOfficer!.aadObjectId)).status).toBe(
      200,
    );
    const withTeam = await call(
      `/api/schedule?scope=organisation&team=${encodeURIComponent('Lausanne Flon')}&${week}`,
      hrOfficer!.aadObjectId,
    );
    expect(withTeam.status).toBe(400);
    expect((await call(`/api/schedule?scope=everyone&${week}`, hrOfficer!.aadObjectId)).status).toBe(400);
  });

  it('refuses another store’s manager, a bad body and an infeasible cap', async () => {
    const foreign = await generate(ticinoManager.aadObjectId, {});
    expect(foreign.status).toBe(403);
    expect((await generate(alex!.aadObjectId, { weeks: 13 })).status).toBe(400);
    expect((await generate(alex!.aadObjectId, { pattern: 'fortnightly' })).status).toBe(400);
    const infeasible = await generate(alex!.aadObjectId, { capPercent: 5 });
    expect(infeasible.status).toBe(422);
    expect(await infeasible.json()).toMatchObject({
      error: { code: 'rotation.infeasible', details: { constraint: 'cap', siteId: alex!.siteId } },
    });
  });

  it('serves a person’s office days as an iCal feed behind a token', async () => {
    const link = await call('/api/me/calendar-link', alexsStaff!.aadObjectId);
    expect(link.status).toBe(200);
    const { url } = (await link.json()) as { url: string };
    const path = new URL(url).pathname + new URL(url).search;
    const feed = await fetch(`${crewdesk.baseUrl}${path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await feed.text();
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toMatch(/DTSTART;VALUE=DATE:2026\d{4}/);

    const bad = await fetch(`${crewdesk.baseUrl}/api/me/calendar.ics?token=not-a-real-token-at-all`);
    expect(bad.status).toBe(404);
    expect(await bad.text()).toBe('');
    expect((await fetch(`${crewdesk.baseUrl}/api/me/calendar.ics`)).status).toBe(404);
  });
});
