import type { Kysely, Selectable } from 'kysely';
import type { RotationPattern, RotationPlace } from '../domain/rotation/rotation-plan.js';
import type {
  PublishedDay,
  RotationAssignment,
  RotationRepository,
  StoredRotation,
} from '../domain/rotation/rotation-ports.js';
import type { Database, RotationsTable } from './database-schema.js';

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

export function createRotationRepository(db: Kysely<Database>, now: () => string): RotationRepository {
  async function insertAssignments(rotationId: string, assignments: readonly RotationAssignment[]) {
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
      await insertAssignments(rotation.id, assignments);
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
      await insertAssignments(rotationId, assignments);
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
      // In publishing order, so that the rotation published last wins a person's day by coming
      // last (ties by id: the same answer every time).
      let query = db
        .selectFrom('rotation_assignments as a')
        .innerJoin('rotations as r', 'r.id', 'a.rotation_id')
        .select(['a.rotation_id', 'a.aad_object_id', 'a.date', 'a.place', 'a.cohort'])
        .where('r.status', '=', 'published')
        .where('a.date', '>=', filter.from)
        .where('a.date', '<=', filter.to)
        .orderBy('r.published_at')
        .orderBy('r.id');
      const ids = filter.aadObjectIds;
      if (ids && ids.length <= BATCH) query = query.where('a.aad_object_id', 'in', [...ids]);
      const rows = await query.execute();
      const wanted = ids && ids.length > BATCH ? new Set(ids) : null;
      const latest = new Map<string, PublishedDay>();
      for (const row of rows) {
        if (wanted && !wanted.has(row.aad_object_id)) continue;
        latest.set(`${row.aad_object_id}|${row.date}`, {
          rotationId: row.rotation_id,
          aadObjectId: row.aad_object_id,
          date: row.date,
          place: row.place as RotationPlace,
          cohort: row.cohort,
        });
      }
      // By person, then date; ids are opaque, so code-unit order is enough, and it is several
      // times cheaper than localeCompare over an organisation's week (3,400 days).
      return [...latest.values()].sort(
        (a, b) => compareText(a.aadObjectId, b.aadObjectId) || compareText(a.date, b.date),
      );
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
