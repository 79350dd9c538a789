import { describe, expect, it } from 'vitest';
import { demoHoursPeriod, generateDemoHours } from '../../../src/demo/demo-hours.js';
import { ALEX_WILBER_AAD_OBJECT_ID, generateDemoOrganisation } from '../../../src/demo/demo-organisation.js';
import type { Person } from '../../../src/domain/directory/people.js';
import {
  breakOfDay,
  legalWarnings,
  minutesOfClock,
  requiredBreakMinutes,
  workedMinutesOf,
} from '../../../src/domain/hours/hours-checks.js';
import type { HoursEntry } from '../../../src/domain/hours/hours-entry.js';
import { mondayOf } from '../../../src/domain/hours/hours-service.js';
import { targetsForRange, weekdayOf, type DayTarget } from '../../../src/domain/rht/daily-targets.js';
import { computeRhtReport } from '../../../src/domain/rht/rht-report.js';
import { addDays, type CalendarDate } from '../../../src/domain/shared/calendar-date.js';

const org = generateDemoOrganisation();
const siteById = new Map(org.sites.map((site) => [site.id, site]));
const personById = new Map(org.people.map((person) => [person.aadObjectId, person]));
const contractsOf = (person: Person) =>
  org.contracts.filter((contract) => contract.aadObjectId === person.aadObjectId);
const cantonOf = (person: Person) => (person.siteId ? (siteById.get(person.siteId)?.canton ?? null) : null);
const inStore = (person: Person) => (person.siteId ? siteById.get(person.siteId)?.kind === 'store' : false);

/** A Wednesday: April holds Good Friday and Easter Monday, May Labour Day (an afternoon in VS) and Ascension. */
const TODAY = '2026-05-20';
const CREATED_AT = '2026-05-20T05:00:00.000Z';

function generate(today: CalendarDate, seed?: number) {
  let sequence = 0;
  return generateDemoHours({
    organisation: org,
    today,
    newId: () => `entry-${++sequence}`,
    createdAt: CREATED_AT,
    ...(seed === undefined ? {} : { seed }),
  });
}

const entries = generate(TODAY);
const { from: FROM, to: TO } = demoHoursPeriod(TODAY);

/** Entries per person, then per date. */
function byPersonAndDate(list: readonly HoursEntry[]) {
  const people = new Map<string, Map<CalendarDate, HoursEntry[]>>();
  for (const entry of list) {
    let days = people.get(entry.aadObjectId);
    if (!days) people.set(entry.aadObjectId, (days = new Map()));
    days.set(entry.date, [...(days.get(entry.date) ?? []), entry]);
  }
  return people;
}
const days = byPersonAndDate(entries);

/** Each person's targets over the period, keyed by date. */
const targets = new Map<string, Map<CalendarDate, DayTarget>>(
  org.people.map((person) => [
    person.aadObjectId,
    new Map(
      targetsForRange({ contracts: contractsOf(person), canton: cantonOf(person), from: FROM, to: TO }).map(
        (target) => [target.date, target],
      ),
    ),
  ]),
);
const targetDays = [...targets.values()].flatMap((map) =>
  [...map.values()].filter((t) => t.targetMinutes > 0),
);

/** Days with a target and no record at all, from `from` on. */
function missingDays(aadObjectId: string, from: CalendarDate, to: CalendarDate = TO): CalendarDate[] {
  const recorded = days.get(aadObjectId) ?? new Map();
  return [...(targets.get(aadObjectId)?.values() ?? [])]
    .filter((target) => target.targetMinutes > 0 && target.date >= from && target.date <= to)
    .filter((target) => !recorded.has(target.date))
    .map((target) => target.date);
}

const peopleWith = (predicate: (entry: HoursEntry) => boolean) =>
  new Set(entries.filter(predicate).map((entry) => entry.aadObjectId));

describe('the demo hours', () => {
  it('are the same for the same seed and day, and differ with another seed', () => {
    expect(generate(TODAY)).toEqual(entries);
    const other = generate(TODAY, 7);
    const fingerprint = (list: readonly HoursEntry[]) =>
      list.slice(0, 2000).map((entry) => `${entry.aadObjectId}|${entry.date}|${entry.minutes}`);
    expect(fingerprint(other)).not.toEqual(fingerprint(entries));
  });

  it('cover the whole previous month and the current month up to yesterday, nothing from today on', () => {
    expect({ from: FROM, to: TO }).toEqual({ from: '2026-04-01', to: '2026-05-19' });
    const dates = new Set(entries.map((entry) => entry.date));
    expect([...dates].every((date) => date >= FROM && date < TODAY)).toBe(true);
    for (const date of ['2026-04-01', '2026-04-30', '2026-05-04', '2026-05-19'])
      expect(dates).toContain(date);
    // About 1,500 people × 35 work days, one or two lines a day.
    expect(entries.length).toBeGreaterThan(40_000);
    expect(entries.length).toBeLessThan(90_000);
    expect(days.size).toBe(org.people.length);
  });

  it('start on the previous month when today is the first of a month, and stop before it', () => {
    const newYear = generate('2027-01-01');
    expect(demoHoursPeriod('2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(newYear.every((entry) => entry.date >= '2026-12-01' && entry.date <= '2026-12-31')).toBe(true);
    // Christmas is a public holiday in every canton.
    expect(newYear.filter((entry) => entry.date === '2026-12-25')).toEqual([]);
  });

  it('hold whole, positive minutes and the seed’s provenance', () => {
    const odd = entries.filter(
      (entry) =>
        !Number.isInteger(entry.minutes) ||
        entry.minutes <= 0 ||
        entry.sourceActivityId !== null ||
        entry.version !== 1 ||
        entry.createdAt !== CREATED_AT,
    );
    expect(odd).toEqual([]);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
  });

  // Hundreds of thousands of checks: problems are collected and compared once, which keeps the
  // test fast and its failure readable.
  it('record nothing on public holidays or days off the contract; Saturdays only for Tuesday–Saturday contracts', () => {
    const problems: string[] = [];
    let holidaysOnWorkDays = 0;
    let saturdays = 0;
    for (const person of org.people) {
      const workDays = new Set(contractsOf(person).flatMap((contract) => contract.workDays));
      const personTargets = targets.get(person.aadObjectId)!;
      for (const target of personTargets.values()) {
        if (target.workDay && target.holidayShare === 1) holidaysOnWorkDays++;
      }
      for (const [date, dayEntries] of days.get(person.aadObjectId) ?? []) {
        const at = `${person.displayName} on ${date}`;
        const target = personTargets.get(date);
        if (!target || target.targetMinutes <= 0) problems.push(`${at}: no target`);
        if (!workDays.has(weekdayOf(date))) problems.push(`${at}: not a work day of the contract`);
        if (weekdayOf(date) === 'Sat') {
          saturdays++;
          if (!inStore(person)) problems.push(`${at}: Saturday at head office`);
        }
        // An afternoon holiday (VS and SO on 1 May): the morning only.
        if (target?.holidayShare === 0.5) {
          const late = dayEntries.filter((line) => line.endTime && minutesOfClock(line.endTime) > 12 * 60);
          if (late.length > 0) problems.push(`${at}: work on the afternoon holiday`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(holidaysOnWorkDays).toBeGreaterThan(1000);
    expect(saturdays).toBeGreaterThan(1000);
  });

  it('lay out every day within the law: ranges that do not overlap, breaks, 45-hour weeks, 11-hour rest', () => {
    const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
    const problems: string[] = [];
    let daysWithRanges = 0;
    for (const person of org.people) {
      const personDays = days.get(person.aadObjectId) ?? new Map<CalendarDate, HoursEntry[]>();
      const weekWorked = new Map<CalendarDate, number>();
      for (const [date, dayEntries] of personDays) {
        const monday = mondayOf(date);
        weekWorked.set(monday, (weekWorked.get(monday) ?? 0) + workedMinutesOf(dayEntries));
      }
      for (const [date, day] of personDays) {
        const at = `${person.displayName} on ${date}`;
        const timed = day.filter((entry) => entry.startTime !== null);
        for (const entry of timed) {
          if (!clock.test(entry.startTime!) || !clock.test(entry.endTime ?? '')) {
            problems.push(`${at}: ${entry.startTime}–${entry.endTime}`);
            continue;
          }
          const length = minutesOfClock(entry.endTime!) - minutesOfClock(entry.startTime!);
          if (entry.minutes !== length - (entry.breakMinutes ?? 0)) problems.push(`${at}: minutes ≠ range`);
        }
        const ranges = timed
          .map((entry) => ({ start: minutesOfClock(entry.startTime!), end: minutesOfClock(entry.endTime!) }))
          .sort((a, b) => a.start - b.start);
        for (let index = 1; index < ranges.length; index++) {
          if (ranges[index]!.start <= ranges[index - 1]!.end) problems.push(`${at}: ranges overlap or touch`);
        }
        const worked = workedMinutesOf(day);
        if (ranges.length > 0) {
          daysWithRanges++;
          // Stores open 08:00–19:00; nobody starts before 07:00 or works on after closing.
          if (ranges[0]!.start < 7 * 60 || ranges.at(-1)!.end > 19 * 60) problems.push(`${at}: odd hours`);
          if (breakOfDay(day)! < requiredBreakMinutes(worked)) problems.push(`${at}: break too short`);
        }
        if (day.reduce((sum, entry) => sum + entry.minutes, 0) > 24 * 60) problems.push(`${at}: over 24 h`);
        const warnings = legalWarnings({
          day,
          previousDay: personDays.get(addDays(date, -1)) ?? [],
          nextDay: personDays.get(addDays(date, 1)) ?? [],
          weekWorkedMinutes: weekWorked.get(mondayOf(date)) ?? 0,
          siteKind: inStore(person) ? 'store' : 'office',
        });
        for (const warning of warnings) problems.push(`${at}: ${warning.code}`);
      }
    }
    expect(problems).toEqual([]);
    expect(daysWithRanges).toBeGreaterThan(30_000);
  });

  it('put store staff in the store and head office mostly at home, with office days', () => {
    const work = entries.filter((entry) => entry.kind === 'work');
    const storeWork = work.filter((entry) => inStore(personById.get(entry.aadObjectId)!));
    const headOfficeWork = work.filter((entry) => !inStore(personById.get(entry.aadObjectId)!));
    expect(storeWork.every((entry) => entry.place === 'store')).toBe(true);
    const home = headOfficeWork.filter((entry) => entry.place === 'home').length / headOfficeWork.length;
    const office = headOfficeWork.filter((entry) => entry.place === 'office').length / headOfficeWork.length;
    expect(home).toBeGreaterThan(0.5);
    expect(office).toBeGreaterThan(0.15);
    expect(home + office).toBeCloseTo(1);
    expect(entries.filter((entry) => entry.kind === 'absence').every((entry) => entry.place === null)).toBe(
      true,
    );
    // Mostly time ranges, as the working-time record wants; a few people log durations only.
    expect(work.filter((entry) => entry.startTime === null).length / work.length).toBeLessThan(0.06);
  });

  it('record absences of the expected kinds, in plausible proportions, whole days at the day’s target', () => {
    const absences = entries.filter((entry) => entry.kind === 'absence');
    expect(new Set(absences.map((entry) => entry.absenceKind))).toEqual(
      new Set(['vacation', 'sick', 'accident', 'military', 'training']),
    );
    for (const entry of absences) {
      const target = targets.get(entry.aadObjectId)!.get(entry.date)!;
      if (entry.absenceKind === 'training') {
        expect(entry.minutes).toBe(Math.round(target.targetMinutes / 2));
        expect(
          days
            .get(entry.aadObjectId)!
            .get(entry.date)!
            .some((line) => line.kind === 'work'),
        ).toBe(true);
      } else {
        expect(entry.minutes).toBe(target.targetMinutes);
      }
    }
    const sickShare = absences.filter((entry) => entry.absenceKind === 'sick').length / targetDays.length;
    expect(sickShare).toBeGreaterThan(0.01);
    expect(sickShare).toBeLessThan(0.03);

    const onVacation = peopleWith((entry) => entry.absenceKind === 'vacation');
    expect(onVacation.size / org.people.length).toBeGreaterThan(0.05);
    expect(onVacation.size / org.people.length).toBeLessThan(0.11);
    for (const aadObjectId of onVacation) {
      const dates = absences
        .filter((entry) => entry.aadObjectId === aadObjectId && entry.absenceKind === 'vacation')
        .map((entry) => entry.date);
      expect(new Set(dates.map(mondayOf)).size, 'one week').toBe(1);
    }

    const military = peopleWith((entry) => entry.absenceKind === 'military');
    expect(military.size).toBeGreaterThanOrEqual(3);
    expect(military.size).toBeLessThanOrEqual(10);
    // Courses of two or three weeks: consecutive calendar days, however many are work days.
    const serviceDays = [...military].map((aadObjectId) =>
      absences
        .filter((entry) => entry.aadObjectId === aadObjectId && entry.absenceKind === 'military')
        .map((entry) => entry.date)
        .sort(),
    );
    for (const dates of serviceDays) expect(dates.at(-1)! < addDays(dates[0]!, 21)).toBe(true);
    expect(serviceDays.filter((dates) => dates.length >= 8).length).toBeGreaterThanOrEqual(military.size / 2);
    const accidents = peopleWith((entry) => entry.absenceKind === 'accident');
    expect(accidents.size).toBeGreaterThanOrEqual(3);
    expect(accidents.size).toBeLessThanOrEqual(15);
    expect(peopleWith((entry) => entry.absenceKind === 'training').size).toBeGreaterThanOrEqual(20);
  });

  it('cut store hours hardest, so the company loses between 10 % and 85 % of its normal hours in April', () => {
    const employees = (people: readonly Person[]) =>
      people.map((person) => ({
        person,
        canton: cantonOf(person),
        contracts: contractsOf(person),
        entries: [...(days.get(person.aadObjectId)?.values() ?? [])].flat(),
      }));
    const report = computeRhtReport({ month: '2026-04', today: TODAY, employees: employees(org.people) });
    const { totals } = report;
    expect(report.provisional).toBe(false);
    expect(totals.employees).toBe(1500);
    expect(totals.lossPercent).toBeGreaterThanOrEqual(10);
    expect(totals.lossPercent).toBeLessThanOrEqual(85);
    expect(totals.belowMinimumLoss).toBe(false);
    expect(totals.employeesWithWarnings).toBe(0);

    const storeStaff = org.people.filter((person) => inStore(person) && !person.roles.includes('manager'));
    const stores = computeRhtReport({ month: '2026-04', today: TODAY, employees: employees(storeStaff) });
    const headOffice = computeRhtReport({
      month: '2026-04',
      today: TODAY,
      employees: employees(org.people.filter((person) => !inStore(person))),
    });
    expect(stores.totals.lossPercent).toBeGreaterThan(headOffice.totals.lossPercent);
    // Most store staff work half to four fifths of their target.
    const workedShares = stores.rows.map((row) => row.workedMinutes / row.targetMinutes);
    const inBand = workedShares.filter((share) => share >= 0.4 && share <= 0.85).length;
    expect(inBand / workedShares.length).toBeGreaterThan(0.75);
  });

  it('leave a few people with days they forgot to log, and Alex Wilber one this week', () => {
    // Head office has no whole days off, so its gaps are forgotten days.
    const headOffice = org.people.filter((person) => !inStore(person));
    const forgetful = headOffice.filter(
      (person) => missingDays(person.aadObjectId, addDays(TODAY, -7)).length,
    );
    expect(forgetful.length).toBeGreaterThan(0);
    expect(forgetful.length / headOffice.length).toBeLessThan(0.1);
    // Alex works Tuesday to Saturday: Tuesday 19 May is his latest day this week, and unlogged.
    expect(missingDays(ALEX_WILBER_AAD_OBJECT_ID, FROM)).toEqual(['2026-05-19']);
  });

  it.each([
    ['Monday', '2026-05-18'],
    ['Tuesday', '2026-05-19'],
    ['Thursday', '2026-05-21'],
    ['Saturday', '2026-05-23'],
    ['Sunday', '2026-05-24'],
  ])('show Alex Wilber his latest work day of the week as missing when today is a %s', (_, today) => {
    const alex = generate(today).filter((entry) => entry.aadObjectId === ALEX_WILBER_AAD_OBJECT_ID);
    const monday = mondayOf(today);
    const alexTargets = targetsForRange({
      contracts: contractsOf(personById.get(ALEX_WILBER_AAD_OBJECT_ID)!),
      canton: 'VD',
      from: monday,
      to: addDays(today, -1),
    }).filter((target) => target.targetMinutes > 0);
    const logged = new Set(alex.map((entry) => entry.date));
    const missing = alexTargets.filter((target) => !logged.has(target.date)).map((target) => target.date);
    // Alex works Tuesday to Saturday: on a Monday or a Tuesday, no day of his week has passed.
    expect(missing).toEqual(alexTargets.length > 0 ? [alexTargets.at(-1)!.date] : []);
    if (today >= '2026-05-20') expect(missing).toHaveLength(1);
  });

  it('have a few store staff’s hours entered by their store manager, Alex Wilber among them', () => {
    const onBehalf = entries.filter((entry) => entry.enteredBy !== entry.aadObjectId);
    for (const entry of onBehalf) {
      expect(entry.enteredBy).toBe(personById.get(entry.aadObjectId)!.managerAadObjectId);
      expect(inStore(personById.get(entry.aadObjectId)!)).toBe(true);
    }
    const people = new Set(onBehalf.map((entry) => entry.aadObjectId));
    expect(people.size).toBeGreaterThanOrEqual(20);
    expect(people.size).toBeLessThan(150);
    expect(onBehalf.some((entry) => entry.enteredBy === ALEX_WILBER_AAD_OBJECT_ID)).toBe(true);
  });
});
