import type { Kysely, Selectable } from 'kysely';
import type { AuditAction, AuditEvent, AuditRepository } from '../domain/audit/audit-trail.js';
import type { AuditEventsTable, Database } from './database-schema.js';

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function eventFromRow(row: Selectable<AuditEventsTable>): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action as AuditAction,
    subject: row.subject,
    personAadObjectId: row.person_aad_object_id,
    before: parsed(row.before_json),
    after: parsed(row.after_json),
    reason: row.reason,
  };
}

/** Only appends and reads: there is no way here to change or remove an event. */
export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async append(events) {
      if (events.length === 0) return;
      // Chunks keep each statement under SQLite's bound-parameter limit for large imports.
      for (let start = 0; start < events.length; start += 500) {
        await db
          .insertInto('audit_events')
          .values(
            events.slice(start, start + 500).map((event) => ({
              id: event.id,
              at: event.at,
              actor: event.actor,
              action: event.action,
              subject: event.subject,
              person_aad_object_id: event.personAadObjectId,
              before_json: json(event.before),
              after_json: json(event.after),
              reason: event.reason,
            })),
          )
          .execute();
      }
    },

    async list(filter) {
      let query = db.selectFrom('audit_events').selectAll();
      if (filter.from) query = query.where('at', '>=', filter.from);
      if (filter.to) query = query.where('at', '<=', filter.to);
      if (filter.actor) query = query.where('actor', '=', filter.actor);
      if (filter.personAadObjectId)
        query = query.where('person_aad_object_id', '=', filter.personAadObjectId);
      if (filter.subject) query = query.where('subject', '=', filter.subject);
      if (filter.action) query = query.where('action', '=', filter.action);
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map(eventFromRow);
    },
  };
}
