import { BurstyRateLimiter, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Request, Response } from 'restify';
import { translate } from '../i18n/translate.js';
import type { SenderLimit } from '../teams/sender-limit.js';
import type { ApiCallerResolver } from './api-caller.js';
import { sendError } from './api-errors.js';
import { memoryRateLimiters, type RateLimiterFactory } from '../storage/shared-rate-limits.js';

/**
 * Per-person rate limits (issue 5, "Bad input"). Each is a steady rate plus a burst allowance: a
 * fixed one-second window of `perSecond` points, and when it is spent, a pool of
 * `burst − perSecond` points refilled every `burstWindowSeconds`. So a burst of `burst` passes at
 * once, then `perSecond` a second (a little more while the pool refills).
 *
 * Counted where the store says (src/storage/shared-rate-limits.ts): in memory on SQLite (one
 * process); in one PostgreSQL table for all instances on PostgreSQL, so that a person spreading
 * messages over several instances behind a load balancer gets the same allowance as on one.
 */
export interface RateLimitSettings {
  perSecond: number;
  burst: number;
  burstWindowSeconds: number;
}

/** /api/messages: people paste a week at once and Teams redelivers after 15 s. */
export const BOT_SENDER_LIMIT: RateLimitSettings = { perSecond: 30, burst: 100, burstWindowSeconds: 20 };
/** The tab API: a page load makes a handful of calls; an export a few more. */
export const TAB_API_LIMIT: RateLimitSettings = { perSecond: 20, burst: 60, burstWindowSeconds: 10 };

function burstyLimiter(
  settings: RateLimitSettings,
  limiters: RateLimiterFactory,
  name: string,
): {
  limiter: BurstyRateLimiter;
  steady: RateLimiterAbstract;
} {
  const steady = limiters({ keyPrefix: `${name}-steady`, points: settings.perSecond, duration: 1 });
  const pool = limiters({
    keyPrefix: `${name}-burst`,
    points: Math.max(settings.burst - settings.perSecond, 1),
    duration: settings.burstWindowSeconds,
  });
  return { limiter: new BurstyRateLimiter(steady, pool), steady };
}

/** Resolves with the seconds to wait when `key` is over its limit, or null when admitted. */
async function secondsToWait(limiter: BurstyRateLimiter, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

/** The bot's allowance per sender, with one "slow down" reply per burst window. */
export function createSenderLimit(
  settings: RateLimitSettings = BOT_SENDER_LIMIT,
  limiters: RateLimiterFactory = memoryRateLimiters,
): SenderLimit {
  const { limiter, steady } = burstyLimiter(settings, limiters, 'bot');
  const told = limiters({ keyPrefix: 'bot-told', points: 1, duration: settings.burstWindowSeconds });
  return {
    async admit(senderKey) {
      return (await secondsToWait(limiter, senderKey)) === null;
    },
    async refund(senderKey) {
      await steady.reward(senderKey, 1);
    },
    async shouldTell(senderKey) {
      try {
        await told.consume(senderKey);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * The tab API's limit as a restify `pre` handler for /api/… but /api/messages (the bot has its
 * own, and never answers 429 to the Bot Connector) and /api/config (see below). The key is the
 * verified caller — so that a forged token cannot spend someone else's allowance — or the client's
 * address when the request is not authenticated. Over the limit: 429, Retry-After and a JSON error.
 *
 * /api/config is public, constant and read by every tab load before sign-in, so it would be keyed
 * by address — and behind a load balancer (App Service scale-out) every user has the balancer's
 * few addresses: one bucket for the whole organisation, shared by the instances, which a Monday
 * morning's tab loads would empty. It reads nothing and costs nothing, like /healthz.
 */
export function createApiRateLimit(options: {
  resolveCaller: ApiCallerResolver;
  settings?: RateLimitSettings;
  limiters?: RateLimiterFactory;
}): (req: Request, res: Response, next: (error?: false) => void) => void {
  const { limiter } = burstyLimiter(
    options.settings ?? TAB_API_LIMIT,
    options.limiters ?? memoryRateLimiters,
    'api',
  );
  const keyOf = async (req: Request): Promise<string> => {
    try {
      const caller = await options.resolveCaller(req);
      return `user:${caller.tenantId}:${caller.aadObjectId}`;
    } catch {
      return `address:${req.socket?.remoteAddress ?? 'unknown'}`;
    }
  };
  return (req, res, next) => {
    const url = req.url ?? '';
    const path = url.split('?', 1)[0];
    if (!url.startsWith('/api/') || url.startsWith('/api/messages') || path === '/api/config') {
      next();
      return;
    }
    void (async () => {
      const wait = await secondsToWait(limiter, await keyOf(req));
      if (wait === null) {
        next();
        return;
      }
      res.setHeader('Retry-After', String(wait));
      const language = req.headers['accept-language'];
      sendError(
        res,
        429,
        'rate_limited',
        translate(typeof language === 'string' ? language : 'en', 'limits.tooManyRequests'),
      );
      next(false);
    })().catch(() => next());
  };
}
