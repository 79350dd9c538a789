import type { Kysely, Selectable } from 'kysely';
import type { EquipmentKind } from '../domain/equipment/catalogue.js';
import type { EquipmentRepository } from '../domain/equipment/equipment-ports.js';
import type {
  Delivery,
  DuplicateKind,
  EquipmentAction,
  EquipmentEvent,
  EquipmentRequest,
  EquipmentStatus,
  FulfilmentSource,
} from '../domain/equipment/equipment-request.js';
import { nextNumber } from './numbering.js';
import type { Database, EquipmentRequestsTable } from './database-schema.js';

function deliveryOf(row: Selectable<EquipmentRequestsTable>): Delivery {
  return row.delivery_kind === 'site'
    ? { kind: 'site', siteId: row.delivery_site_id ?? '' }
    : { kind: 'home', address: row.delivery_address ?? '' };
}

function requestFromRow(row: Selectable<EquipmentRequestsTable>): EquipmentRequest {
  return {
    id: row.id,
    number: Number(row.number),
    kind: row.kind as EquipmentKind,
    details: row.details,
    reason: row.reason,
    delivery: deliveryOf(row),
    requesterAadObjectId: row.requester_aad_object_id,
    requesterName: row.requester_name,
    requesterLocale: row.requester_locale,
    approverAadObjectId: row.approver_aad_object_id,
    status: row.status as EquipmentStatus,
    duplicateOf: row.duplicate_of as DuplicateKind | null,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionComment: row.decision_comment,
    source: row.source as FulfilmentSource | null,
    assetTag: row.asset_tag,
    serial: row.serial,
    trackingNumber: row.tracking_number,
    queueConversationId: row.queue_conversation_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    receivedAt: row.received_at,
    returnedAt: row.returned_at,
    version: Number(row.version),
    sourceKey: row.source_key,
  };
}

function rowOf(request: EquipmentRequest): EquipmentRequestsTable {
  return {
    id: request.id,
    number: request.number,
    kind: request.kind,
    details: request.details,
    reason: request.reason,
    delivery_kind: request.delivery.kind,
    delivery_address: request.delivery.kind === 'home' ? request.delivery.address : null,
    delivery_site_id: request.delivery.kind === 'site' ? request.delivery.siteId : null,
    requester_aad_object_id: request.requesterAadObjectId,
    requester_name: request.requesterName,
    requester_locale: request.requesterLocale,
    approver_aad_object_id: request.approverAadObjectId,
    status: request.status,
    duplicate_of: request.duplicateOf,
    decided_by: request.decidedBy,
    decided_at: request.decidedAt,
    decision_comment: request.decisionComment,
    source: request.source,
    asset_tag: request.assetTag,
    serial: request.serial,
    tracking_number: request.trackingNumber,
    queue_conversation_id: request.queueConversationId,
    created_at: request.createdAt,
    updated_at: request.updatedAt,
    received_at: request.receivedAt,
    returned_at: request.returnedAt,
    version: request.version,
    source_key: request.sourceKey,
  };
}

export function createEquipmentRepository(db: Kysely<Database>): EquipmentRepository {
  /** A request's history is append-only: every change adds one event, written here. */
  const appendEvent = (event: EquipmentEvent) =>
    db
      .insertInto('equipment_events')
      .values({
        request_id: event.requestId,
        version: event.version,
        action: event.action,
        actor_aad_object_id: event.actorAadObjectId,
        at: event.at,
        note: event.note,
      })
      .execute();

  /** Inserts the request unless its source key is known, then its history; false when known. */
  async function insertWithHistory(request: EquipmentRequest, events: readonly EquipmentEvent[]) {
    const inserted = await db
      .insertInto('equipment_requests')
      .values(rowOf(request))
      .onConflict((conflict) => conflict.column('source_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    for (const event of events) await appendEvent(event);
    return true;
  }

  return {
    insertRequest: (request, event) => insertWithHistory(request, [event]),
    importRequest: insertWithHistory,

    async findRequest(id) {
      const row = await db
        .selectFrom('equipment_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? requestFromRow(row) : null;
    },

    async findRequestBySourceKey(sourceKey) {
      const row = await db
        .selectFrom('equipment_requests')
        .selectAll()
        .where('source_key', '=', sourceKey)
        .executeTakeFirst();
      return row ? requestFromRow(row) : null;
    },

    nextRequestNumber: () => nextNumber(db, 'equipment_requests'),

    async updateRequest(request, expectedVersion, event) {
      const { id: _id, source_key: _source, number: _number, ...changes } = rowOf(request);
      const updated = await db
        .updateTable('equipment_requests')
        .set(changes)
        .where('id', '=', request.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await appendEvent(event);
      return true;
    },

    async listRequests(filter) {
      let query = db.selectFrom('equipment_requests').selectAll();
      if (filter.requesterAadObjectId)
        query = query.where('requester_aad_object_id', '=', filter.requesterAadObjectId);
      if (filter.statuses) {
        if (filter.statuses.length === 0) return [];
        query = query.where('status', 'in', [...filter.statuses]);
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('number', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map(requestFromRow);
    },

    async requestEvents(requestId) {
      const rows = await db
        .selectFrom('equipment_events')
        .selectAll()
        .where('request_id', '=', requestId)
        .orderBy('version')
        .execute();
      return rows.map((row) => ({
        requestId: row.request_id,
        version: Number(row.version),
        action: row.action as EquipmentAction,
        actorAadObjectId: row.actor_aad_object_id,
        at: row.at,
        note: row.note,
      }));
    },
  };
}
