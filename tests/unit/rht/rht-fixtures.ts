import type { Contract, Weekday } from '../../../src/domain/directory/people.js';
import type { AbsenceKind, HoursEntry } from '../../../src/domain/hours/hours-entry.js';
import { addDays, dayOfWeek, type CalendarDate } from '../../../src/domain/shared/calendar-date.js';
import type { RhtEmployeeInput } from '../../../src/domain/rht/rht-report.js';

export const H = 60;

export const contract = (
  weeklyHours: number,
  validFrom: CalendarDate = '2020-01-01',
  workDays: Weekday[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
): Contract => ({ aadObjectId: 'someone', validFrom, weeklyMinutes: Math.round(weeklyHours * 60), workDays });

let sequence = 0;
const entry = (date: CalendarDate, fields: Partial<HoursEntry>): HoursEntry => ({
  id: `e-${++sequence}`,
  aadObjectId: 'someone',
  date,
  kind: 'work',
  minutes: 0,
  startTime: null,
  endTime: null,
  breakMinutes: null,
  place: null,
  absenceKind: null,
  sourceActivityId: null,
  enteredBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...fields,
});

export const work = (date: CalendarDate, minutes: number) => entry(date, { kind: 'work', minutes });
export const absence = (date: CalendarDate, absenceKind: AbsenceKind, minutes: number) =>
  entry(date, { kind: 'absence', absenceKind, minutes });

/** Every date from `from` to `to` inclusive whose weekday (0 = Sunday) is in `weekdays`. */
export function datesBetween(
  from: CalendarDate,
  to: CalendarDate,
  weekdays = [1, 2, 3, 4, 5],
): CalendarDate[] {
  const dates: CalendarDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (weekdays.includes(dayOfWeek(date))) dates.push(date);
  }
  return dates;
}

export const employee = (
  name: string,
  fields: Partial<Omit<RhtEmployeeInput, 'person'>> & { active?: boolean; ahvNumber?: string | null } = {},
): RhtEmployeeInput => ({
  person: {
    aadObjectId: `id-${name}`,
    displayName: name,
    ahvNumber: fields.ahvNumber ?? null,
    active: fields.active ?? true,
  },
  canton: fields.canton === undefined ? 'VD' : fields.canton,
  contracts: fields.contracts ?? [contract(42)],
  entries: fields.entries ?? [],
  employedUntil: fields.employedUntil ?? null,
});
