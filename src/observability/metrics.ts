import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server process, served as text on GET /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    turns: new Counter({
      name: 'crewdesk_bot_turns_total',
      help: 'Bot turns processed, by activity type and outcome (ok, failed, duplicate, unauthorized).',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
    turnDuration: new Histogram({
      name: 'crewdesk_bot_turn_duration_seconds',
      help: 'Time from receiving an activity to the end of its turn, including waiting for earlier turns of the same conversation.',
      labelNames: ['type'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: 'crewdesk_http_requests_total',
      help: 'HTTP requests answered, by route and status code.',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
