import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './database-schema.js';

/**
 * Numbers (CD-000123, EQ-000045) are the highest so far plus one. Two transactions opening a
 * ticket at the same moment on PostgreSQL would both read the same highest and one would fail on
 * the unique number; a transaction-scoped advisory lock makes the second wait until the first
 * commits. SQLite runs one write transaction at a time already.
 */
export async function serializeNumbering<DB>(db: Kysely<DB>, sequence: string): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ${`:${sequence}`}))`.execute(db);
}

/** The next number of a numbered table: its highest so far plus one, taken under the lock above. */
export async function nextNumber(
  db: Kysely<Database>,
  table: 'tickets' | 'equipment_requests',
): Promise<number> {
  await serializeNumbering(db, NUMBER_SEQUENCES[table]);
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('number').as('highest'))
    .executeTakeFirst();
  return Number(row?.highest ?? 0) + 1;
}

const NUMBER_SEQUENCES = { tickets: 'ticket-numbers', equipment_requests: 'equipment-numbers' } as const;
