import type { Kysely, Migration } from 'kysely';

/** Office rotations: the plan, one row per person and day, and the tokens of the iCal feeds. */
export const rotationMigrations: Record<string, Migration> = {
  '0004_rotations': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rotations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('team', 'text')
        .addColumn('pattern', 'text', (c) => c.notNull())
        .addColumn('cap_percent', 'integer', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .execute();
      await db.schema
        .createIndex('rotations_by_site_dates')
        .on('rotations')
        .columns(['site_id', 'start_date', 'end_date'])
        .execute();

      await db.schema
        .createTable('rotation_assignments')
        .addColumn('rotation_id', 'text', (c) => c.notNull())
        .addColumn('aad_object_id', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('place', 'text', (c) => c.notNull())
        .addColumn('cohort', 'text')
        .addPrimaryKeyConstraint('rotation_assignments_pk', ['rotation_id', 'aad_object_id', 'date'])
        .execute();
      await db.schema
        .createIndex('rotation_assignments_by_person_date')
        .on('rotation_assignments')
        .columns(['aad_object_id', 'date'])
        .execute();

      await db.schema
        .createTable('calendar_tokens')
        .addColumn('aad_object_id', 'text', (c) => c.primaryKey())
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
