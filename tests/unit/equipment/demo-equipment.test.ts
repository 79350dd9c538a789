import { describe, expect, it } from 'vitest';
import { generateDemoEquipment } from '../../../src/demo/demo-equipment.js';
import { featuredDemoPeople, generateDemoOrganisation } from '../../../src/demo/demo-organisation.js';
import { HEAD_OFFICE } from '../../../src/demo/swiss-towns.js';

describe('demo equipment', () => {
  const organisation = generateDemoOrganisation();
  let counter = 0;
  const demo = generateDemoEquipment({
    people: organisation.people,
    sites: organisation.sites,
    createdAt: '2026-11-26T09:00:00.000Z',
    newId: () => `id-${++counter}`,
    firstNumber: 1,
  });

  it('has head-office laptops held and a request at every step', () => {
    const laptopsHeld = demo.filter(
      ({ request }) => request.kind === 'laptop' && request.status === 'received',
    );
    expect(laptopsHeld.length).toBe(30);
    const byId = new Map(organisation.people.map((person) => [person.aadObjectId, person]));
    expect(
      laptopsHeld.every(({ request }) => byId.get(request.requesterAadObjectId)?.siteId === HEAD_OFFICE.id),
    ).toBe(true);
    expect(new Set(demo.map(({ request }) => request.status))).toEqual(
      new Set(['received', 'pending_approval', 'approved', 'ordered', 'shipped', 'rejected', 'returned']),
    );
  });

  it('gives every request the history its version says, and leaves the featured people alone', () => {
    for (const { request, events } of demo) {
      expect(events.map((event) => event.version)).toEqual(
        Array.from({ length: request.version }, (_, i) => i + 1),
      );
      expect(events[0]!.action).toBe('requested');
    }
    const featured = new Set(featuredDemoPeople(organisation));
    expect(demo.some(({ request }) => featured.has(request.requesterAadObjectId))).toBe(false);
    expect(new Set(demo.map(({ request }) => request.number)).size).toBe(demo.length);
    expect(new Set(demo.map(({ request }) => request.sourceKey)).size).toBe(demo.length);
  });
});
