import type { Kysely, Migration } from 'kysely';

/**
 * The proactive sender's tables (issue 4): stored conversation references, the outbound queue
 * (one row per message, its idempotency key unique so nothing is queued twice) and each person's
 * reminder preferences.
 */
export const proactiveMigrations: Record<string, Migration> = {
  '0003_proactive': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('conversation_references')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('tenant', 'text')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('outbound_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
        .addColumn('recipient_key', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'text')
        .execute();
      // The worker's question: what is due now, oldest first.
      await db.schema
        .createIndex('outbound_messages_due')
        .on('outbound_messages')
        .columns(['status', 'next_attempt_at'])
        .execute();
      // The admin view: newest deliveries, by status.
      await db.schema
        .createIndex('outbound_messages_by_created')
        .on('outbound_messages')
        .columns(['created_at'])
        .execute();

      await db.schema
        .createTable('reminder_preferences')
        .addColumn('aad_object_id', 'text', (c) => c.primaryKey())
        .addColumn('snoozed_until', 'text')
        .addColumn('opted_out', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
