import type { Kysely, Migration } from 'kysely';

/**
 * Indexes for the tab's schedules (issue 8: a team's week in ≤ 20 ms, the organisation's in
 * ≤ 50 ms):
 * - `people_by_team`: a team's schedule reads its people, not the whole directory;
 * - `hours_entries_for_schedules`: the day summaries of a week (`daySummaries`) are read from the
 *   index alone, without visiting ten thousand table rows. It starts with the columns of
 *   `hours_entries_by_date`, so it serves every query that one served, and replaces it.
 */
export const scheduleIndexMigrations: Record<string, Migration> = {
  '0012_schedule_indexes': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('people_by_team').on('people').column('team').execute();
      await db.schema
        .createIndex('hours_entries_for_schedules')
        .on('hours_entries')
        .columns(['date', 'aad_object_id', 'deleted_at', 'kind', 'minutes', 'absence_kind'])
        .execute();
      await db.schema.dropIndex('hours_entries_by_date').execute();
    },
  },
};
