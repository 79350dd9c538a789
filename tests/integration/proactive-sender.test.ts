import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CardFactory, MessageFactory, type Activity, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
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
import { preloadBotConnectorToken } from '../support/identity-provider-stub.js';
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
    limiter: { acquire: async () => undefined },
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

  it('holds Teams’ rate limits: 7 messages/s per conversation, 50 requests/s per app, evenly spread', async () => {
    // rate-limiter-flexible and the pacer read Date.now(): the fake clock is the process's Date
    // here. The worker waits through real (fake) timers, and time moves only when every lane waits:
    // the sends themselves take no time, since this test's connector lives in memory.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: START, loopLimit: 100_000 });
    const clock = { now: () => new Date() };
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
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
    // What reached the connector, and when (fake time).
    const sends: { at: number; conversationId: string; text: string }[] = [];
    const connector = {
      conversations: {
        sendToConversation: async (conversationId: string, activity: { text?: string }) => {
          sends.push({ at: Date.now(), conversationId, text: activity.text ?? '' });
          return { id: `sent-${sends.length}` };
        },
      },
    };
    const worker = createProactiveWorker({
      store,
      adapter: { createProactiveConnector: async () => connector as unknown as ConnectorClient },
      botAppId: '',
      clock,
      logger,
      metrics: createMetrics(),
      sleep,
      limiter: createMemoryRateLimiter(),
      limits: { batchSize: 200, concurrency: 16 },
    });
    const rounds = (async () => {
      for (let round = 0; round < 20 && sends.length < keys.size; round += 1) await worker.runOnce();
    })();
    await vi.runAllTimersAsync();
    await rounds;

    expect(sends).toHaveLength(150);
    expect(new Set(sends.map((send) => send.text))).toEqual(keys);
    const mostInOneSecond = (list: readonly { at: number }[]) =>
      Math.max(
        ...list.map(
          (send) => list.filter((other) => other.at > send.at - 1000 && other.at <= send.at).length,
        ),
      );
    expect(mostInOneSecond(sends)).toBeLessThanOrEqual(50);
    // Spread evenly: one request every 20 ms at most, never a burst.
    const times = sends.map((send) => send.at);
    for (let index = 1; index < times.length; index += 1)
      expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(20);
    const byConversation = new Map<string, typeof sends>();
    for (const send of sends)
      byConversation.set(send.conversationId, [...(byConversation.get(send.conversationId) ?? []), send]);
    for (const list of byConversation.values()) expect(mostInOneSecond(list)).toBeLessThanOrEqual(7);
    // The busy conversation's 30 messages took at least 4 more windows: it was really held back.
    const busyTimes = byConversation.get(busy.conversationId)!.map((send) => send.at);
    expect(Math.max(...busyTimes) - Math.min(...busyTimes)).toBeGreaterThanOrEqual(4000);
    // 150 requests at 50/s: at least 149 intervals of 20 ms.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(149 * 20);
    // One conversation's messages keep their order.
    expect(byConversation.get(busy.conversationId)!.map((send) => Number(send.text.split(':')[2]))).toEqual([
      ...Array(30).keys(),
    ]);
    await store.close();
  });

  it('posts what botbuilder’s proactive turn posts, a card as a card, a text as a text', async () => {
    const { store } = await openTestStore();
    const clock = fakeClock();
    const { aadObjectId, conversationId } = await personWithChat(store);
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Stunden?' }] };
    const cardKey = `reminder:shape:${randomUUID()}`;
    const textKey = `notice:shape:${randomUUID()}`;
    const outbox = createOutbox({ outbound: store.outbound, clock, newId: randomUUID });
    await outbox.send({
      recipientKey: aadObjectId,
      idempotencyKey: cardKey,
      category: 'reminder',
      payload: { kind: 'card', card, fallbackText: cardKey },
      locale: 'de-CH',
    });
    await enqueueText(store, clock, aadObjectId, textKey);
    await drain(store, workerOver(store, clock), clock);
    const sent = (key: string) =>
      connector.requests.find((request) => [request.activity.text, request.activity.summary].includes(key));

    // The same two messages through continueConversationAsync, as the worker sent them before.
    const adapter = new CrewdeskAdapter({ MicrosoftAppId: '' });
    const reference = (await store.outbound.findConversation(aadObjectId))!.reference;
    const viaTurn = async (activity: Partial<Activity>) =>
      adapter.continueConversationAsync('', reference as Partial<ConversationReference>, async (context) => {
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) delete outgoing.replyToId;
          return next();
        });
        await context.sendActivity(activity);
      });
    const cardActivity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    cardActivity.summary = `${cardKey}:turn`;
    cardActivity.locale = 'de-CH';
    const textActivity = MessageFactory.text(`${textKey}:turn`);
    textActivity.locale = 'de-CH';
    await viaTurn(cardActivity);
    await viaTurn(textActivity);

    for (const key of [cardKey, textKey]) {
      const worker = sent(key)!;
      const turn = sent(`${key}:turn`)!;
      expect(worker.conversationId).toBe(conversationId);
      expect(worker.replyToId).toBeNull();
      expect(turn.replyToId).toBeNull();
      const { text, summary, ...workerRest } = worker.activity;
      const { text: turnText, summary: turnSummary, ...turnRest } = turn.activity;
      expect(workerRest).toEqual(turnRest);
      expect([text, summary]).toEqual(
        [turnText, turnSummary].map((value) => (value as string | undefined)?.replace(/:turn$/, '')),
      );
    }
    expect(sent(cardKey)!.activity.attachments).toEqual([
      { contentType: 'application/vnd.microsoft.card.adaptive', content: card },
    ]);
    await store.close();
  });

  it('signs each request with the bot’s current token and keeps one connector client per service URL', async () => {
    const { store } = await openTestStore();
    const clock = fakeClock();
    const appId = `crewdesk-proactive-${randomUUID()}`;
    preloadBotConnectorToken(appId, 'first-token');
    const adapter = new CrewdeskAdapter({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
    const made = vi.spyOn(adapter, 'createProactiveConnector');
    const worker = workerOver(store, clock, { adapter, botAppId: appId });
    const keys: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const { aadObjectId } = await personWithChat(store);
      keys.push(`notice:token:${index}:${randomUUID()}`);
      await enqueueText(store, clock, aadObjectId, keys[index]!);
      // The token runs out and botbuilder fetches another one half-way: the kept client uses it.
      if (index === 2) {
        await worker.runOnce();
        preloadBotConnectorToken(appId, 'renewed-token');
      }
    }
    await worker.runOnce();
    const authorizations = keys.map(
      (key) => connector.requests.find((request) => textOf(request) === key)?.authorization,
    );
    expect(authorizations).toEqual([
      'Bearer first-token',
      'Bearer first-token',
      'Bearer first-token',
      'Bearer renewed-token',
    ]);
    expect(made).toHaveBeenCalledTimes(1);
    expect(made).toHaveBeenCalledWith(connector.serviceUrl, appId);
    await store.close();
  });

  it('starts at once when woken, and comes back for its own retries when they fall due', async () => {
    const { store } = await openTestStore();
    const clock = { now: () => new Date() };
    const { aadObjectId } = await personWithChat(store);
    const key = `notice:wake:${randomUUID()}`;
    let answered = 0;
    script = (request) =>
      textOf(request) === key && ++answered === 1
        ? { status: 429, headers: { 'Retry-After': '1' } }
        : undefined;
    // A poll interval far longer than the test: only a wake-up or its own retry brings it back.
    const worker = workerOver(store, clock, { limits: { pollIntervalMs: 600_000, sendTimeoutMs: 2000 } });
    const idle = vi.spyOn(store.outbound, 'claimDue');
    worker.start();
    await vi.waitFor(() => expect(idle).toHaveBeenCalledTimes(1));
    await enqueueText(store, clock, aadObjectId, key);
    worker.wake();
    const mine = () => connector.requests.filter((request) => textOf(request) === key);
    await vi.waitFor(() => expect(mine()).toHaveLength(2), { timeout: 10_000 });
    await worker.stop();
    const [throttled, retried] = mine();
    // Retry-After: 1 s, kept (not stretched to the next poll).
    expect(retried!.receivedAt - throttled!.receivedAt).toBeGreaterThanOrEqual(1000);
    expect(await store.outbound.findByIdempotencyKey(key)).toMatchObject({ status: 'sent', attempts: 2 });
    await store.close();
  });
});
