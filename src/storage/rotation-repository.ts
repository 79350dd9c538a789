import { sql, type Kysely, type Selectable } from 'kysely';
import type { RotationPattern, RotationPlace } from '../domain/rotation/rotation-plan.js';
import type {
  PublishedDay,
  RotationAssignment,
  RotationRepository,
  StoredRotation,
} from '../domain/rotation/rotation-ports.js';
import { addDays, type CalendarDate } from '../domain/shared/calendar-date.js';
import type { Database, RotationsTable } from './database-schema.js';
import { forEachPackedRow, packedRows } from './packed-rows.js';

/** The pattern column holds the pattern and the critical people, as JSON. */
interface PatternDocument {
  pattern: RotationPattern;
  critical: string[];
}

function rotationFromRow(row: Selectable<RotationsTable>): StoredRotation {
  const document = JSON.parse(row.pattern) as PatternDocument;
  return {
    id: row.id,
    siteId: row.site_id,
    team: row.team,
    pattern: document.pattern,
    critical: document.critical ?? [],
    capPercent: Number(row.cap_percent),
    startDate: row.start_date,
    endDate: row.end_date,
    status: row.status === 'published' ? 'published' : 'draft',
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedAt: row.published_at,
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Five columns a row: 500 rows stay under both engines' bound-parameter limits. */
const BATCH = 500;

/** Adds a rotation's days, in batches; shared with the swap requests, which rewrite some. */
export async function insertAssignments(
  db: Kysely<Database>,
  rotationId: string,
  assignments: readonly RotationAssignment[],
): Promise<void> {
  for (let start = 0; start < assignments.length; start += BATCH) {
    await db
      .insertInto('rotation_assignments')
      .values(
        assignments.slice(start, start + BATCH).map((assignment) => ({
          rotation_id: rotationId,
          aad_object_id: assignment.aadObjectId,
          date: assignment.date,
          place: assignment.place,
          cohort: assignment.cohort,
        })),
      )
      .execute();
  }
}

export function createRotationRepository(db: Kysely<Database>, now: () => string): RotationRepository {
  return {
    async insertRotation(rotation, assignments) {
      const document: PatternDocument = { pattern: rotation.pattern, critical: rotation.critical };
      await db
        .insertInto('rotations')
        .values({
          id: rotation.id,
          site_id: rotation.siteId,
          team: rotation.team,
          pattern: JSON.stringify(document),
          cap_percent: rotation.capPercent,
          start_date: rotation.startDate,
          end_date: rotation.endDate,
          status: rotation.status,
          created_by: rotation.createdBy,
          created_at: rotation.createdAt,
          published_at: rotation.publishedAt,
        })
        .execute();
      await insertAssignments(db, rotation.id, assignments);
    },

    async findRotation(id) {
      const row = await db.selectFrom('rotations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? rotationFromRow(row) : null;
    },

    async listRotations(filter) {
      let query = db.selectFrom('rotations').selectAll();
      if (filter.siteId !== undefined) query = query.where('site_id', '=', filter.siteId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.from !== undefined) query = query.where('end_date', '>=', filter.from);
      if (filter.to !== undefined) query = query.where('start_date', '<=', filter.to);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(rotationFromRow);
    },

    async assignmentsOf(rotationId) {
      const rows = await db
        .selectFrom('rotation_assignments')
        .select(['aad_object_id', 'date', 'place', 'cohort'])
        .where('rotation_id', '=', rotationId)
        .orderBy('aad_object_id')
        .orderBy('date')
        .execute();
      return rows.map((row) => ({
        aadObjectId: row.aad_object_id,
        date: row.date,
        place: row.place as RotationPlace,
        cohort: row.cohort,
      }));
    },

    async replaceAssignments(rotationId, assignments) {
      await db.deleteFrom('rotation_assignments').where('rotation_id', '=', rotationId).execute();
      await insertAssignments(db, rotationId, assignments);
    },

    async markPublished(rotationId, publishedAt) {
      await db
        .updateTable('rotations')
        .set({ status: 'published', published_at: publishedAt })
        .where('id', '=', rotationId)
        .execute();
    },

    async publishedDays(filter) {
      if (filter.aadObjectIds && filter.aadObjectIds.length === 0) return [];
      // From the index rotation_assignments_by_date (migration 0013), packed by the database into
      // one row per rotation and date (packed-rows.ts: an organisation's week is 3,400 days, but
      // some thirty such rows), in publishing order, so that the rotation published last wins a
      // person's day by coming last (ties by id: the same answer every time).
      let query = db
        .selectFrom('rotation_assignments as a')
        .innerJoin('rotations as r', 'r.id', 'a.rotation_id')
        .select([
          'r.id as rotation_id',
          'a.date',
          packedRows(sql`a.aad_object_id`, sql`a.place`, sql`a.cohort`).as('people'),
        ])
        .where('r.status', '=', 'published')
        .where('a.date', '>=', filter.from)
        .where('a.date', '<=', filter.to)
        .groupBy(['r.published_at', 'r.id', 'a.date'])
        .orderBy('r.published_at')
        .orderBy('r.id');
      const ids = filter.aadObjectIds;
      if (ids && ids.length <= BATCH) query = query.where('a.aad_object_id', 'in', [...ids]);
      const rows = await query.execute();
      const wanted = ids && ids.length > BATCH ? new Set(ids) : null;
      // Each person's days by their index in the range: a later rotation's day takes the slot of
      // an earlier one's, and the slots are already in date order.
      const dayIndex = new Map<CalendarDate, number>();
      for (let date = filter.from; date <= filter.to; date = addDays(date, 1))
        dayIndex.set(date, dayIndex.size);
      const latest = new Map<string, (PublishedDay | undefined)[]>();
      for (const { rotation_id: rotationId, date, people } of rows) {
        const index = dayIndex.get(date);
        if (index === undefined) continue;
        forEachPackedRow(people, (aadObjectId, place, cohort) => {
          if (wanted && !wanted.has(aadObjectId)) return;
          let days = latest.get(aadObjectId);
          if (!days) {
            days = new Array<PublishedDay | undefined>(dayIndex.size);
            latest.set(aadObjectId, days);
          }
          days[index] = { rotationId, aadObjectId, date, place: place as RotationPlace, cohort };
        });
      }
      // By person (ids are opaque: code-unit order is enough, and much cheaper than
      // localeCompare), then date.
      const published: PublishedDay[] = [];
      for (const aadObjectId of [...latest.keys()].sort(compareText)) {
        for (const day of latest.get(aadObjectId)!) if (day) published.push(day);
      }
      return published;
    },

    async calendarToken(aadObjectId, newToken) {
      const existing = await db
        .selectFrom('calendar_tokens')
        .select('token')
        .where('aad_object_id', '=', aadObjectId)
        .executeTakeFirst();
      if (existing) return existing.token;
      await db
        .insertInto('calendar_tokens')
        .values({ aad_object_id: aadObjectId, token: newToken(), created_at: now() })
        .onConflict((conflict) => conflict.column('aad_object_id').doNothing())
        .execute();
      const stored = await db
        .selectFrom('calendar_tokens')
        .select('token')
        .where('aad_object_id', '=', aadObjectId)
        .executeTakeFirstOrThrow();
      return stored.token;
    },

    async calendarTokenOwner(token) {
      const row = await db
        .selectFrom('calendar_tokens')
        .select('aad_object_id')
        .where('token', '=', token)
        .executeTakeFirst();
      return row?.aad_object_id ?? null;
    },
  };
}
