/**
 * What every change of hours leaves behind beyond the entry's own history: audit events, and —
 * for a month HR has locked — the mark that the claim filed may now differ from the records.
 * Shared by chat, card and import paths so that none of them can skip it.
 */
import type { AuditEvent, AuditRepository } from '../audit/audit-trail.js';
import type { Person } from '../directory/people.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import type { HoursEntry } from './hours-entry.js';
import {
  checkMonthChange,
  monthOfDate,
  type MonthChangeConsequence,
  type MonthKey,
  type TimesheetRepository,
} from './month-closing.js';

export interface HoursChangeGuardPorts {
  timesheets: Pick<TimesheetRepository, 'findApprovalAndLock'>;
}

/** Throws unless `actor` may change `subjectId`'s hours on `date` (approved or locked month). */
export async function guardMonthChange(
  ports: HoursChangeGuardPorts,
  change: {
    actor: Person;
    subjectAadObjectId: string;
    date: CalendarDate;
    reason: string | null | undefined;
  },
): Promise<MonthChangeConsequence> {
  const month = monthOfDate(change.date);
  const { approval, lock } = await ports.timesheets.findApprovalAndLock(change.subjectAadObjectId, month);
  return checkMonthChange({
    actor: change.actor,
    subjectAadObjectId: change.subjectAadObjectId,
    month,
    approval,
    lock,
    reason: change.reason,
  });
}

export interface HoursAuditPorts {
  audit: Pick<AuditRepository, 'append'>;
  timesheets: Pick<TimesheetRepository, 'recordChangeAfterLock'>;
}

export interface HoursChangeRecord {
  actor: string;
  at: string;
  reason: string | null;
  created: readonly HoursEntry[];
  removed: readonly HoursEntry[];
  /** Locked months this change touches (their reports are marked as changed after the claim). */
  lockedMonths: readonly MonthKey[];
  /** Import creates many entries at once: one event per entry all the same, under this action. */
  createAction?: 'hours.create' | 'hours.import';
}

export async function recordHoursChange(
  ports: HoursAuditPorts,
  change: HoursChangeRecord,
  newId: () => string,
): Promise<void> {
  const base = { actor: change.actor, at: change.at, reason: change.reason };
  const events: AuditEvent[] = [
    ...change.removed.map((entry): AuditEvent => ({
      ...base,
      id: newId(),
      action: 'hours.delete',
      subject: `hours:${entry.id}`,
      personAadObjectId: entry.aadObjectId,
      before: entry,
      after: null,
    })),
    ...change.created.map((entry): AuditEvent => ({
      ...base,
      id: newId(),
      action: change.createAction ?? 'hours.create',
      subject: `hours:${entry.id}`,
      personAadObjectId: entry.aadObjectId,
      before: null,
      after: entry,
    })),
  ];
  for (const month of new Set(change.lockedMonths)) {
    await ports.timesheets.recordChangeAfterLock(month, change.at);
    const inMonth = (entry: HoursEntry) => monthOfDate(entry.date) === month;
    const people = new Set([...change.removed, ...change.created].filter(inMonth).map((e) => e.aadObjectId));
    events.push({
      ...base,
      id: newId(),
      action: 'month.change_after_lock',
      subject: `month:${month}`,
      personAadObjectId: people.size === 1 ? [...people][0]! : null,
      before: change.removed.filter(inMonth),
      after: change.created.filter(inMonth),
    });
  }
  await ports.audit.append(events);
}
