import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/domain/audit/audit-trail.js';
import type { TimesheetApproval } from '../../src/domain/hours/month-closing.js';
import type { Store } from '../../src/storage/store.js';

function approval(overrides: Partial<TimesheetApproval> = {}): TimesheetApproval {
  return {
    aadObjectId: randomUUID(),
    month: '2026-10',
    status: 'pending',
    approverAadObjectId: 'manager-1',
    requestedAt: '2026-11-02T07:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    comment: null,
    version: 1,
    ...overrides,
  };
}

function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: randomUUID(),
    at: '2026-11-02T08:00:00.000Z',
    actor: 'hr-1',
    action: 'month.lock',
    subject: 'month:2026-10',
    personAadObjectId: null,
    before: null,
    after: { month: '2026-10' },
    reason: null,
    ...overrides,
  };
}

/** Timesheet approvals, month locks and the audit trail: part of the store contract. */
export function describeMonthClosingContract(
  currentStore: () => Store,
  runSql: (statement: string) => Promise<void>,
): void {
  describe('timesheet approvals', () => {
    it('inserts one approval per person and month; a second insert changes nothing', async () => {
      const store = currentStore();
      const first = approval();
      expect(await store.timesheets.insertApproval(first)).toBe(true);
      expect(await store.timesheets.insertApproval({ ...first, status: 'approved' })).toBe(false);
      expect(await store.timesheets.findApproval(first.aadObjectId, '2026-10')).toEqual(first);
      expect(await store.timesheets.findApproval(first.aadObjectId, '2026-09')).toBeNull();
    });

    it('updates only from the version it was read at: the slower of two decisions loses', async () => {
      const store = currentStore();
      const stored = approval();
      await store.timesheets.insertApproval(stored);
      const approved = { ...stored, status: 'approved' as const, decidedBy: 'manager-1', version: 2 };
      const sentBack = { ...stored, status: 'sent_back' as const, comment: 'Friday missing', version: 2 };
      expect(await store.timesheets.updateApproval(approved, 1)).toBe(true);
      expect(await store.timesheets.updateApproval(sentBack, 1)).toBe(false);
      expect(await store.timesheets.findApproval(stored.aadObjectId, '2026-10')).toEqual(approved);
    });

    it('lists a month’s approvals, optionally those of one approver, and a person’s every month', async () => {
      const store = currentStore();
      const approver = randomUUID();
      const person = randomUUID();
      await store.timesheets.insertApproval(approval({ aadObjectId: person, approverAadObjectId: approver }));
      await store.timesheets.insertApproval(
        approval({ aadObjectId: person, month: '2026-09', approverAadObjectId: approver }),
      );
      await store.timesheets.insertApproval(approval({ approverAadObjectId: 'someone-else' }));
      const mine = await store.timesheets.listApprovals({ month: '2026-10', approverAadObjectId: approver });
      expect(mine.map((row) => row.aadObjectId)).toEqual([person]);
      expect((await store.timesheets.listApprovals({ month: '2026-10' })).length).toBeGreaterThan(1);
      expect((await store.timesheets.approvalsOf(person)).map((row) => row.month)).toEqual([
        '2026-09',
        '2026-10',
      ]);
    });
  });

  describe('month locks', () => {
    it('locks a month once, counts changes after the lock, and unlocks it', async () => {
      const store = currentStore();
      const lock = {
        month: '2025-03',
        lockedBy: 'hr-1',
        lockedAt: '2025-04-02T09:00:00.000Z',
        changedAfterLockAt: null,
        changesAfterLock: 0,
      };
      expect(await store.timesheets.insertLock(lock)).toBe(true);
      expect(await store.timesheets.insertLock({ ...lock, lockedBy: 'hr-2' })).toBe(false);
      await store.timesheets.recordChangeAfterLock('2025-03', '2025-04-10T10:00:00.000Z');
      await store.timesheets.recordChangeAfterLock('2025-03', '2025-04-11T10:00:00.000Z');
      expect(await store.timesheets.findLock('2025-03')).toEqual({
        ...lock,
        changedAfterLockAt: '2025-04-10T10:00:00.000Z',
        changesAfterLock: 2,
      });
      expect((await store.timesheets.listLocks()).map((row) => row.month)).toContain('2025-03');
      expect(await store.timesheets.removeLock('2025-03')).toBe(true);
      expect(await store.timesheets.findLock('2025-03')).toBeNull();
      expect(await store.timesheets.removeLock('2025-03')).toBe(false);
    });
  });

  describe('a person’s month', () => {
    it('reads the person’s approval and the month’s lock together, each only if it exists', async () => {
      const store = currentStore();
      const pending = approval({ month: '2024-05' });
      const someoneElse = approval({ month: '2024-06' });
      await store.timesheets.insertApproval(pending);
      await store.timesheets.insertApproval(someoneElse);
      const lock = {
        month: '2024-06',
        lockedBy: 'hr-1',
        lockedAt: '2024-07-02T09:00:00.000Z',
        changedAfterLockAt: '2024-07-03T09:00:00.000Z',
        changesAfterLock: 3,
      };
      await store.timesheets.insertLock(lock);

      expect(await store.timesheets.findApprovalAndLock(pending.aadObjectId, '2024-05')).toEqual({
        approval: pending,
        lock: null,
      });
      expect(await store.timesheets.findApprovalAndLock(pending.aadObjectId, '2024-06')).toEqual({
        approval: null,
        lock,
      });
      expect(await store.timesheets.findApprovalAndLock(someoneElse.aadObjectId, '2024-06')).toEqual({
        approval: someoneElse,
        lock,
      });
      expect(await store.timesheets.findApprovalAndLock(pending.aadObjectId, '2024-04')).toEqual({
        approval: null,
        lock: null,
      });
    });
  });

  describe('audit trail', () => {
    it('keeps what was before and after, and filters by person, actor, action and time', async () => {
      const store = currentStore();
      const person = randomUUID();
      const older = auditEvent({
        at: '2026-11-01T08:00:00.000Z',
        action: 'timesheet.approve',
        personAadObjectId: person,
        before: { status: 'pending' },
        after: { status: 'approved', minutes: [450, 30] },
      });
      const newer = auditEvent({
        at: '2026-11-03T08:00:00.000Z',
        personAadObjectId: person,
        reason: 'payroll',
      });
      await store.audit.append([older, newer, auditEvent()]);
      expect(await store.audit.list({ personAadObjectId: person, limit: 10 })).toEqual([newer, older]);
      expect(
        await store.audit.list({ personAadObjectId: person, action: 'timesheet.approve', limit: 10 }),
      ).toEqual([older]);
      expect(
        await store.audit.list({ personAadObjectId: person, from: '2026-11-02T00:00:00.000Z', limit: 10 }),
      ).toEqual([newer]);
      expect(await store.audit.list({ personAadObjectId: person, limit: 1 })).toEqual([newer]);
    });

    it('lets the retention purge remove events older than five years, and nothing younger', async () => {
      const store = currentStore();
      const old = auditEvent({ at: '2019-05-01T08:00:00.000Z', subject: `old:${randomUUID()}` });
      const recent = auditEvent({ subject: `recent:${randomUUID()}` });
      await store.audit.append([old, recent]);
      const purged = await store.personalData.purgeTimeRecordsBefore(
        '2021-01-01',
        '2021-01-01T00:00:00.000Z',
      );
      expect(purged.auditEvents).toBeGreaterThanOrEqual(1);
      expect(await store.audit.list({ subject: old.subject, limit: 5 })).toEqual([]);
      expect(await store.audit.list({ subject: recent.subject, limit: 5 })).toEqual([recent]);
    });

    it('refuses to change or remove an event, even through plain SQL', async () => {
      const store = currentStore();
      const event = auditEvent({ personAadObjectId: randomUUID() });
      await store.audit.append([event]);
      await expect(
        runSql(`update audit_events set actor = 'intruder' where id = '${event.id}'`),
      ).rejects.toThrow(/append-only/);
      await expect(runSql(`delete from audit_events where id = '${event.id}'`)).rejects.toThrow(
        /append-only/,
      );
      expect(await store.audit.list({ personAadObjectId: event.personAadObjectId!, limit: 5 })).toEqual([
        event,
      ]);
    });
  });
}
