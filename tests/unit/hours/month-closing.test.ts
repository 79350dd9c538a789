import { describe, expect, it } from 'vitest';
import type { Contract, Person } from '../../../src/domain/directory/people.js';
import {
  checkLockable,
  checkMonthChange,
  decideTimesheet,
  previousMonth,
  resubmitTimesheet,
  type MonthLock,
  type TimesheetApproval,
} from '../../../src/domain/hours/month-closing.js';
import { firstWorkDayOf } from '../../../src/domain/hours/timesheet-service.js';

const pending: TimesheetApproval = {
  aadObjectId: 'lea',
  month: '2026-10',
  status: 'pending',
  approverAadObjectId: 'marc',
  requestedAt: '2026-11-02T07:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  comment: null,
  version: 1,
};

const lock: MonthLock = {
  month: '2026-10',
  lockedBy: 'hanna',
  lockedAt: '2026-11-10T09:00:00.000Z',
  changedAfterLockAt: null,
  changesAfterLock: 0,
};

const person = (aadObjectId: string, roles: Person['roles']): Person => ({
  aadObjectId,
  displayName: aadObjectId,
  email: null,
  team: null,
  siteId: null,
  managerAadObjectId: null,
  roles,
  locale: 'fr-CH',
  ahvNumber: null,
  active: true,
  source: 'directory',
});

const decision = { by: 'marc', at: '2026-11-03T08:00:00.000Z' };

describe('timesheet decisions', () => {
  it('approves a pending month and raises its version', () => {
    expect(decideTimesheet(pending, { ...decision, kind: 'approve', comment: null })).toEqual({
      ...pending,
      status: 'approved',
      decidedBy: 'marc',
      decidedAt: decision.at,
      comment: null,
      version: 2,
    });
  });

  it('refuses to send a month back without a comment', () => {
    expect(() => decideTimesheet(pending, { ...decision, kind: 'send_back', comment: '  ' })).toThrow(
      expect.objectContaining({ code: 'timesheet.comment_required' }),
    );
  });

  it('changes nothing when the same decision is made twice (a double click)', () => {
    const approved = decideTimesheet(pending, { ...decision, kind: 'approve', comment: null })!;
    expect(decideTimesheet(approved, { ...decision, kind: 'approve', comment: null })).toBeNull();
    const sentBack = decideTimesheet(pending, { ...decision, kind: 'send_back', comment: 'Friday?' })!;
    expect(decideTimesheet(sentBack, { ...decision, kind: 'send_back', comment: 'Friday?' })).toBeNull();
  });

  it('lets an approved month be sent back (reopened) and a sent-back one be approved', () => {
    const approved = decideTimesheet(pending, { ...decision, kind: 'approve', comment: null })!;
    const reopened = decideTimesheet(approved, {
      ...decision,
      kind: 'send_back',
      comment: 'typo on the 5th',
    });
    expect(reopened).toMatchObject({ status: 'sent_back', comment: 'typo on the 5th', version: 3 });
    expect(decideTimesheet(reopened!, { ...decision, kind: 'approve', comment: null })).toMatchObject({
      status: 'approved',
      comment: null,
      version: 4,
    });
  });

  it('hands a sent-back month in again to the current manager; an approved one cannot be', () => {
    const sentBack = decideTimesheet(pending, { ...decision, kind: 'send_back', comment: 'Friday?' })!;
    expect(resubmitTimesheet(sentBack, { at: 'later', approverAadObjectId: 'new-manager' })).toMatchObject({
      status: 'pending',
      approverAadObjectId: 'new-manager',
      version: 3,
    });
    expect(resubmitTimesheet(pending, { at: 'later', approverAadObjectId: 'marc' })).toBeNull();
    const approved = decideTimesheet(pending, { ...decision, kind: 'approve', comment: null })!;
    expect(() => resubmitTimesheet(approved, { at: 'later', approverAadObjectId: 'marc' })).toThrow(
      expect.objectContaining({ code: 'timesheet.already_approved' }),
    );
  });
});

describe('who may change hours of a closed month', () => {
  const lea = person('lea', ['employee']);
  const marc = person('marc', ['employee', 'manager']);
  const hanna = person('hanna', ['employee', 'hr']);
  const approved = { ...pending, status: 'approved' as const };
  const base = { subjectAadObjectId: 'lea', month: '2026-10', reason: null };

  it.each([
    ['the employee, month open', lea, null, null, null, 'none'],
    ['the employee, month sent back', lea, { ...pending, status: 'sent_back' as const }, null, null, 'none'],
    ['the manager, month approved', marc, approved, null, null, 'none'],
    ['HR with a reason, month locked', hanna, approved, lock, 'late sick note', 'after_lock'],
  ] as const)('allows %s', (_case, actor, approval, monthLock, reason, consequence) => {
    expect(checkMonthChange({ ...base, actor, approval, lock: monthLock, reason })).toBe(consequence);
  });

  it.each([
    ['the employee, month approved', lea, approved, null, null, 'hours.month_approved'],
    ['the employee, month locked', lea, null, lock, 'please', 'hours.month_locked'],
    ['the manager, month locked', marc, approved, lock, 'please', 'hours.month_locked'],
    ['HR without a reason, month locked', hanna, approved, lock, '  ', 'hours.reason_required'],
  ] as const)('refuses %s', (_case, actor, approval, monthLock, reason, code) => {
    expect(() => checkMonthChange({ ...base, actor, approval, lock: monthLock, reason })).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

describe('month calendar', () => {
  it('locks only months that are over', () => {
    expect(() => checkLockable('2026-10', '2026-11-02')).not.toThrow();
    expect(() => checkLockable('2026-11', '2026-11-30')).toThrow(
      expect.objectContaining({ code: 'month.not_over' }),
    );
    expect(() => checkLockable('2026-12', '2026-11-30')).toThrow(
      expect.objectContaining({ code: 'month.not_over' }),
    );
  });

  it('knows the month before, across a new year', () => {
    expect(previousMonth('2026-11-02')).toBe('2026-10');
    expect(previousMonth('2027-01-04')).toBe('2026-12');
  });

  it('finds the first work day of a month after weekends and cantonal holidays', () => {
    const fullTime: Contract[] = [
      {
        aadObjectId: 'x',
        validFrom: '2020-01-01',
        weeklyMinutes: 2520,
        workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      },
    ];
    // 1 November 2026 is a Sunday.
    expect(firstWorkDayOf('2026-11', { contracts: fullTime, canton: 'VD' })).toBe('2026-11-02');
    // New Year's Day is a Friday in 2027; Berchtold's day (2 January) is a Saturday anyway.
    expect(firstWorkDayOf('2027-01', { contracts: fullTime, canton: 'VD' })).toBe('2027-01-04');
    // 1 May 2026 (Friday) is Labour Day in Zurich, not in Vaud.
    expect(firstWorkDayOf('2026-05', { contracts: fullTime, canton: 'ZH' })).toBe('2026-05-04');
    expect(firstWorkDayOf('2026-05', { contracts: fullTime, canton: 'VD' })).toBe('2026-05-01');
    const wednesdaysOnly: Contract[] = [{ ...fullTime[0]!, workDays: ['Wed'] }];
    expect(firstWorkDayOf('2026-11', { contracts: wednesdaysOnly, canton: 'VD' })).toBe('2026-11-04');
  });
});
