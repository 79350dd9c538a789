import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/store.js';

/**
 * What two instances on one PostgreSQL agree on through the database (issue 8): whose turn it is in
 * a conversation (src/storage/conversation-lock.ts) and how much of a rate limit is spent
 * (src/storage/shared-rate-limits.ts). Each "instance" is a store of its own, with its own pool and
 * lock session, as in two processes.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!postgresUrl)('coordination between instances on PostgreSQL', () => {
  const schema = `coordination_${randomBytes(6).toString('hex')}`;
  let databaseUrl = '';
  const opened: Store[] = [];

  async function admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  function instance(): Store {
    const store = openStore(databaseUrl);
    opened.push(store);
    return store;
  }

  beforeAll(async () => {
    const url = new URL(postgresUrl!);
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
    await instance().migrate();
  });

  afterAll(async () => {
    await Promise.all(opened.map((store) => store.close()));
    await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  it('runs the turns of one conversation one after the other across instances, others side by side', async () => {
    const [first, second] = [instance(), instance()];
    const events: string[] = [];
    const firstMayEnd = gate();
    const firstStarted = gate();
    const firstTurn = first.coordination.conversationLock.run('msteams|a:shared', async () => {
      events.push('first started');
      firstStarted.open();
      await firstMayEnd.opened;
      events.push('first ended');
    });
    await firstStarted.opened;
    const secondTurn = second.coordination.conversationLock.run('msteams|a:shared', async () => {
      events.push('second started');
    });
    // Another conversation on the second instance is not held up by the first one's turn.
    await second.coordination.conversationLock.run('msteams|a:other', async () => {
      events.push('other conversation');
    });
    expect(events).toEqual(['first started', 'other conversation']);
    firstMayEnd.open();
    await Promise.all([firstTurn, secondTurn]);
    expect(events).toEqual(['first started', 'other conversation', 'first ended', 'second started']);
  });

  it('hands a conversation on when the instance holding it goes away', async () => {
    const [dying, survivor] = [instance(), instance()];
    const held = gate();
    void dying.coordination.conversationLock
      .run('msteams|a:orphan', async () => {
        held.open();
        await new Promise<never>(() => undefined); // the process dies mid-turn
      })
      .catch(() => undefined);
    await held.opened;
    const survivorTurn = survivor.coordination.conversationLock.run('msteams|a:orphan', async () => 'ran');
    await dying.coordination.close(); // its database session ends, as when the process is killed
    expect(await survivorTurn).toBe('ran');
  });

  it('migrates a new schema beside another Crewdesk schema on the same database, twice at once', async () => {
    // `schema` is migrated already (beforeAll): Kysely must not take its migration tables for ours.
    const neighbour = `coordination_${randomBytes(6).toString('hex')}`;
    const url = new URL(postgresUrl!);
    url.searchParams.set('schema', neighbour);
    const [first, second] = [openStore(url.toString()), openStore(url.toString())];
    try {
      await Promise.all([first.migrate(), second.migrate()]);
      await first.ping();
      expect(await first.activities.claim(`msteams|a:x|${neighbour}`, 'a:x')).toBe(true);
    } finally {
      await Promise.all([first.close(), second.close()]);
      await admin(`DROP SCHEMA IF EXISTS "${neighbour}" CASCADE`);
    }
  });

  it('counts one rate limit over every instance', async () => {
    const [first, second] = [instance(), instance()];
    const window = { keyPrefix: `test-${randomBytes(4).toString('hex')}`, points: 5, duration: 60 };
    const onFirst = first.coordination.rateLimiters(window);
    const onSecond = second.coordination.rateLimiters(window);
    for (const limiter of [onFirst, onSecond, onFirst, onSecond, onFirst]) await limiter.consume('person');
    await expect(onSecond.consume('person')).rejects.toBeInstanceOf(RateLimiterRes);
    await expect(onFirst.consume('person')).rejects.toBeInstanceOf(RateLimiterRes);
    // Another person's allowance is untouched.
    await expect(onSecond.consume('someone else')).resolves.toBeInstanceOf(RateLimiterRes);
  });
});
