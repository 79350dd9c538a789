import { parseRetryAfter } from '../domain/proactive/delivery-policy.js';

/**
 * Retries of the replies sent inside a turn (`context.sendActivity`), issue 5 "Nothing lost".
 *
 * botbuilder's connector client already carries the Azure pipeline's `defaultRetryPolicy` (3
 * retries; Retry-After on 429/503; exponential delays up to 64 s). Inside a turn that is wrong in
 * two ways: the Bot Connector waits about 15 s for the HTTP answer and then sends the activity
 * again, so a Retry-After of 30 s or a 64 s backoff only makes the turn time out while it sleeps;
 * and a request that hangs holds the turn forever. This policy takes its place for turn replies:
 *
 * - 429 and 503 wait the Retry-After the connector asks for (seconds or a date), 408 and other 5xx
 *   (not 501/505) and connection failures an exponential backoff with jitter;
 * - all waits of one reply together stay within `budgetMs`; a Retry-After that would not fit is not
 *   slept: the error goes up at once;
 * - each attempt has its own timeout.
 * When a reply still fails, the turn fails with that error: the endpoint releases the activity's
 * claim and answers 503 (src/teams/unavailable.ts), so the Bot Connector delivers the activity
 * again and the reply is sent then — hours are recorded once per activity id whatever happens.
 *
 * Proactive messages do not use this: the outbound queue decides their retries
 * (src/teams/proactive-sender.ts).
 */
export interface ReplyRetrySettings {
  maxRetries: number;
  /** The longest total wait of one reply across its retries. */
  budgetMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** One HTTP request to the connector. */
  attemptTimeoutMs: number;
}

export const TURN_REPLY_RETRIES: ReplyRetrySettings = {
  maxRetries: 5,
  budgetMs: 8_000,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  attemptTimeoutMs: 5_000,
};

interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
interface PipelineRequest {
  timeout: number;
}
interface PipelinePolicy {
  name: string;
  sendRequest(
    request: PipelineRequest,
    next: (request: PipelineRequest) => Promise<PipelineResponse>,
  ): Promise<PipelineResponse>;
}
interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: PipelinePolicy, options?: { phase?: 'Retry' }): void;
}

export const REPLY_RETRY_POLICY_NAME = 'crewdeskReplyRetry';

const retryableStatus = (status: number) =>
  status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);

export function replyRetryPolicy(
  settings: ReplyRetrySettings = TURN_REPLY_RETRIES,
  options: { sleep?: (ms: number) => Promise<void>; random?: () => number; now?: () => number } = {},
): PipelinePolicy {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  return {
    name: REPLY_RETRY_POLICY_NAME,
    async sendRequest(request, next) {
      let waited = 0;
      for (let retry = 0; ; retry += 1) {
        if (!request.timeout) request.timeout = settings.attemptTimeoutMs;
        let response: PipelineResponse | undefined;
        let failure: unknown;
        try {
          response = await next(request);
        } catch (error) {
          failure = error;
        }
        if (response && !retryableStatus(response.status)) return response;
        const asked =
          response && (response.status === 429 || response.status === 503)
            ? parseRetryAfter(response.headers.get('retry-after'), new Date(now()))
            : null;
        const backoff =
          Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry) * (0.5 + random() / 2);
        const wait = asked ?? backoff;
        if (retry >= settings.maxRetries || waited + wait > settings.budgetMs) {
          if (response) return response;
          throw failure;
        }
        await sleep(wait);
        waited += wait;
      }
    },
  };
}

/** Puts the policy in place of the pipeline's default retries, on a connector client for turn replies. */
export function useReplyRetries(connector: unknown, settings: ReplyRetrySettings = TURN_REPLY_RETRIES): void {
  const pipeline = (connector as { client?: { pipeline?: Pipeline } } | undefined)?.client?.pipeline;
  if (!pipeline) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.removePolicy({ name: REPLY_RETRY_POLICY_NAME });
  pipeline.addPolicy(replyRetryPolicy(settings), { phase: 'Retry' });
}
