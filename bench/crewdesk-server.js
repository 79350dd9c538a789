// The real Crewdesk (the compiled server in dist/) for benchmarks, in its own process, on an
// ephemeral loopback port, bot local mode and API local mode, the demo organisation seeded, logs off.
//
//   node bench/crewdesk-server.js                 SQLite in a temporary folder (removed on exit)
//   node bench/crewdesk-server.js --postgres      a throwaway schema bench_<random> on
//                                                 postgres://postgres@127.0.0.1:5432/test, dropped on exit
//   --demo-hours                                  also seed two months of demo hours (for the RHT report)
//   --postgres-url URL                            another loopback PostgreSQL database
//
// Started by bench/run.js it reports `{ type: 'ready', url, engine, startMs }` over IPC and answers
// `{ type: 'memory', gc }`; it stops on `{ type: 'stop' }`, SIGINT/SIGTERM or when the parent goes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../dist/config/config.js';
import { startCrewdesk } from '../dist/main.js';
import { createLogger } from '../dist/observability/logger.js';
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
  CREWDESK_REMINDER_TIME: '',
});

let running = null;
stopWhenAsked(async () => {
  if (running) await running.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
  // A normal exit, so that --cpu-prof writes the profile.
  process.exit(process.exitCode ?? 0);
});
answerMemoryQueries();

running = await startCrewdesk({
  config,
  logger: createLogger({ level: 'silent' }),
  demoHours: Boolean(options['demo-hours']),
});
await running.ready;
const startMs = Math.round(performance.now() - startedAt);
tell({ type: 'ready', url: running.url, engine: running.store.engine, startMs });
if (!process.send)
  process.stdout.write(`Crewdesk (${running.store.engine}) on ${running.url}, ready in ${startMs} ms\n`);
