/**
 * What happens to a message after an attempt to send it (design: "Teams limits"; Microsoft's
 * "Rate limiting for bots" and "Send proactive messages" guidance):
 *
 *   queued ──► sent
 *      │
 *      └──► retrying(n, nextAttemptAt, reason) ──► sent
 *                 │          ▲
 *                 └──────────┘ ──► failed(reason)
 *
 * - 429: wait exactly as long as Retry-After says (seconds or an HTTP date); without it, back off.
 * - 412, 500, 502, 503, 504, timeouts and connection errors: exponential backoff with jitter.
 * - 403 (bot blocked or removed) and 404 (conversation gone): final at once, with the reason.
 * - any other 4xx: final ('rejected'); the same request would be refused again.
 * - after `maxAttempts` attempts the message fails as 'retries_exhausted', with the last reason.
 *
 * Pure: the caller gives the time and the random source (jitter), so tests replay it exactly.
 */
import type { DeliveryReason, DeliveryStatus } from './outbound-message.js';

/** How one attempt ended, as the sender observed it. */
export type AttemptOutcome =
  | { kind: 'sent' }
  | { kind: 'http'; status: number; retryAfterMs?: number | null; detail?: string }
  | { kind: 'timeout' }
  | { kind: 'connection'; detail: string }
  | { kind: 'no_reference' };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry-After beyond this is capped (a broken header must not park a message for days). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/** The state a job is left in after an attempt. */
export type DeliveryDecision =
  | { status: Extract<DeliveryStatus, 'sent'> }
  | {
      status: Extract<DeliveryStatus, 'retrying'>;
      nextAttemptAt: Date;
      reason: DeliveryReason;
      detail: string;
    }
  | { status: Extract<DeliveryStatus, 'failed'>; reason: DeliveryReason; detail: string };

const TRANSIENT_STATUSES = new Set([408, 412, 500, 502, 503, 504]);

/** Attempt n (1-based) waits base × 2^(n-1), capped, then "equal jitter": between half and all of it. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * Math.min(1, Math.max(0, random())));
}

function classify(outcome: Exclude<AttemptOutcome, { kind: 'sent' }>): {
  reason: DeliveryReason;
  detail: string;
  final: boolean;
} {
  switch (outcome.kind) {
    case 'timeout':
      return { reason: 'timeout', detail: 'no answer in time', final: false };
    case 'connection':
      return { reason: 'connection_error', detail: outcome.detail, final: false };
    case 'no_reference':
      return { reason: 'no_conversation_reference', detail: 'no stored conversation', final: true };
    case 'http': {
      const detail = `HTTP ${outcome.status}${outcome.detail ? ` ${outcome.detail}` : ''}`;
      if (outcome.status === 429) return { reason: 'throttled', detail, final: false };
      if (outcome.status === 403) return { reason: 'bot_blocked', detail, final: true };
      if (outcome.status === 404) return { reason: 'conversation_not_found', detail, final: true };
      if (TRANSIENT_STATUSES.has(outcome.status) || outcome.status >= 500)
        return { reason: 'transient', detail, final: false };
      return { reason: 'rejected', detail, final: true };
    }
  }
}

/**
 * The job's next state after attempt number `attempt` (1-based, the one that just ended) ended
 * with `outcome`.
 */
export function decideAfterAttempt(input: {
  outcome: AttemptOutcome;
  attempt: number;
  now: Date;
  policy?: RetryPolicy;
  random: () => number;
}): DeliveryDecision {
  const { outcome, attempt, now } = input;
  const policy = input.policy ?? DEFAULT_RETRY_POLICY;
  if (outcome.kind === 'sent') return { status: 'sent' };
  const { reason, detail, final } = classify(outcome);
  if (final) return { status: 'failed', reason, detail };
  if (attempt >= policy.maxAttempts) {
    return { status: 'failed', reason: 'retries_exhausted', detail: `${reason}: ${detail}` };
  }
  const retryAfterMs =
    outcome.kind === 'http' && outcome.status === 429 && typeof outcome.retryAfterMs === 'number'
      ? Math.min(policy.maxRetryAfterMs, Math.max(0, outcome.retryAfterMs))
      : null;
  const delay = retryAfterMs ?? backoffDelayMs(attempt, policy, input.random);
  return { status: 'retrying', nextAttemptAt: new Date(now.getTime() + delay), reason, detail };
}

/**
 * Retry-After as milliseconds: delta-seconds ("120") or an HTTP date, relative to `now`
 * (RFC 9110 §10.2.3). Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/** How a job's last error reads in the queue: `<reason>: <detail>`. */
export const errorText = (decision: { reason: DeliveryReason; detail: string }): string =>
  `${decision.reason}: ${decision.detail}`.slice(0, 500);
