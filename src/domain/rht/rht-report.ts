/**
 * The monthly short-time-work (RHT / Kurzarbeit) report: per employee, target ("normal hours"),
 * hours worked, absences by kind, lost hours and loss %, the waiting day, and the day-by-day detail
 * that proves them; company totals and the flags HR files by. Pure: the caller passes the month's
 * entries, contracts, cantons and `today`.
 *
 * The rules (design, "Domain facts"), and the choices we made where it leaves room:
 *
 * - Target: daily targets from daily-targets.ts, summed over the month. It is not reduced by
 *   absences.
 * - Worked: every work entry of the month, any day (a Saturday counts and offsets the week).
 * - Absences (vacation, sick, accident, military, training, unpaid, other) are not compensable.
 *   They are normal hours not worked for another reason, so on each day they count up to that
 *   day's target and no further: an absence on a weekend, on a public holiday, or beyond the day's
 *   target counts 0 for the excess (shown in the day's detail and flagged, never silently lost).
 *   A full-day absence counts the day's whole target: the bot records one with minutes equal to
 *   the day's target; an absence entry with 0 minutes, or with at least the day's target rounded
 *   down (a fractional target recorded as whole minutes), is a full day. An absence without a
 *   kind counts as `other`.
 * - `absenceMinutes` leaves out the `holiday` kind: the canton's public holidays are already out
 *   of the target. A `holiday` entry on a day the canton's calendar does not know still has a
 *   target, so that day counts as lost; the row is flagged `holiday_not_in_calendar` for HR.
 * - Lost = target − absenceMinutes − worked on the MONTH'S TOTALS, never negative; days are not
 *   clamped one by one. Company totals add the employees' (clamped) lost minutes.
 * - Loss % = lost / target × 100, rounded to 2 decimals (0 when the target is 0). The 85 % flag
 *   compares the exact figures: lost > 85 % of target.
 * - Waiting day (Karenztag, one per period): reported per employee as its own figure, never
 *   deducted here. We take one average work day of that month — target / number of days with a
 *   target, rounded to whole minutes — capped at the lost minutes; 0 when nothing is lost.
 * - Company: `belowMinimumLoss` when the company's lost hours are under 10 % of its normal hours
 *   (no claim for the period), also when there are no normal hours at all.
 * - `provisional` when the month is the month of `today` or later.
 * - Rows: every active person, plus inactive people with entries that month (someone who left
 *   mid-month keeps their row). Inactive people without entries are left out: the directory does
 *   not know when they left, and a target running on after they left would be claimed as loss.
 *   `employedUntil`, when the caller knows it, stops the target after that day. Rows are sorted by
 *   display name (de-CH collation), then id.
 * - Days in the detail: every work day of the contract, and every other day with a record.
 */
import type { Contract, Person } from '../directory/people.js';
import { contractOn } from '../directory/profile.js';
import { ABSENCE_KINDS, type AbsenceKind, type HoursEntry } from '../hours/hours-entry.js';
import { addDays, type CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';
import { targetsForRange, type DayTarget } from './daily-targets.js';
import { cantonCode, publicHolidayShareOn } from './public-holidays.js';

/** Below this share of normal hours lost, the company has no claim for the period (AVIG art. 32). */
export const MINIMUM_COMPANY_LOSS_PERCENT = 10;
/** A loss above this share is paid for at most 4 periods (AVIG art. 35 para. 1bis). */
export const HIGH_LOSS_PERCENT = 85;

export interface RhtEmployeeInput {
  person: Pick<Person, 'aadObjectId' | 'displayName' | 'ahvNumber' | 'active'>;
  /** The canton of the person's site; null when they have no site. */
  canton: string | null;
  contracts: readonly Contract[];
  /** That month's entries (others are ignored). */
  entries: readonly HoursEntry[];
  /** Last day of employment, when known: no target after it. */
  employedUntil?: CalendarDate | null;
}

export interface RhtDayAbsence {
  kind: AbsenceKind;
  /** Minutes counted toward absences (within the day's target). */
  minutes: number;
  /** Minutes as recorded (0 = a full day). */
  recordedMinutes: number;
}

export interface RhtDay {
  date: CalendarDate;
  workDay: boolean;
  holiday: boolean;
  /** 1 = whole-day public holiday, 0.5 = afternoon holiday, 0 = none. */
  holidayShare: number;
  targetMinutes: number;
  workedMinutes: number;
  absences: RhtDayAbsence[];
  /** Absence minutes recorded beyond the day's target, not counted (e.g. vacation on a Sunday). */
  uncountedAbsenceMinutes: number;
}

/** Something HR should look at before filing; the figures are computed regardless. */
export type RhtRowWarning =
  | 'inactive_without_end_date'
  | 'no_contract'
  | 'no_site'
  | 'absence_beyond_target'
  | 'holiday_not_in_calendar';

export interface RhtRow {
  aadObjectId: string;
  displayName: string;
  ahvNumber: string | null;
  active: boolean;
  canton: string | null;
  targetMinutes: number;
  workedMinutes: number;
  /** All absence kinds but `holiday`. */
  absenceMinutes: number;
  absenceMinutesByKind: Record<AbsenceKind, number>;
  lostMinutes: number;
  lossPercent: number;
  lossAbove85Percent: boolean;
  waitingDayMinutes: number;
  /** Days with a target, the divisor of the waiting day. */
  targetDays: number;
  warnings: RhtRowWarning[];
  days: RhtDay[];
}

export interface RhtTotals {
  targetMinutes: number;
  workedMinutes: number;
  absenceMinutes: number;
  absenceMinutesByKind: Record<AbsenceKind, number>;
  lostMinutes: number;
  lossPercent: number;
  waitingDayMinutes: number;
  employees: number;
  employeesWithLoss: number;
  employeesAbove85Percent: number;
  /** Company loss under 10 % of normal hours: no claim for this period. */
  belowMinimumLoss: boolean;
  /** Rows with at least one warning. */
  employeesWithWarnings: number;
}

export interface RhtReport {
  month: string;
  provisional: boolean;
  rows: RhtRow[];
  totals: RhtTotals;
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const collator = new Intl.Collator('de-CH', { sensitivity: 'base', numeric: true });

const noAbsences = (): Record<AbsenceKind, number> =>
  Object.fromEntries(ABSENCE_KINDS.map((kind) => [kind, 0])) as Record<AbsenceKind, number>;

/** Whole, non-negative minutes from a record; anything else counts as 0. */
const recordedMinutesOf = (entry: HoursEntry) =>
  Number.isFinite(entry.minutes) && entry.minutes > 0 ? Math.round(entry.minutes) : 0;

export function lossPercentOf(lostMinutes: number, targetMinutes: number): number {
  return targetMinutes > 0 ? Math.round((lostMinutes * 10_000) / targetMinutes) / 100 : 0;
}

function monthDays(month: string): { first: CalendarDate; last: CalendarDate } {
  const first = `${month}-01`;
  let last = first;
  while (addDays(last, 1).startsWith(month)) last = addDays(last, 1);
  return { first, last };
}

interface MonthContext {
  first: CalendarDate;
  last: CalendarDate;
  /**
   * Targets per (canton, contract periods in force during the month, last day of employment):
   * the 1,500 people of the report share a few dozen patterns.
   */
  targets: Map<string, DayTarget[]>;
}

function targetPatternOf(employee: RhtEmployeeInput, month: MonthContext): string {
  const { first, last } = month;
  const inForce = contractOn(employee.contracts, first);
  const changes = employee.contracts
    .filter((contract) => contract.validFrom > first && contract.validFrom <= last)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const periods = [inForce, ...changes].map((contract) =>
    contract
      ? `${contract.validFrom > first ? contract.validFrom : ''}/${contract.weeklyMinutes}/${contract.workDays.join(',')}`
      : '-',
  );
  return `${employee.canton ?? ''}|${employee.employedUntil ?? ''}|${periods.join(';')}`;
}

function targetsOfMonth(employee: RhtEmployeeInput, month: MonthContext): readonly DayTarget[] {
  const key = targetPatternOf(employee, month);
  const cached = month.targets.get(key);
  if (cached) return cached;
  const { first, last } = month;
  const until = employee.employedUntil && employee.employedUntil < last ? employee.employedUntil : last;
  const targets =
    until >= first
      ? targetsForRange({ contracts: employee.contracts, canton: employee.canton, from: first, to: until })
      : [];
  // After the last day of employment: no target, whatever the contract says.
  for (let date = targets.length > 0 ? addDays(until, 1) : first; date <= last; date = addDays(date, 1)) {
    const holidayShare = publicHolidayShareOn(employee.canton, date);
    targets.push({
      date,
      workDay: false,
      holiday: holidayShare > 0,
      holidayShare,
      exactMinutes: 0,
      targetMinutes: 0,
    });
  }
  month.targets.set(key, targets);
  return targets;
}

function dayOf(target: DayTarget, entries: readonly HoursEntry[]): RhtDay {
  let workedMinutes = 0;
  let remaining = target.targetMinutes;
  let uncountedAbsenceMinutes = 0;
  const byKind = new Map<AbsenceKind, RhtDayAbsence>();
  for (const entry of entries) {
    const recorded = recordedMinutesOf(entry);
    if (entry.kind === 'work') {
      workedMinutes += recorded;
      continue;
    }
    const kind = entry.absenceKind ?? 'other';
    const fullDay =
      target.targetMinutes > 0 && (recorded === 0 || recorded >= Math.floor(target.exactMinutes));
    const claimed = fullDay ? target.targetMinutes : recorded;
    const counted = Math.min(claimed, remaining);
    remaining -= counted;
    // A full day recorded with more minutes than the day holds: the excess is not counted either
    // (a fractional target recorded rounded up is not an excess).
    const beyondFullDay = fullDay
      ? Math.max(0, recorded - Math.max(target.targetMinutes, Math.ceil(target.exactMinutes)))
      : 0;
    // A `holiday` record is expected on a day the calendar already took out of the target.
    if (kind !== 'holiday') uncountedAbsenceMinutes += claimed - counted + beyondFullDay;
    const absence = byKind.get(kind) ?? { kind, minutes: 0, recordedMinutes: 0 };
    absence.minutes += counted;
    absence.recordedMinutes += recorded;
    byKind.set(kind, absence);
  }
  return {
    date: target.date,
    workDay: target.workDay,
    holiday: target.holiday,
    holidayShare: target.holidayShare,
    targetMinutes: target.targetMinutes,
    workedMinutes,
    absences: [...byKind.values()],
    uncountedAbsenceMinutes,
  };
}

function rowOf(employee: RhtEmployeeInput, month: MonthContext): RhtRow {
  const { first, last } = month;
  const canton = cantonCode(employee.canton);
  const entriesByDate = new Map<CalendarDate, HoursEntry[]>();
  for (const entry of employee.entries) {
    if (entry.date < first || entry.date > last) continue;
    const list = entriesByDate.get(entry.date);
    if (list) list.push(entry);
    else entriesByDate.set(entry.date, [entry]);
  }

  const days: RhtDay[] = [];
  const absenceMinutesByKind = noAbsences();
  let targetMinutes = 0;
  let workedMinutes = 0;
  let targetDays = 0;
  let uncounted = 0;
  for (const target of targetsOfMonth({ ...employee, canton }, month)) {
    const entries = entriesByDate.get(target.date) ?? [];
    const day = dayOf(target, entries);
    targetMinutes += day.targetMinutes;
    workedMinutes += day.workedMinutes;
    uncounted += day.uncountedAbsenceMinutes;
    if (day.targetMinutes > 0) targetDays++;
    for (const absence of day.absences) absenceMinutesByKind[absence.kind] += absence.minutes;
    if (day.workDay || entries.length > 0) days.push(day);
  }

  const absenceMinutes = ABSENCE_KINDS.filter((kind) => kind !== 'holiday').reduce(
    (sum, kind) => sum + absenceMinutesByKind[kind],
    0,
  );
  const lostMinutes = Math.max(0, targetMinutes - absenceMinutes - workedMinutes);
  const averageDay = targetDays > 0 ? Math.round(targetMinutes / targetDays) : 0;

  const warnings: RhtRowWarning[] = [];
  if (!employee.person.active && !employee.employedUntil) warnings.push('inactive_without_end_date');
  if (!contractOn(employee.contracts, last)) warnings.push('no_contract');
  if (canton === null) warnings.push('no_site');
  if (uncounted > 0) warnings.push('absence_beyond_target');
  if (absenceMinutesByKind.holiday > 0) warnings.push('holiday_not_in_calendar');

  return {
    aadObjectId: employee.person.aadObjectId,
    displayName: employee.person.displayName,
    ahvNumber: employee.person.ahvNumber,
    active: employee.person.active,
    canton,
    targetMinutes,
    workedMinutes,
    absenceMinutes,
    absenceMinutesByKind,
    lostMinutes,
    lossPercent: lossPercentOf(lostMinutes, targetMinutes),
    lossAbove85Percent: targetMinutes > 0 && lostMinutes * 100 > HIGH_LOSS_PERCENT * targetMinutes,
    waitingDayMinutes: lostMinutes > 0 ? Math.min(lostMinutes, averageDay) : 0,
    targetDays,
    warnings,
    days,
  };
}

function totalsOf(rows: readonly RhtRow[]): RhtTotals {
  const absenceMinutesByKind = noAbsences();
  let targetMinutes = 0;
  let workedMinutes = 0;
  let absenceMinutes = 0;
  let lostMinutes = 0;
  let waitingDayMinutes = 0;
  for (const row of rows) {
    targetMinutes += row.targetMinutes;
    workedMinutes += row.workedMinutes;
    absenceMinutes += row.absenceMinutes;
    lostMinutes += row.lostMinutes;
    waitingDayMinutes += row.waitingDayMinutes;
    for (const kind of ABSENCE_KINDS) absenceMinutesByKind[kind] += row.absenceMinutesByKind[kind];
  }
  return {
    targetMinutes,
    workedMinutes,
    absenceMinutes,
    absenceMinutesByKind,
    lostMinutes,
    lossPercent: lossPercentOf(lostMinutes, targetMinutes),
    waitingDayMinutes,
    employees: rows.length,
    employeesWithLoss: rows.filter((row) => row.lostMinutes > 0).length,
    employeesAbove85Percent: rows.filter((row) => row.lossAbove85Percent).length,
    belowMinimumLoss: lostMinutes * 100 < MINIMUM_COMPANY_LOSS_PERCENT * targetMinutes || targetMinutes === 0,
    employeesWithWarnings: rows.filter((row) => row.warnings.length > 0).length,
  };
}

export function computeRhtReport(input: {
  /** `YYYY-MM` */
  month: string;
  /** The caller's local date, for the provisional flag. */
  today: CalendarDate;
  employees: readonly RhtEmployeeInput[];
}): RhtReport {
  if (!MONTH_PATTERN.test(input.month)) {
    throw new DomainError('input.invalid', 'the month must be written YYYY-MM', { month: input.month });
  }
  const { first, last } = monthDays(input.month);
  const month: MonthContext = { first, last, targets: new Map() };
  const rows = input.employees
    .filter(
      (employee) =>
        employee.person.active || employee.entries.some((entry) => entry.date >= first && entry.date <= last),
    )
    .map((employee) => rowOf(employee, month))
    .sort(
      (a, b) =>
        collator.compare(a.displayName, b.displayName) ||
        (a.aadObjectId < b.aadObjectId ? -1 : a.aadObjectId > b.aadObjectId ? 1 : 0),
    );
  return {
    month: input.month,
    provisional: input.month >= input.today.slice(0, 7),
    rows,
    totals: totalsOf(rows),
  };
}
