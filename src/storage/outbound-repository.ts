import { PostgresAdapter, sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import {
  DELIVERY_STATUSES,
  type ClaimRequest,
  type DeliveryStatus,
  type OutboundCategory,
  type OutboundJob,
  type OutboundPayload,
  type OutboundRepository,
  type QueuedMessage,
  type StoredConversation,
} from '../domain/proactive/outbound-message.js';
import type { Database, OutboundMessagesTable } from './database-schema.js';

function jobOf(row: Selectable<OutboundMessagesTable>): OutboundJob {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    recipientKey: row.recipient_key,
    category: row.category as OutboundCategory,
    payload: JSON.parse(row.payload) as OutboundPayload,
    locale: row.locale,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

const DUE_STATUSES: DeliveryStatus[] = ['queued', 'retrying'];

const ENQUEUE_CHUNK = 200;

function rowOf(message: QueuedMessage): Insertable<OutboundMessagesTable> {
  return {
    id: message.id,
    idempotency_key: message.idempotencyKey,
    recipient_key: message.recipientKey,
    category: message.category,
    payload: JSON.stringify(message.payload),
    locale: message.locale,
    status: 'queued',
    attempts: 0,
    next_attempt_at: message.notBefore ?? message.createdAt,
    last_error: null,
    created_at: message.createdAt,
    sent_at: null,
    locked_by: null,
    locked_until: null,
  };
}

/**
 * The outbound queue over Kysely, for both engines. Claiming hands each due job to exactly one
 * worker: on PostgreSQL the due rows are locked with `FOR UPDATE SKIP LOCKED` inside a transaction
 * (several instances poll at once and never wait for each other); SQLite has one writer at a time,
 * so one conditional UPDATE is atomic. Every later write names the worker holding the lease, so a
 * worker whose lease ran out (and whose job another worker took) changes nothing.
 */
export function createOutboundRepository(db: Kysely<Database>, now: () => string): OutboundRepository {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  const dueFilter = (executor: Kysely<Database>, request: ClaimRequest) =>
    executor
      .selectFrom('outbound_messages')
      .select('id')
      .where('status', 'in', DUE_STATUSES)
      .where('next_attempt_at', '<=', request.now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', request.now)]))
      .orderBy('next_attempt_at')
      .orderBy('created_at')
      .limit(request.limit);

  async function claimOnPostgres(trx: Kysely<Database>, request: ClaimRequest): Promise<OutboundJob[]> {
    const ids = (await dueFilter(trx, request).forUpdate().skipLocked().execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = await trx
      .updateTable('outbound_messages')
      .set((eb) => ({
        locked_by: request.workerId,
        locked_until: request.leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
    return rows.map(jobOf);
  }

  const holding = (id: string, workerId: string) =>
    db.updateTable('outbound_messages').where('id', '=', id).where('locked_by', '=', workerId);

  const changed = (result: { numUpdatedRows: bigint }) => Number(result.numUpdatedRows) === 1;

  return {
    async saveConversation(conversation: StoredConversation) {
      const values = {
        key: conversation.key,
        reference: JSON.stringify(conversation.reference),
        tenant: conversation.tenantId,
        scope: conversation.scope,
        time_zone: conversation.timeZone,
        updated_at: conversation.updatedAt,
      };
      await db
        .insertInto('conversation_references')
        .values(values)
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            reference: values.reference,
            tenant: values.tenant,
            scope: values.scope,
            // A client that does not say its zone keeps the one learnt before.
            time_zone: (eb) =>
              eb.fn.coalesce(eb.val(values.time_zone), eb.ref('conversation_references.time_zone')),
            updated_at: values.updated_at,
          }),
        )
        .execute();
    },

    async findConversation(key) {
      const row = await db
        .selectFrom('conversation_references')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) return null;
      return {
        key: row.key,
        reference: JSON.parse(row.reference) as Record<string, unknown>,
        tenantId: row.tenant,
        scope: row.scope as StoredConversation['scope'],
        timeZone: row.time_zone,
        updatedAt: row.updated_at,
      };
    },

    async listPersonalConversations() {
      const rows = await db
        .selectFrom('conversation_references')
        .select(['key', 'time_zone'])
        .where('scope', '=', 'personal')
        .execute();
      return rows.map((row) => ({ key: row.key, timeZone: row.time_zone }));
    },

    async enqueue(message) {
      const result = await db
        .insertInto('outbound_messages')
        .values(rowOf(message))
        .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    async enqueueMany(messages) {
      const inserted = new Set<string>();
      // 200 rows × 14 columns stay far below both engines' limits on bound parameters; one
      // statement per chunk instead of one per message (bench/README.md, the broadcast).
      for (let start = 0; start < messages.length; start += ENQUEUE_CHUNK) {
        const rows = await db
          .insertInto('outbound_messages')
          .values(messages.slice(start, start + ENQUEUE_CHUNK).map(rowOf))
          .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
          .returning('idempotency_key')
          .execute();
        for (const row of rows) inserted.add(row.idempotency_key);
      }
      return inserted;
    },

    async knownIdempotencyKeys(keys) {
      const known = new Set<string>();
      // Chunks keep far below both engines' limits on bound parameters.
      for (let start = 0; start < keys.length; start += 500) {
        const chunk = keys.slice(start, start + 500);
        const rows = await db
          .selectFrom('outbound_messages')
          .select('idempotency_key')
          .where('idempotency_key', 'in', chunk)
          .execute();
        for (const row of rows) known.add(row.idempotency_key);
      }
      return known;
    },

    async claimDue(request) {
      if (request.limit <= 0) return [];
      if (postgres) {
        return db.isTransaction
          ? claimOnPostgres(db, request)
          : db.transaction().execute((trx) => claimOnPostgres(trx, request));
      }
      const rows = await db
        .updateTable('outbound_messages')
        .set((eb) => ({
          locked_by: request.workerId,
          locked_until: request.leaseUntil,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', 'in', dueFilter(db, request))
        // Repeated so that the UPDATE itself only takes rows that are still free.
        .where('status', 'in', DUE_STATUSES)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', request.now)]))
        .returningAll()
        .execute();
      return rows.map(jobOf).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
    },

    async markSent(id, workerId, sentAt) {
      const result = await holding(id, workerId)
        .set({ status: 'sent', sent_at: sentAt, locked_by: null, locked_until: null })
        .executeTakeFirst();
      return changed(result);
    },

    async markRetrying(id, workerId, retry) {
      const result = await holding(id, workerId)
        .set({
          status: 'retrying',
          next_attempt_at: retry.nextAttemptAt,
          last_error: retry.error,
          locked_by: null,
          locked_until: null,
        })
        .executeTakeFirst();
      return changed(result);
    },

    async markFailed(id, workerId, error) {
      const result = await holding(id, workerId)
        .set({ status: 'failed', last_error: error, locked_by: null, locked_until: null })
        .executeTakeFirst();
      return changed(result);
    },

    async release(id, workerId) {
      await holding(id, workerId)
        .set((eb) => ({ locked_by: null, locked_until: null, attempts: eb('attempts', '-', 1) }))
        .execute();
    },

    async findByIdempotencyKey(key) {
      const row = await db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      return row ? jobOf(row) : null;
    },

    async listDeliveries(query) {
      let select = db.selectFrom('outbound_messages').selectAll();
      if (query.status) select = select.where('status', '=', query.status);
      const rows = await select.orderBy('created_at', 'desc').orderBy('id').limit(query.limit).execute();
      return rows.map(jobOf);
    },

    async countByStatus() {
      const rows = await db
        .selectFrom('outbound_messages')
        .select(['status', sql<number>`count(*)`.as('count')])
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, 0])) as Record<
        DeliveryStatus,
        number
      >;
      for (const row of rows) {
        if ((DELIVERY_STATUSES as readonly string[]).includes(row.status))
          counts[row.status as DeliveryStatus] = Number(row.count);
      }
      return counts;
    },

    async reminderPreferences() {
      const rows = await db.selectFrom('reminder_preferences').selectAll().execute();
      return rows.map((row) => ({
        aadObjectId: row.aad_object_id,
        snoozedUntil: row.snoozed_until,
        optedOut: Number(row.opted_out) === 1,
      }));
    },

    async snoozeReminders(aadObjectId, until) {
      await db
        .insertInto('reminder_preferences')
        .values({ aad_object_id: aadObjectId, snoozed_until: until, opted_out: 0, updated_at: now() })
        .onConflict((conflict) =>
          conflict.column('aad_object_id').doUpdateSet({ snoozed_until: until, updated_at: now() }),
        )
        .execute();
    },

    async setRemindersOptOut(aadObjectId, optedOut) {
      const value = optedOut ? 1 : 0;
      await db
        .insertInto('reminder_preferences')
        .values({ aad_object_id: aadObjectId, snoozed_until: null, opted_out: value, updated_at: now() })
        .onConflict((conflict) =>
          conflict
            .column('aad_object_id')
            .doUpdateSet({ opted_out: value, snoozed_until: null, updated_at: now() }),
        )
        .execute();
    },
  };
}
