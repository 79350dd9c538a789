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

    async findApprovalAndLock(aadObjectId, month) {
      // One row whatever exists: the month itself, with the approval and the lock left-joined.
      const row = await db
        .selectFrom(sql<{ month: string }>`(select cast(${month} as text) as month)`.as('m'))
        .leftJoin('timesheet_approvals as a', (join) =>
          join.onRef('a.month', '=', 'm.month').on('a.aad_object_id', '=', aadObjectId),
        )
        .leftJoin('month_locks as l', 'l.month', 'm.month')
        .select([
          'a.aad_object_id',
          'a.status',
          'a.approver_aad_object_id',
          'a.requested_at',
          'a.decided_by',
          'a.decided_at',
          'a.comment',
          'a.version',
          'l.month as lock_month',
          'l.locked_by',
          'l.locked_at',
          'l.changed_after_lock_at',
          'l.changes_after_lock',
        ])
        .executeTakeFirstOrThrow();
      // Columns that are NOT NULL in their table are null here only when the join found nothing.
      return {
        approval:
          row.aad_object_id === null
            ? null
            : approvalFromRow({
                aad_object_id: row.aad_object_id,
                month,
                status: row.status!,
                approver_aad_object_id: row.approver_aad_object_id!,
                requested_at: row.requested_at!,
                decided_by: row.decided_by,
                decided_at: row.decided_at,
                comment: row.comment,
                version: row.version!,
              }),
        lock:
          row.lock_month === null
            ? null
            : lockFromRow({
                month,
                locked_by: row.locked_by!,
                locked_at: row.locked_at!,
                changed_after_lock_at: row.changed_after_lock_at,
                changes_after_lock: row.changes_after_lock!,
              }),
      };
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
