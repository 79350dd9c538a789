/**
 * The one proactive sender (issue 4). Two halves:
 *
 * - `rememberConversation` stores the conversation reference of every incoming activity — a personal
 *   chat under the user's aadObjectId, a channel or group chat under its conversation id — so that
 *   Crewdesk can write first later (Teams gives no other way to reach a person).
 * - `createProactiveWorker` delivers the outbound queue (src/storage/outbound-repository.ts): it
 *   claims due jobs, waits for the rate limits (about 7 messages/s per conversation, 50 requests/s
 *   per app, spread evenly), posts each message to the conversation through a connector client
 *   kept per service URL, and records each outcome by the rules of
 *   src/domain/proactive/delivery-policy.ts.
 *
 * botbuilder's connector client retries on its own (the Azure pipeline's `defaultRetryPolicy`:
 * up to 3 retries, sleeping Retry-After and exponential delays inside the call). The worker removes
 * that policy from its clients: the queue is then the only place that decides retries, its waits
 * are stored rather than slept (a restart loses none), and an attempt is one HTTP request, which
 * matters because sending an activity is not idempotent.
 *
 * Why not `continueConversationAsync` (issue 8, the broadcast): it builds a new connector client —
 * credentials, an Azure pipeline of a dozen policies, an HTTP agent without the previous
 * connection — plus a user-token client and a turn context for every message: in the broadcast
 * benchmark 2.9 ms of CPU per request, 1.6 ms with the client kept. The client is the one it
 * would build (the adapter's own connector factory, `CrewdeskAdapter.createProactiveConnector`),
 * the activity the one `TurnContext.sendActivity` would post
 * (`TurnContext.applyConversationReference`), and the bot's token comes from botbuilder's token
 * cache as before; only the building is done once.
 */
import { randomUUID } from 'node:crypto';
import {
  CardFactory,
  MessageFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { Counter } from 'prom-client';
import { RateLimiterRes } from 'rate-limiter-flexible';
import {
  DEFAULT_RETRY_POLICY,
  decideAfterAttempt,
  errorText,
  parseRetryAfter,
  type AttemptOutcome,
  type RetryPolicy,
} from '../domain/proactive/delivery-policy.js';
import type {
  OutboundJob,
  OutboundRepository,
  StoredConversation,
} from '../domain/proactive/outbound-message.js';
import { isValidTimeZone } from '../domain/shared/calendar-date.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Coordination } from '../storage/coordination.js';
import { memoryPacers, memoryRateLimiters } from '../storage/shared-rate-limits.js';
import { keptClients } from './kept-clients.js';

// ---- conversation references --------------------------------------------------------------------

type IncomingActivity = Partial<Activity> & { localTimezone?: string };

function clientTimeZone(activity: IncomingActivity): string | null {
  const clientInfo = (activity.entities ?? []).find((entity) => entity.type === 'clientInfo') as
    { timezone?: unknown } | undefined;
  for (const candidate of [activity.localTimezone, clientInfo?.timezone]) {
    if (typeof candidate === 'string' && candidate !== '' && isValidTimeZone(candidate)) return candidate;
  }
  return null;
}

/** Where a later proactive message to this activity's conversation goes, or null when it cannot. */
export function conversationOf(activity: IncomingActivity, updatedAt: string): StoredConversation | null {
  if (!activity.serviceUrl || !activity.conversation?.id) return null;
  const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
  // No activity id: a proactive message starts a new post instead of replying in this thread.
  delete reference.activityId;
  const type = activity.conversation.conversationType;
  const tenantId =
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ??
    activity.conversation.tenantId ??
    null;
  if (type === 'personal' || type === undefined) {
    const aadObjectId = activity.from?.aadObjectId;
    if (!aadObjectId) return null;
    return {
      key: aadObjectId,
      reference: reference as Record<string, unknown>,
      tenantId,
      scope: 'personal',
      timeZone: clientTimeZone(activity),
      updatedAt,
    };
  }
  // A message in a channel thread names the thread (`19:…@thread.tacv2;messageid=…`); a notice goes
  // to the channel itself.
  const conversationId = activity.conversation.id.split(';')[0] ?? activity.conversation.id;
  return {
    key: conversationId,
    reference: { ...reference, conversation: { ...reference.conversation, id: conversationId } },
    tenantId,
    scope: type === 'channel' ? 'channel' : 'groupChat',
    timeZone: null,
    updatedAt,
  };
}

/** Stores the activity's conversation reference; never fails the turn. */
/**
 * What one bot last stored per conversation key: a chat's reference rarely changes, and writing it
 * again on every message cost a database write per turn (bench/README.md). One memory per bot
 * (per store), bounded; another instance storing the same reference is harmless.
 */
export type ConversationMemory = Map<string, string>;
const MAX_REMEMBERED_REFERENCES = 5_000;

export async function rememberConversation(
  dependencies: {
    outbound: Pick<OutboundRepository, 'saveConversation'>;
    clock: Clock;
    logger: Logger;
    memory?: ConversationMemory;
  },
  activity: IncomingActivity,
): Promise<void> {
  const lastStoredReferences = dependencies.memory ?? new Map<string, string>();
  try {
    const conversation = conversationOf(activity, dependencies.clock.now().toISOString());
    if (!conversation) return;
    const fingerprint = JSON.stringify([
      conversation.reference,
      conversation.tenantId,
      conversation.scope,
      conversation.timeZone,
    ]);
    if (lastStoredReferences.get(conversation.key) === fingerprint) return;
    await dependencies.outbound.saveConversation(conversation);
    if (lastStoredReferences.size >= MAX_REMEMBERED_REFERENCES) lastStoredReferences.clear();
    lastStoredReferences.set(conversation.key, fingerprint);
  } catch (error) {
    dependencies.logger.warn({ err: error, activityId: activity.id }, 'conversation reference not stored');
  }
}

// ---- rate limits ----------------------------------------------------------------------------------

/**
 * Teams' sending limits, behind a small interface. The counters and the schedule live where the
 * store says (src/storage/coordination.ts): in memory for one process on SQLite; in PostgreSQL when
 * several instances send at once, so that 50 requests/s is the app's total, not each instance's.
 */
export interface SendRateLimiter {
  /**
   * Waits, through `sleep`, until one message to the conversation may go, and takes that send:
   * it goes as soon as this resolves.
   */
  acquire(conversationKey: string, sleep: (ms: number) => Promise<void>): Promise<void>;
}

export interface RateLimits {
  perConversationPerSecond: number;
  perAppPerSecond: number;
}

export const TEAMS_RATE_LIMITS: RateLimits = { perConversationPerSecond: 7, perAppPerSecond: 50 };

/**
 * Both limits are paces, not windows of a second. The app sends one request every 1000 / 50 =
 * 20 ms, each sender waiting for the slot it reserved (src/storage/shared-rate-limits.ts, `Pacer`):
 * a 1-s window of 50 let its 50 go as a burst at its start, and a burst that straddles Teams' own
 * window boundary is answered 429 (bench/README.md, the broadcast). A conversation gets one message
 * every 1000 / 7 ms, checked when the app's slot has come so that it holds at the moment of
 * sending; when the conversation has to wait, that slot goes unused (only a conversation sent more
 * than 7 messages a second costs the others anything).
 */
export function createSendRateLimiter(
  limits: RateLimits = TEAMS_RATE_LIMITS,
  coordination: Pick<Coordination, 'rateLimiters' | 'pacers'> = {
    rateLimiters: memoryRateLimiters,
    pacers: memoryPacers,
  },
): SendRateLimiter {
  // One point per 1/7 s (143 ms, whole milliseconds as the PostgreSQL table keeps them): never
  // more than 7 in any second. A window of 7 per second allowed up to 13 in a second that straddles
  // two windows, once the app's pace had spread the sends.
  const perConversation = coordination.rateLimiters({
    keyPrefix: 'teams-conversation-pace',
    points: 1,
    duration: Math.ceil(1000 / limits.perConversationPerSecond) / 1000,
  });
  const appPace = coordination.pacers({ key: 'teams-app-pace', intervalMs: 1000 / limits.perAppPerSecond });
  return {
    async acquire(conversationKey, sleep) {
      for (;;) {
        const untilSlot = await appPace.reserve();
        if (untilSlot > 0) await sleep(untilSlot);
        try {
          await perConversation.consume(conversationKey);
          return;
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          await sleep(Math.max(1, refusal.msBeforeNext));
        }
      }
    },
  };
}

/** One process's limiter (tests, SQLite). */
export const createMemoryRateLimiter = (limits: RateLimits = TEAMS_RATE_LIMITS): SendRateLimiter =>
  createSendRateLimiter(limits);

// ---- the worker -----------------------------------------------------------------------------------

export interface WorkerLimits {
  /** Jobs claimed per round. */
  batchSize: number;
  /** Recipients served at once within a round (one conversation's messages go in order). */
  concurrency: number;
  /** Wait between rounds when nothing was due. */
  pollIntervalMs: number;
  /** How long a claim holds; a worker that dies gives its jobs back when it runs out. */
  leaseMs: number;
  /** One HTTP request to the connector; a request without answer by then counts as a timeout. */
  sendTimeoutMs: number;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = {
  batchSize: 50,
  concurrency: 8,
  pollIntervalMs: 1_000,
  leaseMs: 120_000,
  sendTimeoutMs: 15_000,
};

/** The part of CrewdeskAdapter (src/teams/bot-adapter.ts) the worker uses. */
export interface ProactiveAdapter {
  createProactiveConnector(serviceUrl: string, botAppId: string): Promise<ConnectorClient>;
}

export interface ProactiveWorkerDependencies {
  store: { outbound: OutboundRepository };
  adapter: ProactiveAdapter;
  botAppId: string;
  clock: Clock;
  logger: Logger;
  metrics: Pick<Metrics, 'registry'>;
  limits?: Partial<WorkerLimits>;
  limiter?: SendRateLimiter;
  retryPolicy?: RetryPolicy;
  /** Waits for the rate limits; tests pass one that advances their clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter of the backoff. */
  random?: () => number;
  workerId?: string;
  /** Posts a queued ticket webhook event (CREWDESK_TICKET_WEBHOOK_URL); none = webhook off. */
  webhook?: (body: Record<string, unknown>, deliveryId: string, now: Date) => Promise<AttemptOutcome>;
}

export interface RoundOutcome {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  released: number;
}

export interface ProactiveWorker {
  readonly workerId: string;
  /** Polls until stopped. */
  start(): void;
  /** Finishes the sends in flight and records them, gives back what it had not started, stops. */
  stop(): Promise<void>;
  /** Something was queued: a worker waiting between rounds starts the next one now. */
  wake(): void;
  /** One round: claim what is due now, deliver, record. */
  runOnce(): Promise<RoundOutcome>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function deliveryCounter(registry: Metrics['registry']): Counter<'category' | 'outcome' | 'reason'> {
  const name = 'crewdesk_proactive_deliveries_total';
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<'category' | 'outcome' | 'reason'>;
  return new Counter({
    name,
    help: 'Proactive message attempts by category and outcome (sent, retried, failed) and reason.',
    labelNames: ['category', 'outcome', 'reason'] as const,
    registers: [registry],
  });
}

function headerOf(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== 'object') return null;
  const withGet = headers as { get?: (name: string) => string | undefined | null };
  if (typeof withGet.get === 'function') return withGet.get(name) ?? null;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return typeof entry?.[1] === 'string' ? entry[1] : null;
}

const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'REQUEST_SEND_ERROR',
  'UND_ERR_SOCKET',
]);

class SendTimeout extends Error {}

/**
 * How a connector error reads. botframework-connector throws the Azure pipeline's RestError: the
 * HTTP status in `statusCode`, the response (with its headers, so Retry-After) in `response`, a
 * system code such as ECONNRESET in `code`; a request cut by its timeout rejects with AbortError.
 */
export function outcomeOfError(error: unknown, now: Date): AttemptOutcome {
  const failure = (error ?? {}) as {
    statusCode?: unknown;
    code?: unknown;
    name?: unknown;
    message?: unknown;
    response?: { headers?: unknown };
  };
  if (typeof failure.statusCode === 'number' && failure.statusCode > 0) {
    return {
      kind: 'http',
      status: failure.statusCode,
      retryAfterMs: parseRetryAfter(headerOf(failure.response?.headers, 'retry-after'), now),
      ...(typeof failure.code === 'string' ? { detail: failure.code } : {}),
    };
  }
  if (error instanceof SendTimeout || failure.name === 'AbortError' || failure.code === 'ETIMEDOUT')
    return { kind: 'timeout' };
  const code = typeof failure.code === 'string' ? failure.code : null;
  if (code && CONNECTION_CODES.has(code)) return { kind: 'connection', detail: code };
  // Anything else (a bug, an unknown failure): retried, and recorded with its message.
  return { kind: 'connection', detail: String(failure.message ?? error).slice(0, 200) };
}

type ConnectorPipeline = {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: {
    name: string;
    sendRequest(request: { timeout: number }, next: (request: never) => Promise<unknown>): Promise<unknown>;
  }): void;
};

/** One attempt = one HTTP request with a timeout; see the module comment. */
function takeOverRetries(connector: ConnectorClient, timeoutMs: number): void {
  const pipeline = (connector as unknown as { client?: { pipeline?: ConnectorPipeline } }).client?.pipeline;
  if (!pipeline) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.removePolicy({ name: 'crewdeskRequestTimeout' });
  pipeline.addPolicy({
    name: 'crewdeskRequestTimeout',
    sendRequest: (request, next) => {
      request.timeout = timeoutMs;
      return next(request as never);
    },
  });
}

/**
 * One connector client per service URL for the worker's life. Sharing it between sends is what
 * botbuilder does within a turn; its credentials read the bot's token from botbuilder's token cache
 * on every request (and fetch a new one when it runs out), and its HTTP agent keeps connections
 * open.
 */
function connectorsOf(adapter: ProactiveAdapter, botAppId: string, timeoutMs: number) {
  const connectors = keptClients<ConnectorClient>();
  return (serviceUrl: string): Promise<ConnectorClient> =>
    connectors.get(serviceUrl, async () => {
      const connector = await adapter.createProactiveConnector(serviceUrl, botAppId);
      takeOverRetries(connector, timeoutMs);
      return connector;
    });
}

function activityOf(job: OutboundJob): Partial<Activity> {
  const activity: Partial<Activity> =
    job.payload.kind === 'card'
      ? MessageFactory.attachment(CardFactory.adaptiveCard(job.payload.card))
      : MessageFactory.text(job.payload.kind === 'text' ? job.payload.text : '');
  if (job.payload.kind === 'card' && job.payload.fallbackText) activity.summary = job.payload.fallbackText;
  activity.locale = job.locale;
  return activity;
}

export function createProactiveWorker(dependencies: ProactiveWorkerDependencies): ProactiveWorker {
  const { store, adapter, botAppId, clock, logger } = dependencies;
  const limits = { ...DEFAULT_WORKER_LIMITS, ...dependencies.limits };
  const limiter = dependencies.limiter ?? createMemoryRateLimiter();
  const sleep = dependencies.sleep ?? realSleep;
  const random = dependencies.random ?? Math.random;
  const policy = dependencies.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const workerId = dependencies.workerId ?? `worker-${randomUUID()}`;
  const deliveries = deliveryCounter(dependencies.metrics.registry);
  const outbound = store.outbound;
  const connectorFor = connectorsOf(adapter, botAppId, limits.sendTimeoutMs);

  let stopping = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  /** A wake-up that came while a round ran: the round may have claimed before the new rows. */
  let wokenDuringRound = false;
  /**
   * When the retries this worker recorded fall due (ms): between rounds it waits for the first of
   * them rather than a whole poll interval — a 429's Retry-After of 1 s is then kept to about 1 s.
   * Another instance's retries are found by polling, as before.
   */
  let ownRetries: number[] = [];

  async function attempt(job: OutboundJob): Promise<AttemptOutcome> {
    // Webhook events share the queue, its retries and its record, not Teams' rate limits.
    if (job.payload.kind === 'webhook') {
      return dependencies.webhook
        ? dependencies.webhook(job.payload.body, job.idempotencyKey, clock.now())
        : { kind: 'http', status: 410, detail: 'the ticket webhook is not configured' };
    }
    const conversation = await outbound.findConversation(job.recipientKey);
    if (!conversation) return { kind: 'no_reference' };
    const reference = conversation.reference as Partial<ConversationReference>;
    const conversationId = reference.conversation?.id;
    // conversationOf stores neither; a reference without them cannot be written to.
    if (!reference.serviceUrl || !conversationId) return { kind: 'no_reference' };
    await limiter.acquire(job.recipientKey, sleep);
    let timer: NodeJS.Timeout | undefined;
    try {
      // What TurnContext.sendActivity posts in a proactive turn: channel, conversation, bot as
      // sender, person as recipient, the job's locale. No replyToId: Teams' proactive call is a new
      // message in the conversation (POST …/activities), not a reply to a made-up event.
      const activity = TurnContext.applyConversationReference(activityOf(job), reference);
      delete activity.replyToId;
      const send = connectorFor(reference.serviceUrl).then((connector) =>
        connector.conversations.sendToConversation(conversationId, activity as Activity),
      );
      // A safety net above the request's own timeout (token acquisition, a stuck socket).
      const overdue = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SendTimeout('send timed out')), limits.sendTimeoutMs + 5_000);
        timer.unref();
      });
      await Promise.race([send, overdue]);
      return { kind: 'sent' };
    } catch (error) {
      return outcomeOfError(error, clock.now());
    } finally {
      clearTimeout(timer);
    }
  }

  async function deliver(job: OutboundJob, tally: RoundOutcome): Promise<void> {
    if (stopping) {
      await outbound.release(job.id, workerId);
      tally.released += 1;
      return;
    }
    const outcome = await attempt(job);
    const now = clock.now();
    const decision = decideAfterAttempt({ outcome, attempt: job.attempts, now, policy, random });
    const log = { jobId: job.id, idempotencyKey: job.idempotencyKey, attempt: job.attempts };
    if (decision.status === 'sent') {
      await outbound.markSent(job.id, workerId, now.toISOString());
      deliveries.inc({ category: job.category, outcome: 'sent', reason: 'none' });
      tally.sent += 1;
    } else if (decision.status === 'retrying') {
      await outbound.markRetrying(job.id, workerId, {
        nextAttemptAt: decision.nextAttemptAt.toISOString(),
        error: errorText(decision),
      });
      if (ownRetries.length < 10_000) ownRetries.push(decision.nextAttemptAt.getTime());
      deliveries.inc({ category: job.category, outcome: 'retried', reason: decision.reason });
      logger.info(
        { ...log, reason: decision.reason, detail: decision.detail },
        'proactive message will be retried',
      );
      tally.retried += 1;
    } else {
      await outbound.markFailed(job.id, workerId, errorText(decision));
      deliveries.inc({ category: job.category, outcome: 'failed', reason: decision.reason });
      logger.warn({ ...log, reason: decision.reason, detail: decision.detail }, 'proactive message failed');
      tally.failed += 1;
    }
  }

  const rounds = new Set<Promise<RoundOutcome>>();

  /** Rounds are tracked so that `stop` waits for the one in flight, however it was started. */
  function runOnce(): Promise<RoundOutcome> {
    const round = runRound().finally(() => rounds.delete(round));
    rounds.add(round);
    return round;
  }

  async function runRound(): Promise<RoundOutcome> {
    const tally: RoundOutcome = { claimed: 0, sent: 0, retried: 0, failed: 0, released: 0 };
    if (stopping) return tally;
    const now = clock.now();
    const jobs = await outbound.claimDue({
      workerId,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + limits.leaseMs).toISOString(),
      limit: limits.batchSize,
    });
    tally.claimed = jobs.length;
    // One conversation's messages in order, one after the other; conversations side by side.
    const byRecipient = new Map<string, OutboundJob[]>();
    for (const job of jobs)
      byRecipient.set(job.recipientKey, [...(byRecipient.get(job.recipientKey) ?? []), job]);
    const queues = [...byRecipient.values()];
    const lanes = Array.from({ length: Math.min(limits.concurrency, queues.length) }, async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const job of queue) await deliver(job, tally);
      }
    });
    await Promise.all(lanes);
    return tally;
  }

  async function poll(): Promise<void> {
    while (!stopping) {
      let claimed = 0;
      const roundAt = clock.now().getTime();
      try {
        claimed = (await runOnce()).claimed;
      } catch (error) {
        logger.error({ err: error }, 'proactive worker round failed');
      }
      if (stopping || claimed > 0 || wokenDuringRound) {
        wokenDuringRound = false;
        continue;
      }
      // What was due when the round claimed is settled (sent, or another worker's now).
      ownRetries = ownRetries.filter((at) => at > roundAt);
      const untilOwnRetry =
        ownRetries.length > 0
          ? Math.max(0, ownRetries.reduce((a, b) => Math.min(a, b)) - clock.now().getTime())
          : Infinity;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(limits.pollIntervalMs, untilOwnRetry));
        timer.unref();
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    workerId,
    start() {
      if (loop) return;
      stopping = false;
      loop = poll();
    },
    wake() {
      if (wakeUp) wakeUp();
      else wokenDuringRound = true;
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
      await Promise.allSettled([...rounds]);
      loop = null;
    },
    runOnce,
  };
}
