import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDirectory, importSites } from '../../src/domain/directory/import-directory.js';
import {
  BEGINNING_OF_RECORDS,
  MONDAY_TO_FRIDAY,
  NEWCOMER_WEEKLY_MINUTES,
  type Contract,
  type Person,
} from '../../src/domain/directory/people.js';
import { DomainError, type ProblemLine } from '../../src/domain/shared/errors.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { aPerson } from '../support/records.js';

const SITES = [
  'id,name,canton,kind,seats',
  'HQ,Head office,VD,office,200',
  'S001,Genève Rive,GE,store,10',
].join('\n');
const HEADER = 'aad_object_id,display_name,email,team,site,manager_aad_object_id,roles,locale,weekly_hours';
const today = '2026-05-11';
/** How the import is told who runs it and when (role changes are audited). */
const importing = {
  today,
  now: '2026-05-11T08:00:00.000Z',
  importedBy: 'import:directory.csv',
  newId: () => crypto.randomUUID(),
};
const csv = (...lines: string[]) => lines.join('\n') + '\n';

let store: Store;

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.migrate();
  await importSites(store, SITES);
});

afterEach(async () => {
  await store.close();
});

/** Someone who chatted with the bot before HR listed them, as the bot stores them (design). */
function newcomer(aadObjectId: string): { person: Person; contract: Contract } {
  return {
    person: aPerson({ aadObjectId, displayName: 'Dora', source: 'activity' }),
    contract: {
      aadObjectId,
      validFrom: BEGINNING_OF_RECORDS,
      weeklyMinutes: NEWCOMER_WEEKLY_MINUTES,
      workDays: [...MONDAY_TO_FRIDAY],
    },
  };
}

/** What a rejected import threw, for looking at its problems. */
async function rejection(
  promise: Promise<unknown>,
): Promise<DomainError & { details: { problems: ProblemLine[] } }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError & { details: { problems: ProblemLine[] } };
}

describe('importing sites', () => {
  it('creates sites, then updates them by id on a re-import', async () => {
    const again = await importSites(
      store,
      csv(
        'id;name;canton;kind;seats;cap_percent',
        'HQ;Siège Lausanne;VD;office;220;40',
        'S002;Lugano;TI;store;8;',
      ),
    );

    expect(again).toEqual({ created: 1, updated: 1, total: 2 });
    expect(await store.directory.findSite('HQ')).toMatchObject({
      name: 'Siège Lausanne',
      seats: 220,
      capPercent: 40,
    });
    expect((await store.directory.listSites()).map((site) => site.id)).toEqual(['HQ', 'S001', 'S002']);
  });

  it('writes nothing when one site is bad', async () => {
    const error = await rejection(
      importSites(
        store,
        csv('id,name,canton,kind,seats', 'S009,Bern,BE,store,9', 'S010,Paris,FR-75,store,9'),
      ),
    );

    expect(error.code).toBe('directory.invalid_file');
    expect(error.details.problems).toEqual([expect.objectContaining({ line: 3, column: 'canton' })]);
    expect(await store.directory.findSite('S009')).toBeNull();
  });
});

describe('importing the directory', () => {
  it('creates people with a manager defined further down the file, and a contract since always', async () => {
    const summary = await importDirectory(
      store,
      csv(
        HEADER,
        'u-1,Beat Clerk,beat@example.ch,Genève,S001,boss-1,employee,fr-CH,"42,5"',
        'boss-1,Anne Boss,,Head office,HQ,,manager;employee,fr-CH,42',
      ),
      importing,
    );

    expect(summary).toEqual({ created: 2, updated: 0, deactivated: 0, reactivated: 0, total: 2 });
    expect(await store.directory.findPerson('u-1')).toEqual({
      aadObjectId: 'u-1',
      displayName: 'Beat Clerk',
      email: 'beat@example.ch',
      team: 'Genève',
      siteId: 'S001',
      managerAadObjectId: 'boss-1',
      roles: ['employee'],
      locale: 'fr-CH',
      ahvNumber: null,
      active: true,
      source: 'directory',
    });
    expect(await store.directory.contractsOf('u-1')).toEqual([
      {
        aadObjectId: 'u-1',
        validFrom: BEGINNING_OF_RECORDS,
        weeklyMinutes: 2550,
        workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      },
    ]);
  });

  it('updates people by id on a re-import, deactivates those left out without deleting them, and reactivates returners', async () => {
    const first = csv(
      HEADER,
      'boss-1,Anne Boss,,HQ team,HQ,,manager,fr-CH,42',
      'u-1,Beat,,,S001,boss-1,employee,fr-CH,42',
      'u-2,Carla,,,S001,boss-1,employee,it-CH,42',
    );
    await importDirectory(store, first, importing);

    const second = await importDirectory(
      store,
      csv(
        HEADER,
        'boss-1,Anne Boss-Muster,,HQ team,HQ,,manager;hr,fr-CH,42',
        'u-1,Beat,,,S001,boss-1,employee,de-CH,42',
      ),
      { ...importing, now: '2026-05-12T08:00:00.000Z' },
    );

    expect(second).toEqual({ created: 0, updated: 2, deactivated: 1, reactivated: 0, total: 2 });
    // Anne became HR: the change of roles is in the audit trail, with before and after.
    const roleChanges = await store.audit.list({
      action: 'directory.roles',
      personAadObjectId: 'boss-1',
      limit: 5,
    });
    expect(roleChanges.map((event) => [event.actor, event.before, event.after])).toEqual([
      ['import:directory.csv', { roles: ['manager'] }, { roles: ['manager', 'hr'] }],
      ['import:directory.csv', null, { roles: ['manager'] }],
    ]);
    expect(
      await store.audit.list({ action: 'directory.roles', personAadObjectId: 'u-1', limit: 5 }),
    ).toHaveLength(1);
    expect(await store.directory.findPerson('boss-1')).toMatchObject({
      displayName: 'Anne Boss-Muster',
      roles: ['manager', 'hr'],
    });
    expect(await store.directory.countPeople()).toBe(2);
    const everyone = await store.directory.listPeople({ includeInactive: true });
    expect(everyone.find((person) => person.aadObjectId === 'u-2')).toMatchObject({
      active: false,
      displayName: 'Carla',
    });

    const third = await importDirectory(store, first, importing);

    expect(third).toEqual({ created: 0, updated: 3, deactivated: 0, reactivated: 1, total: 3 });
    expect(await store.directory.countPeople()).toBe(3);
  });

  it('takes over a person first met in a chat, who stays active and becomes a directory person', async () => {
    const { person, contract } = newcomer('chat-1');
    await store.transaction(async ({ directory }) => {
      await directory.insertPersonIfMissing(person);
      await directory.upsertContracts([contract]);
    });

    const summary = await importDirectory(
      store,
      csv(HEADER, 'chat-1,Dora Keller,,,S001,,employee,de-CH,42'),
      importing,
    );

    expect(summary).toMatchObject({ created: 0, updated: 1, deactivated: 0 });
    expect(await store.directory.findPerson('chat-1')).toMatchObject({
      displayName: 'Dora Keller',
      source: 'directory',
      siteId: 'S001',
      active: true,
    });
    // Same terms as the newcomer contract: no new period.
    expect(await store.directory.contractsOf('chat-1')).toHaveLength(1);
  });

  it('never deactivates people who only chatted with the bot', async () => {
    const { person } = newcomer('chat-1');
    await store.directory.insertPersonIfMissing(person);

    const summary = await importDirectory(
      store,
      csv(HEADER, 'u-1,Beat,,,S001,chat-1,employee,fr-CH,42'),
      importing,
    );

    expect(summary.deactivated).toBe(0);
    expect(await store.directory.findPerson('chat-1')).toMatchObject({ active: true, source: 'activity' });
  });

  it('writes nothing when a row in the middle is bad, and lists every problem with its line', async () => {
    await importDirectory(store, csv(HEADER, 'u-0,Zoe,,,HQ,,employee,en,42'), importing);

    const error = await rejection(
      importDirectory(
        store,
        csv(
          HEADER,
          'u-1,Anne,,,HQ,,employee,en,42',
          'u-2,Beat,,,HQ,,employee,en,forty',
          'u-3,Carla,,,S404,u-1,employee,en,42',
          'u-4,Dora,,,HQ,ghost,employee,en,42',
          'u-5,Emil,,,HQ,,employee,en,42',
        ),
        importing,
      ),
    );

    expect(error.code).toBe('directory.invalid_file');
    expect(error.message).toBe(
      'The directory file was not imported: it has 3 problems on 3 lines. Nothing was changed.',
    );
    expect(error.details.problems).toEqual([
      { line: 3, column: 'weekly_hours', message: '"forty" is not a number of hours' },
      {
        line: 4,
        column: 'site',
        message: '"S404" is not a known site; import the sites file first, or correct the id',
      },
      {
        line: 5,
        column: 'manager_aad_object_id',
        message: '"ghost" is neither listed in this file nor already known to Crewdesk',
      },
    ]);
    expect(await store.directory.countPeople({ includeInactive: true })).toBe(1);
    expect(await store.directory.findPerson('u-0')).toMatchObject({ active: true });
  });

  it('accepts a manager already in the database who is not in the file', async () => {
    const { person } = newcomer('chat-boss');
    await store.directory.insertPersonIfMissing(person);

    const summary = await importDirectory(
      store,
      csv(HEADER, 'u-1,Anne,,,HQ,chat-boss,employee,en,42'),
      importing,
    );

    expect(summary.created).toBe(1);
  });

  it('rejects managers who go round in a circle, in the file or through the database', async () => {
    const inFile = await rejection(
      importDirectory(
        store,
        csv(
          HEADER,
          'a,A,,,HQ,c,employee,en,42',
          'b,B,,,HQ,a,employee,en,42',
          'c,C,,,HQ,b,employee,en,42',
          'd,D,,,HQ,a,employee,en,42',
        ),
        importing,
      ),
    );

    expect(inFile.details.problems).toEqual([
      {
        line: 2,
        column: 'manager_aad_object_id',
        message:
          'the managers go round in a circle: "a" (line 2) → "c" (line 4) → "b" (line 3) → "a" (line 2); ' +
          'someone in it must report to a manager outside it, or to nobody',
      },
    ]);

    const { person } = newcomer('chat-1');
    await store.directory.insertPersonIfMissing({ ...person, managerAadObjectId: 'a' });
    const throughDatabase = await rejection(
      importDirectory(store, csv(HEADER, 'a,A,,,HQ,chat-1,employee,en,42'), importing),
    );

    expect(throughDatabase.details.problems).toEqual([
      expect.objectContaining({
        line: 2,
        message: expect.stringContaining('"a" (line 2) → "chat-1" (already in Crewdesk) → "a" (line 2)'),
      }),
    ]);
  });

  it('refuses a file that lists nobody, which would deactivate everyone', async () => {
    await importDirectory(store, csv(HEADER, 'u-0,Zoe,,,HQ,,employee,en,42'), importing);

    const error = await rejection(importDirectory(store, csv(HEADER), importing));

    expect(error.details.problems).toEqual([
      { line: 1, message: 'the file lists nobody; importing it would deactivate everyone' },
    ]);
    expect(await store.directory.countPeople()).toBe(1);
  });

  it('keeps the contract history when weekly hours change from a given date', async () => {
    const header = HEADER + ',work_days,contract_from';
    await importDirectory(store, csv(header, 'u-1,Anne,,,HQ,,employee,en,42,,'), importing);
    await importDirectory(
      store,
      csv(header, 'u-1,Anne,,,HQ,,employee,en,21,"Mon;Tue;Wed",2026-04-01'),
      importing,
    );

    expect(await store.directory.contractsOf('u-1')).toEqual([
      {
        aadObjectId: 'u-1',
        validFrom: BEGINNING_OF_RECORDS,
        weeklyMinutes: 42 * 60,
        workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      },
      {
        aadObjectId: 'u-1',
        validFrom: '2026-04-01',
        weeklyMinutes: 21 * 60,
        workDays: ['Mon', 'Tue', 'Wed'],
      },
    ]);
  });

  it('starts a new contract period today when the terms change without a date, and none when they do not', async () => {
    await importDirectory(store, csv(HEADER, 'u-1,Anne,,,HQ,,employee,en,42'), {
      ...importing,
      today: '2026-01-05',
    });
    await importDirectory(store, csv(HEADER, 'u-1,Anne,,,HQ,,employee,en,42.0'), {
      ...importing,
      today: '2026-02-02',
    });
    await importDirectory(store, csv(HEADER, 'u-1,Anne,,,HQ,,employee,en,30'), {
      ...importing,
      today: '2026-03-02',
    });
    await importDirectory(store, csv(HEADER, 'u-1,Anne,,,HQ,,employee,en,30'), {
      ...importing,
      today: '2026-04-06',
    });

    expect((await store.directory.contractsOf('u-1')).map((c) => [c.validFrom, c.weeklyMinutes])).toEqual([
      [BEGINNING_OF_RECORDS, 42 * 60],
      ['2026-03-02', 30 * 60],
    ]);
  });

  it('imports a directory of 1,500 people, and re-imports it, in reasonable time', async () => {
    const sites = ['id,name,canton,kind,seats', 'HQ,Head office,VD,office,300'];
    for (let number = 1; number <= 167; number++) sites.push(`S${number},Store ${number},GE,store,12`);
    await importSites(store, csv(...sites));
    const lines = [HEADER + ',work_days,ahv_number'];
    // Managers come after their reports, so every forward reference is exercised.
    for (let index = 1; index <= 1500; index++) {
      const manager = index % 10 === 0 ? `mgr-${index}` : `mgr-${Math.ceil(index / 10) * 10}`;
      const id = index % 10 === 0 ? `mgr-${index}` : `u-${index}`;
      lines.push(
        [
          id,
          `"Person ${index}, Team ${Math.ceil(index / 10)}"`,
          `person${index}@example.ch`,
          `Team ${Math.ceil(index / 10)}`,
          `S${(index % 167) + 1}`,
          index % 10 === 0 ? '' : manager,
          index % 10 === 0 ? '"manager;employee"' : 'employee',
          ['fr-CH', 'de-CH', 'it-CH', 'en'][index % 4],
          index % 3 === 0 ? '"33,6"' : '42',
          index % 7 === 0 ? '"Tue;Wed;Thu;Fri;Sat"' : '',
          '',
        ].join(','),
      );
    }
    const file = csv(...lines);

    const first = await importDirectory(store, file, importing);
    const second = await importDirectory(store, file, importing);

    expect(first).toEqual({ created: 1500, updated: 0, deactivated: 0, reactivated: 0, total: 1500 });
    expect(second).toEqual({ created: 0, updated: 1500, deactivated: 0, reactivated: 0, total: 1500 });
    expect(await store.directory.countPeople()).toBe(1500);
    expect(await store.directory.contractsOf('u-3')).toEqual([
      expect.objectContaining({ weeklyMinutes: 2016, validFrom: BEGINNING_OF_RECORDS }),
    ]);
  });
});
