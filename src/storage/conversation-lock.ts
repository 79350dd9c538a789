import type pg from 'pg';
import { DatabaseUnavailableError } from './database-availability.js';

/**
 * Runs the turns of one conversation one at a time across every Crewdesk instance on one
 * PostgreSQL database (issue 8, scale-out). teams-ai's TurnState writes back the eTag it read, so
 * two instances running turns of one conversation at once fail with eTag conflicts; and the
 * activity ledger may take over a claim left 'processing' by another instance only when that
 * instance is gone — which holds while the ledger is read under this lock (see activity-ledger.ts).
 *
 * How: a session-level advisory lock per conversation (`pg_try_advisory_lock` on a 64-bit hash of
 * schema + conversation key), all held on ONE dedicated connection per process, outside the pool.
 * - Not one pooled connection per turn: a turn that held a pool connection for its whole length
 *   (`pg_advisory_xact_lock` in a transaction around the turn) would take one of the pool's 10
 *   connections away from the turn's own queries; ten conversations at once would starve the pool.
 * - Not the blocking `pg_advisory_lock`: on a shared connection one waiting turn would block the
 *   queries of every other. The try-lock answers at once; a turn whose conversation is busy on
 *   another instance waits a little and asks again (10 ms doubling to 200 ms). Conversations rarely
 *   collide (Teams redeliveries, a user typing fast), so the polling is rare and short.
 * - Within the process the TurnSerializer queues the turns of a conversation first, so only one
 *   turn per conversation and process ever asks (session locks are re-entrant: two turns of one
 *   process would otherwise both "get" it).
 * - A process that dies loses its session and, with it, its locks: the other instance proceeds.
 *   The same happens when the connection breaks (PostgreSQL restart): the turns in flight finish
 *   without the lock (at worst an eTag conflict, answered 503 and redelivered), and the next turn
 *   opens a new session.
 * The alternative — retrying a turn on an eTag conflict — would repeat replies already sent.
 */
export interface ConversationLock {
  run<T>(conversationKey: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** SQLite: one process owns the database file; the in-process TurnSerializer is enough. */
export const inProcessOnly: ConversationLock = {
  run: (_conversationKey, work) => work(),
  close: async () => undefined,
};

export class ConversationLockTimeout extends DatabaseUnavailableError {
  constructor(conversationKey: string, waitedMs: number) {
    super(`conversation ${conversationKey} stayed busy on another instance for ${waitedMs} ms`);
    this.name = 'ConversationLockTimeout';
  }
}

export interface PostgresConversationLockOptions {
  /** A new, unconnected client for the lock session. */
  newClient: () => pg.Client;
  /** Namespace of the lock keys: the schema, so that two deployments on one database never meet. */
  namespace: string;
  /** Longest wait for a conversation busy elsewhere; then the turn is answered 503 (Teams retries). */
  maxWaitMs?: number;
  onSessionLost?: (error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPostgresConversationLock(options: PostgresConversationLockOptions): ConversationLock {
  const maxWaitMs = options.maxWaitMs ?? 20_000;
  const sleep = options.sleep ?? realSleep;
  /** The connected lock session, and the connection attempt in progress. */
  let current: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  /** One statement at a time on the session (node-postgres no longer queues them itself in pg 9). */
  let queue: Promise<unknown> = Promise.resolve();

  function forget(client: pg.Client, error: unknown): void {
    if (current !== client) return;
    current = null;
    options.onSessionLost?.(error);
  }

  function currentSession(): Promise<pg.Client> {
    if (closed) return Promise.reject(new DatabaseUnavailableError('the conversation lock is closed'));
    if (current) return Promise.resolve(current);
    connecting ??= (async () => {
      const client = options.newClient();
      // Without a listener an 'error' on an idle connection would end the process.
      client.on('error', (error) => forget(client, error));
      client.on('end', () => forget(client, new Error('lock session ended')));
      try {
        await client.connect();
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      current = client;
      queue = Promise.resolve(); // nothing waits behind a statement stuck on an old session
      return client;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  const keyText = (conversationKey: string) => `${options.namespace}|${conversationKey}`;

  function query(client: pg.Client, text: string, key: string): Promise<boolean> {
    const result = queue.then(async () => {
      const answer = await client.query<{ done: boolean }>(text, [key]);
      return answer.rows[0]?.done === true;
    });
    queue = result.catch(() => undefined);
    return result;
  }

  async function acquire(conversationKey: string): Promise<pg.Client> {
    const started = Date.now();
    for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
      const client = await currentSession();
      let locked: boolean;
      try {
        locked = await query(
          client,
          'select pg_try_advisory_lock(hashtextextended($1, 0)) as done',
          keyText(conversationKey),
        );
      } catch (error) {
        // A session that does not answer (a failover that left the socket half open, the query
        // timeout) is not asked again: the next turn opens a new one.
        forget(client, error);
        await client.end().catch(() => undefined);
        throw error;
      }
      if (locked) return client;
      const waited = Date.now() - started;
      if (waited >= maxWaitMs) throw new ConversationLockTimeout(conversationKey, waited);
      await sleep(pause);
    }
  }

  async function release(client: pg.Client, conversationKey: string): Promise<void> {
    try {
      // Only on the session that took it: after a reconnect the lock went with the old session.
      if (current !== client) return;
      await query(
        client,
        'select pg_advisory_unlock(hashtextextended($1, 0)) as done',
        keyText(conversationKey),
      );
    } catch (error) {
      // A lock that cannot be given back must not stay held by a live session: drop the session.
      forget(client, error);
      await client.end().catch(() => undefined);
    }
  }

  return {
    async run(conversationKey, work) {
      const client = await acquire(conversationKey);
      try {
        return await work();
      } finally {
        await release(client, conversationKey);
      }
    },
    async close() {
      closed = true;
      const client = current ?? (await connecting?.catch(() => null)) ?? null;
      current = null;
      await client?.end().catch(() => undefined);
    },
  };
}
