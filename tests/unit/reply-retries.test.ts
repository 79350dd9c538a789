import { describe, expect, it } from 'vitest';
import { replyRetryPolicy, type ReplyRetrySettings } from '../../src/teams/reply-retries.js';

/** The in-turn retry rule of src/teams/reply-retries.ts, with a recorded sleep instead of time. */
const settings: ReplyRetrySettings = {
  maxRetries: 4,
  budgetMs: 8_000,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  attemptTimeoutMs: 5_000,
};

function answer(status: number, headers: Record<string, string> = {}) {
  const lower = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { status, headers: { get: (name: string) => lower[name.toLowerCase()] } };
}

function run(outcomes: (ReturnType<typeof answer> | Error)[]) {
  const slept: number[] = [];
  const policy = replyRetryPolicy(settings, {
    sleep: async (ms) => {
      slept.push(ms);
    },
    random: () => 1,
    now: () => Date.parse('2026-03-02T10:00:00Z'),
  });
  let calls = 0;
  const request = { timeout: 0 };
  const result = policy.sendRequest(request, async () => {
    const outcome = outcomes[calls++] ?? answer(201);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  });
  return { result, slept, calls: () => calls, request };
}

describe('retries of a reply within a turn', () => {
  it('waits the Retry-After of a 429 and of a 503, in seconds or as a date', async () => {
    const attempt = run([
      answer(429, { 'Retry-After': '2' }),
      answer(503, { 'Retry-After': 'Mon, 02 Mar 2026 10:00:01 GMT' }),
    ]);
    expect((await attempt.result).status).toBe(201);
    expect(attempt.slept).toEqual([2_000, 1_000]);
  });

  it('backs off exponentially on other server errors and on connection failures', async () => {
    const attempt = run([answer(500), new Error('socket hang up'), answer(502)]);
    expect((await attempt.result).status).toBe(201);
    expect(attempt.slept).toEqual([200, 400, 800]);
  });

  it('does not retry final answers', async () => {
    for (const status of [400, 401, 403, 404, 501]) {
      const attempt = run([answer(status)]);
      expect((await attempt.result).status).toBe(status);
      expect(attempt.calls()).toBe(1);
    }
  });

  it('gives up at once when the Retry-After does not fit in what the turn may wait', async () => {
    const attempt = run([answer(429, { 'Retry-After': '30' })]);
    expect((await attempt.result).status).toBe(429);
    expect(attempt.slept).toEqual([]);
  });

  it('stops after the last retry and reports the last failure', async () => {
    const failure = new Error('connection refused');
    const attempt = run(Array.from({ length: 10 }, () => failure));
    await expect(attempt.result).rejects.toBe(failure);
    expect(attempt.calls()).toBe(settings.maxRetries + 1);
  });

  it('gives every attempt a timeout', async () => {
    const attempt = run([]);
    await attempt.result;
    expect(attempt.request.timeout).toBe(settings.attemptTimeoutMs);
  });
});
