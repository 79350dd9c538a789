import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  decideAfterAttempt,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  type AttemptOutcome,
} from '../../../src/domain/proactive/delivery-policy.js';

const now = new Date('2026-11-26T16:30:00.000Z');
const decide = (outcome: AttemptOutcome, attempt = 1, random = () => 0.5) =>
  decideAfterAttempt({ outcome, attempt, now, random });
const delayOf = (decision: ReturnType<typeof decide>) =>
  decision.status === 'retrying' ? decision.nextAttemptAt.getTime() - now.getTime() : null;

describe('what happens after an attempt', () => {
  it.each([
    [{ kind: 'http', status: 403 }, 'bot_blocked'],
    [{ kind: 'http', status: 404 }, 'conversation_not_found'],
    [{ kind: 'http', status: 400 }, 'rejected'],
    [{ kind: 'no_reference' }, 'no_conversation_reference'],
  ] as const)('%o is final: %s', (outcome, reason) => {
    expect(decide(outcome)).toMatchObject({ status: 'failed', reason });
  });

  it.each([
    [{ kind: 'http', status: 412 }, 'transient'],
    [{ kind: 'http', status: 502 }, 'transient'],
    [{ kind: 'http', status: 503 }, 'transient'],
    [{ kind: 'http', status: 504 }, 'transient'],
    [{ kind: 'timeout' }, 'timeout'],
    [{ kind: 'connection', detail: 'ECONNRESET' }, 'connection_error'],
  ] as const)('%o is retried with backoff: %s', (outcome, reason) => {
    expect(decide(outcome)).toMatchObject({ status: 'retrying', reason });
  });

  it('waits exactly Retry-After on 429, and backs off when it is missing', () => {
    expect(delayOf(decide({ kind: 'http', status: 429, retryAfterMs: 7_000 }))).toBe(7_000);
    expect(delayOf(decide({ kind: 'http', status: 429, retryAfterMs: 10 * 3_600_000 }))).toBe(
      DEFAULT_RETRY_POLICY.maxRetryAfterMs,
    );
    expect(delayOf(decide({ kind: 'http', status: 429 }))).toBe(
      backoffDelayMs(1, DEFAULT_RETRY_POLICY, () => 0.5),
    );
  });

  it('doubles the backoff each attempt, with jitter between half and all of it, capped', () => {
    const policy = DEFAULT_RETRY_POLICY;
    expect(backoffDelayMs(1, policy, () => 0)).toBe(policy.baseDelayMs / 2);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(policy.baseDelayMs);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(policy.baseDelayMs * 4);
    expect(backoffDelayMs(30, policy, () => 1)).toBe(policy.maxDelayMs);
  });

  it('gives up after the last attempt with the last reason', () => {
    expect(decide({ kind: 'timeout' }, DEFAULT_RETRY_POLICY.maxAttempts)).toMatchObject({
      status: 'failed',
      reason: 'retries_exhausted',
      detail: 'timeout: no answer in time',
    });
    expect(decide({ kind: 'sent' }, DEFAULT_RETRY_POLICY.maxAttempts)).toEqual({ status: 'sent' });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 16:31:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
