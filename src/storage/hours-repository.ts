import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  AbsenceKind,
  HoursChange,
  HoursDaySummary,
  HoursEntry,
  HoursRepository,
  WorkPlace,
} from '../domain/hours/hours-entry.js';
import type { Database, HoursEntriesTable } from './database-schema.js';

function entryFromRow(row: Selectable<HoursEntriesTable>): HoursEntry {
  return {
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
    enteredBy: row.entered_by,
    createdAt: row.created_at,
    version: Number(row.version),
  };
}

function entryColumns(entry: HoursEntry) {
  return {
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
    entered_by: entry.enteredBy,
    created_at: entry.createdAt,
    version: entry.version,
  };
}

/** `daySummaries`' mark for a day with more than one kind of absence (never an absence kind). */
const SEVERAL_ABSENCE_KINDS = '*several*';

export function createHoursRepository(db: Kysely<Database>): HoursRepository {
  const repository: HoursRepository = {
    async addEntry(entry) {
      await db
        .insertInto('hours_entries')
        .values({ id: entry.id, ...entryColumns(entry), deleted_at: null })
        .execute();
    },

    async addEntriesWithHistory(entries, changedBy, changedAt, reason) {
      // 500 rows per statement stays under both engines' bound-parameter limits.
      for (let start = 0; start < entries.length; start += 500) {
        const batch = entries.slice(start, start + 500);
        await db
          .insertInto('hours_entries')
          .values(batch.map((entry) => ({ id: entry.id, ...entryColumns(entry), deleted_at: null })))
          .execute();
        await db
          .insertInto('hours_entry_versions')
          .values(
            batch.map((entry) => ({
              entry_id: entry.id,
              version: entry.version,
              aad_object_id: entry.aadObjectId,
              change: 'create',
              changed_by: changedBy,
              changed_at: changedAt,
              reason,
              before: null,
              after: JSON.stringify(entry),
            })),
          )
          .execute();
      }
    },

    async updateEntry(entry) {
      await db
        .updateTable('hours_entries')
        .set(entryColumns(entry))
        .where('id', '=', entry.id)
        .where('deleted_at', 'is', null)
        .execute();
    },

    async deleteEntry(entryId, deletedAt) {
      await db
        .updateTable('hours_entries')
        .set((eb) => ({ deleted_at: deletedAt, version: eb('version', '+', 1) }))
        .where('id', '=', entryId)
        .where('deleted_at', 'is', null)
        .execute();
    },

    async findEntry(entryId) {
      const row = await db
        .selectFrom('hours_entries')
        .selectAll()
        .where('id', '=', entryId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return row ? entryFromRow(row) : null;
    },

    async listEntries(aadObjectId, from, to) {
      const rows = await db
        .selectFrom('hours_entries')
        .selectAll()
        .where('aad_object_id', '=', aadObjectId)
        .where('date', '>=', from)
        .where('date', '<=', to)
        .where('deleted_at', 'is', null)
        .orderBy('date')
        .orderBy('created_at')
        // One message's entries share created_at; within it, the day reads in clock order.
        // coalesce keeps SQLite and PostgreSQL agreeing (they sort NULLs at opposite ends).
        .orderBy(sql`coalesce(start_time, '')`)
        .orderBy('id')
        .execute();
      return rows.map(entryFromRow);
    },

    async listEntriesOf(aadObjectIds, from, to) {
      const entries: HoursEntry[] = [];
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let start = 0; start < aadObjectIds.length; start += 500) {
        const rows = await db
          .selectFrom('hours_entries')
          .selectAll()
          .where('aad_object_id', 'in', aadObjectIds.slice(start, start + 500))
          .where('date', '>=', from)
          .where('date', '<=', to)
          .where('deleted_at', 'is', null)
          .orderBy('aad_object_id')
          .orderBy('date')
          .orderBy('created_at')
          .orderBy(sql`coalesce(start_time, '')`)
          .orderBy('id')
          .execute();
        entries.push(...rows.map(entryFromRow));
      }
      return entries;
    },

    async listAllEntries(from, to) {
      const rows = await db
        .selectFrom('hours_entries')
        .selectAll()
        .where('date', '>=', from)
        .where('date', '<=', to)
        .where('deleted_at', 'is', null)
        .orderBy('aad_object_id')
        .orderBy('date')
        .orderBy('created_at')
        .orderBy(sql`coalesce(start_time, '')`)
        .orderBy('id')
        .execute();
      return rows.map(entryFromRow);
    },

    async daySummaries(filter) {
      const ids = filter.aadObjectIds;
      if (ids && ids.length === 0) return [];
      // Chunks keep each statement under SQLite's bound-parameter limit; no names = everybody.
      const batches: (readonly string[] | null)[] = [];
      if (!ids) batches.push(null);
      else for (let start = 0; start < ids.length; start += 500) batches.push(ids.slice(start, start + 500));
      const summaries: HoursDaySummary[] = [];
      const severalAbsences: HoursDaySummary[] = [];
      for (const batch of batches) {
        // Summed by the database from the covering index hours_entries_for_schedules (migration
        // 0012): a week of the organisation is ten thousand entries but seven thousand days, and
        // every value a row carries costs (docs/ARCHITECTURE.md, Rotations), so a day is four values.
        let query = db
          .selectFrom('hours_entries')
          .select([
            'aad_object_id',
            'date',
            sql<number | string | null>`sum(case when kind = 'work' then minutes else 0 end)`.as(
              'worked_minutes',
            ),
            sql<string | null>`case
              when min(case when kind = 'absence' then absence_kind end)
                = max(case when kind = 'absence' then absence_kind end)
              then min(case when kind = 'absence' then absence_kind end)
              when min(case when kind = 'absence' then absence_kind end) is not null
              then ${SEVERAL_ABSENCE_KINDS}
            end`.as('absence_kind'),
          ])
          .where('date', '>=', filter.from)
          .where('date', '<=', filter.to)
          .where('deleted_at', 'is', null);
        if (batch) query = query.where('aad_object_id', 'in', batch);
        const rows = await query.groupBy(['date', 'aad_object_id']).execute();
        for (const row of rows) {
          const several = row.absence_kind === SEVERAL_ABSENCE_KINDS;
          const summary: HoursDaySummary = {
            aadObjectId: row.aad_object_id,
            date: row.date,
            workedMinutes: Number(row.worked_minutes ?? 0),
            absenceKind: several ? null : (row.absence_kind as AbsenceKind | null),
          };
          summaries.push(summary);
          if (several) severalAbsences.push(summary);
        }
      }
      // Rare: two kinds of absence on one day (a morning off, an afternoon at the doctor's). The
      // first one recorded counts, as in the day's entries; read those few days' absences in order.
      if (severalAbsences.length > 0) {
        const people = [...new Set(severalAbsences.map((summary) => summary.aadObjectId))];
        const dates = severalAbsences.map((summary) => summary.date).sort();
        const absences = (await repository.listEntriesOf(people, dates[0]!, dates.at(-1)!)).filter(
          (entry) => entry.kind === 'absence',
        );
        for (const summary of severalAbsences) {
          summary.absenceKind =
            absences.find((entry) => entry.aadObjectId === summary.aadObjectId && entry.date === summary.date)
              ?.absenceKind ?? null;
        }
      }
      return summaries;
    },

    async countEntries(aadObjectId) {
      let query = db
        .selectFrom('hours_entries')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('deleted_at', 'is', null);
      if (aadObjectId !== undefined) query = query.where('aad_object_id', '=', aadObjectId);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async addVersion(version) {
      await db
        .insertInto('hours_entry_versions')
        .values({
          entry_id: version.entryId,
          version: version.version,
          aad_object_id: version.aadObjectId,
          change: version.change,
          changed_by: version.changedBy,
          changed_at: version.changedAt,
          reason: version.reason,
          before: version.before ? JSON.stringify(version.before) : null,
          after: version.after ? JSON.stringify(version.after) : null,
        })
        .execute();
    },

    async historyOf(entryId) {
      const rows = await db
        .selectFrom('hours_entry_versions')
        .selectAll()
        .where('entry_id', '=', entryId)
        .orderBy('version')
        .execute();
      return rows.map((row) => ({
        entryId: row.entry_id,
        aadObjectId: row.aad_object_id,
        version: Number(row.version),
        change: row.change as HoursChange,
        changedBy: row.changed_by,
        changedAt: row.changed_at,
        reason: row.reason,
        before: row.before ? (JSON.parse(row.before) as HoursEntry) : null,
        after: row.after ? (JSON.parse(row.after) as HoursEntry) : null,
      }));
    },
  };
  return repository;
}
