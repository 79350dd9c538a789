import type { Kysely, Migration } from 'kysely';

/**
 * Equipment: requests (which, once received, are the record of who holds what) and their
 * append-only history.
 */
export const equipmentMigrations: Record<string, Migration> = {
  '0008_equipment': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('equipment_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'integer', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('delivery_kind', 'text', (c) => c.notNull())
        .addColumn('delivery_address', 'text')
        .addColumn('delivery_site_id', 'text')
        .addColumn('requester_aad_object_id', 'text', (c) => c.notNull())
        .addColumn('requester_name', 'text', (c) => c.notNull())
        .addColumn('requester_locale', 'text', (c) => c.notNull())
        .addColumn('approver_aad_object_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('duplicate_of', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_comment', 'text')
        .addColumn('source', 'text')
        .addColumn('asset_tag', 'text')
        .addColumn('serial', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('queue_conversation_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text')
        .addColumn('returned_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('source_key', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createIndex('equipment_requests_by_requester')
        .on('equipment_requests')
        .columns(['requester_aad_object_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('equipment_requests_by_status')
        .on('equipment_requests')
        .columns(['status', 'created_at'])
        .execute();

      await db.schema
        .createTable('equipment_events')
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_aad_object_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('equipment_events_pk', ['request_id', 'version'])
        .execute();
    },
  },
};
