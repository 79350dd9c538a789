import type { Logger } from '../observability/logger.js';

export interface PeriodicRound {
  stop(): void;
}

/**
 * Runs `round` every `intervalMs` (a minute by default), never two at once. What a round does is
 * safe to repeat — the idempotency keys of what it queues make each message happen once — so a
 * round that fails is logged and the next one tries again.
 */
export function startPeriodicRound(options: {
  name: string;
  round: () => Promise<void>;
  logger: Logger;
  intervalMs?: number;
}): PeriodicRound {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    options
      .round()
      .catch((error: unknown) => options.logger.error({ err: error, round: options.name }, 'round failed'))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs ?? 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
