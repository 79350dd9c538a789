// The real Crewdesk (the compiled server in dist/) for benchmarks, in its own process, on an
// ephemeral loopback port, bot local mode and API local mode, the demo organisation seeded, logs off.
//
//   node bench/crewdesk-server.js                 SQLite in a temporary folder (removed on exit)
//   node bench/crewdesk-server.js --postgres      a throwaway schema bench_<random> on
//                                                 postgres://postgres@127.0.0.1:5432/test, dropped on exit
//   --demo-hours                                  also seed two months of demo hours (for the RHT report)
//   --postgres-url URL                            another loopback PostgreSQL database
//   --reminder-time HH:MM                         CREWDESK_REMINDER_TIME (reminders off without it)
//
// Started by bench/run.js it reports `{ type: 'ready', url, engine, startMs }` over IPC and answers
// `{ type: 'memory', gc }`; it stops on `{ type: 'stop' }`, SIGINT/SIGTERM or when the parent goes.
// For the broadcast benchmark it also answers:
//   `{ type: 'conversations', serviceUrl, count }`  stores the personal conversation references of
//        the first `count` demo people (as `rememberConversation` would from their messages), all
//        pointing at `serviceUrl` (the connector stub) → `{ type: 'conversations', saved }`
//   `{ type: 'remind', at }`  moves Crewdesk's clock so that it reads `at` now (and runs on from
//        there: retries and leases still see time pass), runs one reminder round → `{ type: 'remind',
//        queued, problems, startedAtMs, queuedAtMs }`; the proactive worker (started with Crewdesk)
//        then delivers the queue on its own, as in production
//   `{ type: 'outbound' }`  the outbound queue by status → `{ type: 'outbound', counts }`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../dist/config/config.js';
import { startCrewdesk } from '../dist/main.js';
import { createLogger } from '../dist/observability/logger.js';
import { conversationOf } from '../dist/teams/proactive-sender.js';
import { demoUsers, messageActivity, zurichNow } from './lib/activities.js';
import { answerMemoryQueries, parseArguments, stopWhenAsked, tell } from './lib/child.js';
import { DEFAULT_POSTGRES_URL } from './lib/postgres.js';

const options = parseArguments();
const startedAt = performance.now();
const cleanups = [];

let databaseUrl;
if (options.postgres) {
  const base = new URL(
    typeof options['postgres-url'] === 'string' ? options['postgres-url'] : DEFAULT_POSTGRES_URL,
  );
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new Error('benchmarks use loopback services only');
  }
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  base.searchParams.set('schema', schema);
  databaseUrl = base.toString();
  cleanups.push(async () => {
    const connection = new URL(databaseUrl);
    connection.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: connection.toString() });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });
  tell({ type: 'schema', schema });
} else {
  const folder = mkdtempSync(join(tmpdir(), 'crewdesk-bench-'));
  databaseUrl = `sqlite:${join(folder, 'crewdesk.db')}`;
  cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
}

const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'silent',
  CREWDESK_DEMO: 'true',
  CREWDESK_REMINDER_TIME: typeof options['reminder-time'] === 'string' ? options['reminder-time'] : '',
});

// Real time, shifted on request (`remind`): Crewdesk reads "now" only through this clock.
let clockOffsetMs = 0;
const clock = { now: () => new Date(Date.now() + clockOffsetMs) };

let running = null;
stopWhenAsked(async () => {
  if (running) await running.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
  // A normal exit, so that --cpu-prof writes the profile.
  process.exit(process.exitCode ?? 0);
});
answerMemoryQueries();

async function saveConversations({ serviceUrl, count }) {
  const { localTimestamp } = zurichNow();
  let saved = 0;
  for (const [index, user] of demoUsers(count).entries()) {
    const activity = messageActivity({
      id: `bench-broadcast-${index}`,
      serviceUrl,
      from: user,
      conversationId: `a:broadcast-${user.aadObjectId}`,
      text: 'hello',
      locale: 'de-CH',
      localTimestamp,
    });
    const conversation = conversationOf(activity, clock.now().toISOString());
    if (!conversation) throw new Error(`no conversation reference from ${JSON.stringify(activity)}`);
    await running.store.outbound.saveConversation(conversation);
    saved++;
  }
  return saved;
}

process.on('message', (message) => {
  const answer = async () => {
    if (!running) throw new Error('Crewdesk is not started yet');
    await running.ready;
    if (message?.type === 'conversations') {
      tell({ type: 'conversations', saved: await saveConversations(message) });
    } else if (message?.type === 'remind') {
      clockOffsetMs = Date.parse(message.at) - Date.now();
      const startedAtMs = Date.now();
      const outcome = await running.proactive.runReminders();
      tell({
        type: 'remind',
        queued: outcome.queued.length,
        problems: outcome.problems.length,
        startedAtMs,
        queuedAtMs: Date.now(),
      });
    } else if (message?.type === 'outbound') {
      tell({ type: 'outbound', counts: await running.store.outbound.countByStatus() });
    }
  };
  if (['conversations', 'remind', 'outbound'].includes(message?.type)) {
    answer().catch((error) => tell({ type: message.type, error: String(error?.stack ?? error) }));
  }
});

running = await startCrewdesk({
  config,
  clock,
  logger: createLogger({ level: 'silent' }),
  demoHours: Boolean(options['demo-hours']),
});
await running.ready;
const startMs = Math.round(performance.now() - startedAt);
tell({ type: 'ready', url: running.url, engine: running.store.engine, startMs });
if (!process.send)
  process.stdout.write(`Crewdesk (${running.store.engine}) on ${running.url}, ready in ${startMs} ms\n`);
