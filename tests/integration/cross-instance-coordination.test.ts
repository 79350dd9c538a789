import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresPacers } from '../../src/storage/shared-rate-limits.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { createSendRateLimiter, TEAMS_RATE_LIMITS } from '../../src/teams/proactive-sender.js';

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

  it('paces the app’s sends over every instance: one schedule, one slot each', async () => {
    const [first, second] = [instance(), instance()];
    const schedule = { key: `test-pace-${randomBytes(4).toString('hex')}`, intervalMs: 20 };
    const [onFirst, onSecond] = [first.coordination.pacers(schedule), second.coordination.pacers(schedule)];
    const askedAt = Date.now();
    // 20 slots asked at once from both instances.
    const waits = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? onFirst : onSecond).reserve()),
    );
    const answeredAt = Date.now();
    // The schedule's next free slot is 20 × 20 ms on: one schedule (each instance alone would be
    // 10 × 20 ms on), and in the database (not the in-memory stand-in).
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ expire: string }>(
        `SELECT expire FROM "${schema}".rate_limits WHERE key = $1`,
        [schedule.key],
      );
      expect(Number(rows[0]?.expire) - askedAt).toBeGreaterThanOrEqual(400);
      expect(Number(rows[0]?.expire) - answeredAt).toBeLessThanOrEqual(400);
    } finally {
      await client.end();
    }
    // The last slot handed out is 19 intervals after the first.
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(380 - (answeredAt - askedAt));
  });

  it('holds a conversation’s pace over every instance', async () => {
    const [first, second] = [instance(), instance()];
    const conversation = `a:${randomBytes(4).toString('hex')}`;
    const onFirst = createSendRateLimiter(TEAMS_RATE_LIMITS, first.coordination);
    const onSecond = createSendRateLimiter(TEAMS_RATE_LIMITS, second.coordination);
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const startedAt = Date.now();
    for (const limiter of [onFirst, onSecond, onFirst, onSecond]) await limiter.acquire(conversation, sleep);
    // 7 per second: 143 ms between two messages of one conversation, wherever they are sent from.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(3 * 143);
  });
});

describe('the app’s pace when PostgreSQL does not answer', () => {
  it('goes on pacing in memory, the limit then held by each instance alone', async () => {
    // Nothing listens on port 1: every query fails at once.
    const pool = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 500,
    });
    try {
      const pacer = postgresPacers(pool, 'absent')({ key: 'test-pace', intervalMs: 20 });
      const waits = [await pacer.reserve(), await pacer.reserve(), await pacer.reserve()];
      // Three slots 20 ms apart, less the time the failed queries took.
      expect(waits[0]).toBe(0);
      expect(waits[2]! - waits[1]!).toBeGreaterThan(0);
      expect(waits[2]).toBeGreaterThan(0);
      expect(waits[2]).toBeLessThanOrEqual(40);
    } finally {
      await pool.end();
    }
  });
});
