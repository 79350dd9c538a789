import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Where rate-limit counters live (issue 8: limits shared across instances). On SQLite Crewdesk is
 * one process: counters in memory. On PostgreSQL every instance counts in one table
 * (`rate_limits`, migration 0009, the layout rate-limiter-flexible's RateLimiterPostgres expects:
 * key, points, expire in ms) so that "30 messages/s per person" and "50 requests/s per app toward
 * Teams" hold for the sum of the instances, not for each.
 *
 * Each consume is one upsert round trip. When the database does not answer, the limiter falls back
 * to the same limit in memory (rate-limiter-flexible's insuranceLimiter): a PostgreSQL restart
 * neither fails requests on the limit nor lifts it.
 */
export interface RateLimitWindow {
  /** Distinguishes the limiters sharing the table; also the prefix of their keys. */
  keyPrefix: string;
  points: number;
  /** Seconds. */
  duration: number;
}

export type RateLimiterFactory = (window: RateLimitWindow) => RateLimiterAbstract;

export const memoryRateLimiters: RateLimiterFactory = (window) => new RateLimiterMemory(window);

export const RATE_LIMITS_TABLE = 'rate_limits';

/**
 * Pacing (issue 8, the broadcast): a limit of N per second that is also spread evenly — one request
 * every `intervalMs` — instead of a window that lets its N go as a burst at its start. A window's
 * burst that straddles the receiver's own window boundary is refused (Teams answers 429 and counts
 * the refused request too), so 50 per second is sent as one request every 20 ms.
 *
 * The algorithm is a virtual schedule (GCRA without burst): `next` is the earliest free slot;
 * reserving takes `max(now, next)` and moves `next` one interval further. Callers get their slot
 * in the order they ask, each waits for its own, and nobody asks twice — no herd of waiters
 * polling a full window. In memory for one process; in PostgreSQL one upsert per slot, so that the
 * instances share one schedule.
 */
export interface Pacer {
  /** Reserves the next free slot: the milliseconds until it (0 = now). Then go, without asking again. */
  reserve(): Promise<number>;
}

export interface PaceSchedule {
  /** Distinguishes schedules sharing the `rate_limits` table (their row's key). */
  key: string;
  /** Milliseconds between two slots; whole milliseconds (a fraction is rounded up). */
  intervalMs: number;
}

export type PacerFactory = (schedule: PaceSchedule) => Pacer;

const wholeInterval = (schedule: PaceSchedule) => Math.max(1, Math.ceil(schedule.intervalMs));

/** The schedule itself: takes the next free slot and answers how far away it is. */
function scheduleInMemory(interval: number, now: () => number): () => number {
  let next = -Infinity;
  return () => {
    const at = now();
    const slot = Math.max(at, next);
    next = slot + interval;
    return slot - at;
  };
}

/** One process's schedule; `now` is the wall clock in milliseconds (tests may pass their own). */
export function memoryPacer(schedule: PaceSchedule, now: () => number = () => Date.now()): Pacer {
  const reserve = scheduleInMemory(wholeInterval(schedule), now);
  return { reserve: async () => reserve() };
}

export const memoryPacers: PacerFactory = (schedule) => memoryPacer(schedule);

export function postgresRateLimiters(pool: pg.Pool, schema: string | null): RateLimiterFactory {
  return (window) =>
    new RateLimiterPostgres({
      ...window,
      storeClient: pool,
      storeType: 'pool',
      tableName: RATE_LIMITS_TABLE,
      ...(schema ? { schemaName: schema } : {}),
      // Created by the migrations, so that constructing a limiter needs no database at start-up.
      tableCreated: true,
      clearExpiredByTimeout: true,
      insuranceLimiter: new RateLimiterMemory(window),
    });
}

/**
 * The schedule in PostgreSQL, in the `rate_limits` table beside rate-limiter-flexible's counters:
 * the row `key` keeps the next free slot in `expire` (ms since the epoch; `points` unused). One
 * atomic upsert reserves a slot for whichever instance asks; each instance then waits for it on its
 * own clock, so clock skew between instances (milliseconds under NTP) shifts their sends by as
 * much. rate-limiter-flexible's hourly clean-up deletes the row once it is an hour in the past,
 * which means the same as an empty schedule. When the database does not answer, the instance paces
 * alone in memory until it does (the limit is then per instance, as with the limiters' insurance).
 */
export function postgresPacers(pool: pg.Pool, schema: string | null): PacerFactory {
  // Quoted as rate-limiter-flexible quotes it (RateLimiterPostgres._getTableIdentifier).
  const table = schema ? `"${schema}"."${RATE_LIMITS_TABLE}"` : `"${RATE_LIMITS_TABLE}"`;
  const text = `INSERT INTO ${table} AS pace (key, points, expire) VALUES ($1, 0, $2::bigint + $3::bigint)
    ON CONFLICT (key) DO UPDATE SET expire = GREATEST(pace.expire, $2::bigint) + $3::bigint
    RETURNING expire`;
  return (schedule) => {
    const interval = wholeInterval(schedule);
    const alone = scheduleInMemory(interval, () => Date.now());
    return {
      async reserve() {
        try {
          const result = await pool.query<{ expire: string }>(text, [schedule.key, Date.now(), interval]);
          const slot = Number(result.rows[0]!.expire) - interval;
          return Math.max(0, slot - Date.now());
        } catch {
          return alone();
        }
      },
    };
  };
}
