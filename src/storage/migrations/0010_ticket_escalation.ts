import type { Kysely, Migration } from 'kysely';

/** When a ticket's first-answer SLA lapsed and the queue was told (once, whichever instance saw it). */
export const ticketEscalationMigrations: Record<string, Migration> = {
  '0010_ticket_escalation': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('tickets').addColumn('escalated_at', 'text').execute();
      await db.schema
        .createIndex('tickets_by_first_answer_due')
        .on('tickets')
        .columns(['status', 'first_answer_due_at'])
        .execute();
    },
  },
};
