/**
 * Month end (issue 4): a manager approves each report's month or sends it back with a comment;
 * HR locks the month for the RHT claim. Pure rules: which change each decision makes, and who may
 * still change hours in an approved or locked month.
 */
import { hasRole, type Person } from '../directory/people.js';
import type { CalendarDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';

/** `YYYY-MM`. */
export type MonthKey = string;

export const TIMESHEET_STATUSES = ['pending', 'approved', 'sent_back'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];

/** One person's month on its way to approval. */
export interface TimesheetApproval {
  aadObjectId: string;
  month: MonthKey;
  status: TimesheetStatus;
  /** The manager asked to decide (the person's manager when the round opened or it was resubmitted). */
  approverAadObjectId: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The manager's comment; required when sending back, it reaches the employee. */
  comment: string | null;
  /** Optimistic concurrency: a decision made from a stale card loses to the one made first. */
  version: number;
}

/** HR's lock of a month for the RHT claim. */
export interface MonthLock {
  month: MonthKey;
  lockedBy: string;
  lockedAt: string;
  /** Set by the first change after the lock: the claim filed may differ from the report now. */
  changedAfterLockAt: string | null;
  changesAfterLock: number;
}

/** A person's month: their manager's approval (if asked for) and HR's lock (if any). */
export interface ApprovalAndLock {
  approval: TimesheetApproval | null;
  lock: MonthLock | null;
}

export interface TimesheetRepository {
  findApproval(aadObjectId: string, month: MonthKey): Promise<TimesheetApproval | null>;
  /** Inserts unless one exists for the person and month; true when inserted. */
  insertApproval(approval: TimesheetApproval): Promise<boolean>;
  /** Writes only if the stored version is still `expectedVersion`; false when someone was first. */
  updateApproval(approval: TimesheetApproval, expectedVersion: number): Promise<boolean>;
  listApprovals(filter: { month: MonthKey; approverAadObjectId?: string }): Promise<TimesheetApproval[]>;
  /** Every approval of one person (the nFADP export). */
  approvalsOf(aadObjectId: string): Promise<TimesheetApproval[]>;

  findLock(month: MonthKey): Promise<MonthLock | null>;
  /** `findApproval` and `findLock` in one read: every change of hours asks both. */
  findApprovalAndLock(aadObjectId: string, month: MonthKey): Promise<ApprovalAndLock>;
  /** Inserts unless the month is locked already; true when inserted. */
  insertLock(lock: MonthLock): Promise<boolean>;
  removeLock(month: MonthKey): Promise<boolean>;
  /** Counts a change after the lock; the first one sets `changedAfterLockAt`. */
  recordChangeAfterLock(month: MonthKey, at: string): Promise<void>;
  listLocks(): Promise<MonthLock[]>;
}

export function monthOfDate(date: CalendarDate): MonthKey {
  return date.slice(0, 7);
}

/** The month before the one that holds `date`. */
export function previousMonth(date: CalendarDate): MonthKey {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export type TimesheetDecision = 'approve' | 'send_back';

/**
 * The approval after a manager's decision. Deciding again what is already decided the same way
 * (a double click, two managers of the chain) changes nothing: null. A sent-back month may be
 * approved after all, and an approved one sent back (reopened) while the month is not locked.
 */
export function decideTimesheet(
  approval: TimesheetApproval,
  decision: { kind: TimesheetDecision; by: string; at: string; comment: string | null },
): TimesheetApproval | null {
  const comment = decision.comment?.trim() || null;
  if (decision.kind === 'send_back' && !comment) {
    throw new DomainError('timesheet.comment_required', 'sending a month back needs a comment');
  }
  const status: TimesheetStatus = decision.kind === 'approve' ? 'approved' : 'sent_back';
  if (approval.status === status && (status === 'approved' || approval.comment === comment)) return null;
  return {
    ...approval,
    status,
    decidedBy: decision.by,
    decidedAt: decision.at,
    comment,
    version: approval.version + 1,
  };
}

/** The employee hands a sent-back month in again, once corrected. */
export function resubmitTimesheet(
  approval: TimesheetApproval,
  resubmission: { at: string; approverAadObjectId: string },
): TimesheetApproval | null {
  if (approval.status === 'pending') return null;
  if (approval.status === 'approved') {
    throw new DomainError('timesheet.already_approved', 'this month is approved already', {
      month: approval.month,
    });
  }
  return {
    ...approval,
    status: 'pending',
    approverAadObjectId: resubmission.approverAadObjectId,
    requestedAt: resubmission.at,
    version: approval.version + 1,
  };
}

export interface MonthChangeContext {
  actor: Person;
  subjectAadObjectId: string;
  month: MonthKey;
  approval: TimesheetApproval | null;
  lock: MonthLock | null;
  reason: string | null | undefined;
}

/** What a permitted change of a closed month needs recorded beyond the hours' own history. */
export type MonthChangeConsequence = 'none' | 'after_lock';

/**
 * Whether hours of `month` may still change: a locked month only by HR or an admin, and with a
 * reason (the claim filed with the authorities may then differ from the records); an approved
 * month not by the employee any more — their manager sends it back first.
 */
export function checkMonthChange(context: MonthChangeContext): MonthChangeConsequence {
  const { actor, lock, approval, month } = context;
  if (lock) {
    if (!hasRole(actor, 'hr') && !hasRole(actor, 'admin')) {
      throw new DomainError('hours.month_locked', 'this month is locked for the RHT claim', {
        month,
        lockedAt: lock.lockedAt,
      });
    }
    if (!context.reason?.trim()) {
      throw new DomainError('hours.reason_required', 'a change to a locked month needs a reason', { month });
    }
    return 'after_lock';
  }
  const ownRecords = actor.aadObjectId === context.subjectAadObjectId;
  if (approval?.status === 'approved' && ownRecords) {
    throw new DomainError('hours.month_approved', 'this month is approved and read-only', {
      month,
      approvedBy: approval.decidedBy,
    });
  }
  return 'none';
}

/** A month can be locked once it is over. */
export function checkLockable(month: MonthKey, today: CalendarDate): void {
  if (month >= monthOfDate(today)) {
    throw new DomainError('month.not_over', 'a month can be locked once it is over', { month });
  }
}
