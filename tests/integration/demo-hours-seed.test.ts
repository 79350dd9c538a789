import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER_AAD_OBJECT_ID } from '../../src/demo/demo-organisation.js';
import { DEMO_SEED_ACTOR, seedDemoHours } from '../../src/demo/seed-demo.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { openStore } from '../../src/storage/store.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';

/** Wednesday 20 May 2026, 09:00 in Zurich: the seed covers 1 April to 19 May. */
const NOW = '2026-05-20T07:00:00.000Z';

describe('the demo hours seed at start-up', () => {
  let crewdesk: CrewdeskUnderTest;

  beforeAll(async () => {
    crewdesk = await startCrewdeskForTest({ demoHours: true, clock: fixedClock(NOW) });
  }, 120_000);

  afterAll(async () => {
    await crewdesk?.stop();
  });

  it('is done before the server reports ready', async () => {
    expect(crewdesk.readiness.ready).toBe(true);
    expect((await fetch(`${crewdesk.baseUrl}/readyz`)).status).toBe(200);
  });

  it('holds the previous month’s hours of about 1,500 people, and nothing from today on', async () => {
    const april = await crewdesk.store.hours.listAllEntries('2026-04-01', '2026-04-30');
    expect(new Set(april.map((entry) => entry.aadObjectId)).size).toBeGreaterThan(1490);
    expect(april.some((entry) => entry.kind === 'absence')).toBe(true);
    const may = await crewdesk.store.hours.listAllEntries('2026-05-01', '2026-05-31');
    expect(may.length).toBeGreaterThan(10_000);
    expect(may.every((entry) => entry.date <= '2026-05-19')).toBe(true);
    const alex = await crewdesk.store.hours.listEntries(
      ALEX_WILBER_AAD_OBJECT_ID,
      '2026-05-18',
      '2026-05-24',
    );
    expect(alex).toEqual([]);
  });

  it('gives every entry its creation in the history, by the demo seed', async () => {
    const [entry] = await crewdesk.store.hours.listEntries(
      ALEX_WILBER_AAD_OBJECT_ID,
      '2026-04-01',
      '2026-04-30',
    );
    expect(entry).toBeDefined();
    expect(await crewdesk.store.hours.historyOf(entry!.id)).toEqual([
      expect.objectContaining({
        version: 1,
        change: 'create',
        changedBy: DEMO_SEED_ACTOR,
        changedAt: NOW,
        reason: 'demo data',
        before: null,
        after: entry,
      }),
    ]);
  });

  it('adds nothing when seeded again', async () => {
    const before = await crewdesk.store.hours.countEntries();
    expect(before).toBeGreaterThan(40_000);
    const again = await seedDemoHours(crewdesk.store, {
      today: '2026-05-20',
      createdAt: NOW,
      newId: randomUUID,
    });
    expect(again).toEqual({ seeded: false, reason: 'not_empty' });
    expect(await crewdesk.store.hours.countEntries()).toBe(before);
  });
});

describe('the demo hours seed on its own', () => {
  it('adds nothing to a database without the demo organisation', async () => {
    const store = openStore('sqlite::memory:');
    try {
      await store.migrate();
      const outcome = await seedDemoHours(store, { today: '2026-05-20', createdAt: NOW, newId: randomUUID });
      expect(outcome).toEqual({ seeded: false, reason: 'no_demo_organisation' });
      expect(await store.hours.countEntries()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
