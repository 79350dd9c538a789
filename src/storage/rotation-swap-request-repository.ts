import type { Kysely, Selectable } from 'kysely';
import type { RotationSwapRequest, SwapRequestStatus } from '../domain/rotation/swap-request.js';
import type { RotationSwapRequestRepository } from '../domain/rotation/swap-request-ports.js';
import type { Database, RotationSwapRequestsTable } from './database-schema.js';
import { insertAssignments } from './rotation-repository.js';

function requestFromRow(row: Selectable<RotationSwapRequestsTable>): RotationSwapRequest {
  return {
    id: row.id,
    rotationId: row.rotation_id,
    requesterAadObjectId: row.requester_aad_object_id,
    partnerAadObjectId: row.partner_aad_object_id,
    date: row.date,
    reason: row.reason,
    approverAadObjectIds: JSON.parse(row.approvers) as string[],
    status: row.status as SwapRequestStatus,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    comment: row.comment,
    version: Number(row.version),
  };
}

function rowOf(request: RotationSwapRequest): RotationSwapRequestsTable {
  return {
    id: request.id,
    rotation_id: request.rotationId,
    requester_aad_object_id: request.requesterAadObjectId,
    partner_aad_object_id: request.partnerAadObjectId,
    date: request.date,
    reason: request.reason,
    approvers: JSON.stringify(request.approverAadObjectIds),
    status: request.status,
    requested_at: request.requestedAt,
    decided_by: request.decidedBy,
    decided_at: request.decidedAt,
    comment: request.comment,
    version: request.version,
  };
}

export function createRotationSwapRequestRepository(db: Kysely<Database>): RotationSwapRequestRepository {
  return {
    async insertSwapRequest(request) {
      await db.insertInto('rotation_swap_requests').values(rowOf(request)).execute();
    },

    async findSwapRequest(id) {
      const row = await db
        .selectFrom('rotation_swap_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? requestFromRow(row) : null;
    },

    async updateSwapRequest(request, expectedVersion) {
      const { id: _id, ...changes } = rowOf(request);
      const result = await db
        .updateTable('rotation_swap_requests')
        .set(changes)
        .where('id', '=', request.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async listSwapRequests(filter) {
      let query = db
        .selectFrom('rotation_swap_requests')
        .selectAll()
        .where('rotation_id', '=', filter.rotationId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      const person = filter.aadObjectId;
      if (person !== undefined)
        query = query.where((eb) =>
          eb.or([eb('requester_aad_object_id', '=', person), eb('partner_aad_object_id', '=', person)]),
        );
      const rows = await query.orderBy('requested_at', 'desc').orderBy('id').execute();
      return rows.map(requestFromRow);
    },

    async lockRotation(rotationId) {
      // A write that changes nothing: PostgreSQL holds the row lock until the transaction ends,
      // SQLite its write lock; the same statement on both engines (SQLite has no FOR UPDATE).
      const result = await db
        .updateTable('rotations')
        .set((eb) => ({ status: eb.ref('status') }))
        .where('id', '=', rotationId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async replacePeopleAssignments(rotationId, aadObjectIds, assignments) {
      if (aadObjectIds.length === 0) return;
      await db
        .deleteFrom('rotation_assignments')
        .where('rotation_id', '=', rotationId)
        .where('aad_object_id', 'in', [...aadObjectIds])
        .execute();
      await insertAssignments(db, rotationId, assignments);
    },
  };
}
