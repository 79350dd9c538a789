import type { Kysely, Migration } from 'kysely';

/**
 * The published days of a date range (`publishedDays`: the organisation's week, a team's, the
 * iCal feed) read from an index that starts with the date and carries every column the read
 * needs, instead of scanning every assignment of every rotation ever made (issue 8). The
 * primary key (rotation, person, date) and `rotation_assignments_by_person_date` serve the other
 * reads.
 */
export const publishedDaysIndexMigrations: Record<string, Migration> = {
  '0013_published_days_index': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('rotation_assignments_by_date')
        .on('rotation_assignments')
        .columns(['date', 'rotation_id', 'aad_object_id', 'place', 'cohort'])
        .execute();
    },
  },
};
