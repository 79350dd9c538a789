import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/storage/database-availability.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { aPerson } from '../support/records.js';

/**
 * Issue 8, several instances on one PostgreSQL: a statement stuck behind another session's lock,
 * or a transaction whose instance stopped answering, must not hold everyone up. PostgreSQL ends
 * them after the store's session bounds; Crewdesk takes that as "try again" (503), and the store
 * serves the next request as before.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!postgresUrl)('PostgreSQL session bounds', () => {
  const schema = `bounds_${randomBytes(6).toString('hex')}`;
  const stores: Store[] = [];
  let admin: pg.Client;

  const urlWith = (parameters: Record<string, string> = {}) => {
    const url = new URL(postgresUrl!);
    url.searchParams.set('schema', schema);
    for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
    return url.toString();
  };

  async function storeWith(
    bounds: { statementTimeoutMs: number; idleInTransactionTimeoutMs: number },
    url = urlWith(),
  ) {
    const store = openStore(url, { sessionBounds: bounds });
    stores.push(store);
    await store.migrate();
    return store;
  }

  /** Another session takes the people table and keeps it until the returned function is called. */
  async function holdPeopleTable(): Promise<() => Promise<void>> {
    await admin.query('BEGIN');
    await admin.query(`LOCK TABLE "${schema}".people IN ACCESS EXCLUSIVE MODE`);
    return async () => {
      await admin.query('ROLLBACK');
    };
  }

  const failureOf = (work: Promise<unknown>) =>
    work.then(
      () => null,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
  });

  afterEach(async () => {
    await admin.query('ROLLBACK').catch(() => undefined);
  });

  afterAll(async () => {
    for (const store of stores) await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it('cancels a read stuck behind another session’s lock, as "unavailable", and serves the next one', async () => {
    // Migrated first: the bound must be back on the pool's connections after the migrations.
    const store = await storeWith({ statementTimeoutMs: 300, idleInTransactionTimeoutMs: 60_000 });
    const someone = aPerson();
    await store.directory.upsertPeople([someone]);

    const release = await holdPeopleTable();
    const failure = await failureOf(store.directory.findPerson(someone.aadObjectId));
    await release();

    expect((failure as { code?: string } | null)?.code).toBe('57014');
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect((await store.directory.findPerson(someone.aadObjectId))?.displayName).toBe(someone.displayName);
  });

  it('ends a transaction left idle past the bound: nothing of it is kept, and the store goes on', async () => {
    const store = await storeWith({ statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 300 });
    const abandoned = aPerson();
    const failure = await failureOf(
      store.transaction(async ({ directory }) => {
        await directory.upsertPeople([abandoned]);
        // The instance stops answering in the middle of its transaction.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await directory.findPerson(abandoned.aadObjectId);
      }),
    );

    expect(failure).not.toBeNull();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(await store.directory.findPerson(abandoned.aadObjectId)).toBeNull();
    const next = aPerson();
    await store.directory.upsertPeople([next]);
    expect((await store.directory.findPerson(next.aadObjectId))?.aadObjectId).toBe(next.aadObjectId);
  });

  it('lets a DATABASE_URL set its own statement bound', async () => {
    const store = await storeWith(
      { statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 },
      urlWith({ statement_timeout: '300' }),
    );
    const release = await holdPeopleTable();
    const failure = await failureOf(store.directory.findPerson(randomUUID()));
    await release();
    expect((failure as { code?: string } | null)?.code).toBe('57014');
  });
});
