import type { Kysely, Migration } from 'kysely';

/**
 * Rate-limit counters shared by the instances on one PostgreSQL (src/storage/shared-rate-limits.ts),
 * in the layout rate-limiter-flexible's RateLimiterPostgres reads and writes: `expire` is an instant
 * in milliseconds. Created on SQLite too (one migration list for both engines), where it stays
 * empty: a single process counts in memory.
 */
export const sharedRateLimitMigrations: Record<string, Migration> = {
  '0009_shared_rate_limits': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
    },
  },
};
