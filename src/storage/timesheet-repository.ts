import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  MonthLock,
  TimesheetApproval,
  TimesheetRepository,
  TimesheetStatus,
} from '../domain/hours/month-closing.js';
import type { Database, MonthLocksTable, TimesheetApprovalsTable } from './database-schema.js';

function approvalFromRow(row: Selectable<TimesheetApprovalsTable>): TimesheetApproval {
  return {
    aadObjectId: row.aad_object_id,
    month: row.month,
    status: row.status as TimesheetStatus,
    approverAadObjectId: row.approver_aad_object_id,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    comment: row.comment,
    version: Number(row.version),
  };
}

function rowOfApproval(approval: TimesheetApproval): TimesheetApprovalsTable {
  return {
    aad_object_id: approval.aadObjectId,
    month: approval.month,
    status: approval.status,
    approver_aad_object_id: approval.approverAadObjectId,
    requested_at: approval.requestedAt,
    decided_by: approval.decidedBy,
    decided_at: approval.decidedAt,
    comment: approval.comment,
    version: approval.version,
  };
}

function lockFromRow(row: Selectable<MonthLocksTable>): MonthLock {
  return {
    month: row.month,
    lockedBy: row.locked_by,
    lockedAt: row.locked_at,
    changedAfterLockAt: row.changed_after_lock_at,
    changesAfterLock: Number(row.changes_after_lock),
  };
}

export function createTimesheetRepository(db: Kysely<Database>): TimesheetRepository {
  return {
    async findApproval(aadObjectId, month) {
      const row = await db
        .selectFrom('timesheet_approvals')
        .selectAll()
        .where('aad_object_id', '=', aadObjectId)
        .where('month', '=', month)
        .executeTakeFirst();
      return row ? approvalFromRow(row) : null;
    },

    async insertApproval(approval) {
      const result = await db
        .insertInto('timesheet_approvals')
        .values(rowOfApproval(approval))
        .onConflict((conflict) => conflict.columns(['aad_object_id', 'month']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async updateApproval(approval, expectedVersion) {
      const { aad_object_id, month, ...changes } = rowOfApproval(approval);
      const result = await db
        .updateTable('timesheet_approvals')
        .set(changes)
        .where('aad_object_id', '=', aad_object_id)
        .where('month', '=', month)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listApprovals(filter) {
      let query = db.selectFrom('timesheet_approvals').selectAll().where('month', '=', filter.month);
      if (filter.approverAadObjectId) {
        query = query.where('approver_aad_object_id', '=', filter.approverAadObjectId);
      }
      const rows = await query.orderBy('aad_object_id').execute();
      return rows.map(approvalFromRow);
    },

    async approvalsOf(aadObjectId) {
      const rows = await db
        .selectFrom('timesheet_approvals')
        .selectAll()
        .where('aad_object_id', '=', aadObjectId)
        .orderBy('month')
        .execute();
      return rows.map(approvalFromRow);
    },

    async findLock(month) {
      const row = await db
        .selectFrom('month_locks')
        .selectAll()
        .where('month', '=', month)
        .executeTakeFirst();
      return row ? lockFromRow(row) : null;
    },

    async insertLock(lock) {
      const result = await db
        .insertInto('month_locks')
        .values({
          month: lock.month,
          locked_by: lock.lockedBy,
          locked_at: lock.lockedAt,
          changed_after_lock_at: lock.changedAfterLockAt,
          changes_after_lock: lock.changesAfterLock,
        })
        .onConflict((conflict) => conflict.column('month').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async removeLock(month) {
      const result = await db.deleteFrom('month_locks').where('month', '=', month).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async recordChangeAfterLock(month, at) {
      await db
        .updateTable('month_locks')
        .set({
          changed_after_lock_at: sql<string>`coalesce(changed_after_lock_at, ${at})`,
          changes_after_lock: sql<number>`changes_after_lock + 1`,
        })
        .where('month', '=', month)
        .execute();
    },

    async listLocks() {
      const rows = await db.selectFrom('month_locks').selectAll().orderBy('month', 'desc').execute();
      return rows.map(lockFromRow);
    },
  };
}
