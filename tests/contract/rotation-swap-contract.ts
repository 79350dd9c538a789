import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredRotation } from '../../src/domain/rotation/rotation-ports.js';
import type { RotationSwapRequest } from '../../src/domain/rotation/swap-request.js';
import type { Store } from '../../src/storage/store.js';

function swapRequest(rotationId: string, overrides: Partial<RotationSwapRequest> = {}): RotationSwapRequest {
  return {
    id: randomUUID(),
    rotationId,
    requesterAadObjectId: `anna-${randomUUID()}`,
    partnerAadObjectId: `ben-${randomUUID()}`,
    date: '2026-12-01',
    reason: 'dentist at 10',
    approverAadObjectIds: ['manager-1', 'manager-2'],
    status: 'pending',
    requestedAt: '2026-11-30T08:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    comment: null,
    version: 1,
    ...overrides,
  };
}

async function publishedRotation(store: Store, people: string[]): Promise<StoredRotation> {
  const rotation: StoredRotation = {
    id: randomUUID(),
    siteId: 'S-swap',
    team: null,
    pattern: { kind: 'alternating_days' },
    critical: [],
    capPercent: 50,
    startDate: '2026-11-30',
    endDate: '2026-12-01',
    status: 'published',
    createdBy: 'manager-1',
    createdAt: '2026-11-20T08:00:00.000Z',
    publishedAt: '2026-11-20T09:00:00.000Z',
  };
  await store.rotations.insertRotation(
    rotation,
    people.flatMap((person, index) => [
      {
        aadObjectId: person,
        date: '2026-11-30',
        place: index % 2 ? 'home' : 'office',
        cohort: index % 2 ? 'B' : 'A',
      },
      {
        aadObjectId: person,
        date: '2026-12-01',
        place: index % 2 ? 'office' : 'home',
        cohort: index % 2 ? 'B' : 'A',
      },
    ]),
  );
  return rotation;
}

/** Swap requests of published rotations (issue 7): part of the store contract. */
export function describeRotationSwapContract(currentStore: () => Store): void {
  describe('rotation swap requests', () => {
    it('stores a request and reads it back, newest first, by person and by status', async () => {
      const store = currentStore();
      const rotationId = randomUUID();
      const older = swapRequest(rotationId, { date: null, reason: null });
      const newer = swapRequest(rotationId, {
        requestedAt: '2026-11-30T09:00:00.000Z',
        partnerAadObjectId: older.requesterAadObjectId,
        status: 'rejected',
        decidedBy: 'manager-1',
        decidedAt: '2026-11-30T10:00:00.000Z',
        comment: 'busy week',
        version: 2,
      });
      await store.swapRequests.insertSwapRequest(older);
      await store.swapRequests.insertSwapRequest(newer);
      expect(await store.swapRequests.findSwapRequest(older.id)).toEqual(older);
      expect(await store.swapRequests.findSwapRequest(randomUUID())).toBeNull();
      expect((await store.swapRequests.listSwapRequests({ rotationId })).map((r) => r.id)).toEqual([
        newer.id,
        older.id,
      ]);
      // As requester of one and partner of the other, the person sees both.
      const anna = older.requesterAadObjectId;
      expect(
        (await store.swapRequests.listSwapRequests({ rotationId, aadObjectId: anna })).map((r) => r.id),
      ).toEqual([newer.id, older.id]);
      expect(
        (
          await store.swapRequests.listSwapRequests({ rotationId, aadObjectId: newer.requesterAadObjectId })
        ).map((r) => r.id),
      ).toEqual([newer.id]);
      expect(
        (await store.swapRequests.listSwapRequests({ rotationId, status: 'pending' })).map((r) => r.id),
      ).toEqual([older.id]);
      expect(await store.swapRequests.listSwapRequests({ rotationId: randomUUID() })).toEqual([]);
    });

    it('writes a decision only against the version it was made from', async () => {
      const store = currentStore();
      const stored = swapRequest(randomUUID());
      await store.swapRequests.insertSwapRequest(stored);
      const approved = { ...stored, status: 'approved' as const, decidedBy: 'manager-1', version: 2 };
      const rejected = { ...stored, status: 'rejected' as const, decidedBy: 'manager-2', version: 2 };
      expect(await store.swapRequests.updateSwapRequest(approved, 1)).toBe(true);
      expect(await store.swapRequests.updateSwapRequest(rejected, 1)).toBe(false);
      expect(await store.swapRequests.findSwapRequest(stored.id)).toEqual(approved);
    });

    it('replaces the days of the two people only, and leaves the rotation as it was when held', async () => {
      const store = currentStore();
      const [anna, ben, carla] = ['anna', 'ben', 'carla'].map((name) => `${name}-${randomUUID()}`);
      const rotation = await publishedRotation(store, [anna!, ben!, carla!]);
      expect(await store.swapRequests.lockRotation(rotation.id)).toBe(true);
      expect(await store.swapRequests.lockRotation(randomUUID())).toBe(false);
      await store.swapRequests.replacePeopleAssignments(
        rotation.id,
        [anna!, ben!],
        [
          { aadObjectId: anna!, date: '2026-11-30', place: 'home', cohort: 'B' },
          { aadObjectId: anna!, date: '2026-12-01', place: 'office', cohort: 'B' },
          { aadObjectId: ben!, date: '2026-11-30', place: 'office', cohort: 'A' },
          { aadObjectId: ben!, date: '2026-12-01', place: 'home', cohort: 'A' },
        ],
      );
      const days = await store.rotations.assignmentsOf(rotation.id);
      const of = (person: string) =>
        days
          .filter((day) => day.aadObjectId === person)
          .map((day) => `${day.date}:${day.place}:${day.cohort}`);
      expect(of(anna!)).toEqual(['2026-11-30:home:B', '2026-12-01:office:B']);
      expect(of(ben!)).toEqual(['2026-11-30:office:A', '2026-12-01:home:A']);
      expect(of(carla!)).toEqual(['2026-11-30:office:A', '2026-12-01:home:A']);
      expect(await store.rotations.findRotation(rotation.id)).toEqual(rotation);
    });

    it('lets one of two transactions that hold the rotation decide; the other sees the decision', async () => {
      const store = currentStore();
      const rotation = await publishedRotation(store, [`dora-${randomUUID()}`]);
      const stored = swapRequest(rotation.id);
      await store.swapRequests.insertSwapRequest(stored);
      const decide = (by: string) =>
        store.transaction(async (repositories) => {
          await repositories.swapRequests.lockRotation(rotation.id);
          const current = await repositories.swapRequests.findSwapRequest(stored.id);
          if (current?.status !== 'pending') return 'saw the decision';
          const written = await repositories.swapRequests.updateSwapRequest(
            { ...current, status: 'approved', decidedBy: by, version: current.version + 1 },
            current.version,
          );
          return written ? 'decided' : 'lost a race it should not have run';
        });
      const outcomes = await Promise.all([decide('manager-1'), decide('manager-2')]);
      expect(outcomes.sort()).toEqual(['decided', 'saw the decision']);
      expect((await store.swapRequests.findSwapRequest(stored.id))?.version).toBe(2);
    });
  });
}
