import { sql, type Kysely, type Selectable } from 'kysely';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { Contract, Person, Role, Site, SiteKind, Weekday } from '../domain/directory/people.js';
import type { SupportedLocale } from '../domain/shared/locale.js';
import type { ContractsTable, Database, PeopleTable, SitesTable } from './database-schema.js';

const joinList = (values: readonly string[]) => values.join(';');
const splitList = <T extends string>(text: string | null): T[] =>
  text ? (text.split(';').filter(Boolean) as T[]) : [];

function siteFromRow(row: Omit<Selectable<SitesTable>, 'updated_at'>): Site {
  return {
    id: row.id,
    name: row.name,
    canton: row.canton,
    kind: row.kind as SiteKind,
    seats: Number(row.seats),
    capPercent: Number(row.cap_percent),
    minStaff: row.min_staff === null ? null : Number(row.min_staff),
    openDays: row.open_days === null ? null : splitList<Weekday>(row.open_days),
  };
}

function contractFromRow(row: Selectable<ContractsTable>): Contract {
  return {
    aadObjectId: row.aad_object_id,
    validFrom: row.valid_from,
    weeklyMinutes: Number(row.weekly_minutes),
    workDays: splitList<Weekday>(row.work_days),
  };
}

function personFromRow(row: Selectable<PeopleTable>): Person {
  return {
    aadObjectId: row.aad_object_id,
    displayName: row.display_name,
    email: row.email,
    team: row.team,
    siteId: row.site_id,
    managerAadObjectId: row.manager_aad_object_id,
    roles: splitList<Role>(row.roles),
    locale: row.locale as SupportedLocale,
    ahvNumber: row.ahv_number,
    active: Number(row.active) === 1,
    source: row.source === 'activity' ? 'activity' : 'directory',
  };
}

function personRow(person: Person, now: string) {
  return {
    aad_object_id: person.aadObjectId,
    display_name: person.displayName,
    email: person.email,
    team: person.team,
    site_id: person.siteId,
    manager_aad_object_id: person.managerAadObjectId,
    roles: joinList(person.roles),
    locale: person.locale,
    ahv_number: person.ahvNumber,
    active: person.active ? 1 : 0,
    source: person.source,
    created_at: now,
    updated_at: now,
  };
}

/** Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const BATCH_SIZE = 500;

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    result.push(items.slice(start, start + BATCH_SIZE));
  }
  return result;
}

export function createDirectoryRepository(db: Kysely<Database>, now: () => string): DirectoryRepository {
  return {
    async upsertSites(sites) {
      for (const batch of batches(sites)) {
        const at = now();
        await db
          .insertInto('sites')
          .values(
            batch.map((site) => ({
              id: site.id,
              name: site.name,
              canton: site.canton,
              kind: site.kind,
              seats: site.seats,
              cap_percent: site.capPercent,
              min_staff: site.minStaff,
              open_days: site.openDays ? joinList(site.openDays) : null,
              updated_at: at,
            })),
          )
          .onConflict((conflict) =>
            conflict.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              canton: eb.ref('excluded.canton'),
              kind: eb.ref('excluded.kind'),
              seats: eb.ref('excluded.seats'),
              cap_percent: eb.ref('excluded.cap_percent'),
              min_staff: eb.ref('excluded.min_staff'),
              open_days: eb.ref('excluded.open_days'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    },

    async listSites() {
      const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
      return rows.map(siteFromRow);
    },

    async findSite(id) {
      const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? siteFromRow(row) : null;
    },

    async findPerson(aadObjectId) {
      const row = await db
        .selectFrom('people')
        .selectAll()
        .where('aad_object_id', '=', aadObjectId)
        .executeTakeFirst();
      return row ? personFromRow(row) : null;
    },

    async listPeople(options = {}) {
      let query = db.selectFrom('people').selectAll();
      if (!options.includeInactive) query = query.where('active', '=', 1);
      const rows = await query.orderBy('display_name').orderBy('aad_object_id').execute();
      return rows.map(personFromRow);
    },

    async findWorkProfile(aadObjectId) {
      // A row per contract period (at least one row: the joins are left joins), each with the
      // person and the site; the site's columns renamed, since people have a site_id of their own.
      const rows = await db
        .selectFrom('people as p')
        .leftJoin('sites as s', 's.id', 'p.site_id')
        .leftJoin('contracts as c', 'c.aad_object_id', 'p.aad_object_id')
        .selectAll('p')
        .select([
          's.id as s_id',
          's.name as s_name',
          's.canton as s_canton',
          's.kind as s_kind',
          's.seats as s_seats',
          's.cap_percent as s_cap_percent',
          's.min_staff as s_min_staff',
          's.open_days as s_open_days',
          'c.valid_from as c_valid_from',
          'c.weekly_minutes as c_weekly_minutes',
          'c.work_days as c_work_days',
        ])
        .where('p.aad_object_id', '=', aadObjectId)
        .orderBy('c.valid_from')
        .execute();
      const [first] = rows;
      if (!first) return null;
      const contracts: Contract[] = [];
      for (const row of rows) {
        if (row.c_valid_from === null) continue;
        contracts.push(
          contractFromRow({
            aad_object_id: row.aad_object_id,
            valid_from: row.c_valid_from,
            weekly_minutes: row.c_weekly_minutes ?? 0,
            work_days: row.c_work_days ?? '',
          }),
        );
      }
      const site =
        first.s_id === null
          ? null
          : siteFromRow({
              id: first.s_id,
              name: first.s_name ?? '',
              canton: first.s_canton ?? '',
              kind: first.s_kind ?? '',
              seats: first.s_seats ?? 0,
              cap_percent: first.s_cap_percent ?? 0,
              min_staff: first.s_min_staff,
              open_days: first.s_open_days,
            });
      return { person: personFromRow(first), contracts, site };
    },

    async listRoster() {
      const rows = await db
        .selectFrom('people')
        .select(['aad_object_id', 'display_name', 'team', 'site_id'])
        .where('active', '=', 1)
        // The database's order (SQLite: bytes), not a reader's; but a list in it is nearly sorted
        // for any language, and sorting 1,500 names again with a collator then takes a third of
        // the time.
        .orderBy('display_name')
        .orderBy('aad_object_id')
        .execute();
      return rows.map((row) => ({
        aadObjectId: row.aad_object_id,
        displayName: row.display_name,
        team: row.team,
        siteId: row.site_id,
      }));
    },

    async listPeopleWhere(filter) {
      if (filter.team === undefined && filter.siteId === undefined) return [];
      let query = db.selectFrom('people').selectAll().where('active', '=', 1);
      if (filter.team !== undefined) query = query.where('team', '=', filter.team);
      if (filter.siteId !== undefined) query = query.where('site_id', '=', filter.siteId);
      const rows = await query.orderBy('display_name').orderBy('aad_object_id').execute();
      return rows.map(personFromRow);
    },

    async listPeopleBelow(managerAadObjectId, levels) {
      if (levels < 1) return [];
      // One recursive query down the manager column (indexed) instead of one read per level; the
      // depth bound ends a cycle slipped into the data, as managesPerson's chain bound does.
      const rows = await db
        .withRecursive('below(aad_object_id, depth)', (qb) =>
          qb
            .selectFrom('people')
            .select(['aad_object_id', sql<number>`1`.as('depth')])
            .where('manager_aad_object_id', '=', managerAadObjectId)
            .unionAll(
              qb
                .selectFrom('people')
                .innerJoin('below', 'below.aad_object_id', 'people.manager_aad_object_id')
                .select(['people.aad_object_id', sql<number>`below.depth + 1`.as('depth')])
                .where('below.depth', '<', levels),
            ),
        )
        .selectFrom('people')
        .selectAll('people')
        .where('aad_object_id', 'in', (eb) => eb.selectFrom('below').select('below.aad_object_id'))
        .where('aad_object_id', '<>', managerAadObjectId)
        .orderBy('display_name')
        .orderBy('aad_object_id')
        .execute();
      return rows.map(personFromRow);
    },

    async countPeople(options = {}) {
      let query = db.selectFrom('people').select((eb) => eb.fn.countAll<number | string>().as('count'));
      if (!options.includeInactive) query = query.where('active', '=', 1);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async upsertPeople(people) {
      for (const batch of batches(people)) {
        const at = now();
        await db
          .insertInto('people')
          .values(batch.map((person) => personRow(person, at)))
          .onConflict((conflict) =>
            conflict.column('aad_object_id').doUpdateSet((eb) => ({
              display_name: eb.ref('excluded.display_name'),
              email: eb.ref('excluded.email'),
              team: eb.ref('excluded.team'),
              site_id: eb.ref('excluded.site_id'),
              manager_aad_object_id: eb.ref('excluded.manager_aad_object_id'),
              roles: eb.ref('excluded.roles'),
              locale: eb.ref('excluded.locale'),
              ahv_number: eb.ref('excluded.ahv_number'),
              active: eb.ref('excluded.active'),
              source: eb.ref('excluded.source'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    },

    async insertPersonIfMissing(person) {
      await db
        .insertInto('people')
        .values(personRow(person, now()))
        .onConflict((conflict) => conflict.column('aad_object_id').doNothing())
        .execute();
      const stored = await db
        .selectFrom('people')
        .selectAll()
        .where('aad_object_id', '=', person.aadObjectId)
        .executeTakeFirstOrThrow();
      return personFromRow(stored);
    },

    async deactivateDirectoryPeopleExcept(keep) {
      const active = await db
        .selectFrom('people')
        .select('aad_object_id')
        .where('active', '=', 1)
        .where('source', '=', 'directory')
        .execute();
      const leaving = active.map((row) => row.aad_object_id).filter((id) => !keep.has(id));
      for (const batch of batches(leaving)) {
        await db
          .updateTable('people')
          .set({ active: 0, updated_at: now() })
          .where('aad_object_id', 'in', batch)
          .execute();
      }
      return leaving.length;
    },

    async upsertContracts(contracts) {
      for (const batch of batches(contracts)) {
        await db
          .insertInto('contracts')
          .values(
            batch.map((contract) => ({
              aad_object_id: contract.aadObjectId,
              valid_from: contract.validFrom,
              weekly_minutes: contract.weeklyMinutes,
              work_days: joinList(contract.workDays),
            })),
          )
          .onConflict((conflict) =>
            conflict.columns(['aad_object_id', 'valid_from']).doUpdateSet((eb) => ({
              weekly_minutes: eb.ref('excluded.weekly_minutes'),
              work_days: eb.ref('excluded.work_days'),
            })),
          )
          .execute();
      }
    },

    async contractsOf(aadObjectId) {
      const rows = await db
        .selectFrom('contracts')
        .selectAll()
        .where('aad_object_id', '=', aadObjectId)
        .orderBy('valid_from')
        .execute();
      return rows.map(contractFromRow);
    },

    async listAllContracts() {
      const rows = await db
        .selectFrom('contracts')
        .selectAll()
        .orderBy('aad_object_id')
        .orderBy('valid_from')
        .execute();
      return rows.map(contractFromRow);
    },

    async listContractsOf(aadObjectIds) {
      const contracts: Contract[] = [];
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (const batch of batches(aadObjectIds)) {
        const rows = await db
          .selectFrom('contracts')
          .selectAll()
          .where('aad_object_id', 'in', batch)
          .orderBy('aad_object_id')
          .orderBy('valid_from')
          .execute();
        contracts.push(...rows.map(contractFromRow));
      }
      return contracts;
    },
  };
}
