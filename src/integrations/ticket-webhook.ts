import { createHmac } from 'node:crypto';
import type { AttemptOutcome } from '../domain/proactive/delivery-policy.js';
import { parseRetryAfter } from '../domain/proactive/delivery-policy.js';

export interface TicketWebhookSettings {
  url: string;
  secret: string;
  timeoutMs?: number;
}

/** The header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const SIGNATURE_HEADER = 'X-Crewdesk-Signature';

/** HMAC-SHA256 over `${timestamp}.${body}`: the timestamp is signed too, so a replay can be refused. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/**
 * Posts one webhook event; the proactive worker calls it for the queued webhook jobs, so the
 * webhook gets the same retries as Teams messages (Retry-After on 429, backoff on 5xx and
 * timeouts, a 4xx recorded as final) and never blocks a chat turn.
 */
export function createTicketWebhookSender(settings: TicketWebhookSettings) {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  return async (event: Record<string, unknown>, deliveryId: string, now: Date): Promise<AttemptOutcome> => {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(now.getTime() / 1000);
    try {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Crewdesk-Webhook/1',
          [SIGNATURE_HEADER]: signWebhook(settings.secret, timestamp, body),
          'X-Crewdesk-Delivery': deliveryId,
          'X-Crewdesk-Event': String(event.type ?? 'ticket'),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      await response.body?.cancel();
      if (response.ok) return { kind: 'sent' };
      return {
        kind: 'http',
        status: response.status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now),
        detail: 'webhook',
      };
    } catch (error) {
      const failure = error as { name?: string; cause?: { code?: string }; message?: string };
      if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return { kind: 'timeout' };
      return {
        kind: 'connection',
        detail: failure.cause?.code ?? String(failure.message ?? error).slice(0, 200),
      };
    }
  };
}

export type TicketWebhookSender = ReturnType<typeof createTicketWebhookSender>;
