import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../../src/domain/directory/people.js';
import { generateRotation, type RotationInput } from '../../../src/domain/rotation/generate-rotation.js';
import {
  capOf,
  checkRotation,
  type RotationPerson,
  type RotationSite,
} from '../../../src/domain/rotation/rotation-plan.js';
import { swapDays } from '../../../src/domain/rotation/swap-days.js';
import { isDomainError } from '../../../src/domain/shared/errors.js';

const MONDAY = '2026-11-23';
const FULL_WEEK: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

const office: RotationSite = {
  id: 'HQ',
  kind: 'office',
  seats: 40,
  capPercent: 50,
  minStaff: null,
  openDays: null,
};
const bigOffice: RotationSite = { ...office, seats: 200 };
const store: RotationSite = {
  id: 'S001',
  kind: 'store',
  seats: 24,
  capPercent: 50,
  minStaff: 3,
  openDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

function people(count: number, overrides: Partial<RotationPerson> = {}, prefix = 'p'): RotationPerson[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${String(index).padStart(4, '0')}`,
    team: 'Finance',
    siteId: 'HQ',
    workDays: FULL_WEEK,
    absences: [],
    critical: false,
    ...overrides,
  }));
}

function input(overrides: Partial<RotationInput>): RotationInput {
  return {
    people: people(30),
    sites: [office],
    pattern: { kind: 'alternating_days' },
    startDate: MONDAY,
    weeks: 4,
    ...overrides,
  };
}

const onSiteDays = (person: { days: { place: string }[] }) =>
  person.days.filter((day) => day.place === 'office' || day.place === 'store').length;

function infeasibility(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    if (isDomainError(error) && error.code === 'rotation.infeasible') return { ...error.details };
    throw error;
  }
  throw new Error('expected rotation.infeasible');
}

describe('the rotation generator', () => {
  it('never lets two cohorts share a site on the same day', () => {
    for (const pattern of [
      { kind: 'ab_weeks' },
      { kind: 'alternating_days' },
      { kind: 'cohorts', cohorts: 3 },
      { kind: 'custom', cohortDays: [['Mon', 'Tue'], ['Wed', 'Thu'], ['Fri']] },
    ] as RotationInput['pattern'][]) {
      const rotation = generateRotation(input({ pattern, people: people(60), sites: [bigOffice] }));
      rotation.dates.forEach((_, index) => {
        const cohorts = new Set(
          rotation.people.filter((p) => p.days[index]!.place === 'office').map((p) => p.days[index]!.cohort),
        );
        expect(cohorts.size).toBeLessThanOrEqual(1);
      });
      expect(rotation.conflicts.filter((c) => c.kind === 'cohorts_mixed')).toEqual([]);
    }
  });

  it('never exceeds the cap, even when part-time days crowd one cohort', () => {
    const crowd = [...people(16), ...people(12, { workDays: ['Mon'] }, 'mon')];
    const rotation = generateRotation(input({ people: crowd, sites: [{ ...office, seats: 30 }] }));
    expect(capOf({ seats: 30, capPercent: 50 })).toBe(15);
    for (const day of rotation.headcount) expect(day.count).toBeLessThanOrEqual(15);
    expect(rotation.conflicts.filter((c) => c.kind === 'cap_exceeded')).toEqual([]);
  });

  it('keeps people off on absences and days outside their contract', () => {
    const team = people(10);
    team[0] = { ...team[0]!, absences: ['2026-11-24', '2026-11-25'] };
    team[1] = { ...team[1]!, workDays: ['Mon', 'Tue'] };
    const rotation = generateRotation(input({ people: team }));
    const absent = rotation.people.find((p) => p.id === team[0]!.id)!;
    expect(absent.days.filter((d) => d.place === 'off').map((d) => d.date)).toContain('2026-11-24');
    expect(absent.days.find((d) => d.date === '2026-11-25')!.place).toBe('off');
    const partTime = rotation.people.find((p) => p.id === team[1]!.id)!;
    expect(partTime.days.find((d) => d.date === '2026-11-26')).toMatchObject({ place: 'off', cohort: null });
    // Weekends are off for everyone on a Monday-to-Friday contract.
    expect(rotation.people.every((p) => p.days[5]!.place === 'off' && p.days[6]!.place === 'off')).toBe(true);
  });

  it('staffs the store with its minimum when it can, and reports the shortfall when it cannot', () => {
    const staff = people(8, {
      siteId: 'S001',
      team: 'Lausanne Flon',
      workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    });
    const ok = generateRotation(input({ people: staff, sites: [store] }));
    expect(ok.conflicts).toEqual([]);
    expect(ok.people.every((p) => p.days.every((d) => d.place !== 'office'))).toBe(true);
    const few = generateRotation(input({ people: staff.slice(0, 5), sites: [store] }));
    const shortfalls = few.conflicts.filter((c) => c.kind === 'below_min_staff');
    expect(shortfalls.length).toBeGreaterThan(0);
    expect(few.headcount.find((h) => h.date === shortfalls[0]!.date)!.state).toBe('under');
  });

  it('puts a critical person on site every open day', () => {
    const staff = people(10, { siteId: 'S001', team: 'Lausanne Flon' });
    const critical = [staff[3]!.id, staff[4]!.id];
    const rotation = generateRotation(
      input({
        people: staff.map((p) => ({ ...p, critical: critical.includes(p.id) })),
        sites: [store],
      }),
    );
    expect(rotation.conflicts.filter((c) => c.kind === 'no_critical')).toEqual([]);
    const cohortsOfCritical = rotation.people.filter((p) => p.critical).map((p) => p.cohortId);
    expect(new Set(cohortsOfCritical).size).toBe(2);
  });

  it('explains infeasible input: cap too small, too few critical people, custom days that mix', () => {
    expect(
      infeasibility(() => generateRotation(input({ sites: [{ ...office, capPercent: 10 }] }))),
    ).toMatchObject({
      constraint: 'cap',
      siteId: 'HQ',
      cap: 4,
      people: 30,
      cohorts: 2,
      minimumCohorts: 8,
    });
    expect(
      infeasibility(() =>
        generateRotation(input({ people: people(10).map((p, i) => ({ ...p, critical: i === 0 })) })),
      ),
    ).toMatchObject({ constraint: 'critical', critical: 1, cohorts: 2 });
    expect(
      infeasibility(() =>
        generateRotation(input({ pattern: { kind: 'custom', cohortDays: [['Mon', 'Tue'], ['Tue']] } })),
      ),
    ).toMatchObject({ constraint: 'cohorts_mixed', weekday: 'Tue' });
  });

  it('is fair: people of a team with the same work days differ by at most one site day', () => {
    for (const [pattern, weeks] of [
      [{ kind: 'ab_weeks' }, 3],
      [{ kind: 'alternating_days' }, 3],
      [{ kind: 'cohorts', cohorts: 3 }, 4],
    ] as [RotationInput['pattern'], number][]) {
      const teams = [...people(25), ...people(25, { team: 'Marketing' }, 'm')];
      const rotation = generateRotation(input({ pattern, weeks, people: teams, sites: [bigOffice] }));
      for (const team of ['Finance', 'Marketing']) {
        const days = rotation.people
          .filter((p) => teams.find((t) => t.id === p.id)!.team === team)
          .map(onSiteDays);
        expect(Math.max(...days) - Math.min(...days), `${pattern.kind} ${team}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps a team together in one cohort when it fits under the cap', () => {
    const teams = [
      ...people(8),
      ...people(6, { team: 'Marketing' }, 'm'),
      ...people(5, { team: 'Legal' }, 'l'),
    ];
    const rotation = generateRotation(input({ people: teams }));
    for (const team of ['Finance', 'Marketing', 'Legal']) {
      const cohorts = new Set(
        rotation.people.filter((p) => teams.find((t) => t.id === p.id)!.team === team).map((p) => p.cohortId),
      );
      expect(cohorts.size).toBe(1);
    }
  });

  it('is deterministic, whatever the order of the people', () => {
    const staff = people(40, { siteId: 'S001', team: 'Store' });
    const first = generateRotation(input({ people: staff, sites: [{ ...store, seats: 60 }] }));
    const again = generateRotation(input({ people: [...staff].reverse(), sites: [{ ...store, seats: 60 }] }));
    expect(again).toEqual(first);
  });

  it('is stable: adding or removing one person moves few assignments', () => {
    const staff = people(40, { siteId: 'S001', team: 'Store' });
    const site = { ...store, seats: 60 };
    const first = generateRotation(input({ people: staff, sites: [site] }));
    const previousCohorts = Object.fromEntries(first.people.map((p) => [p.id, p.cohortId]));
    const moved = (rotation: ReturnType<typeof generateRotation>) =>
      rotation.people.filter(
        (p) => previousCohorts[p.id] !== undefined && previousCohorts[p.id] !== p.cohortId,
      ).length;

    const withNewcomer = generateRotation(
      input({
        people: [...staff, ...people(1, { siteId: 'S001', team: 'Store' }, 'new')],
        sites: [site],
        previousCohorts,
      }),
    );
    expect(moved(withNewcomer)).toBeLessThanOrEqual(1);
    const withoutOne = generateRotation(input({ people: staff.slice(1), sites: [site], previousCohorts }));
    expect(moved(withoutOne)).toBeLessThanOrEqual(1);
    // Even without the previous cohorts, the hash keeps most people where they were.
    const fresh = generateRotation(input({ people: staff.slice(1), sites: [site] }));
    expect(moved(fresh)).toBeLessThanOrEqual(3);
  });

  it('lets two people swap days when the rules hold, and refuses a swap that breaks one', () => {
    const staff = people(8, { siteId: 'S001', team: 'Lausanne Flon' }).map((p, i) => ({
      ...p,
      critical: i < 2,
    }));
    const rotation = generateRotation(input({ people: staff, sites: [store] }));
    const [criticalA, criticalB] = rotation.people.filter((p) => p.critical);
    const plainA = rotation.people.find((p) => !p.critical && p.cohortId === 'A')!;
    const plainB = rotation.people.find((p) => !p.critical && p.cohortId === 'B')!;

    const swapped = swapDays([store], rotation.people, rotation.dates, { a: plainA.id, b: plainB.id });
    expect(swapped.find((p) => p.id === plainA.id)!.cohortId).toBe('B');
    expect(checkRotation([store], swapped, rotation.dates).conflicts).toEqual(rotation.conflicts);

    const date = rotation.dates[1]!;
    const oneDay = swapDays([store], rotation.people, rotation.dates, { a: plainA.id, b: plainB.id, date });
    expect(oneDay.find((p) => p.id === plainA.id)!.days[1]).toEqual(plainB.days[1]);

    // Swapping a critical person with a plain member of the other cohort leaves days without one.
    const other = criticalA!.cohortId === 'A' ? plainB : plainA;
    expect(() =>
      swapDays([store], rotation.people, rotation.dates, { a: criticalA!.id, b: other.id }),
    ).toThrow(/no critical/);
    expect(criticalB).toBeDefined();
    // A day off cannot be swapped.
    expect(() =>
      swapDays([store], rotation.people, rotation.dates, {
        a: plainA.id,
        b: plainB.id,
        date: rotation.dates[6]!,
      }),
    ).toThrow(/must work/);
  });

  it('plans 1,500 people over 8 weeks at once', () => {
    const sites: RotationSite[] = [{ ...office, id: 'HQ', seats: 600 }];
    const everyone: RotationPerson[] = [];
    for (let s = 0; s < 100; s++) {
      sites.push({ ...store, id: `S${s}` });
      everyone.push(...people(10, { siteId: `S${s}`, team: `Store ${s}` }, `s${s}-`));
    }
    for (let t = 0; t < 20; t++) everyone.push(...people(25, { team: `Team ${t}` }, `t${t}-`));
    expect(everyone).toHaveLength(1500);
    const plan = () =>
      generateRotation({
        people: everyone,
        sites,
        pattern: { kind: 'alternating_days' },
        startDate: MONDAY,
        weeks: 8,
      });
    // Its speed is measured in bench/, not asserted here (a shared, noisy machine).
    const rotation = plan();
    expect(rotation.people).toHaveLength(1500);
  });
});
