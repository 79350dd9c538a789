import type { Kysely } from 'kysely';
import type {
  ErasureCounts,
  PersonalData,
  PersonalDataRepository,
  PurgeCounts,
} from '../domain/privacy/personal-data.js';
import type { Database } from './database-schema.js';

/** Columns that hold JSON text: the export shows them as the JSON they are. */
const JSON_COLUMNS = new Set([
  'before',
  'after',
  'before_json',
  'after_json',
  'triage',
  'payload',
  'reference',
  'pattern',
]);

function readable(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => {
        if (typeof value !== 'string' || !JSON_COLUMNS.has(column)) return [column, value];
        try {
          return [column, JSON.parse(value) as unknown];
        } catch {
          return [column, value];
        }
      }),
    ),
  );
}

const ERASED = '[erased]';

/**
 * Where a person's data lives, table by table. Adding a table that holds personal data means
 * adding it here (the privacy test checks that an export names every table with a person column).
 */
export function createPersonalDataRepository(db: Kysely<Database>): PersonalDataRepository {
  async function personalConversations(aadObjectId: string) {
    return db.selectFrom('conversation_references').selectAll().where('key', '=', aadObjectId).execute();
  }

  return {
    async collect(aadObjectId) {
      const ticketIds = db
        .selectFrom('tickets')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('requester_aad_object_id', '=', aadObjectId),
            eb('reporter_aad_object_id', '=', aadObjectId),
          ]),
        );
      const requestIds = db
        .selectFrom('equipment_requests')
        .select('id')
        .where('requester_aad_object_id', '=', aadObjectId);
      const [
        person,
        contracts,
        hoursEntries,
        hoursHistory,
        timesheetApprovals,
        tickets,
        ticketEvents,
        equipmentRequests,
        equipmentEvents,
        rotationDays,
        rotationSwapRequests,
        calendarTokens,
        reminderPreferences,
        conversations,
        messages,
        auditEvents,
      ] = await Promise.all([
        db.selectFrom('people').selectAll().where('aad_object_id', '=', aadObjectId).execute(),
        db.selectFrom('contracts').selectAll().where('aad_object_id', '=', aadObjectId).execute(),
        db
          .selectFrom('hours_entries')
          .selectAll()
          .where('aad_object_id', '=', aadObjectId)
          .orderBy('date')
          .execute(),
        db
          .selectFrom('hours_entry_versions')
          .selectAll()
          .where('aad_object_id', '=', aadObjectId)
          .orderBy('changed_at')
          .execute(),
        db.selectFrom('timesheet_approvals').selectAll().where('aad_object_id', '=', aadObjectId).execute(),
        db.selectFrom('tickets').selectAll().where('id', 'in', ticketIds).execute(),
        db.selectFrom('ticket_events').selectAll().where('ticket_id', 'in', ticketIds).execute(),
        db.selectFrom('equipment_requests').selectAll().where('id', 'in', requestIds).execute(),
        db.selectFrom('equipment_events').selectAll().where('request_id', 'in', requestIds).execute(),
        db.selectFrom('rotation_assignments').selectAll().where('aad_object_id', '=', aadObjectId).execute(),
        db
          .selectFrom('rotation_swap_requests')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb('requester_aad_object_id', '=', aadObjectId),
              eb('partner_aad_object_id', '=', aadObjectId),
              eb('decided_by', '=', aadObjectId),
            ]),
          )
          .orderBy('requested_at')
          .execute(),
        // The token itself is a secret: that one exists, and since when, is what concerns the person.
        db
          .selectFrom('calendar_tokens')
          .select(['created_at'])
          .where('aad_object_id', '=', aadObjectId)
          .execute(),
        db.selectFrom('reminder_preferences').selectAll().where('aad_object_id', '=', aadObjectId).execute(),
        personalConversations(aadObjectId),
        db.selectFrom('outbound_messages').selectAll().where('recipient_key', '=', aadObjectId).execute(),
        db
          .selectFrom('audit_events')
          .selectAll()
          .where((eb) => eb.or([eb('person_aad_object_id', '=', aadObjectId), eb('actor', '=', aadObjectId)]))
          .orderBy('at')
          .execute(),
      ]);
      const data: PersonalData = {
        person: readable(person)[0] ?? null,
        contracts,
        hoursEntries,
        hoursHistory: readable(hoursHistory),
        timesheetApprovals,
        tickets: readable(tickets),
        ticketEvents,
        equipmentRequests,
        equipmentEvents,
        rotationDays,
        rotationSwapRequests: rotationSwapRequests.map((row) => ({
          ...row,
          approvers: JSON.parse(row.approvers) as unknown,
        })),
        calendarFeeds: calendarTokens,
        reminderPreferences,
        conversations: readable(conversations),
        messagesSent: readable(messages),
        auditEvents: readable(auditEvents),
      };
      return data;
    },

    async erase(aadObjectId) {
      const counts: ErasureCounts = {};
      const count = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
        Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0);

      // The bot's turn state of the person's chat, found through its stored reference.
      const conversations = await personalConversations(aadObjectId);
      const stateKeys: string[] = [];
      for (const row of conversations) {
        const reference = JSON.parse(row.reference) as {
          conversation?: { id?: string };
          user?: { id?: string };
        };
        if (reference.conversation?.id) stateKeys.push(`%/conversations/${reference.conversation.id}`);
        if (reference.user?.id) stateKeys.push(`%/users/${reference.user.id}`);
      }
      let botState = 0;
      for (const pattern of stateKeys) {
        botState += count(
          await db.deleteFrom('bot_state').where('state_key', 'like', pattern).executeTakeFirst(),
        );
      }
      counts.botState = botState;
      counts.conversations = count(
        await db.deleteFrom('conversation_references').where('key', '=', aadObjectId).executeTakeFirst(),
      );
      counts.messages = count(
        await db.deleteFrom('outbound_messages').where('recipient_key', '=', aadObjectId).executeTakeFirst(),
      );
      counts.reminderPreferences = count(
        await db
          .deleteFrom('reminder_preferences')
          .where('aad_object_id', '=', aadObjectId)
          .executeTakeFirst(),
      );
      counts.calendarFeeds = count(
        await db.deleteFrom('calendar_tokens').where('aad_object_id', '=', aadObjectId).executeTakeFirst(),
      );
      counts.rotationDays = count(
        await db
          .deleteFrom('rotation_assignments')
          .where('aad_object_id', '=', aadObjectId)
          .executeTakeFirst(),
      );
      // A swap request is about the two people's rotation days, which go with them.
      counts.rotationSwapRequests = count(
        await db
          .deleteFrom('rotation_swap_requests')
          .where((eb) =>
            eb.or([
              eb('requester_aad_object_id', '=', aadObjectId),
              eb('partner_aad_object_id', '=', aadObjectId),
            ]),
          )
          .executeTakeFirst(),
      );

      // Tickets and requests stay as IT's records of work done, emptied of what the person said.
      const ticketIds = db
        .selectFrom('tickets')
        .select('id')
        .where('requester_aad_object_id', '=', aadObjectId);
      await db.updateTable('ticket_events').set({ note: null }).where('ticket_id', 'in', ticketIds).execute();
      counts.tickets = count(
        await db
          .updateTable('tickets')
          .set({ requester_name: ERASED, summary: ERASED, triage: '{}' })
          .where('requester_aad_object_id', '=', aadObjectId)
          .executeTakeFirst(),
      );
      const requestIds = db
        .selectFrom('equipment_requests')
        .select('id')
        .where('requester_aad_object_id', '=', aadObjectId);
      await db
        .updateTable('equipment_events')
        .set({ note: null })
        .where('request_id', 'in', requestIds)
        .execute();
      counts.equipmentRequests = count(
        await db
          .updateTable('equipment_requests')
          .set({
            requester_name: ERASED,
            reason: ERASED,
            details: ERASED,
            delivery_address: null,
            decision_comment: null,
          })
          .where('requester_aad_object_id', '=', aadObjectId)
          .executeTakeFirst(),
      );

      // The directory keeps what the time records need to remain a proof: name, AHV number, site.
      counts.person = count(
        await db
          .updateTable('people')
          .set({ email: null, team: null, manager_aad_object_id: null, roles: 'employee', active: 0 })
          .where('aad_object_id', '=', aadObjectId)
          .executeTakeFirst(),
      );
      return counts;
    },

    async purgeTimeRecordsBefore(before, beforeInstant) {
      const expired = db.selectFrom('hours_entries').select('id').where('date', '<', before);
      const versions = await db
        .deleteFrom('hours_entry_versions')
        .where('entry_id', 'in', expired)
        .executeTakeFirst();
      const entries = await db.deleteFrom('hours_entries').where('date', '<', before).executeTakeFirst();
      const approvals = await db
        .deleteFrom('timesheet_approvals')
        .where('month', '<', before.slice(0, 7))
        .executeTakeFirst();
      const auditEvents = await db
        .deleteFrom('audit_events')
        .where('at', '<', beforeInstant)
        .executeTakeFirst();
      const counts: PurgeCounts = {
        entries: Number(entries.numDeletedRows),
        versions: Number(versions.numDeletedRows),
        approvals: Number(approvals.numDeletedRows),
        auditEvents: Number(auditEvents.numDeletedRows),
      };
      return counts;
    },
  };
}
