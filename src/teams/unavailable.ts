import { isDatabaseUnavailable } from '../storage/database-availability.js';

/**
 * Failures that say "not now" rather than "no": the bot answers them 503 so that the Bot Connector
 * delivers the activity again, instead of 401 (a token that could not be checked is not an invalid
 * token) or an apology with HTTP 200 (which would lose the message). Issue 5, "Nothing lost".
 */
export type UnavailableDependency = 'identity' | 'database' | 'connector';

/**
 * The Bot Framework OpenID metadata or its keys could not be fetched: botframework-connector's
 * OpenIdMetadata lets node-fetch's FetchError through when the host does not answer, and raises an
 * AuthenticationError with status 500 ("Failed to load openID config: 503", "Failed to load
 * Keys: …") when it answers with an error (botframework-connector auth/openIdMetadata.js).
 */
export function isIdentityMetadataUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const failure = error as { name?: unknown; statusCode?: unknown; message?: unknown; type?: unknown };
  if (failure.name === 'FetchError') return true;
  return (
    failure.statusCode === 500 &&
    typeof failure.message === 'string' &&
    /^Failed to load (openID config|Keys)/.test(failure.message)
  );
}

/**
 * A reply the Bot Connector would not take even after the retries (src/teams/reply-retries.ts):
 * throttled, unavailable, or unreachable. 403 and 404 are final answers, not this.
 */
export function isConnectorUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const failure = error as { name?: unknown; statusCode?: unknown; code?: unknown };
  if (failure.name === 'AbortError') return true; // the attempt's timeout
  if (failure.name !== 'RestError') return false;
  if (typeof failure.statusCode === 'number' && failure.statusCode > 0)
    return failure.statusCode === 408 || failure.statusCode === 429 || failure.statusCode >= 500;
  // No answer: only a network failure counts. A serviceUrl that is not a URL, or names a host that
  // does not exist, is the sender's mistake (anyone may send one in bot local mode): not retried.
  return typeof failure.code === 'string' && TRANSIENT_NETWORK_CODES.has(failure.code);
}

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

export function unavailableDependency(
  error: unknown,
  options: { turnStarted: boolean },
): UnavailableDependency | null {
  if (!options.turnStarted && isIdentityMetadataUnavailable(error)) return 'identity';
  if (isConnectorUnavailable(error)) return 'connector';
  if (isDatabaseUnavailable(error)) return 'database';
  return null;
}

/** What /api/messages answers when a dependency is unavailable; the server adds Retry-After. */
export const UNAVAILABLE_RESPONSE = {
  status: 503,
  body: { error: { code: 'unavailable', message: 'Crewdesk cannot process this activity now; retry' } },
} as const;
