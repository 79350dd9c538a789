import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, Site, Weekday } from '../../src/domain/directory/people.js';
import type { HoursEntry } from '../../src/domain/hours/hours-entry.js';
import type { StoredRotation } from '../../src/domain/rotation/rotation-ports.js';
import type { Ticket, TicketEvent } from '../../src/domain/support/ticket.js';
import type { Store } from '../../src/storage/store.js';
import { describeMonthClosingContract } from './month-closing-contract.js';
import { describeEquipmentContract } from './equipment-contract.js';
import { describeRotationSwapContract } from './rotation-swap-contract.js';
import { describeScheduleContract } from './schedule-contract.js';

export interface BackendUnderTest {
  name: string;
  /** A store on a fresh, empty database (not yet migrated). */
  open(): Promise<Store>;
  /** A second store on the suite's database (the first `open`): another process on the same data. */
  openAgain(): Promise<Store>;
  /** Removes what `open` created. */
  dispose?(): Promise<void>;
  /** Runs a statement on the suite's database behind the store's back (what an intruder could do). */
  runSql(statement: string): Promise<void>;
}

export function person(overrides: Partial<Person> = {}): Person {
  return {
    aadObjectId: overrides.aadObjectId ?? randomUUID(),
    displayName: 'Camille Rochat',
    email: 'camille.rochat@example.ch',
    team: 'Lausanne Flon',
    siteId: null,
    managerAadObjectId: null,
    roles: ['employee'],
    locale: 'fr-CH',
    ahvNumber: null,
    active: true,
    source: 'directory',
    ...overrides,
  };
}

const lausanne: Site = {
  id: 'S001',
  name: 'Lausanne Flon',
  canton: 'VD',
  kind: 'store',
  seats: 12,
  capPercent: 50,
  minStaff: 2,
  openDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

function workEntry(aadObjectId: string, date: string, minutes: number): HoursEntry {
  return {
    id: randomUUID(),
    aadObjectId,
    date,
    kind: 'work',
    minutes,
    startTime: null,
    endTime: null,
    breakMinutes: null,
    place: 'home',
    absenceKind: null,
    sourceActivityId: null,
    enteredBy: aadObjectId,
    createdAt: new Date().toISOString(),
    version: 1,
  };
}

/** The storage contract: every backend runs this same suite, so they cannot drift apart. */
export function describeStoreContract(backend: BackendUnderTest): void {
  describe(`Store contract on ${backend.name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await backend.open();
      await store.migrate();
    });

    afterAll(async () => {
      await store?.close();
      await backend.dispose?.();
    });

    describe('schema', () => {
      it('migrates idempotently and answers ping once migrated', async () => {
        await store.migrate();
        await expect(store.ping()).resolves.toBeUndefined();
      });

      it('fails ping on a database that was never migrated', async () => {
        const fresh = await backend.open();
        try {
          await expect(fresh.ping()).rejects.toThrow();
        } finally {
          await fresh.close();
        }
      });
    });

    describe('directory', () => {
      it('upserts sites by id and reads them back', async () => {
        await store.directory.upsertSites([lausanne]);
        await store.directory.upsertSites([{ ...lausanne, seats: 14, openDays: null }]);
        expect(await store.directory.findSite('S001')).toEqual({ ...lausanne, seats: 14, openDays: null });
        expect(await store.directory.findSite('nope')).toBeNull();
      });

      it('upserts people by id, keeping roles and odd ids intact', async () => {
        const oddId = '00000000-0000-0000-0000-0000000000020';
        await store.directory.upsertPeople([person({ aadObjectId: oddId, roles: ['manager', 'employee'] })]);
        await store.directory.upsertPeople([
          person({ aadObjectId: oddId, displayName: 'Alex Wilber', roles: ['manager'] }),
        ]);
        const stored = await store.directory.findPerson(oddId);
        expect(stored?.displayName).toBe('Alex Wilber');
        expect(stored?.roles).toEqual(['manager']);
      });

      it('inserts a person only when missing and returns the stored one', async () => {
        const id = randomUUID();
        const first = await store.directory.insertPersonIfMissing(
          person({ aadObjectId: id, displayName: 'First' }),
        );
        const second = await store.directory.insertPersonIfMissing(
          person({ aadObjectId: id, displayName: 'Second' }),
        );
        expect(first.displayName).toBe('First');
        expect(second.displayName).toBe('First');
      });

      it('creates exactly one person when many first contacts race', async () => {
        const id = randomUUID();
        await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            store.transaction(({ directory }) =>
              directory.insertPersonIfMissing(
                person({ aadObjectId: id, displayName: `Racer ${index}`, source: 'activity' }),
              ),
            ),
          ),
        );
        const all = await store.directory.listPeople({ includeInactive: true });
        expect(all.filter((candidate) => candidate.aadObjectId === id)).toHaveLength(1);
      });

      it('deactivates directory people not kept, never deletes them, and leaves chat newcomers alone', async () => {
        const kept = person();
        const leaving = person();
        const newcomer = person({ source: 'activity' });
        await store.directory.upsertPeople([kept, leaving, newcomer]);
        const everyone = await store.directory.listPeople({ includeInactive: true });
        const keep = new Set(
          everyone.filter((p) => p.aadObjectId !== leaving.aadObjectId).map((p) => p.aadObjectId),
        );
        const before = await store.directory.countPeople();

        const deactivated = await store.directory.deactivateDirectoryPeopleExcept(keep);

        expect(deactivated).toBe(1);
        expect(await store.directory.countPeople()).toBe(before - 1);
        expect((await store.directory.findPerson(leaving.aadObjectId))?.active).toBe(false);
        expect((await store.directory.findPerson(newcomer.aadObjectId))?.active).toBe(true);
        expect((await store.directory.listPeople()).some((p) => p.aadObjectId === leaving.aadObjectId)).toBe(
          false,
        );
      });

      it('keeps contract history and replaces a period that starts on the same day', async () => {
        const id = randomUUID();
        await store.directory.upsertContracts([
          {
            aadObjectId: id,
            validFrom: '2020-01-01',
            weeklyMinutes: 2520,
            workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
          },
          { aadObjectId: id, validFrom: '2026-06-01', weeklyMinutes: 1512, workDays: ['Mon', 'Tue', 'Wed'] },
        ]);
        await store.directory.upsertContracts([
          {
            aadObjectId: id,
            validFrom: '2026-06-01',
            weeklyMinutes: 2016,
            workDays: ['Mon', 'Tue', 'Wed', 'Thu'],
          },
        ]);
        expect(await store.directory.contractsOf(id)).toEqual([
          {
            aadObjectId: id,
            validFrom: '2020-01-01',
            weeklyMinutes: 2520,
            workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
          },
          {
            aadObjectId: id,
            validFrom: '2026-06-01',
            weeklyMinutes: 2016,
            workDays: ['Mon', 'Tue', 'Wed', 'Thu'],
          },
        ]);
      });

      it('reads a person with their contract periods in order and their site in one work profile', async () => {
        const geneva: Site = { ...lausanne, id: `S-${randomUUID()}`, name: 'Genève Rive', canton: 'GE' };
        await store.directory.upsertSites([geneva]);
        const worker = person({ siteId: geneva.id, roles: ['employee', 'manager'] });
        const newcomer = person({ siteId: 'no-such-site' });
        await store.directory.upsertPeople([worker, newcomer]);
        const later = {
          aadObjectId: worker.aadObjectId,
          validFrom: '2026-06-01',
          weeklyMinutes: 1512,
          workDays: ['Mon', 'Tue', 'Wed'] as Weekday[],
        };
        const earlier = {
          aadObjectId: worker.aadObjectId,
          validFrom: '2020-01-01',
          weeklyMinutes: 2520,
          workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as Weekday[],
        };
        await store.directory.upsertContracts([later, earlier]);

        expect(await store.directory.findWorkProfile(worker.aadObjectId)).toEqual({
          person: await store.directory.findPerson(worker.aadObjectId),
          contracts: [earlier, later],
          site: geneva,
        });
        expect(await store.directory.findWorkProfile(newcomer.aadObjectId)).toEqual({
          person: await store.directory.findPerson(newcomer.aadObjectId),
          contracts: [],
          site: null,
        });
        expect(await store.directory.findWorkProfile(randomUUID())).toBeNull();
      });

      it('upserts more people than fit in one statement', async () => {
        const many = Array.from({ length: 1_234 }, () => person());
        const before = await store.directory.countPeople({ includeInactive: true });
        await store.directory.upsertPeople(many);
        expect(await store.directory.countPeople({ includeInactive: true })).toBe(before + 1_234);
      });
    });

    describe('hours', () => {
      const addEntries = (...entries: HoursEntry[]) =>
        store.hours.addEntriesWithHistory(entries, 'contract-test', '2026-11-30T10:00:00.000Z', null);

      it('lists a person’s entries within an inclusive date range, in date order', async () => {
        const id = randomUUID();
        await addEntries(
          workEntry(id, '2026-11-24', 480),
          workEntry(id, '2026-11-23', 450),
          workEntry(id, '2026-11-30', 60),
          workEntry(randomUUID(), '2026-11-24', 300),
        );

        const listed = await store.hours.listEntries(id, '2026-11-23', '2026-11-29');

        expect(listed.map((entry) => [entry.date, entry.minutes])).toEqual([
          ['2026-11-23', 450],
          ['2026-11-24', 480],
        ]);
        expect(listed[0]?.place).toBe('home');
        expect(await store.hours.countEntries(id)).toBe(3);
      });

      it('lists the entries of the people named only, however many they are', async () => {
        const [first, second, other] = [randomUUID(), randomUUID(), randomUUID()];
        await addEntries(
          workEntry(first, '2026-11-24', 480),
          workEntry(second, '2026-11-25', 420),
          workEntry(second, '2026-12-01', 60),
          workEntry(other, '2026-11-24', 300),
        );
        // More names than one SQLite statement may bind: the list is read in chunks.
        const many = [...Array.from({ length: 1_200 }, () => randomUUID()), second, first];

        const listed = await store.hours.listEntriesOf(many, '2026-11-23', '2026-11-29');

        expect(listed.map((entry) => [entry.aadObjectId, entry.minutes]).sort()).toEqual(
          [
            [first, 480],
            [second, 420],
          ].sort(),
        );
        expect(await store.hours.listEntriesOf([], '2026-11-23', '2026-11-29')).toEqual([]);
      });
    });

    describe('hours history', () => {
      it('adds many entries with their creation in the history, in batches', async () => {
        const id = randomUUID();
        const entries = Array.from({ length: 1_203 }, (_, index) =>
          workEntry(id, `2026-${String((index % 12) + 1).padStart(2, '0')}-01`, 60),
        );
        await store.hours.addEntriesWithHistory(
          entries,
          'import:test.csv',
          '2026-11-28T10:00:00.000Z',
          'import',
        );
        expect(await store.hours.countEntries(id)).toBe(1_203);
        const history = await store.hours.historyOf(entries[700]!.id);
        expect(history).toEqual([
          expect.objectContaining({
            version: 1,
            change: 'create',
            changedBy: 'import:test.csv',
            reason: 'import',
          }),
        ]);
        expect(history[0]!.after).toEqual(entries[700]);
      });

      it('keeps a deleted entry out of listings but in the history', async () => {
        const id = randomUUID();
        const entry = workEntry(id, '2026-11-20', 120);
        await store.hours.addEntriesWithHistory([entry], id, '2026-11-20T10:00:00.000Z', null);
        await store.hours.addVersion({
          entryId: entry.id,
          aadObjectId: id,
          version: 2,
          change: 'delete',
          changedBy: id,
          changedAt: '2026-11-20T11:00:00.000Z',
          reason: 'undo',
          before: entry,
          after: null,
        });
        await store.hours.deleteEntry(entry.id, '2026-11-20T11:00:00.000Z');
        expect(await store.hours.listEntries(id, '2026-11-01', '2026-11-30')).toEqual([]);
        expect(await store.hours.findEntry(entry.id)).toBeNull();
        expect((await store.hours.historyOf(entry.id)).map((version) => version.change)).toEqual([
          'create',
          'delete',
        ]);
      });

      it('lists everybody’s entries of a period for reports', async () => {
        const first = randomUUID();
        const second = randomUUID();
        await store.hours.addEntriesWithHistory(
          [
            workEntry(first, '2031-03-02', 60),
            workEntry(second, '2031-03-03', 90),
            workEntry(second, '2031-04-01', 30),
          ],
          'contract-test',
          '2031-04-02T10:00:00.000Z',
          null,
        );
        const march = await store.hours.listAllEntries('2031-03-01', '2031-03-31');
        expect(march.map((entry) => entry.minutes).sort()).toEqual([60, 90]);
      });
    });

    describe('transactions', () => {
      it('rolls back every write of a failed transaction', async () => {
        const id = randomUUID();
        await expect(
          store.transaction(async ({ directory, hours }) => {
            await directory.insertPersonIfMissing(person({ aadObjectId: id }));
            await hours.addEntriesWithHistory(
              [workEntry(id, '2026-11-24', 480)],
              id,
              '2026-11-24T18:00:00.000Z',
              null,
            );
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.directory.findPerson(id)).toBeNull();
        expect(await store.hours.countEntries(id)).toBe(0);
      });
    });

    describe('activity ledger', () => {
      it('claims an activity once, and again only after a release', async () => {
        const key = `msteams|conv|${randomUUID()}`;
        expect(await store.activities.claim(key, 'conv')).toBe(true);
        expect(await store.activities.claim(key, 'conv')).toBe(false);
        await store.activities.release(key);
        expect(await store.activities.claim(key, 'conv')).toBe(true);
      });

      it('treats a finished turn as done for every process, and hands a dead process’s turn over once', async () => {
        const finished = `msteams|conv|${randomUUID()}`;
        const interrupted = `msteams|conv|${randomUUID()}`;
        expect(await store.activities.claim(finished, 'conv')).toBe(true);
        await store.activities.complete(finished);
        expect(await store.activities.claim(interrupted, 'conv')).toBe(true);
        // The process dies here; the same database is opened by a new process.
        const successor = await backend.openAgain();
        try {
          expect(await successor.activities.claim(finished, 'conv')).toBe(false);
          const takeovers = await Promise.all(
            [1, 2, 3].map(() => successor.activities.claim(interrupted, 'conv')),
          );
          expect(takeovers.filter(Boolean)).toHaveLength(1);
          await successor.activities.complete(interrupted);
          expect(await store.activities.claim(interrupted, 'conv')).toBe(false);
        } finally {
          await successor.close();
        }
      });

      it('lets exactly one of many concurrent claims of one activity win', async () => {
        const key = `msteams|conv|${randomUUID()}`;
        const outcomes = await Promise.all(
          Array.from({ length: 10 }, () => store.activities.claim(key, 'conv')),
        );
        expect(outcomes.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('bot state (botbuilder Storage contract)', () => {
      it('omits unknown keys on read', async () => {
        expect(await store.botState.read([`missing-${randomUUID()}`])).toEqual({});
        expect(await store.botState.read([])).toEqual({});
      });

      it('round-trips documents under keys with odd characters', async () => {
        const keys = [
          `msteams/conversations/a:1!@#$%^&*()_+{}|"<>?~\`'\\/${randomUUID()}`,
          `19:abc@thread.tacv2;messageid=123/${randomUUID()}`,
          `émoji 🎉 ключ ${randomUUID()}`,
          `${'x'.repeat(400)}-${randomUUID()}`,
        ];
        for (const key of keys) await store.botState.write({ [key]: { value: key, nested: { n: 1 } } });
        const read = await store.botState.read(keys);
        for (const key of keys) {
          expect(read[key]).toMatchObject({ value: key, nested: { n: 1 } });
          expect(typeof read[key]?.eTag).toBe('string');
        }
      });

      it('writes without eTag or with * unconditionally', async () => {
        const key = `state-${randomUUID()}`;
        await store.botState.write({ [key]: { count: 1 } });
        await store.botState.write({ [key]: { count: 2 } });
        await store.botState.write({ [key]: { count: 3, eTag: '*' } });
        expect((await store.botState.read([key]))[key]).toMatchObject({ count: 3 });
      });

      it('accepts a write with the current eTag and rejects one with a stale eTag', async () => {
        const key = `state-${randomUUID()}`;
        await store.botState.write({ [key]: { count: 1 } });
        const first = (await store.botState.read([key]))[key]!;
        await store.botState.write({ [key]: { ...first, count: 2 } });
        await expect(store.botState.write({ [key]: { ...first, count: 3 } })).rejects.toThrow(
          /eTag conflict/,
        );
        expect((await store.botState.read([key]))[key]).toMatchObject({ count: 2 });
      });

      it('lets exactly one of two writers holding the same eTag succeed', async () => {
        const key = `state-${randomUUID()}`;
        await store.botState.write({ [key]: { count: 0 } });
        const read = (await store.botState.read([key]))[key]!;
        const outcomes = await Promise.allSettled([
          store.botState.write({ [key]: { ...read, writer: 'a' } }),
          store.botState.write({ [key]: { ...read, writer: 'b' } }),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      });

      it('deletes keys and ignores unknown ones', async () => {
        const key = `state-${randomUUID()}`;
        await store.botState.write({ [key]: { count: 1 } });
        await store.botState.delete([key, `missing-${randomUUID()}`]);
        expect(await store.botState.read([key])).toEqual({});
      });
    });
    describe('rotations', () => {
      const rotation = (overrides: Partial<StoredRotation> = {}): StoredRotation => ({
        id: randomUUID(),
        siteId: 'S001',
        team: null,
        pattern: { kind: 'alternating_days' },
        critical: ['critical-person'],
        capPercent: 50,
        startDate: '2026-11-23',
        endDate: '2026-11-29',
        status: 'draft',
        createdBy: 'manager',
        createdAt: new Date().toISOString(),
        publishedAt: null,
        ...overrides,
      });

      it('stores a rotation with its assignments and reads them back', async () => {
        const stored = rotation();
        const person = `p-${randomUUID()}`;
        await store.rotations.insertRotation(stored, [
          { aadObjectId: person, date: '2026-11-23', place: 'store', cohort: 'A' },
          { aadObjectId: person, date: '2026-11-24', place: 'home', cohort: 'A' },
          { aadObjectId: person, date: '2026-11-29', place: 'off', cohort: null },
        ]);
        expect(await store.rotations.findRotation(stored.id)).toEqual(stored);
        expect(await store.rotations.assignmentsOf(stored.id)).toEqual([
          { aadObjectId: person, date: '2026-11-23', place: 'store', cohort: 'A' },
          { aadObjectId: person, date: '2026-11-24', place: 'home', cohort: 'A' },
          { aadObjectId: person, date: '2026-11-29', place: 'off', cohort: null },
        ]);
        expect(await store.rotations.findRotation(randomUUID())).toBeNull();
        const listed = await store.rotations.listRotations({
          siteId: 'S001',
          from: '2026-11-29',
          to: '2026-12-05',
        });
        expect(listed.map((r) => r.id)).toContain(stored.id);
        expect(
          (await store.rotations.listRotations({ siteId: 'S001', from: '2026-11-30', to: '2026-12-05' })).map(
            (r) => r.id,
          ),
        ).not.toContain(stored.id);
      });

      it('replaces assignments, publishes, and lets the rotation published last win a day', async () => {
        const person = `p-${randomUUID()}`;
        const first = rotation();
        const second = rotation({ startDate: '2026-11-24', endDate: '2026-11-24' });
        await store.rotations.insertRotation(first, [
          { aadObjectId: person, date: '2026-11-23', place: 'home', cohort: 'B' },
          { aadObjectId: person, date: '2026-11-24', place: 'home', cohort: 'B' },
        ]);
        await store.rotations.insertRotation(second, [
          { aadObjectId: person, date: '2026-11-24', place: 'home', cohort: 'A' },
        ]);
        expect(
          await store.rotations.publishedDays({
            aadObjectIds: [person],
            from: '2026-11-01',
            to: '2026-11-30',
          }),
        ).toEqual([]);
        await store.rotations.replaceAssignments(second.id, [
          { aadObjectId: person, date: '2026-11-24', place: 'store', cohort: 'A' },
        ]);
        await store.rotations.markPublished(first.id, '2026-11-20T08:00:00.000Z');
        await store.rotations.markPublished(second.id, '2026-11-21T08:00:00.000Z');
        expect((await store.rotations.findRotation(second.id))?.status).toBe('published');
        expect(
          await store.rotations.publishedDays({
            aadObjectIds: [person],
            from: '2026-11-01',
            to: '2026-11-30',
          }),
        ).toEqual([
          { rotationId: first.id, aadObjectId: person, date: '2026-11-23', place: 'home', cohort: 'B' },
          { rotationId: second.id, aadObjectId: person, date: '2026-11-24', place: 'store', cohort: 'A' },
        ]);
        const everybody = await store.rotations.publishedDays({ from: '2026-11-24', to: '2026-11-24' });
        expect(everybody.filter((day) => day.aadObjectId === person)).toHaveLength(1);
      });

      it('creates one calendar token per person and finds its owner', async () => {
        const person = `p-${randomUUID()}`;
        const token = await store.rotations.calendarToken(person, () => `t-${randomUUID()}`);
        expect(await store.rotations.calendarToken(person, () => 'another')).toBe(token);
        expect(await store.rotations.calendarTokenOwner(token)).toBe(person);
        expect(await store.rotations.calendarTokenOwner('unknown')).toBeNull();
      });
    });

    describe('outbound messages', () => {
      const message = (overrides: Record<string, unknown> = {}) => ({
        id: randomUUID() as string,
        recipientKey: `person-${randomUUID()}`,
        idempotencyKey: `test:${randomUUID()}`,
        category: 'reminder' as const,
        payload: { kind: 'text' as const, text: 'Bonjour' },
        locale: 'fr-CH',
        createdAt: '2026-11-26T16:30:00.000Z',
        notBefore: '2026-11-26T16:30:00.000Z',
        ...overrides,
      });
      const claim = (workerId: string, now: string, limit = 1000) =>
        store.outbound.claimDue({ workerId, now, leaseUntil: '2026-11-26T16:32:00.000Z', limit });

      it('queues a message once per idempotency key', async () => {
        const first = message();
        expect(await store.outbound.enqueue(first)).toBe(true);
        expect(await store.outbound.enqueue({ ...first, id: randomUUID() })).toBe(false);
        expect(await store.outbound.findByIdempotencyKey(first.idempotencyKey)).toMatchObject({
          id: first.id,
          status: 'queued',
          attempts: 0,
          payload: first.payload,
          locale: 'fr-CH',
        });
        const known = await store.outbound.knownIdempotencyKeys([first.idempotencyKey, 'test:unknown']);
        expect([...known]).toEqual([first.idempotencyKey]);
      });

      it('queues many messages at once, each once per idempotency key', async () => {
        // Never due for the other tests' workers.
        const later = { notBefore: '2199-01-01T00:00:00.000Z' };
        const known = message(later);
        await store.outbound.enqueue(known);
        // More than one chunk of rows; a known key and a key given twice among them.
        const batch = Array.from({ length: 450 }, (_, index) =>
          message({ ...later, payload: { kind: 'text' as const, text: `Bonjour ${index}` } }),
        );
        const twice = message({ ...later, idempotencyKey: batch[7]!.idempotencyKey });
        const inserted = await store.outbound.enqueueMany([
          ...batch.slice(0, 300),
          { ...known, id: randomUUID() },
          twice,
          ...batch.slice(300),
        ]);
        expect(inserted).toEqual(new Set(batch.map((job) => job.idempotencyKey)));
        expect(await store.outbound.findByIdempotencyKey(batch[449]!.idempotencyKey)).toMatchObject({
          id: batch[449]!.id,
          status: 'queued',
          attempts: 0,
          payload: { kind: 'text', text: 'Bonjour 449' },
          nextAttemptAt: later.notBefore,
          locale: 'fr-CH',
        });
        // The first of the two with one key is kept; the known message is unchanged.
        expect((await store.outbound.findByIdempotencyKey(batch[7]!.idempotencyKey))?.id).toBe(batch[7]!.id);
        expect((await store.outbound.findByIdempotencyKey(known.idempotencyKey))?.id).toBe(known.id);
        expect(await store.outbound.enqueueMany(batch)).toEqual(new Set());
        expect(await store.outbound.enqueueMany([])).toEqual(new Set());
      });

      it('hands each due job to exactly one of several workers racing for it', async () => {
        const now = '2099-01-01T00:00:00.000Z';
        const queued = Array.from({ length: 20 }, () => message({ notBefore: '2099-01-01T00:00:00.000Z' }));
        for (const job of queued) await store.outbound.enqueue(job);
        const claims = await Promise.all(
          ['a', 'b', 'c', 'd'].map((worker) =>
            store.outbound.claimDue({
              workerId: worker,
              now,
              leaseUntil: '2099-01-01T00:02:00.000Z',
              limit: 7,
            }),
          ),
        );
        const ids = claims.flat().map((job) => job.id);
        const mine = new Set(queued.map((job) => job.id));
        const claimedOfMine = ids.filter((id) => mine.has(id));
        expect(new Set(claimedOfMine).size).toBe(claimedOfMine.length);
        expect(claimedOfMine.length).toBe(20);
        expect(claims.flat().every((job) => job.attempts === 1)).toBe(true);
        // Leased: nothing more until the lease ends.
        expect(
          (await store.outbound.claimDue({ workerId: 'e', now, leaseUntil: now, limit: 100 })).filter((job) =>
            mine.has(job.id),
          ),
        ).toEqual([]);
        for (const [index, claimed] of claims.entries())
          for (const job of claimed) await store.outbound.markSent(job.id, ['a', 'b', 'c', 'd'][index]!, now);
      });

      it('records sent, retrying and failed, only for the worker holding the job', async () => {
        const [sent, retried, failed] = [message(), message(), message()];
        for (const job of [sent, retried, failed]) await store.outbound.enqueue(job);
        const claimed = (await claim('w1', '2026-11-26T16:30:00.000Z')).filter((job) =>
          [sent.id, retried.id, failed.id].includes(job.id),
        );
        expect(claimed).toHaveLength(3);
        expect(await store.outbound.markSent(sent.id, 'someone-else', '2026-11-26T16:30:01.000Z')).toBe(
          false,
        );
        expect(await store.outbound.markSent(sent.id, 'w1', '2026-11-26T16:30:01.000Z')).toBe(true);
        await store.outbound.markRetrying(retried.id, 'w1', {
          nextAttemptAt: '2026-11-26T16:31:00.000Z',
          error: 'throttled: HTTP 429',
        });
        await store.outbound.markFailed(failed.id, 'w1', 'bot_blocked: HTTP 403');
        expect(await store.outbound.findByIdempotencyKey(sent.idempotencyKey)).toMatchObject({
          status: 'sent',
          sentAt: '2026-11-26T16:30:01.000Z',
        });
        expect(await store.outbound.findByIdempotencyKey(failed.idempotencyKey)).toMatchObject({
          status: 'failed',
          lastError: 'bot_blocked: HTTP 403',
        });
        // Not before its next attempt; then again, as attempt 2.
        const early = await claim('w2', '2026-11-26T16:30:30.000Z');
        expect(early.map((job) => job.id)).not.toContain(retried.id);
        const again = (await claim('w2', '2026-11-26T16:31:00.000Z')).find((job) => job.id === retried.id);
        expect(again).toMatchObject({ status: 'retrying', attempts: 2, lastError: 'throttled: HTTP 429' });
        await store.outbound.release(retried.id, 'w2');
        expect(await store.outbound.findByIdempotencyKey(retried.idempotencyKey)).toMatchObject({
          attempts: 1,
        });
      });

      it('lists deliveries by status, newest first, and counts them', async () => {
        const failed = await store.outbound.listDeliveries({ status: 'failed', limit: 10 });
        expect(failed.length).toBeGreaterThan(0);
        expect(failed.every((job) => job.status === 'failed')).toBe(true);
        const counts = await store.outbound.countByStatus();
        expect(Object.keys(counts).sort()).toEqual(['failed', 'queued', 'retrying', 'sent']);
        expect(counts.failed).toBe(failed.length);
      });

      it('keeps conversation references and the learnt time zone', async () => {
        const key = `aad-${randomUUID()}`;
        const reference = {
          serviceUrl: 'https://smba.example/',
          conversation: { id: 'a:1' },
          channelId: 'msteams',
        };
        const saved = {
          key,
          reference,
          tenantId: 'tenant',
          scope: 'personal' as const,
          timeZone: 'Europe/Zurich',
          updatedAt: '2026-11-26T16:30:00.000Z',
        };
        await store.outbound.saveConversation(saved);
        await store.outbound.saveConversation({
          ...saved,
          timeZone: null,
          updatedAt: '2026-11-27T08:00:00.000Z',
        });
        expect(await store.outbound.findConversation(key)).toEqual({
          ...saved,
          updatedAt: '2026-11-27T08:00:00.000Z',
        });
        expect(await store.outbound.listPersonalConversations()).toContainEqual({
          key,
          timeZone: 'Europe/Zurich',
        });
        expect(await store.outbound.findConversation('missing')).toBeNull();
      });

      it('stores reminder snoozes and opt-outs', async () => {
        const id = `aad-${randomUUID()}`;
        await store.outbound.snoozeReminders(id, '2026-11-26T17:30:00.000Z');
        expect(await store.outbound.reminderPreferences()).toContainEqual({
          aadObjectId: id,
          snoozedUntil: '2026-11-26T17:30:00.000Z',
          optedOut: false,
        });
        await store.outbound.setRemindersOptOut(id, true);
        expect(await store.outbound.reminderPreferences()).toContainEqual({
          aadObjectId: id,
          snoozedUntil: null,
          optedOut: true,
        });
      });
    });

    describe('support tickets and queues', () => {
      const ticketOf = (overrides: Partial<Ticket> = {}): Ticket => ({
        id: randomUUID(),
        number: 1,
        category: 'connectivity',
        problem: 'vpn_blocked',
        summary: 'my VPN does not connect',
        requesterAadObjectId: `aad-${randomUUID()}`,
        requesterName: 'Camille Rochat',
        requesterLocale: 'fr-CH',
        reporterAadObjectId: 'reporter',
        siteId: 'S001',
        canton: 'VD',
        triage: { provider: 'Free', hotspotWorks: 'yes', impact: 'cant_work' },
        priority: 'urgent',
        status: 'new',
        assigneeAadObjectId: null,
        queueConversationId: '19:queue@thread.tacv2',
        personRequested: false,
        createdAt: '2026-11-26T08:00:00.000Z',
        updatedAt: '2026-11-26T08:00:00.000Z',
        firstAnswerDueAt: '2026-11-26T09:00:00.000Z',
        firstAnsweredAt: null,
        resolvedAt: null,
        version: 1,
        sourceKey: `form-${randomUUID()}`,
        escalatedAt: null,
        ...overrides,
      });
      const opened = (ticket: Ticket): TicketEvent => ({
        ticketId: ticket.id,
        version: 1,
        action: 'opened',
        actorAadObjectId: ticket.reporterAadObjectId,
        at: ticket.createdAt,
        note: null,
      });

      it('stores a ticket once per source key, numbered, with its history', async () => {
        const number = await store.support.nextTicketNumber();
        const ticket = ticketOf({ number });
        expect(await store.support.insertTicket(ticket, opened(ticket))).toBe(true);
        const again = ticketOf({ number: number + 1, sourceKey: ticket.sourceKey });
        expect(await store.support.insertTicket(again, opened(again))).toBe(false);
        expect(await store.support.findTicket(ticket.id)).toEqual(ticket);
        expect(await store.support.findTicketBySourceKey(ticket.sourceKey)).toEqual(ticket);
        expect(await store.support.nextTicketNumber()).toBe(number + 1);
        expect(await store.support.ticketEvents(ticket.id)).toEqual([opened(ticket)]);
      });

      it('numbers tickets opened at the same moment one after the other, none refused', async () => {
        const openOne = () =>
          store.transaction(async ({ support }) => {
            const ticket = ticketOf({ number: await support.nextTicketNumber() });
            expect(await support.insertTicket(ticket, opened(ticket))).toBe(true);
            return ticket.number;
          });
        const numbers = await Promise.all(Array.from({ length: 6 }, openOne));
        expect(new Set(numbers).size).toBe(6);
      });

      it('updates a ticket only from the version it was read at', async () => {
        const ticket = ticketOf({ number: await store.support.nextTicketNumber() });
        await store.support.insertTicket(ticket, opened(ticket));
        const assigned = {
          ...ticket,
          status: 'assigned' as const,
          assigneeAadObjectId: 'agent-a',
          version: 2,
        };
        const event: TicketEvent = {
          ticketId: ticket.id,
          version: 2,
          action: 'assigned',
          actorAadObjectId: 'agent-a',
          at: '2026-11-26T08:05:00.000Z',
          note: null,
        };
        const [first, second] = await Promise.all([
          store.support.updateTicket(assigned, 1, event),
          store.support.updateTicket({ ...assigned, assigneeAadObjectId: 'agent-b' }, 1, {
            ...event,
            actorAadObjectId: 'agent-b',
          }),
        ]);
        expect([first, second].filter(Boolean)).toHaveLength(1);
        const stored = await store.support.findTicket(ticket.id);
        expect(stored?.version).toBe(2);
        expect(await store.support.ticketEvents(ticket.id)).toHaveLength(2);
      });

      it('lists tickets by requester, status and site, newest first', async () => {
        const requester = `aad-${randomUUID()}`;
        const older = ticketOf({
          number: await store.support.nextTicketNumber(),
          requesterAadObjectId: requester,
          createdAt: '2026-11-20T08:00:00.000Z',
        });
        await store.support.insertTicket(older, opened(older));
        const newer = ticketOf({
          number: await store.support.nextTicketNumber(),
          requesterAadObjectId: requester,
          status: 'resolved',
          siteId: 'S999',
        });
        await store.support.insertTicket(newer, opened(newer));
        const mine = await store.support.listTickets({ requesterAadObjectId: requester, limit: 10 });
        expect(mine.map((ticket) => ticket.id)).toEqual([newer.id, older.id]);
        const resolved = await store.support.listTickets({ status: 'resolved', siteId: 'S999', limit: 10 });
        expect(resolved.map((ticket) => ticket.id)).toContain(newer.id);
        expect(resolved.map((ticket) => ticket.id)).not.toContain(older.id);
      });

      it('registers and unregisters queue channels', async () => {
        const channel = `19:${randomUUID()}@thread.tacv2`;
        await store.support.saveQueue({
          conversationId: channel,
          category: 'connectivity',
          registeredBy: 'agent',
          registeredAt: '2026-11-26T08:00:00.000Z',
          locale: 'de-CH',
        });
        await store.support.saveQueue({
          conversationId: channel,
          category: 'connectivity',
          registeredBy: 'agent-2',
          registeredAt: '2026-11-26T09:00:00.000Z',
          locale: 'fr-CH',
        });
        const queues = (await store.support.listQueues()).filter((queue) => queue.conversationId === channel);
        expect(queues).toEqual([
          {
            conversationId: channel,
            category: 'connectivity',
            registeredBy: 'agent-2',
            registeredAt: '2026-11-26T09:00:00.000Z',
            locale: 'fr-CH',
          },
        ]);
        expect(await store.support.removeQueues(channel)).toBe(1);
        expect((await store.support.listQueues()).some((queue) => queue.conversationId === channel)).toBe(
          false,
        );
      });
    });

    describeMonthClosingContract(
      () => store,
      (statement) => backend.runSql(statement),
    );

    describeEquipmentContract(() => store);

    describeRotationSwapContract(() => store);

    describeScheduleContract(() => store);
  });
}
