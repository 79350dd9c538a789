/**
 * The daily "log your hours" reminder (issue 4, design: CREWDESK_REMINDER_TIME): at the reminder
 * time in each person's time zone, on each of their work days with a target above zero, a person
 * with nothing recorded for the day — no work, no absence — gets one reminder in their directory
 * language. Not on weekends or other days off of their contract, not on public holidays of their
 * site's canton (the same `targetsForRange` as the RHT claim, so the two cannot disagree), not on
 * days the office rotation marks as off, not while snoozed, never once turned off.
 *
 * The rule is evaluated every minute; a reminder is due from the reminder time until `windowMinutes`
 * later (so a server that was down at 17:30 still reminds at 17:45), and its idempotency key
 * `reminder:<aadObjectId>:<date>` makes sure it is queued once. A snoozed reminder comes back when
 * the snooze ends, the same day, under a key of its own.
 */
import type { Contract, Person, Site } from '../directory/people.js';
import { targetsForRange } from '../rht/daily-targets.js';
import { calendarDateIn, type CalendarDate } from '../shared/calendar-date.js';
import { reminderKey, type ReminderPreference } from './outbound-message.js';

export interface DayRecord {
  aadObjectId: string;
  date: CalendarDate;
}

export interface AbsencePeriod {
  aadObjectId: string;
  from: CalendarDate;
  to: CalendarDate;
}

export interface ReminderRuleInput {
  /** The people who can be reached (a personal conversation is stored); inactive ones are skipped. */
  people: readonly Person[];
  contracts: readonly Contract[];
  sites: readonly Site[];
  /** Records (work or absence) of the dates in question; any record means the day is logged. */
  entriesOfToday: readonly DayRecord[];
  /** Absences known beyond the day's records (planned periods); both ends included. */
  absences: readonly AbsencePeriod[];
  /** Days the office rotation marks as off for a person. */
  rotationDaysOff?: readonly DayRecord[];
  preferences: readonly ReminderPreference[];
  now: Date;
  /** `HH:MM`, local wall-clock time. */
  reminderTime: string;
  /** Each person's IANA time zone; people not listed use `defaultTimeZone`. */
  timeZones: ReadonlyMap<string, string>;
  defaultTimeZone: string;
  /** How long after the reminder time a reminder is still due (catch-up after a restart). */
  windowMinutes?: number;
}

export interface ReminderDue {
  aadObjectId: string;
  date: CalendarDate;
  locale: Person['locale'];
  timeZone: string;
  idempotencyKey: string;
}

export interface ReminderProblem {
  aadObjectId: string;
  /** E.g. an unknown canton code: the person's targets cannot be known. */
  message: string;
}

export const DEFAULT_REMINDER_WINDOW_MINUTES = 180;

/** Minutes since local midnight and the local date of an instant in a time zone. */
/**
 * One formatter per zone: building an Intl.DateTimeFormat is the expensive part, and a reminder
 * round asks for 1,500 people's clocks in a handful of zones (a third of the round's CPU before).
 */
const clockFormats = new Map<string, Intl.DateTimeFormat>();

export function localClock(instant: Date, timeZone: string): { date: CalendarDate; minutes: number } {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const pick = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
  return { date: calendarDateIn(instant, timeZone), minutes: pick('hour') * 60 + pick('minute') };
}

const minutesOf = (hhmm: string) => {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
};

/** The local dates that any of these time zones shows at `now` (what the caller must load). */
export function localDatesAt(now: Date, timeZones: Iterable<string>): CalendarDate[] {
  return [...new Set([...timeZones].map((zone) => calendarDateIn(now, zone)))].sort();
}

export function whoNeedsAReminder(input: ReminderRuleInput): {
  due: ReminderDue[];
  problems: ReminderProblem[];
} {
  const window = input.windowMinutes ?? DEFAULT_REMINDER_WINDOW_MINUTES;
  const reminderMinutes = minutesOf(input.reminderTime);
  const logged = new Set(input.entriesOfToday.map((record) => `${record.aadObjectId}|${record.date}`));
  const off = new Set((input.rotationDaysOff ?? []).map((record) => `${record.aadObjectId}|${record.date}`));
  const preferences = new Map(input.preferences.map((preference) => [preference.aadObjectId, preference]));
  const cantons = new Map(input.sites.map((site) => [site.id, site.canton]));
  const contracts = new Map<string, Contract[]>();
  for (const contract of input.contracts) {
    const list = contracts.get(contract.aadObjectId) ?? [];
    list.push(contract);
    contracts.set(contract.aadObjectId, list);
  }

  const due: ReminderDue[] = [];
  const problems: ReminderProblem[] = [];
  for (const person of input.people) {
    if (!person.active) continue;
    const preference = preferences.get(person.aadObjectId);
    if (preference?.optedOut) continue;
    const timeZone = input.timeZones.get(person.aadObjectId) ?? input.defaultTimeZone;
    const local = localClock(input.now, timeZone);
    if (local.minutes < reminderMinutes) continue;

    const key = `${person.aadObjectId}|${local.date}`;
    if (logged.has(key) || off.has(key)) continue;
    const absent = input.absences.some(
      (absence) =>
        absence.aadObjectId === person.aadObjectId && absence.from <= local.date && local.date <= absence.to,
    );
    if (absent) continue;

    // A snooze: nothing until it ends; then once more the same day, under its own key.
    let snoozedUntil: string | undefined;
    if (preference?.snoozedUntil) {
      const until = new Date(preference.snoozedUntil);
      if (until.getTime() > input.now.getTime()) continue;
      if (calendarDateIn(until, timeZone) === local.date) snoozedUntil = preference.snoozedUntil;
    }
    if (!snoozedUntil && local.minutes >= reminderMinutes + window) continue;

    let target: number;
    try {
      const canton = person.siteId ? (cantons.get(person.siteId) ?? null) : null;
      const [day] = targetsForRange({
        contracts: contracts.get(person.aadObjectId) ?? [],
        canton,
        from: local.date,
        to: local.date,
      });
      target = day?.exactMinutes ?? 0;
    } catch (error) {
      problems.push({ aadObjectId: person.aadObjectId, message: (error as Error).message });
      continue;
    }
    if (!(target > 0)) continue;

    due.push({
      aadObjectId: person.aadObjectId,
      date: local.date,
      locale: person.locale,
      timeZone,
      idempotencyKey: reminderKey(person.aadObjectId, local.date, snoozedUntil),
    });
  }
  return { due, problems };
}
