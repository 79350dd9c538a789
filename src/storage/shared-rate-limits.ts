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
