import { mayRecordHoursFor } from '../directory/authority.js';
import type { DirectoryRepository, WorkProfile } from '../directory/directory-ports.js';
import { newcomerFrom, type ChatIdentity } from '../directory/newcomer.js';
import type { Person } from '../directory/people.js';
import { fullDayAbsenceMinutes, targetsForRange } from '../rht/daily-targets.js';
import { addDays, dayOfWeek, type CalendarDate } from '../shared/calendar-date.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import {
  MINUTES_PER_DAY,
  checkRanges,
  legalWarnings,
  rangeMinutes,
  workedMinutesOf,
  type HoursWarning,
  type TimeRange,
} from './hours-checks.js';
import type { AuditRepository } from '../audit/audit-trail.js';
import { guardMonthChange, recordHoursChange } from './hours-audit.js';
import type { AbsenceKind, HoursEntry, HoursRepository, WorkPlace } from './hours-entry.js';
import { monthOfDate, type TimesheetRepository } from './month-closing.js';

export interface HoursRepositories {
  directory: DirectoryRepository;
  hours: HoursRepository;
  timesheets: TimesheetRepository;
  audit: AuditRepository;
}

export interface HoursPorts {
  transaction<T>(work: (repositories: HoursRepositories) => Promise<T>): Promise<T>;
}

export interface WorkToRecord {
  minutes: number;
  ranges: readonly TimeRange[];
  breakMinutes: number | null;
}

export interface AbsenceToRecord {
  kind: AbsenceKind;
  /** null = the whole day: that day's target. */
  minutes: number | null;
}

export interface RecordDayRequest {
  /** Who is acting: the person themself, or a manager/HR officer on their behalf. */
  actor: ChatIdentity;
  /** Whose day it is; defaults to the actor. */
  subjectAadObjectId?: string;
  date: CalendarDate;
  /** The actor's local date: work cannot be recorded after it (absences can be planned). */
  today: CalendarDate;
  work: WorkToRecord | null;
  absence: AbsenceToRecord | null;
  place: WorkPlace | null;
  /** Replace the day's records instead of adding to them ("instead", Edit). */
  replace: boolean;
  sourceActivityId: string | null;
  reason?: string | null;
}

export interface RecordedDay {
  subject: Pick<Person, 'aadObjectId' | 'displayName'>;
  date: CalendarDate;
  created: HoursEntry[];
  replaced: HoursEntry[];
  /** Every live entry of the day after the change. */
  day: HoursEntry[];
  workedMinutes: number;
  absenceMinutes: number;
  targetMinutes: number;
  warnings: HoursWarning[];
  onBehalf: boolean;
}

export interface DayOverview {
  date: CalendarDate;
  targetMinutes: number;
  workedMinutes: number;
  absenceMinutes: number;
  absences: { kind: AbsenceKind; minutes: number }[];
  entries: HoursEntry[];
  holiday: boolean;
  workDay: boolean;
  /** A past or current work day with a target and nothing recorded. */
  missing: boolean;
}

export interface PeriodOverview {
  aadObjectId: string;
  displayName: string;
  from: CalendarDate;
  to: CalendarDate;
  days: DayOverview[];
  targetMinutes: number;
  workedMinutes: number;
  absenceMinutes: number;
  /** worked + absences − target, over the days up to today. */
  balanceMinutes: number;
  missingDays: CalendarDate[];
}

/** Monday of the ISO week that holds `date`. */
export function mondayOf(date: CalendarDate): CalendarDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

function dayRanges(entries: readonly HoursEntry[]): TimeRange[] {
  return entries
    .filter((entry) => entry.kind === 'work' && entry.startTime && entry.endTime)
    .map((entry) => ({ start: entry.startTime!, end: entry.endTime! }));
}

/** Takes an entry out of the live records; its history keeps who, when, why and what it held. */
async function retireEntry(
  hours: HoursRepository,
  entry: HoursEntry,
  change: { changedBy: string; changedAt: string; reason: string | null },
): Promise<void> {
  await hours.addVersion({
    entryId: entry.id,
    aadObjectId: entry.aadObjectId,
    version: entry.version + 1,
    change: 'delete',
    ...change,
    before: entry,
    after: null,
  });
  await hours.deleteEntry(entry.id, change.changedAt);
}

export function createHoursService(dependencies: { ports: HoursPorts; clock: Clock; newId: () => string }) {
  const { ports, clock, newId } = dependencies;

  async function loadSubject(directory: DirectoryRepository, aadObjectId: string): Promise<WorkProfile> {
    const profile = await directory.findWorkProfile(aadObjectId);
    if (!profile)
      throw new DomainError('directory.unknown_person', 'this person is not in the directory', {
        aadObjectId,
      });
    return profile;
  }

  /**
   * The acting person with their contracts and site, created from the chat on first contact when
   * they act for themself.
   */
  async function loadActor(
    directory: DirectoryRepository,
    actor: ChatIdentity,
    actsForSelf: boolean,
  ): Promise<WorkProfile> {
    const existing = await directory.findWorkProfile(actor.aadObjectId);
    if (existing) return existing;
    if (!actsForSelf) throw new DomainError('auth.forbidden', 'only managers and HR record hours for others');
    const { person, contract } = newcomerFrom(actor);
    await directory.insertPersonIfMissing(person);
    await directory.upsertContracts([contract]);
    return loadSubject(directory, actor.aadObjectId);
  }

  function newEntries(request: RecordDayRequest, subject: WorkProfile, actorId: string): HoursEntry[] {
    const base = {
      aadObjectId: subject.person.aadObjectId,
      date: request.date,
      sourceActivityId: request.sourceActivityId,
      enteredBy: actorId,
      createdAt: clock.now().toISOString(),
      version: 1,
    };
    const entries: HoursEntry[] = [];
    const { work, absence } = request;
    if (work) {
      if (work.ranges.length === 0) {
        entries.push({
          ...base,
          id: newId(),
          kind: 'work',
          minutes: work.minutes,
          startTime: null,
          endTime: null,
          breakMinutes: work.breakMinutes,
          place: request.place,
          absenceKind: null,
        });
      } else {
        // One entry per range keeps start and end of each for the working-time record (ArGV 1
        // art. 73); a stated break is taken from the longest range, where it was taken.
        const longest = work.ranges.reduce((best, range) =>
          rangeMinutes(range) > rangeMinutes(best) ? range : best,
        );
        for (const range of work.ranges) {
          const statedBreak = range === longest ? (work.breakMinutes ?? null) : null;
          entries.push({
            ...base,
            id: newId(),
            kind: 'work',
            minutes: rangeMinutes(range) - (statedBreak ?? 0),
            startTime: range.start,
            endTime: range.end,
            breakMinutes: statedBreak,
            place: request.place,
            absenceKind: null,
          });
        }
      }
    }
    if (absence) {
      const minutes =
        absence.minutes ??
        fullDayAbsenceMinutes({
          contracts: subject.contracts,
          canton: subject.site?.canton ?? null,
          date: request.date,
        });
      if (minutes <= 0) {
        throw new DomainError('hours.not_a_work_day', 'a whole-day absence on a day without target hours', {
          date: request.date,
          kind: absence.kind,
        });
      }
      entries.push({
        ...base,
        id: newId(),
        kind: 'absence',
        minutes,
        startTime: null,
        endTime: null,
        breakMinutes: null,
        place: null,
        absenceKind: absence.kind,
      });
    }
    return entries;
  }

  function checkRequest(
    request: RecordDayRequest,
    subject: WorkProfile,
    created: readonly HoursEntry[],
    remaining: readonly HoursEntry[],
  ): void {
    if (request.work && request.date > request.today) {
      throw new DomainError('hours.future_work', 'work cannot be recorded for a day that has not come yet', {
        date: request.date,
        today: request.today,
      });
    }
    for (const entry of created) {
      if (!Number.isInteger(entry.minutes) || entry.minutes <= 0) {
        throw new DomainError('hours.invalid_duration', 'a record needs a positive whole number of minutes', {
          minutes: entry.minutes,
          date: request.date,
        });
      }
    }
    if (request.work) checkRanges(dayRanges(created), dayRanges(remaining), request.date);
    if (request.absence) {
      // Absence replaces the day's target, never more: a second full day of absence (a form sent
      // twice, "sick" after "sick") would count a day twice.
      const target = fullDayAbsenceMinutes({
        contracts: subject.contracts,
        canton: subject.site?.canton ?? null,
        date: request.date,
      });
      const absenceOf = (entries: readonly HoursEntry[]) =>
        entries.filter((entry) => entry.kind === 'absence').reduce((sum, entry) => sum + entry.minutes, 0);
      if (target > 0 && absenceOf(remaining) + absenceOf(created) > target) {
        throw new DomainError('hours.absence_exceeds_day', 'the day’s absences would exceed its target', {
          date: request.date,
          recordedMinutes: absenceOf(remaining),
          targetMinutes: target,
        });
      }
    }
    const dayTotal = [...remaining, ...created].reduce((sum, entry) => sum + entry.minutes, 0);
    if (dayTotal > MINUTES_PER_DAY) {
      throw new DomainError('hours.day_too_long', 'a day cannot hold more than 24 hours', {
        date: request.date,
        alreadyRecordedMinutes: remaining.reduce((sum, entry) => sum + entry.minutes, 0),
        requestedMinutes: created.reduce((sum, entry) => sum + entry.minutes, 0),
      });
    }
  }

  function overviewOf(
    subject: WorkProfile,
    entries: readonly HoursEntry[],
    from: CalendarDate,
    to: CalendarDate,
    today: CalendarDate,
  ): PeriodOverview {
    const targets = targetsForRange({
      contracts: subject.contracts,
      canton: subject.site?.canton ?? null,
      from,
      to,
    });
    const byDate = new Map<CalendarDate, HoursEntry[]>();
    for (const entry of entries) byDate.set(entry.date, [...(byDate.get(entry.date) ?? []), entry]);
    const days = targets.map((target): DayOverview => {
      const dayEntries = byDate.get(target.date) ?? [];
      const absences = dayEntries
        .filter((entry) => entry.kind === 'absence' && entry.absenceKind)
        .map((entry) => ({ kind: entry.absenceKind!, minutes: entry.minutes }));
      return {
        date: target.date,
        targetMinutes: target.targetMinutes,
        workedMinutes: workedMinutesOf(dayEntries),
        absenceMinutes: absences.reduce((sum, absence) => sum + absence.minutes, 0),
        absences,
        entries: dayEntries,
        holiday: target.holiday,
        workDay: target.workDay,
        missing: target.targetMinutes > 0 && target.date <= today && dayEntries.length === 0,
      };
    });
    const upToToday = days.filter((day) => day.date <= today);
    const sum = (values: DayOverview[], pick: (day: DayOverview) => number) =>
      values.reduce((total, day) => total + pick(day), 0);
    return {
      aadObjectId: subject.person.aadObjectId,
      displayName: subject.person.displayName,
      from,
      to,
      days,
      targetMinutes: sum(days, (day) => day.targetMinutes),
      workedMinutes: sum(days, (day) => day.workedMinutes),
      absenceMinutes: sum(days, (day) => day.absenceMinutes),
      balanceMinutes: sum(upToToday, (day) => day.workedMinutes + day.absenceMinutes - day.targetMinutes),
      missingDays: days.filter((day) => day.missing).map((day) => day.date),
    };
  }

  return {
    /**
     * Records a day's work and/or absence. A person unknown to the directory is created in the
     * same transaction, so a fresh install is usable and concurrent first messages create one
     * person. Every created or replaced entry leaves a version (who, when, before, after, why).
     */
    async recordDay(request: RecordDayRequest): Promise<RecordedDay> {
      if (!request.work && !request.absence) {
        throw new DomainError('input.invalid', 'nothing to record', { date: request.date });
      }
      return ports.transaction(async ({ directory, hours, timesheets, audit }) => {
        const subjectId = request.subjectAadObjectId ?? request.actor.aadObjectId;
        const actsForSelf = subjectId === request.actor.aadObjectId;
        const acting = await loadActor(directory, request.actor, actsForSelf);
        const actor = acting.person;
        const subject = actsForSelf ? acting : await loadSubject(directory, subjectId);
        if (!(await mayRecordHoursFor(directory, actor, subject.person))) {
          throw new DomainError(
            'auth.forbidden',
            'only the person, their managers and HR record these hours',
            {
              subject: subjectId,
            },
          );
        }

        // One read serves the neighbouring days (rest-time checks) and the week (weekly maximum).
        const weekStart = mondayOf(request.date);
        const weekEnd = addDays(weekStart, 6);
        const dayBefore = addDays(request.date, -1);
        const dayAfter = addDays(request.date, 1);
        const existing = await hours.listEntries(
          subjectId,
          dayBefore < weekStart ? dayBefore : weekStart,
          dayAfter > weekEnd ? dayAfter : weekEnd,
        );
        const sameDay = existing.filter((entry) => entry.date === request.date);
        // The same chat message delivered again after its process died mid-turn (the activity
        // ledger then lets it through): what it recorded stands, nothing is recorded twice.
        const fromThisMessage = request.sourceActivityId
          ? sameDay.filter((entry) => entry.sourceActivityId === request.sourceActivityId)
          : [];
        const redelivered = fromThisMessage.length > 0;
        const replaced = request.replace && !redelivered ? sameDay : [];
        const remaining =
          request.replace && !redelivered ? [] : sameDay.filter((entry) => !fromThisMessage.includes(entry));
        const created = redelivered ? fromThisMessage : newEntries(request, subject, actor.aadObjectId);
        const consequence = redelivered
          ? 'none'
          : await guardMonthChange(
              { timesheets },
              { actor, subjectAadObjectId: subjectId, date: request.date, reason: request.reason },
            );
        if (!redelivered) checkRequest(request, subject, created, remaining);

        const changedAt = clock.now().toISOString();
        const reason = request.reason ?? (request.replace ? 'replaced' : null);
        for (const entry of replaced) {
          await retireEntry(hours, entry, { changedBy: actor.aadObjectId, changedAt, reason });
        }
        if (!redelivered) {
          await hours.addEntriesWithHistory(created, actor.aadObjectId, changedAt, request.reason ?? null);
        }

        if (!redelivered) {
          await recordHoursChange(
            { audit, timesheets },
            {
              actor: actor.aadObjectId,
              at: changedAt,
              reason,
              created,
              removed: replaced,
              lockedMonths: consequence === 'after_lock' ? [monthOfDate(request.date)] : [],
            },
            newId,
          );
        }

        const day = [...remaining, ...created];
        const restOfWeek = existing.filter(
          (entry) => entry.date >= weekStart && entry.date <= weekEnd && entry.date !== request.date,
        );
        const weekWorked = workedMinutesOf(restOfWeek) + workedMinutesOf(day);
        const warnings = legalWarnings({
          day,
          previousDay: existing.filter((entry) => entry.date === dayBefore),
          nextDay: existing.filter((entry) => entry.date === dayAfter),
          weekWorkedMinutes: weekWorked,
          siteKind: subject.site?.kind ?? null,
        });
        const [target] = targetsForRange({
          contracts: subject.contracts,
          canton: subject.site?.canton ?? null,
          from: request.date,
          to: request.date,
        });
        return {
          subject: { aadObjectId: subject.person.aadObjectId, displayName: subject.person.displayName },
          date: request.date,
          created,
          replaced,
          day,
          workedMinutes: workedMinutesOf(day),
          absenceMinutes: day
            .filter((entry) => entry.kind === 'absence')
            .reduce((sum, entry) => sum + entry.minutes, 0),
          targetMinutes: target?.targetMinutes ?? 0,
          warnings,
          onBehalf: !actsForSelf,
        };
      });
    },

    /** Takes entries back (Undo): they are marked deleted and their history says who and why. */
    async removeEntries(request: {
      actor: ChatIdentity;
      entryIds: readonly string[];
      reason: string;
    }): Promise<HoursEntry[]> {
      return ports.transaction(async ({ directory, hours, timesheets, audit }) => {
        const live = (await Promise.all(request.entryIds.map((entryId) => hours.findEntry(entryId)))).filter(
          (entry): entry is HoursEntry => entry !== null,
        );
        if (live.length === 0)
          throw new DomainError('hours.nothing_to_undo', 'these records are already gone');
        const actor = await directory.findPerson(request.actor.aadObjectId);
        const removed: HoursEntry[] = [];
        const lockedMonths: string[] = [];
        const changedAt = clock.now().toISOString();
        for (const entry of live) {
          const subject = await directory.findPerson(entry.aadObjectId);
          if (!actor || !subject || !(await mayRecordHoursFor(directory, actor, subject))) {
            throw new DomainError(
              'auth.forbidden',
              'only the person, their managers and HR change these hours',
            );
          }
          const consequence = await guardMonthChange(
            { timesheets },
            { actor, subjectAadObjectId: subject.aadObjectId, date: entry.date, reason: request.reason },
          );
          if (consequence === 'after_lock') lockedMonths.push(monthOfDate(entry.date));
          await retireEntry(hours, entry, {
            changedBy: actor.aadObjectId,
            changedAt,
            reason: request.reason,
          });
          removed.push(entry);
        }
        await recordHoursChange(
          { audit, timesheets },
          {
            actor: actor!.aadObjectId,
            at: changedAt,
            reason: request.reason,
            created: [],
            removed,
            lockedMonths,
          },
          newId,
        );
        return removed;
      });
    },

    /**
     * Days, targets, totals and missing days of a person over a period (a week, a month). The
     * caller has checked the reader's right to see them (policy 'hours.read').
     */
    async overview(request: {
      subjectAadObjectId: string;
      from: CalendarDate;
      to: CalendarDate;
      today: CalendarDate;
    }): Promise<PeriodOverview> {
      return ports.transaction(async ({ directory, hours }) => {
        const subject = await loadSubject(directory, request.subjectAadObjectId);
        const entries = await hours.listEntries(request.subjectAadObjectId, request.from, request.to);
        return overviewOf(subject, entries, request.from, request.to, request.today);
      });
    },
  };
}

export type HoursService = ReturnType<typeof createHoursService>;
