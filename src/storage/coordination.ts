import pg from 'pg';
import { createPostgresConversationLock, inProcessOnly, type ConversationLock } from './conversation-lock.js';
import {
  memoryPacers,
  memoryRateLimiters,
  postgresPacers,
  postgresRateLimiters,
  type PacerFactory,
  type RateLimiterFactory,
} from './shared-rate-limits.js';

/**
 * What several instances on one database must agree on beyond the rows themselves (issue 8): whose
 * turn it is in a conversation, how much of a rate limit is spent, and whose turn it is to send
 * (the app's pace toward Teams). On SQLite (one process) all of it stays in the process.
 */
export interface Coordination {
  conversationLock: ConversationLock;
  rateLimiters: RateLimiterFactory;
  pacers: PacerFactory;
  close(): Promise<void>;
}

export const singleProcessCoordination: Coordination = {
  conversationLock: inProcessOnly,
  rateLimiters: memoryRateLimiters,
  pacers: memoryPacers,
  close: async () => undefined,
};

/** Bounds every wait on PostgreSQL, so that an unreachable server means 503 soon, not a hang. */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;

export function postgresCoordination(options: {
  pool: pg.Pool;
  connectionString: string;
  schema: string | null;
  onLockSessionLost?: (error: unknown) => void;
}): Coordination {
  const conversationLock = createPostgresConversationLock({
    newClient: () =>
      new pg.Client({
        connectionString: options.connectionString,
        connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS,
        query_timeout: 10_000,
        keepAlive: true,
      }),
    namespace: options.schema ?? 'public',
    ...(options.onLockSessionLost ? { onSessionLost: options.onLockSessionLost } : {}),
  });
  return {
    conversationLock,
    rateLimiters: postgresRateLimiters(options.pool, options.schema),
    pacers: postgresPacers(options.pool, options.schema),
    close: () => conversationLock.close(),
  };
}
