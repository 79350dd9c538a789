// The statements one hours message costs, on SQLite and on PostgreSQL (issue 8: on PostgreSQL each
// statement is a network round trip, and the socket writes were the biggest item of the profile).
// Starts the real Crewdesk (dist/) with the demo organisation, a Bot Connector on loopback that
// accepts every reply, sends each of three demo people two hours messages to warm up (the first
// turn of a conversation stores its reference, the first hours create the person's state), then
// one more hours message, and lists the statements that message ran, in order.
//
//   node bench/round-trips.js                   SQLite (a temporary file) and PostgreSQL
//   node bench/round-trips.js --only sqlite     one engine; PostgreSQL is skipped (and said so)
//                                               when nothing answers on DEFAULT_POSTGRES_URL
//
// Counted where each engine's driver executes: better-sqlite3's Statement run/all/get (BEGIN and
// COMMIT included) and pg's Client.query. Prints JSON with `--json`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../dist/config/config.js';
import { startCrewdesk } from '../dist/main.js';
import { createLogger } from '../dist/observability/logger.js';
import { daysBefore, demoUsers, messageActivity, zurichNow } from './lib/activities.js';
import { parseArguments } from './lib/child.js';
import { DEFAULT_POSTGRES_URL } from './lib/postgres.js';

const options = parseArguments();
const engines = typeof options.only === 'string' ? options.only.split(',') : ['sqlite', 'postgres'];

/** Statements run while `recording` is set, as one-line SQL. */
let recording = null;
const record = (sql) => recording?.push(sql.replace(/\s+/g, ' ').trim());

const statementPrototype = Object.getPrototypeOf(new SqliteDatabase(':memory:').prepare('select 1'));
for (const method of ['run', 'all', 'get']) {
  const original = statementPrototype[method];
  statementPrototype[method] = function (...parameters) {
    record(this.source);
    return original.apply(this, parameters);
  };
}
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  record(typeof config === 'string' ? config : config.text);
  return originalQuery.call(this, config, ...rest);
};

/** A Bot Connector that accepts every activity (the bot's replies) with a new id. */
async function startAcceptingConnector() {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ id: randomBytes(6).toString('hex') }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { serviceUrl: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: DEFAULT_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function statementsOfOneHoursMessage(engine, serviceUrl) {
  const cleanups = [];
  let databaseUrl;
  if (engine === 'postgres') {
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    const url = new URL(DEFAULT_POSTGRES_URL);
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: DEFAULT_POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    });
  } else {
    const folder = mkdtempSync(join(tmpdir(), 'crewdesk-bench-'));
    databaseUrl = `sqlite:${join(folder, 'crewdesk.db')}`;
    cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
  }
  const crewdesk = await startCrewdesk({
    config: loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      CREWDESK_DEMO: 'true',
      CREWDESK_REMINDER_TIME: '',
    }),
    logger: createLogger({ level: 'silent' }),
  });
  try {
    await crewdesk.ready;
    const { today, localTimestamp } = zurichNow();
    const users = demoUsers(3);
    let sequence = 0;
    const say = async (user, text) => {
      const activity = messageActivity({
        id: `round-trips-${sequence++}`,
        serviceUrl,
        from: user,
        conversationId: `a:round-trips-${user.aadObjectId}`,
        text,
        locale: 'de-CH',
        localTimestamp,
      });
      const response = await fetch(`${crewdesk.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (response.status !== 200) throw new Error(`${engine}: HTTP ${response.status} for "${text}"`);
    };
    for (const back of [3, 4]) for (const user of users) await say(user, `7h30 ${daysBefore(today, back)}`);
    // Let the proactive worker and any write after the reply settle before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    recording = [];
    await say(users[0], `8h ${daysBefore(today, 5)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const statements = recording;
    recording = null;
    return statements;
  } finally {
    await crewdesk.close();
    for (const cleanup of cleanups) await cleanup();
  }
}

const connector = await startAcceptingConnector();
const results = {};
try {
  for (const engine of engines) {
    if (engine === 'postgres' && !(await postgresAnswers())) {
      results[engine] = { skipped: `no PostgreSQL at ${DEFAULT_POSTGRES_URL}` };
      continue;
    }
    const statements = await statementsOfOneHoursMessage(engine, connector.serviceUrl);
    results[engine] = { count: statements.length, statements };
  }
} finally {
  connector.close();
}

if (options.json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  for (const [engine, result] of Object.entries(results)) {
    if (result.skipped) {
      process.stdout.write(`${engine}: skipped, ${result.skipped}\n`);
      continue;
    }
    process.stdout.write(`${engine}: ${result.count} statements for one hours message\n`);
    for (const [index, sql] of result.statements.entries()) {
      process.stdout.write(
        `${String(index + 1).padStart(3)}. ${sql.length > 150 ? `${sql.slice(0, 147)}...` : sql}\n`,
      );
    }
  }
}
process.exit(0);
