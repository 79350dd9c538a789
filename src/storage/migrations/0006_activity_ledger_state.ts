import type { Kysely, Migration } from 'kysely';

/**
 * The ledger tells a finished turn from one whose process died mid-way: a redelivery of the
 * latter must be processed, not ignored (kill -9 test, tests/integration/crash-durability.test.ts).
 */
export const activityLedgerStateMigrations: Record<string, Migration> = {
  '0006_activity_ledger_state': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('processed_activities')
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('done'))
        .execute();
      await db.schema.alterTable('processed_activities').addColumn('instance_id', 'text').execute();
    },
  },
};
