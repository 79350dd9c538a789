import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AbsenceKind, HoursEntry } from '../../src/domain/hours/hours-entry.js';
import type { StoredRotation } from '../../src/domain/rotation/rotation-ports.js';
import type { Store } from '../../src/storage/store.js';
import { aPerson, anHoursEntry } from '../support/records.js';

/**
 * What the schedules read (issue 8): a team's or a site's people, everyone below a manager in one
 * query, the roster of the whole organisation, some people's contracts, and day summaries of
 * hours. The suite's database is shared with the other contract tests, so every test makes its
 * own team, site, people and dates.
 */
const someone = aPerson;

const entry = (
  aadObjectId: string,
  date: string,
  kind: 'work' | 'absence',
  minutes: number,
  overrides: Partial<HoursEntry> = {},
): HoursEntry => anHoursEntry({ aadObjectId, date, kind, minutes, ...overrides });

const ids = (people: readonly { aadObjectId: string }[]) => people.map((person) => person.aadObjectId).sort();

export function describeScheduleContract(currentStore: () => Store): void {
  describe('schedule reads', () => {
    it('reads the active people of a team, of a site, of both, and nobody for an empty filter', async () => {
      const store = currentStore();
      const team = `team-${randomUUID()}`;
      const site = `site-${randomUUID()}`;
      const inTeamAndSite = someone({ team, siteId: site, displayName: 'Zoé Aebi' });
      const inTeamElsewhere = someone({ team, siteId: `other-${randomUUID()}`, displayName: 'Ana Bühler' });
      const onSiteOtherTeam = someone({ team: `other-${randomUUID()}`, siteId: site });
      const gone = someone({ team, siteId: site, active: false });
      await store.directory.upsertPeople([inTeamAndSite, inTeamElsewhere, onSiteOtherTeam, gone]);

      const ofTeam = await store.directory.listPeopleWhere({ team });
      expect(ofTeam.map((person) => person.aadObjectId)).toEqual([
        inTeamElsewhere.aadObjectId,
        inTeamAndSite.aadObjectId,
      ]);
      expect(ofTeam[1]).toEqual(inTeamAndSite);
      expect(ids(await store.directory.listPeopleWhere({ siteId: site }))).toEqual(
        ids([inTeamAndSite, onSiteOtherTeam]),
      );
      expect(ids(await store.directory.listPeopleWhere({ team, siteId: site }))).toEqual(
        ids([inTeamAndSite]),
      );
      expect(await store.directory.listPeopleWhere({})).toEqual([]);
    });

    it('reads everyone below a manager in one query: inactive people too, as deep as asked, a cycle once', async () => {
      const store = currentStore();
      const top = someone({ roles: ['manager'] });
      const lead = someone({ managerAadObjectId: top.aadObjectId, roles: ['manager'] });
      // A manager who left: their report is still below the top manager (managesPerson agrees).
      const departed = someone({ managerAadObjectId: lead.aadObjectId, active: false });
      const leftBehind = someone({ managerAadObjectId: departed.aadObjectId });
      // A cycle slipped into the data: two people managing each other, under the lead.
      const loopA = someone({ managerAadObjectId: lead.aadObjectId });
      const loopB = someone({ managerAadObjectId: loopA.aadObjectId });
      const stranger = someone({ managerAadObjectId: `nobody-${randomUUID()}` });
      await store.directory.upsertPeople([top, lead, departed, leftBehind, loopA, loopB, stranger]);
      await store.directory.upsertPeople([{ ...loopA, managerAadObjectId: loopB.aadObjectId }]);
      // loopA now reports to loopB and loopB to loopA: reachable from nobody but each other.
      const below = await store.directory.listPeopleBelow(top.aadObjectId, 12);
      expect(ids(below)).toEqual(ids([lead, departed, leftBehind]));
      expect(below.find((person) => person.aadObjectId === departed.aadObjectId)?.active).toBe(false);

      expect(ids(await store.directory.listPeopleBelow(top.aadObjectId, 2))).toEqual(ids([lead, departed]));
      expect(ids(await store.directory.listPeopleBelow(top.aadObjectId, 1))).toEqual(ids([lead]));
      expect(await store.directory.listPeopleBelow(top.aadObjectId, 0)).toEqual([]);
      // In a cycle each person is below the other, never below themself, and the query ends.
      expect(ids(await store.directory.listPeopleBelow(loopA.aadObjectId, 12))).toEqual(ids([loopB]));
      expect(await store.directory.listPeopleBelow(stranger.aadObjectId, 12)).toEqual([]);
    });

    it('reads the roster: each active person’s id, name, team and site', async () => {
      const store = currentStore();
      const site = `site-${randomUUID()}`;
      const here = someone({ team: 'Roster', siteId: site, displayName: 'Lia Roth', roles: ['manager'] });
      const gone = someone({ team: 'Roster', siteId: site, active: false });
      await store.directory.upsertPeople([here, gone]);
      const roster = await store.directory.listRoster();
      expect(roster.filter((person) => person.siteId === site)).toEqual([
        { aadObjectId: here.aadObjectId, displayName: 'Lia Roth', team: 'Roster', siteId: site },
      ]);
      expect(roster).toHaveLength(await store.directory.countPeople());
    });

    it('reads the contract periods of the people named only, however many they are', async () => {
      const store = currentStore();
      const [first, second, other] = [randomUUID(), randomUUID(), randomUUID()];
      await store.directory.upsertContracts([
        { aadObjectId: first, validFrom: '2026-06-01', weeklyMinutes: 1260, workDays: ['Mon', 'Tue', 'Wed'] },
        { aadObjectId: first, validFrom: '2020-01-01', weeklyMinutes: 2520, workDays: [] },
        { aadObjectId: second, validFrom: '2021-03-01', weeklyMinutes: 2016, workDays: ['Mon'] },
        { aadObjectId: other, validFrom: '2021-03-01', weeklyMinutes: 2016, workDays: [] },
      ]);
      // More names than one SQLite statement may bind: the list is read in chunks.
      const many = [...Array.from({ length: 1_100 }, () => randomUUID()), second, first];
      const contracts = await store.directory.listContractsOf(many);
      expect(contracts.filter((contract) => contract.aadObjectId === first)).toEqual([
        { aadObjectId: first, validFrom: '2020-01-01', weeklyMinutes: 2520, workDays: [] },
        { aadObjectId: first, validFrom: '2026-06-01', weeklyMinutes: 1260, workDays: ['Mon', 'Tue', 'Wed'] },
      ]);
      expect(contracts.map((contract) => contract.aadObjectId).sort()).toEqual([first, first, second].sort());
      expect(await store.directory.listContractsOf([])).toEqual([]);
    });

    it('sums each day’s work, names its absence, and leaves out deleted entries, other people and other days', async () => {
      const store = currentStore();
      const [anna, ben, other] = [randomUUID(), randomUUID(), randomUUID()];
      const deleted = entry(anna, '2033-02-08', 'work', 999);
      await store.hours.addEntriesWithHistory(
        [
          entry(anna, '2033-02-07', 'work', 240),
          entry(anna, '2033-02-07', 'work', 225),
          entry(anna, '2033-02-08', 'absence', 252, { absenceKind: 'sick' }),
          entry(anna, '2033-02-08', 'work', 250),
          deleted,
          entry(anna, '2033-02-14', 'work', 60),
          entry(ben, '2033-02-09', 'absence', 504),
          entry(other, '2033-02-07', 'work', 480),
        ],
        'test',
        '2033-02-14T08:00:00.000Z',
        null,
      );
      await store.hours.deleteEntry(deleted.id, '2033-02-14T09:00:00.000Z');

      const days = await store.hours.daySummaries({
        aadObjectIds: [...Array.from({ length: 700 }, () => randomUUID()), anna, ben],
        from: '2033-02-07',
        to: '2033-02-13',
      });
      const byDay = (a: { aadObjectId: string; date: string }, b: { aadObjectId: string; date: string }) =>
        `${a.aadObjectId}${a.date}`.localeCompare(`${b.aadObjectId}${b.date}`);
      expect(days.sort(byDay)).toEqual(
        [
          { aadObjectId: anna, date: '2033-02-07', workedMinutes: 465, absenceKind: null },
          { aadObjectId: anna, date: '2033-02-08', workedMinutes: 250, absenceKind: 'sick' },
          { aadObjectId: ben, date: '2033-02-09', workedMinutes: 0, absenceKind: 'vacation' },
        ].sort(byDay),
      );

      const everybody = await store.hours.daySummaries({ from: '2033-02-07', to: '2033-02-07' });
      expect(everybody.filter((day) => day.aadObjectId === other)).toEqual([
        { aadObjectId: other, date: '2033-02-07', workedMinutes: 480, absenceKind: null },
      ]);
      expect(
        await store.hours.daySummaries({ aadObjectIds: [], from: '2033-02-07', to: '2033-02-13' }),
      ).toEqual([]);
    });

    it('reads published days of many people and rotations: the one published last wins, a null cohort stays null', async () => {
      const store = currentStore();
      const rotation = (publishedAt: string | null, id = randomUUID()): StoredRotation => ({
        id,
        siteId: `site-${randomUUID()}`,
        team: null,
        pattern: { kind: 'alternating_days' },
        critical: [],
        capPercent: 50,
        startDate: '2034-01-02',
        endDate: '2034-01-08',
        status: 'draft',
        createdBy: 'manager',
        createdAt: '2033-12-01T08:00:00.000Z',
        publishedAt,
      });
      const [early, late, draft] = [
        rotation('2033-12-01T08:00:00.000Z'),
        rotation('2033-12-02T08:00:00.000Z'),
        rotation(null),
      ];
      // Same publishing instant: the id decides, the same way every time.
      const tieLow = rotation('2033-12-03T08:00:00.000Z', `00000000-${randomUUID()}`);
      const tieHigh = rotation('2033-12-03T08:00:00.000Z', `ffffffff-${randomUUID()}`);
      const [ida, jon] = [randomUUID(), randomUUID()];
      await store.rotations.insertRotation(early, [
        { aadObjectId: ida, date: '2034-01-02', place: 'store', cohort: 'A' },
        { aadObjectId: ida, date: '2034-01-03', place: 'home', cohort: 'A' },
        { aadObjectId: ida, date: '2034-01-07', place: 'off', cohort: null },
        { aadObjectId: jon, date: '2034-01-02', place: 'home', cohort: 'B' },
        { aadObjectId: jon, date: '2034-01-09', place: 'store', cohort: 'B' },
      ]);
      await store.rotations.insertRotation(late, [
        { aadObjectId: ida, date: '2034-01-03', place: 'store', cohort: 'C' },
      ]);
      await store.rotations.insertRotation(draft, [
        { aadObjectId: ida, date: '2034-01-02', place: 'home', cohort: 'D' },
      ]);
      await store.rotations.insertRotation(tieHigh, [
        { aadObjectId: jon, date: '2034-01-04', place: 'store', cohort: 'High' },
      ]);
      await store.rotations.insertRotation(tieLow, [
        { aadObjectId: jon, date: '2034-01-04', place: 'home', cohort: 'Low' },
      ]);
      // Published in another order than created and than their ids.
      for (const stored of [tieLow, late, early, tieHigh])
        await store.rotations.markPublished(stored.id, stored.publishedAt!);

      const expected = [
        { rotationId: early.id, aadObjectId: ida, date: '2034-01-02', place: 'store', cohort: 'A' },
        { rotationId: late.id, aadObjectId: ida, date: '2034-01-03', place: 'store', cohort: 'C' },
        { rotationId: early.id, aadObjectId: ida, date: '2034-01-07', place: 'off', cohort: null },
        { rotationId: early.id, aadObjectId: jon, date: '2034-01-02', place: 'home', cohort: 'B' },
        { rotationId: tieHigh.id, aadObjectId: jon, date: '2034-01-04', place: 'store', cohort: 'High' },
      ].sort((a, b) => (a.aadObjectId < b.aadObjectId ? -1 : a.aadObjectId > b.aadObjectId ? 1 : 0));
      const range = { from: '2034-01-02', to: '2034-01-08' };
      expect(await store.rotations.publishedDays({ aadObjectIds: [ida, jon], ...range })).toEqual(expected);
      // More names than one statement binds: read for everybody, then kept for those named.
      const many = [...Array.from({ length: 600 }, () => randomUUID()), jon, ida];
      expect(await store.rotations.publishedDays({ aadObjectIds: many, ...range })).toEqual(expected);
      const everybody = await store.rotations.publishedDays(range);
      expect(everybody.filter((day) => day.aadObjectId === ida || day.aadObjectId === jon)).toEqual(expected);
      const keys = everybody.map((day) => `${day.aadObjectId}|${day.date}`);
      expect(keys).toEqual([...keys].sort());
      expect(await store.rotations.publishedDays({ aadObjectIds: [], ...range })).toEqual([]);
    });

    it('sums a day whose entries are stored out of their people’s order, interleaved', async () => {
      const store = currentStore();
      const tag = randomUUID();
      const [first, second, third] = ['1', '2', '3'].map((digit) => `${digit}-${tag}`) as [
        string,
        string,
        string,
      ];
      // Stored in this order: PostgreSQL may read a day's entries in the table's order, not the ids'.
      await store.hours.addEntriesWithHistory(
        [
          entry(third, '2033-04-04', 'work', 60),
          entry(second, '2033-04-04', 'work', 30),
          entry(third, '2033-04-04', 'absence', 252, { absenceKind: 'sick' }),
          entry(first, '2033-04-04', 'work', 10),
          entry(second, '2033-04-04', 'work', 45),
          entry(third, '2033-04-04', 'work', 15),
          entry(first, '2033-04-05', 'work', 20),
        ],
        'test',
        '2033-04-05T08:00:00.000Z',
        null,
      );
      const expected = [
        { aadObjectId: first, date: '2033-04-04', workedMinutes: 10, absenceKind: null },
        { aadObjectId: first, date: '2033-04-05', workedMinutes: 20, absenceKind: null },
        { aadObjectId: second, date: '2033-04-04', workedMinutes: 75, absenceKind: null },
        { aadObjectId: third, date: '2033-04-04', workedMinutes: 75, absenceKind: 'sick' },
      ];
      const byDay = (a: { aadObjectId: string; date: string }, b: { aadObjectId: string; date: string }) =>
        `${a.aadObjectId}${a.date}`.localeCompare(`${b.aadObjectId}${b.date}`);
      const range = { from: '2033-04-04', to: '2033-04-05' };
      const named = await store.hours.daySummaries({ aadObjectIds: [first, second, third], ...range });
      expect(named.sort(byDay)).toEqual(expected);
      // Everybody's days: a scan of the table, in the order the entries were stored.
      const everybody = await store.hours.daySummaries(range);
      expect(everybody.filter((day) => day.aadObjectId.endsWith(tag)).sort(byDay)).toEqual(expected);
    });

    it('names the absence recorded first when a day has two kinds of absence', async () => {
      const store = currentStore();
      const [carla, dario, emil] = [randomUUID(), randomUUID(), randomUUID()];
      const absence = (who: string, kind: AbsenceKind, createdAt: string) =>
        entry(who, '2033-03-01', 'absence', 252, { absenceKind: kind, createdAt });
      await store.hours.addEntriesWithHistory(
        [
          // "vacation" sorts after "other" and "sick": the order of recording must decide.
          absence(carla, 'vacation', '2033-03-01T07:00:00.000Z'),
          absence(carla, 'sick', '2033-03-01T12:00:00.000Z'),
          absence(dario, 'sick', '2033-03-01T12:00:00.000Z'),
          absence(dario, 'other', '2033-03-01T07:00:00.000Z'),
          // Twice the same kind is one kind, whatever the order.
          absence(emil, 'sick', '2033-03-01T12:00:00.000Z'),
          absence(emil, 'sick', '2033-03-01T07:00:00.000Z'),
        ],
        'test',
        '2033-03-01T13:00:00.000Z',
        null,
      );
      const days = await store.hours.daySummaries({
        aadObjectIds: [carla, dario, emil],
        from: '2033-03-01',
        to: '2033-03-01',
      });
      expect(Object.fromEntries(days.map((day) => [day.aadObjectId, day.absenceKind]))).toEqual({
        [carla]: 'vacation',
        [dario]: 'other',
        [emil]: 'sick',
      });
      expect(days.map((day) => day.workedMinutes)).toEqual([0, 0, 0]);
    });
  });
}
