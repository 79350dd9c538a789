/**
 * Tells "the database cannot be reached right now" from every other failure, so that the edges
 * answer 503 (try again: nothing was lost, Teams and the tab retry) instead of 500 or an apology
 * with HTTP 200 while PostgreSQL restarts or fails over (issue 5, "PostgreSQL restarting under
 * load"). Only transient conditions count: a constraint violation or a bad query stays an error.
 */

/** PostgreSQL SQLSTATE classes and codes that mean "the server is going away or not there yet". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (fast shutdown, restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '53300', // too_many_connections
  // The session bounds (store.ts): a statement that waited or ran too long, a session ended for
  // idling in a transaction. Trying again later is the answer to both.
  '57014', // query_canceled (statement_timeout)
  '25P03', // idle_in_transaction_session_timeout
]);
const CONNECTION_EXCEPTION_CLASS = '08'; // connection_exception and its subclasses

/** Node system errors on a connection to the database. */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * node-postgres reports a lost or impossible connection as a plain Error with one of these
 * messages (pg/lib/client.js, pg-pool/index.js).
 */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'terminating connection due to administrator command',
];

export class DatabaseUnavailableError extends Error {
  constructor(message = 'the database is not reachable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  if (error instanceof DatabaseUnavailableError) return true;
  const failure = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  // An HTTP client's failure (the Bot Connector, identity metadata) carries the same system codes.
  if (failure.name === 'RestError' || failure.name === 'FetchError' || failure.name === 'AbortError')
    return false;
  if (typeof failure.code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(failure.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(failure.code) && failure.code.startsWith(CONNECTION_EXCEPTION_CLASS))
      return true;
    if (CONNECTION_ERROR_CODES.has(failure.code)) return true;
  }
  if (typeof failure.message === 'string') {
    const message = failure.message;
    if (PG_CONNECTION_MESSAGES.some((known) => message.includes(known))) return true;
  }
  // AggregateError (a connection attempt to several addresses) and wrapped causes.
  if (
    Array.isArray(failure.errors) &&
    failure.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))
  )
    return true;
  return isDatabaseUnavailable(failure.cause, depth + 1);
}
