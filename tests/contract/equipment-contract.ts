import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EquipmentEvent, EquipmentRequest } from '../../src/domain/equipment/equipment-request.js';
import type { Store } from '../../src/storage/store.js';

/** Equipment requests and their history: part of the one storage contract every backend passes. */
export function describeEquipmentContract(storeOf: () => Store): void {
  describe('equipment requests', () => {
    const requestOf = (overrides: Partial<EquipmentRequest> = {}): EquipmentRequest => ({
      id: randomUUID(),
      number: 1,
      kind: 'screen',
      details: '27 inch',
      reason: 'spreadsheets all day',
      delivery: { kind: 'home', address: 'Rue du Lac 12, 1003 Lausanne' },
      requesterAadObjectId: `aad-${randomUUID()}`,
      requesterName: 'Camille Rochat',
      requesterLocale: 'fr-CH',
      approverAadObjectId: 'manager',
      status: 'pending_approval',
      duplicateOf: null,
      decidedBy: null,
      decidedAt: null,
      decisionComment: null,
      source: null,
      assetTag: null,
      serial: null,
      trackingNumber: null,
      queueConversationId: null,
      createdAt: '2026-11-26T08:00:00.000Z',
      updatedAt: '2026-11-26T08:00:00.000Z',
      receivedAt: null,
      returnedAt: null,
      version: 1,
      sourceKey: `form:${randomUUID()}`,
      ...overrides,
    });
    const requested = (request: EquipmentRequest): EquipmentEvent => ({
      requestId: request.id,
      version: 1,
      action: 'requested',
      actorAadObjectId: request.requesterAadObjectId,
      at: request.createdAt,
      note: null,
    });

    it('stores a request once per source key, numbered, with its history', async () => {
      const store = storeOf();
      const number = await store.equipment.nextRequestNumber();
      const request = requestOf({ number, delivery: { kind: 'site', siteId: 'S001' }, duplicateOf: 'holds' });
      expect(await store.equipment.insertRequest(request, requested(request))).toBe(true);
      const again = requestOf({ number: number + 1, sourceKey: request.sourceKey });
      expect(await store.equipment.insertRequest(again, requested(again))).toBe(false);
      expect(await store.equipment.findRequest(request.id)).toEqual(request);
      expect(await store.equipment.findRequestBySourceKey(request.sourceKey)).toEqual(request);
      expect(await store.equipment.findRequest('missing')).toBeNull();
      expect(await store.equipment.nextRequestNumber()).toBe(number + 1);
      expect(await store.equipment.requestEvents(request.id)).toEqual([requested(request)]);
    });

    it('updates a request only from the version it was read at: one of two agents wins', async () => {
      const store = storeOf();
      const request = requestOf({
        number: await store.equipment.nextRequestNumber(),
        status: 'approved',
        version: 2,
      });
      await store.equipment.insertRequest(request, { ...requested(request), version: 2 });
      const allocatedBy = (agent: string, assetTag: string) => ({
        request: {
          ...request,
          status: 'allocated' as const,
          assetTag,
          serial: `SN-${agent}`,
          source: 'stock' as const,
          version: 3,
        },
        event: {
          requestId: request.id,
          version: 3,
          action: 'allocated' as const,
          actorAadObjectId: agent,
          at: '2026-11-26T09:00:00.000Z',
          note: null,
        },
      });
      const a = allocatedBy('agent-a', 'SC-1');
      const b = allocatedBy('agent-b', 'SC-2');
      const results = await Promise.all([
        store.equipment.updateRequest(a.request, 2, a.event),
        store.equipment.updateRequest(b.request, 2, b.event),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await store.equipment.findRequest(request.id);
      const winner = results[0] ? a : b;
      expect(stored).toEqual(winner.request);
      const events = await store.equipment.requestEvents(request.id);
      expect(events.map((event) => [event.version, event.actorAadObjectId])).toEqual([
        [2, request.requesterAadObjectId],
        [3, winner.event.actorAadObjectId],
      ]);
    });

    it('imports a request with its whole history, once', async () => {
      const store = storeOf();
      const request = requestOf({
        number: await store.equipment.nextRequestNumber(),
        status: 'received',
        assetTag: 'LT-1',
        serial: 'SN1',
        receivedAt: '2026-11-20T08:00:00.000Z',
        version: 3,
      });
      const history: EquipmentEvent[] = [
        requested(request),
        { ...requested(request), version: 2, action: 'approved', actorAadObjectId: 'manager' },
        { ...requested(request), version: 3, action: 'received' },
      ];
      expect(await store.equipment.importRequest(request, history)).toBe(true);
      expect(await store.equipment.importRequest(request, history)).toBe(false);
      expect(await store.equipment.requestEvents(request.id)).toEqual(history);
    });

    it('lists requests by requester and status, newest first', async () => {
      const store = storeOf();
      const requester = `aad-${randomUUID()}`;
      const older = requestOf({
        number: await store.equipment.nextRequestNumber(),
        requesterAadObjectId: requester,
        status: 'received',
        createdAt: '2026-11-01T08:00:00.000Z',
      });
      await store.equipment.insertRequest(older, requested(older));
      const newer = requestOf({
        number: await store.equipment.nextRequestNumber(),
        requesterAadObjectId: requester,
      });
      await store.equipment.insertRequest(newer, requested(newer));
      const mine = await store.equipment.listRequests({ requesterAadObjectId: requester, limit: 10 });
      expect(mine.map((request) => request.id)).toEqual([newer.id, older.id]);
      const held = await store.equipment.listRequests({
        requesterAadObjectId: requester,
        statuses: ['received'],
        limit: 10,
      });
      expect(held.map((request) => request.id)).toEqual([older.id]);
      expect(
        await store.equipment.listRequests({ requesterAadObjectId: requester, statuses: [], limit: 10 }),
      ).toEqual([]);
      expect(await store.equipment.listRequests({ requesterAadObjectId: requester, limit: 1 })).toHaveLength(
        1,
      );
    });

    it('rolls back a request and its notices together', async () => {
      const store = storeOf();
      const request = requestOf({ number: await store.equipment.nextRequestNumber() });
      const key = `equipment:${request.id}:approval`;
      await expect(
        store.transaction(async ({ equipment, outbound }) => {
          await equipment.insertRequest(request, requested(request));
          await outbound.enqueue({
            id: randomUUID(),
            recipientKey: 'manager',
            idempotencyKey: key,
            category: 'approval',
            payload: { kind: 'text', text: 'approve?' },
            locale: 'en',
            createdAt: request.createdAt,
          });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.equipment.findRequest(request.id)).toBeNull();
      expect(await store.outbound.findByIdempotencyKey(key)).toBeNull();
    });
  });
}
