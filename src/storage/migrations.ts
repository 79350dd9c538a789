import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { proactiveMigrations } from './migrations/0003_proactive.js';
import { rotationMigrations } from './migrations/0004_rotations.js';
import { supportMigrations } from './migrations/0005_support.js';
import { activityLedgerStateMigrations } from './migrations/0006_activity_ledger_state.js';
import { monthClosingAuditMigrations } from './migrations/0007_month_closing_audit.js';
import { ticketEscalationMigrations } from './migrations/0010_ticket_escalation.js';
import { equipmentMigrations } from './migrations/0008_equipment.js';
import { sharedRateLimitMigrations } from './migrations/0009_shared_rate_limits.js';
import { rotationSwapRequestMigrations } from './migrations/0011_rotation_swap_requests.js';
import { scheduleIndexMigrations } from './migrations/0012_schedule_indexes.js';
import { publishedDaysIndexMigrations } from './migrations/0013_published_days_index.js';

/**
 * Migrations in code so that the compiled server, the CLI and the tests carry them; written with
 * Kysely's schema builder in the subset both SQLite and PostgreSQL understand.
 * Never edit a migration that has landed: add the next one.
 */
const coreMigrations: Record<string, Migration> = {
  '0001_directory_hours_bot_state': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('canton', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('seats', 'integer', (c) => c.notNull())
        .addColumn('cap_percent', 'integer', (c) => c.notNull())
        .addColumn('min_staff', 'integer')
        .addColumn('open_days', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('people')
        .addColumn('aad_object_id', 'text', (c) => c.primaryKey())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('team', 'text')
        .addColumn('site_id', 'text')
        .addColumn('manager_aad_object_id', 'text')
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('ahv_number', 'text')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('people_by_manager').on('people').column('manager_aad_object_id').execute();
      await db.schema.createIndex('people_by_site').on('people').column('site_id').execute();

      await db.schema
        .createTable('contracts')
        .addColumn('aad_object_id', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('weekly_minutes', 'integer', (c) => c.notNull())
        .addColumn('work_days', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('contracts_pk', ['aad_object_id', 'valid_from'])
        .execute();

      await db.schema
        .createTable('hours_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('aad_object_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('start_time', 'text')
        .addColumn('end_time', 'text')
        .addColumn('break_minutes', 'integer')
        .addColumn('place', 'text')
        .addColumn('absence_kind', 'text')
        .addColumn('source_activity_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('hours_entries_by_person_date')
        .on('hours_entries')
        .columns(['aad_object_id', 'date'])
        .execute();

      await db.schema
        .createTable('processed_activities')
        .addColumn('activity_key', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('bot_state')
        .addColumn('state_key', 'text', (c) => c.primaryKey())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('etag', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002_hours_versions': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('hours_entries').addColumn('entered_by', 'text').execute();
      await db.schema.alterTable('hours_entries').addColumn('deleted_at', 'text').execute();
      await db.schema
        .alterTable('hours_entries')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createTable('hours_entry_versions')
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('aad_object_id', 'text', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addPrimaryKeyConstraint('hours_entry_versions_pk', ['entry_id', 'version'])
        .execute();
      await db.schema
        .createIndex('hours_entries_by_date')
        .on('hours_entries')
        .columns(['date', 'aad_object_id'])
        .execute();
    },
  },
};

/**
 * Each area adds its migrations in a file of its own under src/storage/migrations/ (named
 * `NNNN_area`), listed here; names sort in the order they run.
 */
const migrations: Record<string, Migration> = {
  ...coreMigrations,
  ...proactiveMigrations,
  ...rotationMigrations,
  ...supportMigrations,
  ...activityLedgerStateMigrations,
  ...monthClosingAuditMigrations,
  ...equipmentMigrations,
  ...sharedRateLimitMigrations,
  ...ticketEscalationMigrations,
  ...rotationSwapRequestMigrations,
  ...scheduleIndexMigrations,
  ...publishedDaysIndexMigrations,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
