import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DirectoryRepository } from '../domain/directory/directory-ports.js';
import type { HoursRepository } from '../domain/hours/hours-entry.js';
import type { OutboundRepository } from '../domain/proactive/outbound-message.js';
import { createActivityLedger, type ActivityLedger } from './activity-ledger.js';
import { createBotStateStorage, type BotStateStorage } from './bot-state-storage.js';
import {
  POSTGRES_CONNECT_TIMEOUT_MS,
  postgresCoordination,
  singleProcessCoordination,
  type Coordination,
} from './coordination.js';
import type { Database } from './database-schema.js';
import { createDirectoryRepository } from './directory-repository.js';
import { createHoursRepository } from './hours-repository.js';
import { createOutboundRepository } from './outbound-repository.js';
import { migrationProvider } from './migrations.js';
import { createRotationRepository } from './rotation-repository.js';
import type { RotationRepository } from '../domain/rotation/rotation-ports.js';
import type { SupportRepository } from '../domain/support/support-ports.js';
import type { AuditRepository } from '../domain/audit/audit-trail.js';
import type { TimesheetRepository } from '../domain/hours/month-closing.js';
import { createAuditRepository } from './audit-repository.js';
import type { PersonalDataRepository } from '../domain/privacy/personal-data.js';
import { createPersonalDataRepository } from './personal-data-repository.js';
import { createTimesheetRepository } from './timesheet-repository.js';
import { createSupportRepository } from './support-repository.js';
import type { EquipmentRepository } from '../domain/equipment/equipment-ports.js';
import { createEquipmentRepository } from './equipment-repository.js';
import type { RotationSwapRequestRepository } from '../domain/rotation/swap-request-ports.js';
import { createRotationSwapRequestRepository } from './rotation-swap-request-repository.js';

/** Everything the use cases read and write; inside `transaction` they commit or roll back together. */
export interface Repositories {
  directory: DirectoryRepository;
  hours: HoursRepository;
  activities: ActivityLedger;
  rotations: RotationRepository;
  swapRequests: RotationSwapRequestRepository;
  outbound: OutboundRepository;
  support: SupportRepository;
  equipment: EquipmentRepository;
  timesheets: TimesheetRepository;
  audit: AuditRepository;
  personalData: PersonalDataRepository;
}

/** The one storage interface; every backend passes tests/contract/store.contract.ts. */
export interface Store extends Repositories {
  readonly engine: 'sqlite' | 'postgres';
  /** Bot turn state (botbuilder's Storage contract) in the same database. */
  readonly botState: BotStateStorage;
  /** Turn locks and rate-limit counters shared by the instances on the database (issue 8). */
  readonly coordination: Coordination;
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  /** Brings the schema to the latest version; safe to run from several processes at once. */
  migrate(): Promise<void>;
  /** Throws unless the database answers and the schema is current. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseLocation =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgres'; connectionString: string; schema: string | null };

/**
 * `sqlite:<path>` (relative paths from the working directory; `sqlite::memory:` for a private
 * in-memory database) or `postgres://…` / `postgresql://…`, optionally with `?schema=<name>`.
 */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path.length === 0)
      throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/crewdesk.db');
    return { engine: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/i.test(schema)) {
      throw new Error(`DATABASE_URL schema "${schema}" must be a plain identifier`);
    }
    return { engine: 'postgres', connectionString: parsed.toString(), schema };
  }
  throw new Error('DATABASE_URL must start with sqlite: or postgres://');
}

export interface OpenStoreOptions {
  /** Instants written by the store (created/updated columns); defaults to the system clock. */
  now?: () => string;
  /** This process's identity in the activity ledger; random by default (tests name one). */
  instanceId?: string;
  /** PostgreSQL pool size. */
  maxConnections?: number;
  /** PostgreSQL: how long a statement or an idle transaction may last (tests shorten them). */
  sessionBounds?: PostgresSessionBounds;
}

/**
 * How long one PostgreSQL session may hold what others need (issue 8, several instances on one
 * database). Without bounds, a statement waiting on a lock, or a transaction whose instance stopped
 * answering mid-way (a frozen process, a network partition: TCP keepalive takes minutes to hours to
 * notice), holds its rows and transaction-level advisory locks — the ticket numbering's, for one —
 * for every instance until then. With them PostgreSQL cancels the statement or ends the session;
 * the request is answered 503 (database-availability.ts) and Teams or the tab tries again.
 * Generous against what Crewdesk runs (the month's RHT report reads in well under a second), and
 * a DATABASE_URL may set `statement_timeout` / `idle_in_transaction_session_timeout` (ms) itself:
 * node-postgres lets the URL's parameters win. Migrations run without the statement bound.
 */
export interface PostgresSessionBounds {
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export const POSTGRES_SESSION_BOUNDS: PostgresSessionBounds = {
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
};

/**
 * Kysely prepares every statement again on every query; better-sqlite3's statements are reusable,
 * and preparing was about a tenth of the CPU under load (bench/README.md). Statements are cached by
 * their SQL text, which Kysely builds with placeholders, so the set stays small; the bound guards
 * against a caller that inlines values.
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteDatabase.Database {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver) as unknown;
      return (source: string) => {
        let statement = statements.get(source);
        if (!statement) {
          if (statements.size >= 1_000) statements.clear();
          statement = prepare(source);
          statements.set(source, statement);
        }
        return statement;
      };
    },
  });
}

function openSqlite(path: string): SqliteDatabase.Database {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new SqliteDatabase(inMemory ? ':memory:' : resolve(path));
  // WAL lets the CLI read and write while the server runs; busy_timeout makes the other process
  // wait for a lock instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  return database;
}

/** Creates no connection: start-up must not wait for the database (readiness reports it). */
function openPostgres(
  connectionString: string,
  schema: string | null,
  maxConnections: number,
  bounds: PostgresSessionBounds,
) {
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    statement_timeout: bounds.statementTimeoutMs,
    idle_in_transaction_session_timeout: bounds.idleInTransactionTimeoutMs,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  // A connection that breaks (PostgreSQL restarting) emits 'error': an idle one through the pool,
  // one checked out by Kysely on the client itself, where nobody listens. Unheard, either ends
  // the process. The query in flight fails on its own (and the request is answered 503); the pool
  // drops the broken client and opens a new one when next needed.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

function repositoriesOver(db: Kysely<Database>, now: () => string, instanceId: string): Repositories {
  return {
    directory: createDirectoryRepository(db, now),
    hours: createHoursRepository(db),
    activities: createActivityLedger(db, now, instanceId),
    rotations: createRotationRepository(db, now),
    swapRequests: createRotationSwapRequestRepository(db),
    outbound: createOutboundRepository(db, now),
    support: createSupportRepository(db),
    equipment: createEquipmentRepository(db),
    timesheets: createTimesheetRepository(db),
    audit: createAuditRepository(db),
    personalData: createPersonalDataRepository(db),
  };
}

export function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Store {
  const location = parseDatabaseUrl(databaseUrl);
  const now = options.now ?? (() => new Date().toISOString());
  const pool =
    location.engine === 'postgres'
      ? openPostgres(
          location.connectionString,
          location.schema,
          options.maxConnections ?? 10,
          options.sessionBounds ?? POSTGRES_SESSION_BOUNDS,
        )
      : null;
  const dialect =
    location.engine === 'sqlite'
      ? new SqliteDialect({ database: withStatementCache(openSqlite(location.path)) })
      : new PostgresDialect({ pool: pool! });
  const coordination =
    location.engine === 'postgres' && pool
      ? postgresCoordination({ pool, connectionString: location.connectionString, schema: location.schema })
      : singleProcessCoordination;
  const db = new Kysely<Database>({ dialect });
  // Kysely looks for its migration tables in every schema unless told which one: a fresh schema on a
  // database where another schema has them would skip creating its own and fail.
  const migrationSchema = location.engine === 'postgres' ? location.schema : null;
  const migratorOver = (database: Kysely<Database>) =>
    new Migrator({
      db: database,
      provider: migrationProvider,
      ...(migrationSchema ? { migrationTableSchema: migrationSchema } : {}),
    });
  const migrator = migratorOver(db);
  // Who this process is, for the activity ledger: a claim left by another instance id is a dead turn.
  const instanceId = options.instanceId ?? randomUUID();

  return {
    engine: location.engine,
    ...repositoriesOver(db, now, instanceId),
    botState: createBotStateStorage(db, now),
    coordination,
    transaction: (work) => db.transaction().execute((trx) => work(repositoriesOver(trx, now, instanceId))),
    async migrate() {
      if (location.engine === 'postgres' && location.schema) {
        // Two instances starting at once both create it; PostgreSQL may refuse the second.
        await sql`create schema if not exists ${sql.id(location.schema)}`
          .execute(db)
          .catch((error: unknown) => {
            const code = (error as { code?: unknown }).code;
            if (code !== '23505' && code !== '42P06') throw error;
          });
      }
      const { error } =
        location.engine === 'postgres'
          ? // One connection without the statement bound: an index built over years of hours may
            // take longer than a request should. RESET brings back the pool's bound before the
            // connection returns to the pool.
            await db.connection().execute(async (connection) => {
              await sql`set statement_timeout = 0`.execute(connection);
              try {
                return await migratorOver(connection).migrateToLatest();
              } finally {
                await sql`reset statement_timeout`.execute(connection);
              }
            })
          : await migrator.migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(String(error));
    },
    async ping() {
      await sql`select 1`.execute(db);
      const pending = (await migrator.getMigrations()).filter((migration) => !migration.executedAt);
      if (pending.length > 0) throw new Error(`${pending.length} migration(s) not applied yet`);
    },
    async close() {
      await coordination.close();
      await db.destroy();
    },
  };
}
