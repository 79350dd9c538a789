import type { Kysely, Migration } from 'kysely';

/** Support: tickets, their append-only history, and the IT queues (channels per category). */
export const supportMigrations: Record<string, Migration> = {
  '0005_support': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'integer', (c) => c.notNull().unique())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('requester_aad_object_id', 'text', (c) => c.notNull())
        .addColumn('requester_name', 'text', (c) => c.notNull())
        .addColumn('requester_locale', 'text', (c) => c.notNull())
        .addColumn('reporter_aad_object_id', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text')
        .addColumn('canton', 'text')
        .addColumn('triage', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assignee_aad_object_id', 'text')
        .addColumn('queue_conversation_id', 'text')
        .addColumn('person_requested', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('first_answer_due_at', 'text', (c) => c.notNull())
        .addColumn('first_answered_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('source_key', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createIndex('tickets_by_requester')
        .on('tickets')
        .columns(['requester_aad_object_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('tickets_by_status')
        .on('tickets')
        .columns(['status', 'created_at'])
        .execute();

      await db.schema
        .createTable('ticket_events')
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_aad_object_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('ticket_events_pk', ['ticket_id', 'version'])
        .execute();

      await db.schema
        .createTable('support_queues')
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('registered_by', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('support_queues_pk', ['conversation_id', 'category'])
        .execute();
    },
  },
};
