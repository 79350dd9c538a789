import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOutbox, type OutboundJob } from '../../src/domain/proactive/outbound-message.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { CrewdeskAdapter } from '../../src/teams/bot-adapter.js';
import {
  conversationOf,
  createMemoryRateLimiter,
  createProactiveWorker,
  type ProactiveWorkerDependencies,
} from '../../src/teams/proactive-sender.js';
import {
  startConnectorStub,
  type ConnectorAnswer,
  type ConnectorRequest,
  type ConnectorStub,
} from '../support/connector-stub.js';
import { teamsMessage } from '../support/teams-activities.js';

/**
 * The proactive worker against a loopback Bot Connector that answers by script: 429 with
 * Retry-After, 503, 403, 404, dropped connections and requests that never answer. Time is a fake
 * clock that the test moves; nothing waits for real time but the request timeout of the one that never answers.
 */
const folder = mkdtempSync(join(tmpdir(), 'crewdesk-proactive-'));
const logger = createLogger({ level: process.env.CREWDESK_TEST_LOG_LEVEL ?? 'silent' });
const START = Date.parse('2026-11-26T16:30:00.000Z');

let script: (request: ConnectorRequest) => ConnectorAnswer | undefined = () => undefined;
let connector: ConnectorStub;

beforeAll(async () => {
  connector = await startConnectorStub({ script: (request) => script(request) });
});

afterAll(async () => {
  await connector?.close();
  rmSync(folder, { recursive: true, force: true });
});

afterEach(() => {
  script = () => undefined;
  vi.useRealTimers();
});

function fakeClock(start = START) {
  let now = start;
  return {
    now: () => new Date(now),
    set: (instant: number) => {
      now = instant;
    },
    advance: (ms: number) => {
      now += ms;
    },
    get ms() {
      return now;
    },
  };
}

async function openTestStore(file = `store-${randomUUID()}.db`): Promise<{ store: Store; url: string }> {
  const url = `sqlite:${join(folder, file)}`;
  const store = openStore(url);
  await store.migrate();
  return { store, url };
}

/** A personal chat with the bot, stored the way an incoming message stores it. */
async function personWithChat(store: Store, aadObjectId = `person-${randomUUID()}`) {
  const conversationId = `a:${aadObjectId}`;
  const activity = teamsMessage({
    serviceUrl: connector.serviceUrl,
    conversationId,
    from: { id: `29:${aadObjectId}`, name: 'Test Person', aadObjectId },
  });
  const conversation = conversationOf(activity, new Date(START).toISOString());
  await store.outbound.saveConversation(conversation!);
  return { aadObjectId, conversationId };
}

function workerOver(
  store: Store,
  clock: { now(): Date },
  overrides: Partial<ProactiveWorkerDependencies> = {},
) {
  return createProactiveWorker({
    store,
    adapter: new CrewdeskAdapter({ MicrosoftAppId: '' }),
    botAppId: '',
    clock,
    logger,
    metrics: createMetrics(),
    limits: { sendTimeoutMs: 2000 },
    // Limits are their own test; the others must not wait for them.
    limiter: { tryAcquire: async () => 0 },
    random: () => 0.5,
    ...overrides,
  });
}

const textOf = (request: ConnectorRequest) => request.activity.text ?? '';

async function enqueueText(store: Store, clock: { now(): Date }, recipientKey: string, key: string) {
  const outbox = createOutbox({ outbound: store.outbound, clock, newId: randomUUID });
  return outbox.send({
    recipientKey,
    idempotencyKey: key,
    category: 'notice',
    payload: { kind: 'text', text: key },
    locale: 'de-CH',
  });
}

/** Runs rounds, moving the clock to each next attempt, until nothing is left to try. */
async function drain(
  store: Store,
  worker: ReturnType<typeof workerOver>,
  clock: ReturnType<typeof fakeClock>,
) {
  for (let round = 0; round < 100; round += 1) {
    await worker.runOnce();
    const pending = [
      ...(await store.outbound.listDeliveries({ status: 'queued', limit: 1000 })),
      ...(await store.outbound.listDeliveries({ status: 'retrying', limit: 1000 })),
    ];
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((job: OutboundJob) => Date.parse(job.nextAttemptAt)));
    clock.set(Math.max(clock.ms, next));
  }
  throw new Error('the queue did not drain');
}

describe('the proactive worker', () => {
  it('delivers every message exactly once or records why it failed', async () => {
    const { store } = await openTestStore();
    const clock = fakeClock();
    // What each conversation's connector answers, request after request (then 200).
    const plans: Record<string, ConnectorAnswer[]> = {
      ok: [],
      throttled: [{ status: 429, headers: { 'Retry-After': '30' } }],
      unavailable: [{ status: 503 }, { status: 503 }],
      gateway: [{ status: 502 }, { status: 504 }, { status: 412 }],
      blocked: [{ status: 403 }],
      gone: [{ status: 404 }],
      dropped: ['drop'],
      silent: ['hang'],
      broken: Array.from({ length: 20 }, () => ({ status: 503 })),
    };
    const seen = new Map<string, number>();
    script = (request) => {
      const plan = textOf(request).split(':')[1] ?? '';
      const count = seen.get(plan) ?? 0;
      seen.set(plan, count + 1);
      return plans[plan]?.[count];
    };
    const keys: Record<string, string> = {};
    for (const plan of Object.keys(plans)) {
      const { aadObjectId } = await personWithChat(store);
      keys[plan] = `notice:${plan}:${randomUUID()}`;
      expect(await enqueueText(store, clock, aadObjectId, keys[plan]!)).toBe(true);
      // Queuing the same message again does nothing.
      expect(await enqueueText(store, clock, aadObjectId, keys[plan]!)).toBe(false);
    }
    const nobody = `notice:nobody:${randomUUID()}`;
    await enqueueText(store, clock, 'never-wrote-to-the-bot', nobody);

    await drain(store, workerOver(store, clock), clock);

    const job = (plan: string) => store.outbound.findByIdempotencyKey(keys[plan]!);
    const deliveredTexts = connector.replies.map((reply) => reply.activity.text);
    for (const plan of ['ok', 'throttled', 'unavailable', 'gateway', 'dropped', 'silent']) {
      expect(deliveredTexts.filter((text) => text === keys[plan])).toHaveLength(1);
      expect(await job(plan)).toMatchObject({ status: 'sent', attempts: plans[plan]!.length + 1 });
    }
    for (const plan of ['blocked', 'gone', 'broken']) {
      expect(deliveredTexts).not.toContain(keys[plan]);
    }
    expect(await job('blocked')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringMatching(/^bot_blocked: HTTP 403/),
    });
    expect(await job('gone')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: expect.stringMatching(/^conversation_not_found: HTTP 404/),
    });
    expect(await job('broken')).toMatchObject({ status: 'failed', attempts: 8 });
    expect((await job('broken'))?.lastError).toMatch(/^retries_exhausted: transient: HTTP 503/);
    expect(await store.outbound.findByIdempotencyKey(nobody)).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/^no_conversation_reference/),
    });
    // One HTTP request per attempt: botbuilder's own retries are off.
    expect(seen.get('broken')).toBe(8);
    expect(seen.get('blocked')).toBe(1);
    await store.close();
  });

  it('waits exactly as long as Retry-After says before trying again', async () => {
    const { store } = await openTestStore();
    const clock = fakeClock();
    const { aadObjectId } = await personWithChat(store);
    const key = `notice:retry-after:${randomUUID()}`;
    let answered = 0;
    script = (request) =>
      textOf(request) === key && ++answered === 1
        ? { status: 429, headers: { 'Retry-After': '120' } }
        : undefined;
    await enqueueText(store, clock, aadObjectId, key);
    const worker = workerOver(store, clock);

    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await store.outbound.findByIdempotencyKey(key)).toMatchObject({
      status: 'retrying',
      nextAttemptAt: new Date(START + 120_000).toISOString(),
      lastError: expect.stringMatching(/^throttled: HTTP 429/),
    });
    clock.advance(119_999);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    expect(answered).toBe(1);
    clock.advance(1);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(connector.replies.filter((reply) => reply.activity.text === key)).toHaveLength(1);
    await store.close();
  });

  it('loses nothing and doubles nothing when stopped in the middle of a batch and restarted', async () => {
    const file = `restart-${randomUUID()}.db`;
    const first = await openTestStore(file);
    const clock = fakeClock();
    const keys: string[] = [];
    for (let index = 0; index < 30; index += 1) {
      const { aadObjectId } = await personWithChat(first.store);
      keys.push(`notice:restart:${index}:${randomUUID()}`);
      await enqueueText(first.store, clock, aadObjectId, keys[index]!);
    }
    const mine = new Set(keys);
    const requests = () => connector.requests.filter((request) => mine.has(textOf(request)));

    const workerA = workerOver(first.store, clock, {
      limits: { batchSize: 20, concurrency: 1, sendTimeoutMs: 2000 },
    });
    let stopping: Promise<void> | null = null;
    script = (request) => {
      // The 7th delivery of the batch: the process is asked to stop while it sends.
      if (mine.has(textOf(request)) && requests().length === 7) stopping = workerA.stop();
      return undefined;
    };
    const round = await workerA.runOnce();
    await stopping;
    expect(round).toMatchObject({ claimed: 20, sent: 7, released: 13 });
    await first.store.close();

    // A ghost: another process claimed some jobs and died before sending them.
    const second = openStore(first.url);
    await second.migrate();
    const ghost = await second.outbound.claimDue({
      workerId: 'ghost',
      now: clock.now().toISOString(),
      leaseUntil: new Date(clock.ms + 60_000).toISOString(),
      limit: 5,
    });
    expect(ghost).toHaveLength(5);

    const workerB = workerOver(second, clock);
    await workerB.runOnce();
    expect(requests()).toHaveLength(25);
    // The ghost's lease runs out: its jobs are taken over.
    clock.advance(60_000);
    await drain(second, workerB, clock);

    for (const key of keys) {
      expect(connector.replies.filter((reply) => reply.activity.text === key)).toHaveLength(1);
      expect(await second.outbound.findByIdempotencyKey(key)).toMatchObject({ status: 'sent' });
    }
    expect(requests()).toHaveLength(30);
    await second.close();
  });

  it('holds Teams’ rate limits: 7 messages/s per conversation, 50 requests/s per app', async () => {
    // rate-limiter-flexible reads Date.now(): the fake clock is the process's Date here.
    // Its windows also expire by setTimeout: both follow the fake clock, which only sleeps move.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: START });
    const clock = { now: () => new Date() };
    const sleep = async (ms: number) => {
      vi.advanceTimersByTime(ms);
    };
    const { store } = await openTestStore();
    const busy = await personWithChat(store);
    const keys = new Set<string>();
    for (let index = 0; index < 30; index += 1) {
      const key = `notice:busy:${index}:${randomUUID()}`;
      keys.add(key);
      await enqueueText(store, clock, busy.aadObjectId, key);
    }
    for (let person = 0; person < 40; person += 1) {
      const { aadObjectId } = await personWithChat(store);
      for (let index = 0; index < 3; index += 1) {
        const key = `notice:crowd:${person}:${index}:${randomUUID()}`;
        keys.add(key);
        await enqueueText(store, clock, aadObjectId, key);
      }
    }
    const delivered: { conversationId: string; text: string }[] = [];
    script = (request) => {
      if (keys.has(textOf(request)))
        delivered.push({ conversationId: request.conversationId, text: textOf(request) });
      return undefined;
    };
    // What the limiter let through, and when (fake time): the sends it allowed.
    const grants: { at: number; key: string }[] = [];
    const limiter = createMemoryRateLimiter();
    const worker = createProactiveWorker({
      store,
      adapter: new CrewdeskAdapter({ MicrosoftAppId: '' }),
      botAppId: '',
      clock,
      logger,
      metrics: createMetrics(),
      sleep,
      limiter: {
        async tryAcquire(key) {
          const wait = await limiter.tryAcquire(key);
          if (wait === 0) grants.push({ at: Date.now(), key });
          return wait;
        },
      },
      limits: { batchSize: 200, concurrency: 16 },
    });
    for (let round = 0; round < 20 && delivered.length < keys.size; round += 1) await worker.runOnce();

    expect(new Set(delivered.map((send) => send.text)).size).toBe(150);
    expect(delivered).toHaveLength(150);
    expect(grants).toHaveLength(150);
    const mostInOneSecond = (list: readonly { at: number }[]) =>
      Math.max(
        ...list.map(
          (send) => list.filter((other) => other.at > send.at - 1000 && other.at <= send.at).length,
        ),
      );
    expect(mostInOneSecond(grants)).toBeLessThanOrEqual(50);
    const byConversation = new Map<string, typeof grants>();
    for (const grant of grants)
      byConversation.set(grant.key, [...(byConversation.get(grant.key) ?? []), grant]);
    for (const list of byConversation.values()) expect(mostInOneSecond(list)).toBeLessThanOrEqual(7);
    // The busy conversation's 30 messages took at least 4 more windows: it was really held back.
    const busyTimes = byConversation.get(busy.aadObjectId)!.map((grant) => grant.at);
    expect(Math.max(...busyTimes) - Math.min(...busyTimes)).toBeGreaterThanOrEqual(4000);
    // 120 messages of the crowd at 50/s: at least 2 more windows.
    expect(Math.max(...grants.map((grant) => grant.at)) - START).toBeGreaterThanOrEqual(2000);
    // One conversation's messages keep their order.
    expect(
      delivered
        .filter((send) => send.conversationId === busy.conversationId)
        .map((send) => Number(send.text.split(':')[2])),
    ).toEqual([...Array(30).keys()]);
    await store.close();
  });
});
