import { describe, expect, it } from 'vitest';
import { generateDemoOrganisation } from '../../../src/demo/demo-organisation.js';
import type { Contract, Person } from '../../../src/domain/directory/people.js';
import { targetsForRange } from '../../../src/domain/rht/daily-targets.js';
import { buildSchedule, type ScheduleInput } from '../../../src/domain/rotation/schedule.js';

const organisation = generateDemoOrganisation();
const siteById = new Map(organisation.sites.map((site) => [site.id, site]));

/** The week of 8 December 2026: Immaculate Conception is a public holiday in some cantons only. */
const week = { from: '2026-12-07', to: '2026-12-13' };

function input(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    ...week,
    today: '2026-12-13',
    people: organisation.people,
    withHours: new Set(organisation.people.map((person) => person.aadObjectId)),
    sites: organisation.sites,
    contracts: organisation.contracts,
    published: [],
    summaries: [],
    ...overrides,
  };
}

describe('the schedule’s rows', () => {
  it('marks as missing exactly the work days the RHT targets expect, contract changes and cantonal holidays included', () => {
    const [changesMidWeek, startsLater, withoutContract] = organisation.people;
    const contracts: Contract[] = [
      ...organisation.contracts.filter((contract) => contract.aadObjectId !== withoutContract!.aadObjectId),
      // From Wednesday on, Mondays to Wednesdays only; then a change after the week that must not count.
      {
        aadObjectId: changesMidWeek!.aadObjectId,
        validFrom: '2026-12-09',
        weeklyMinutes: 1512,
        workDays: ['Mon', 'Tue', 'Wed'],
      },
      { aadObjectId: startsLater!.aadObjectId, validFrom: '2026-12-14', weeklyMinutes: 0, workDays: [] },
    ];
    const schedule = buildSchedule(input({ contracts }));

    const personById = new Map(organisation.people.map((person) => [person.aadObjectId, person]));
    let missingDays = 0;
    const tuesdays = new Set<boolean>();
    for (const row of schedule.people) {
      const person = personById.get(row.aadObjectId)!;
      const expected = targetsForRange({
        contracts: contracts.filter((contract) => contract.aadObjectId === person.aadObjectId),
        canton: person.siteId ? siteById.get(person.siteId)!.canton : null,
        ...week,
      });
      expect(row.days.map((day) => day.missing)).toEqual(expected.map((day) => day.targetMinutes > 0));
      missingDays += row.days.filter((day) => day.missing).length;
      if (row.days[0]!.missing) tuesdays.add(row.days[1]!.missing!);
    }
    // Not vacuous: most people work most days, and 8 December is a holiday for some of them only.
    expect(missingDays).toBeGreaterThan(5_000);
    expect([...tuesdays].sort()).toEqual([false, true]);
    const rowOf = (person: Person) => schedule.people.find((row) => row.aadObjectId === person.aadObjectId)!;
    expect(rowOf(withoutContract!).days.every((day) => day.missing === false)).toBe(true);
    expect(rowOf(changesMidWeek!).days.map((day) => day.missing)).toEqual([
      true,
      expect.any(Boolean), // 8 December: a holiday in some cantons
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('shows the published place, the absence and the minutes worked, and no hours to whoever may not read them', () => {
    const [reader, hidden] = organisation.people;
    const people = [reader!, hidden!];
    const schedule = buildSchedule(
      input({
        people,
        today: '2026-12-09',
        withHours: new Set([reader!.aadObjectId]),
        published: people.map((person) => ({
          rotationId: 'r-1',
          aadObjectId: person.aadObjectId,
          date: '2026-12-07',
          place: 'office' as const,
          cohort: 'A',
        })),
        summaries: [
          { aadObjectId: reader!.aadObjectId, date: '2026-12-07', workedMinutes: 250, absenceKind: 'sick' },
          { aadObjectId: hidden!.aadObjectId, date: '2026-12-07', workedMinutes: 480, absenceKind: null },
        ],
      }),
    );
    const rowOf = (person: Person) => schedule.people.find((row) => row.aadObjectId === person.aadObjectId)!;
    expect(rowOf(reader!).days[0]).toEqual({
      date: '2026-12-07',
      place: 'office',
      cohort: 'A',
      absence: 'sick',
      workedMinutes: 250,
      missing: false,
    });
    expect(rowOf(reader!).days[6]).toMatchObject({ place: null, workedMinutes: 0, missing: false }); // after today
    expect(rowOf(hidden!).days[0]).toEqual({
      date: '2026-12-07',
      place: 'office',
      cohort: 'A',
      absence: null,
      workedMinutes: null,
      missing: null,
    });
    expect(rowOf(hidden!).siteName).toBe(siteById.get(hidden!.siteId!)?.name ?? null);
  });

  it('lists people by name as a Swiss reader expects, umlauts with their letter', () => {
    const named = (aadObjectId: string, displayName: string) => ({
      aadObjectId,
      displayName,
      team: null,
      siteId: null,
    });
    const schedule = buildSchedule(
      input({
        people: [
          named('3', 'Zürcher Lea'),
          named('1', 'Ämmer Tom'),
          named('2', 'Amman Eva'),
          named('4', 'Bader Ina'),
        ],
      }),
    );
    expect(schedule.people.map((row) => row.displayName)).toEqual([
      'Amman Eva',
      'Ämmer Tom',
      'Bader Ina',
      'Zürcher Lea',
    ]);
  });
});
