import type { Kysely, Migration } from 'kysely';

/**
 * Swap requests of published rotations (issue 7): who asked to swap with whom (a day, or the whole
 * rotation when `date` is null), who was asked to decide (a JSON list of ids), the decision, and a
 * version for optimistic concurrency.
 */
export const rotationSwapRequestMigrations: Record<string, Migration> = {
  '0011_rotation_swap_requests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rotation_swap_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('rotation_id', 'text', (c) => c.notNull())
        .addColumn('requester_aad_object_id', 'text', (c) => c.notNull())
        .addColumn('partner_aad_object_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text')
        .addColumn('reason', 'text')
        .addColumn('approvers', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('comment', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('rotation_swap_requests_by_rotation')
        .on('rotation_swap_requests')
        .columns(['rotation_id', 'requested_at'])
        .execute();
      await db.schema
        .createIndex('rotation_swap_requests_by_requester')
        .on('rotation_swap_requests')
        .column('requester_aad_object_id')
        .execute();
      await db.schema
        .createIndex('rotation_swap_requests_by_partner')
        .on('rotation_swap_requests')
        .column('partner_aad_object_id')
        .execute();
    },
  },
};
