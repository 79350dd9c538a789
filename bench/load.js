// The load generator, in its own process: autocannon posting Teams-shaped hours messages to
// /api/messages — 1,500 distinct users and conversations in rotation, four languages, 30 minutes
// on a different past day each time — over a fixed number of connections for a fixed time, after
// a warm-up whose figures are not kept. Replies go to the connector stub (`--service-url`).
//
//   node bench/load.js --url http://127.0.0.1:PORT --service-url http://127.0.0.1:PORT/ \
//        [--connections 50] [--warmup 3] [--duration 15] [--users 1500]
//   node bench/load.js --mode one-conversation --url … --service-url … [--messages 50]
//        N messages at once from one new person in one conversation; reports the HTTP statuses.
//
// Reports `{ type: 'result', … }` over IPC to bench/run.js, or prints JSON when run alone.
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import {
  createMessageStream,
  daysBefore,
  demoUsers,
  messageActivity,
  TEMPLATES,
  zurichNow,
} from './lib/activities.js';
import { parseArguments, stopWhenAsked, tell } from './lib/child.js';

const options = parseArguments();
const url = String(options.url ?? '');
const serviceUrl = String(options['service-url'] ?? '');
for (const address of [url, serviceUrl]) {
  if (!/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(address)) {
    throw new Error(
      `--url and --service-url must be loopback http://127.0.0.1:PORT addresses, not "${address}"`,
    );
  }
}

let current = null;
stopWhenAsked(() => current?.stop(), { maxSeconds: 300 });

function summarise(result) {
  const non2xx = result.non2xx ?? 0;
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    durationSeconds: result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    non2xx,
    timeouts: result.timeouts ?? 0,
    socketErrors: (result.errors ?? 0) - (result.timeouts ?? 0),
    errors: non2xx + (result.errors ?? 0),
    statusCodes: result.statusCodeStats ?? {},
  };
}

function runAutocannon(stream, { connections, duration }) {
  return new Promise((resolve, reject) => {
    current = autocannon(
      {
        url,
        connections,
        duration,
        timeout: 20,
        requests: [
          {
            method: 'POST',
            path: '/api/messages',
            headers: { 'content-type': 'application/json' },
            setupRequest(request) {
              request.body = JSON.stringify(stream.next());
              return request;
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function load() {
  const connections = Number(options.connections ?? 50);
  const warmup = Number(options.warmup ?? 3);
  const duration = Number(options.duration ?? 15);
  const users = demoUsers(Number(options.users ?? 1500));
  const stream = createMessageStream({ serviceUrl, users, runId: randomBytes(4).toString('hex') });
  if (warmup > 0) await runAutocannon(stream, { connections, duration: warmup });
  // CLOCK_MONOTONIC in microseconds, the clock of V8's CPU profiles: lets a profile be cut to this window.
  const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
  const window = { fromMicros: monotonicMicros() };
  tell({ type: 'measuring' });
  const measured = await runAutocannon(stream, { connections, duration });
  window.toMicros = monotonicMicros();
  return {
    window,
    connections,
    warmupSeconds: warmup,
    users: users.length,
    messagesSent: stream.sent,
    ...summarise(measured),
  };
}

/** N messages at once in one conversation: each turn must succeed, none may be lost. */
async function oneConversation() {
  const messages = Number(options.messages ?? 50);
  const { today, localTimestamp } = zurichNow();
  const aadObjectId = `bench-one-conversation-${randomUUID()}`;
  const from = { id: `29:${aadObjectId}`, name: 'Bench Concurrent', aadObjectId };
  const conversationId = `a:${aadObjectId}`;
  const startedAt = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: messages }, async (_, index) => {
      const template = TEMPLATES[index % TEMPLATES.length];
      const activity = messageActivity({
        id: `${aadObjectId}-${index}`,
        serviceUrl,
        from,
        conversationId,
        text: template.say(daysBefore(today, index + 1)),
        locale: template.locale,
        localTimestamp,
      });
      try {
        const response = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
          signal: AbortSignal.timeout(60_000),
        });
        await response.arrayBuffer();
        return response.status;
      } catch {
        return 0;
      }
    }),
  );
  return {
    messages,
    aadObjectId,
    conversationId,
    from: daysBefore(today, messages),
    to: daysBefore(today, 1),
    milliseconds: Math.round(performance.now() - startedAt),
    non200: statuses.filter((status) => status !== 200).length,
    statuses: statuses.reduce((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {}),
  };
}

const result = options.mode === 'one-conversation' ? await oneConversation() : await load();
tell({ type: 'result', result });
if (!process.send) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.disconnect?.();
