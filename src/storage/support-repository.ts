import type { Kysely, Selectable } from 'kysely';
import {
  QUEUE_CATEGORIES,
  type QueueCategory,
  type SupportRepository,
} from '../domain/support/support-ports.js';
import type {
  Priority,
  ProblemKind,
  Ticket,
  TicketAction,
  TicketCategory,
  TicketEvent,
  TicketStatus,
  Triage,
} from '../domain/support/ticket.js';
import { nextNumber } from './numbering.js';
import type { Database, TicketsTable } from './database-schema.js';

function ticketFromRow(row: Selectable<TicketsTable>): Ticket {
  return {
    id: row.id,
    number: Number(row.number),
    category: row.category as TicketCategory,
    problem: row.problem as ProblemKind,
    summary: row.summary,
    requesterAadObjectId: row.requester_aad_object_id,
    requesterName: row.requester_name,
    requesterLocale: row.requester_locale,
    reporterAadObjectId: row.reporter_aad_object_id,
    siteId: row.site_id,
    canton: row.canton,
    triage: JSON.parse(row.triage) as Triage,
    priority: row.priority as Priority,
    status: row.status as TicketStatus,
    assigneeAadObjectId: row.assignee_aad_object_id,
    queueConversationId: row.queue_conversation_id,
    personRequested: Number(row.person_requested) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstAnswerDueAt: row.first_answer_due_at,
    firstAnsweredAt: row.first_answered_at,
    resolvedAt: row.resolved_at,
    version: Number(row.version),
    sourceKey: row.source_key,
    escalatedAt: row.escalated_at,
  };
}

function rowOf(ticket: Ticket): TicketsTable {
  return {
    id: ticket.id,
    number: ticket.number,
    category: ticket.category,
    problem: ticket.problem,
    summary: ticket.summary,
    requester_aad_object_id: ticket.requesterAadObjectId,
    requester_name: ticket.requesterName,
    requester_locale: ticket.requesterLocale,
    reporter_aad_object_id: ticket.reporterAadObjectId,
    site_id: ticket.siteId,
    canton: ticket.canton,
    triage: JSON.stringify(ticket.triage),
    priority: ticket.priority,
    status: ticket.status,
    assignee_aad_object_id: ticket.assigneeAadObjectId,
    queue_conversation_id: ticket.queueConversationId,
    person_requested: ticket.personRequested ? 1 : 0,
    created_at: ticket.createdAt,
    updated_at: ticket.updatedAt,
    first_answer_due_at: ticket.firstAnswerDueAt,
    first_answered_at: ticket.firstAnsweredAt,
    resolved_at: ticket.resolvedAt,
    version: ticket.version,
    source_key: ticket.sourceKey,
    escalated_at: ticket.escalatedAt ?? null,
  };
}

export function createSupportRepository(db: Kysely<Database>): SupportRepository {
  /** The ticket's history is append-only: every change adds one event, written here. */
  const appendEvent = (event: TicketEvent) =>
    db
      .insertInto('ticket_events')
      .values({
        ticket_id: event.ticketId,
        version: event.version,
        action: event.action,
        actor_aad_object_id: event.actorAadObjectId,
        at: event.at,
        note: event.note,
      })
      .execute();

  return {
    async insertTicket(ticket, event) {
      const inserted = await db
        .insertInto('tickets')
        .values(rowOf(ticket))
        .onConflict((conflict) => conflict.column('source_key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await appendEvent(event);
      return true;
    },

    async findTicket(id) {
      const row = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? ticketFromRow(row) : null;
    },

    async findTicketBySourceKey(sourceKey) {
      const row = await db
        .selectFrom('tickets')
        .selectAll()
        .where('source_key', '=', sourceKey)
        .executeTakeFirst();
      return row ? ticketFromRow(row) : null;
    },

    nextTicketNumber: () => nextNumber(db, 'tickets'),

    async updateTicket(ticket, expectedVersion, event) {
      const { id: _id, source_key: _source, number: _number, ...changes } = rowOf(ticket);
      const updated = await db
        .updateTable('tickets')
        .set(changes)
        .where('id', '=', ticket.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await appendEvent(event);
      return true;
    },

    async listOverdue(now, limit) {
      const rows = await db
        .selectFrom('tickets')
        .selectAll()
        .where('status', '=', 'new')
        .where('first_answered_at', 'is', null)
        .where('escalated_at', 'is', null)
        .where('first_answer_due_at', '<=', now)
        .orderBy('first_answer_due_at')
        .limit(limit)
        .execute();
      return rows.map(ticketFromRow);
    },

    async markEscalated(ticketId, at) {
      const result = await db
        .updateTable('tickets')
        .set({ escalated_at: at })
        .where('id', '=', ticketId)
        .where('escalated_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listTickets(filter) {
      let query = db.selectFrom('tickets').selectAll();
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.queueConversationId)
        query = query.where('queue_conversation_id', '=', filter.queueConversationId);
      if (filter.category) query = query.where('category', '=', filter.category);
      if (filter.siteId) query = query.where('site_id', '=', filter.siteId);
      if (filter.requesterAadObjectId)
        query = query.where('requester_aad_object_id', '=', filter.requesterAadObjectId);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('number', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map(ticketFromRow);
    },

    async ticketEvents(ticketId) {
      const rows = await db
        .selectFrom('ticket_events')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('version')
        .execute();
      return rows.map((row) => ({
        ticketId: row.ticket_id,
        version: Number(row.version),
        action: row.action as TicketAction,
        actorAadObjectId: row.actor_aad_object_id,
        at: row.at,
        note: row.note,
      }));
    },

    async saveQueue(queue) {
      await db
        .insertInto('support_queues')
        .values({
          conversation_id: queue.conversationId,
          category: queue.category,
          registered_by: queue.registeredBy,
          registered_at: queue.registeredAt,
          locale: queue.locale,
        })
        .onConflict((conflict) =>
          conflict.columns(['conversation_id', 'category']).doUpdateSet({
            registered_by: queue.registeredBy,
            registered_at: queue.registeredAt,
            locale: queue.locale,
          }),
        )
        .execute();
    },

    async removeQueues(conversationId) {
      const removed = await db
        .deleteFrom('support_queues')
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      return Number(removed.numDeletedRows);
    },

    async listQueues() {
      const rows = await db.selectFrom('support_queues').selectAll().orderBy('registered_at').execute();
      return rows.flatMap((row) =>
        QUEUE_CATEGORIES.includes(row.category as QueueCategory)
          ? [
              {
                conversationId: row.conversation_id,
                category: row.category as QueueCategory,
                registeredBy: row.registered_by,
                registeredAt: row.registered_at,
                locale: row.locale,
              },
            ]
          : [],
      );
    },
  };
}
