import type { Activity, TurnContext } from 'botbuilder';
import { translatorFor } from '../i18n/translate.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { CrewdeskAdapter } from './bot-adapter.js';
import { tenantIdOf } from './chat-turn.js';
import { UNAVAILABLE_RESPONSE, unavailableDependency } from './unavailable.js';

/**
 * How many activities one person may send the bot (issue 5: bursts of 100 — people paste a week
 * at once, Teams redelivers — and 30 per second). Implemented at the HTTP edge
 * (src/http/rate-limits.ts); the bot only asks.
 */
export interface SenderLimit {
  /** Takes one activity from the sender's allowance; false when it is spent. */
  admit(senderKey: string): Promise<boolean>;
  /** Gives back what `admit` took for a request that turned out not to be authenticated. */
  refund(senderKey: string): Promise<void>;
  /** True for the first refused activity of a window: that one gets the "slow down" reply. */
  shouldTell(senderKey: string): Promise<boolean>;
}

/** Who sent an activity: the Entra object id when Teams gives one, else the channel's user id. */
export function senderKeyOf(activity: Partial<Activity>): string {
  const from = (activity.from ?? {}) as { aadObjectId?: unknown; id?: unknown };
  const id = typeof from.aadObjectId === 'string' && from.aadObjectId ? from.aadObjectId : from.id;
  return typeof id === 'string' && id ? id.slice(0, 200) : 'anonymous';
}

export interface OverLimitDependencies {
  adapter: CrewdeskAdapter;
  allowedTenantIds: readonly string[];
  senderLimit: SenderLimit;
  logger: Logger;
  metrics: Metrics;
}

/**
 * An activity beyond the sender's allowance: authenticated like any other, then not run. The Bot
 * Connector always gets 200 (a 429 or 5xx would make Teams redeliver and count again); the person
 * gets one short reply per window, saying that nothing was recorded, and a card action gets that
 * sentence as its invoke response. Runs outside the conversation's turn queue: it touches no turn
 * state.
 */
export async function answerOverLimit(
  dependencies: OverLimitDependencies,
  authorizationHeader: string,
  activity: Activity,
  senderKey: string,
): Promise<{ status: number; body?: unknown }> {
  const { adapter, senderLimit, logger, metrics } = dependencies;
  let authenticated = false;
  try {
    const invokeResponse = await adapter.processIncoming(authorizationHeader, activity, async (context) => {
      authenticated = true;
      const tenantId = tenantIdOf(context.activity);
      const allowed = dependencies.allowedTenantIds;
      if (allowed.length > 0 && !allowed.includes(tenantId ?? '')) return;
      metrics.turns.inc({ type: activity.type, outcome: 'rate_limited' });
      await tellToSlowDown(context, senderLimit, senderKey);
    });
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  } catch (error) {
    if (!authenticated) {
      // Metadata that cannot be fetched leaves the token unchecked, not invalid.
      if (unavailableDependency(error, { turnStarted: false }) === 'identity')
        return { ...UNAVAILABLE_RESPONSE };
      metrics.turns.inc({ type: activity.type, outcome: 'unauthorized' });
      return { status: 401, body: { error: { code: 'auth.unauthenticated', message: 'unauthorized' } } };
    }
    // Never a 5xx to the Bot Connector for a refused activity: it would only be sent again.
    logger.warn({ err: error, activityId: activity.id }, 'rate-limit reply could not be sent');
    return { status: 200 };
  }
}

async function tellToSlowDown(context: TurnContext, limit: SenderLimit, senderKey: string): Promise<void> {
  const t = translatorFor(typeof context.activity.locale === 'string' ? context.activity.locale : 'en');
  const text = t('limits.slowDown');
  if (context.activity.type === 'invoke') {
    // Universal Actions: a message response, shown by Teams next to the card.
    await context.sendActivity({
      type: 'invokeResponse',
      value: {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
      },
    });
    return;
  }
  if (context.activity.type === 'message' && (await limit.shouldTell(senderKey))) {
    await context.sendActivity(text);
  }
}
