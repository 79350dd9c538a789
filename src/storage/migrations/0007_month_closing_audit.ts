import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Month end (timesheet approvals, HR's month locks) and the audit trail. The audit table refuses
 * UPDATE, and DELETE of anything younger than the 5-year retention duty, in the database itself, so
 * "append-only" holds whatever code runs against it.
 */
export const monthClosingAuditMigrations: Record<string, Migration> = {
  '0007_month_closing_audit': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('timesheet_approvals')
        .addColumn('aad_object_id', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('approver_aad_object_id', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('comment', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('timesheet_approvals_pk', ['aad_object_id', 'month'])
        .execute();
      await db.schema
        .createIndex('timesheet_approvals_by_approver')
        .on('timesheet_approvals')
        .columns(['month', 'approver_aad_object_id'])
        .execute();

      await db.schema
        .createTable('month_locks')
        .addColumn('month', 'text', (c) => c.primaryKey())
        .addColumn('locked_by', 'text', (c) => c.notNull())
        .addColumn('locked_at', 'text', (c) => c.notNull())
        .addColumn('changed_after_lock_at', 'text')
        .addColumn('changes_after_lock', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('person_aad_object_id', 'text')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('audit_events_by_time').on('audit_events').columns(['at']).execute();
      await db.schema
        .createIndex('audit_events_by_person')
        .on('audit_events')
        .columns(['person_aad_object_id', 'at'])
        .execute();

      // Events older than the 5-year retention duty may go (the purge, issue 5); nothing younger.
      const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
      if (isPostgres) {
        await sql`create or replace function audit_events_append_only() returns trigger language plpgsql as $$
          begin
            if tg_op = 'DELETE' and old.at < to_char((now() at time zone 'utc') - interval '5 years',
                'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') then
              return old;
            end if;
            raise exception 'audit_events is append-only';
          end $$`.execute(db);
        await sql`create trigger audit_events_append_only before update or delete on audit_events
          for each row execute function audit_events_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_events_no_update before update on audit_events
          begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
        await sql`create trigger audit_events_no_delete before delete on audit_events
          when old.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-5 years')
          begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
      }
    },
  },
};
