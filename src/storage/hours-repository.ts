import type { Kysely } from 'kysely';
import type { AbsenceKind, HoursEntry, HoursRepository, WorkPlace } from '../domain/hours/hours-entry.js';
import type { Database } from './database-schema.js';

export function createHoursRepository(db: Kysely<Database>): HoursRepository {
  return {
    async addEntry(entry) {
      await db
        .insertInto('hours_entries')
        .values({
          id: entry.id,
          aad_object_id: entry.aadObjectId,
          date: entry.date,
          kind: entry.kind,
          minutes: entry.minutes,
          start_time: entry.startTime,
          end_time: entry.endTime,
          break_minutes: entry.breakMinutes,
          place: entry.place,
          absence_kind: entry.absenceKind,
          source_activity_id: entry.sourceActivityId,
          created_at: entry.createdAt,
        })
        .execute();
    },

    async listEntries(aadObjectId, from, to) {
      const rows = await db
        .selectFrom('hours_entries')
        .selectAll()
        .where('aad_object_id', '=', aadObjectId)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .orderBy('date')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row): HoursEntry => ({
        id: row.id,
        aadObjectId: row.aad_object_id,
        date: row.date,
        kind: row.kind === 'absence' ? 'absence' : 'work',
        minutes: Number(row.minutes),
        startTime: row.start_time,
        endTime: row.end_time,
        breakMinutes: row.break_minutes === null ? null : Number(row.break_minutes),
        place: row.place as WorkPlace | null,
        absenceKind: row.absence_kind as AbsenceKind | null,
        sourceActivityId: row.source_activity_id,
        createdAt: row.created_at,
      }));
    },

    async countEntries(aadObjectId) {
      let query = db
        .selectFrom('hours_entries')
        .select((eb) => eb.fn.countAll<number | string>().as('count'));
      if (aadObjectId !== undefined) query = query.where('aad_object_id', '=', aadObjectId);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}
