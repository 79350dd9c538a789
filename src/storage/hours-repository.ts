import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely';
import type {
  AbsenceKind,
  HoursChange,
  HoursDaySummary,
  HoursEntry,
  HoursRepository,
  WorkPlace,
} from '../domain/hours/hours-entry.js';
import type { CalendarDate } from '../domain/shared/calendar-date.js';
import type { Database, HoursEntriesTable } from './database-schema.js';
import { forEachPackedRow, packedRows } from './packed-rows.js';

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

/**
 * Adds one date's packed entries (`aad_object_id`, worked minutes, absence kind or null) to the
 * day summaries: minutes summed, the absence kind kept, a day with two kinds of absence set aside
 * in `severalAbsences`. A person's entries come one after the other, in the order of their ids,
 * when the database reads them from an index (SQLite does): then an entry is the previous one's
 * day or a new day, without a lookup. Out of order (PostgreSQL reading the table may be), the
 * date's days so far are indexed once and looked up. Exported for its test.
 */
export function sumPackedEntries(
  date: CalendarDate,
  entries: string | null,
  summaries: HoursDaySummary[],
  severalAbsences: Set<HoursDaySummary>,
): void {
  const firstOfDate = summaries.length;
  let ofDate: Map<string, HoursDaySummary> | null = null;
  let previous: HoursDaySummary | null = null;
  const dayOf = (aadObjectId: string): HoursDaySummary => {
    if (previous?.aadObjectId === aadObjectId) return previous;
    if (!ofDate && previous && aadObjectId < previous.aadObjectId)
      ofDate = new Map(summaries.slice(firstOfDate).map((day) => [day.aadObjectId, day]));
    let summary = ofDate?.get(aadObjectId);
    if (!summary) {
      summary = { aadObjectId, date, workedMinutes: 0, absenceKind: null };
      summaries.push(summary);
      ofDate?.set(aadObjectId, summary);
    }
    return summary;
  };
  forEachPackedRow(entries, (aadObjectId, workedMinutes, absenceKind) => {
    const summary = dayOf(aadObjectId);
    previous = summary;
    summary.workedMinutes += Number(workedMinutes);
    if (absenceKind === null || severalAbsences.has(summary)) return;
    if (summary.absenceKind === null) summary.absenceKind = absenceKind as AbsenceKind;
    else if (summary.absenceKind !== absenceKind) {
      summary.absenceKind = null;
      severalAbsences.add(summary);
    }
  });
}

export function createHoursRepository(db: Kysely<Database>): HoursRepository {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  /** The entries not deleted between two dates, by person, then in the order a day lists them. */
  const liveEntriesBetween = (from: CalendarDate, to: CalendarDate) =>
    db
      .selectFrom('hours_entries')
      .selectAll()
      .where('date', '>=', from)
      .where('date', '<=', to)
      .where('deleted_at', 'is', null)
      .orderBy('aad_object_id')
      .orderBy('date')
      .orderBy('created_at')
      .orderBy(sql`coalesce(start_time, '')`)
      .orderBy('id');
  const repository: HoursRepository = {
    async addEntriesWithHistory(entries, changedBy, changedAt, reason) {
      // 500 rows per statement stays under both engines' bound-parameter limits.
      for (let start = 0; start < entries.length; start += 500) {
        const batch = entries.slice(start, start + 500);
        const entryRows = batch.map((entry) => ({ id: entry.id, ...entryColumns(entry), deleted_at: null }));
        const versionRows = batch.map((entry) => ({
          entry_id: entry.id,
          version: entry.version,
          aad_object_id: entry.aadObjectId,
          change: 'create',
          changed_by: changedBy,
          changed_at: changedAt,
          reason,
          before: null,
          after: JSON.stringify(entry),
        }));
        if (postgres) {
          // One round trip for both tables (every hours message comes here): PostgreSQL runs a
          // data-modifying WITH to its end even though nothing reads its result. SQLite has no
          // INSERT in WITH, and no round trips to save.
          await db
            .with('added_entries', (cte) => cte.insertInto('hours_entries').values(entryRows))
            .insertInto('hours_entry_versions')
            .values(versionRows)
            .execute();
        } else {
          await db.insertInto('hours_entries').values(entryRows).execute();
          await db.insertInto('hours_entry_versions').values(versionRows).execute();
        }
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
        const rows = await liveEntriesBetween(from, to)
          .where('aad_object_id', 'in', aadObjectIds.slice(start, start + 500))
          .execute();
        entries.push(...rows.map(entryFromRow));
      }
      return entries;
    },

    async listAllEntries(from, to) {
      const rows = await liveEntriesBetween(from, to).execute();
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
      const severalAbsences = new Set<HoursDaySummary>();
      for (const batch of batches) {
        // A week of the organisation is ten thousand entries, and every value a row carries costs
        // (docs/ARCHITECTURE.md, Rotations): the entries' three facts come packed by the database,
        // one row per date (packed-rows.ts), straight from the covering index
        // hours_entries_for_schedules (migration 0012), and are summed here. Summing per person and
        // day in SQL as well took twice the database's time (a second grouping, sorted).
        let query = db
          .selectFrom('hours_entries')
          .select([
            'date',
            packedRows(
              sql`aad_object_id`,
              sql`case when kind = 'work' then minutes else 0 end`,
              sql`case when kind = 'absence' then absence_kind end`,
            ).as('entries'),
          ])
          .where('date', '>=', filter.from)
          .where('date', '<=', filter.to)
          .where('deleted_at', 'is', null)
          .groupBy('date');
        if (batch) query = query.where('aad_object_id', 'in', batch);
        for (const { date, entries } of await query.execute())
          sumPackedEntries(date, entries, summaries, severalAbsences);
      }
      // Rare: two kinds of absence on one day (a morning off, an afternoon at the doctor's). The
      // first one recorded counts, as in the day's entries; read those few days' absences in order.
      if (severalAbsences.size > 0) {
        const people = [...new Set([...severalAbsences].map((summary) => summary.aadObjectId))];
        const dates = [...severalAbsences].map((summary) => summary.date).sort();
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
