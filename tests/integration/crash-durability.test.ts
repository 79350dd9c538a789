import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from '../../scripts/ensure-built.js';
import { openStore } from '../../src/storage/store.js';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { postActivity, teamsMessage } from '../support/teams-activities.js';

/**
 * Issue 5, "Nothing lost, nothing doubled": the real server process is killed with SIGKILL in the
 * middle of a load of hours-logging messages. After a restart on the same database, every message
 * that was answered 200 has its record, exactly once; and when the Bot Connector delivers the
 * unanswered ones again (as Teams does), none is recorded twice.
 */

const projectRoot = join(import.meta.dirname, '..', '..');
const USERS = 40;
const LOAD_MS = 3_000;
/** Each person stays well inside the bot's rate limit (30/s), so that every 200 means "recorded". */
const PAUSE_BETWEEN_MESSAGES_MS = 60;

interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
  output: () => string;
}

async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startServer(databaseUrl: string): Promise<ServerProcess> {
  const child = spawn('node', [join(projectRoot, 'dist', 'main.js')], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      CREWDESK_DEMO: 'false',
      CREWDESK_REMINDER_TIME: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await waitFor(() => /Crewdesk runs on (http:\/\/\S+)/.exec(output)?.[1], 30_000).catch(() => {
    child.kill('SIGKILL');
    throw new Error(`the server did not start:\n${output}`);
  });
  await waitFor(async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined), 60_000);
  return { child, url, exited, output: () => output };
}

interface Sent {
  activity: Record<string, unknown>;
  aadObjectId: string;
  status: number | null;
}

/** People log "15min" on varying days, one message after another, until `stop` says so. */
async function sendLoad(url: string, connector: ConnectorStub, stop: { now: boolean }): Promise<Sent[]> {
  const sent: Sent[] = [];
  const runId = randomBytes(4).toString('hex');
  await Promise.all(
    Array.from({ length: USERS }, async (_, user) => {
      const from = {
        id: `29:crash-${runId}-${user}`,
        name: `Crash ${user}`,
        aadObjectId: `crash-${runId}-${user}`,
      };
      for (let index = 0; !stop.now; index += 1) {
        const activity = teamsMessage({
          serviceUrl: connector.serviceUrl,
          conversationId: `a:crash-${runId}-${user}`,
          id: `crash-${runId}-${user}-${index}`,
          from,
          text: '15min',
          localTimestamp: `2026-11-${String((index % 25) + 1).padStart(2, '0')}T10:00:00.000+01:00`,
        });
        const record: Sent = { activity, aadObjectId: from.aadObjectId, status: null };
        sent.push(record);
        try {
          record.status = (await postActivity(url, activity)).status;
        } catch {
          return; // the server is gone
        }
        await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_MESSAGES_MS));
      }
    }),
  );
  return sent;
}

/** Live entries per source activity id, for the people of the load. */
async function entriesByActivity(databaseUrl: string, people: string[]): Promise<Map<string, number>> {
  const store = openStore(databaseUrl);
  try {
    const counts = new Map<string, number>();
    for (const person of people) {
      for (const entry of await store.hours.listEntries(person, '2026-11-01', '2026-11-30')) {
        const key = entry.sourceActivityId ?? '(none)';
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return counts;
  } finally {
    await store.close();
  }
}

function describeDurability(
  engine: string,
  makeDatabase: () => Promise<{ url: string; drop(): Promise<void> }>,
) {
  describe(`kill -9 under load (${engine})`, () => {
    let connector: ConnectorStub;
    let database: { url: string; drop(): Promise<void> };
    const running: ServerProcess[] = [];

    beforeAll(async () => {
      await ensureServerBuilt();
      connector = await startConnectorStub();
      database = await makeDatabase();
    }, 180_000);

    afterAll(async () => {
      for (const server of running) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      await connector?.close();
      await database?.drop();
    });

    it('keeps every message answered 200, once; redelivered ones are not doubled', async () => {
      const first = await startServer(database.url);
      running.push(first);
      const stop = { now: false };
      const load = sendLoad(first.url, connector, stop);
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
      first.child.kill('SIGKILL');
      await first.exited;
      stop.now = true;
      const sent = await load;

      const acknowledged = sent.filter((message) => message.status === 200);
      const unanswered = sent.filter((message) => message.status !== 200);
      const people = [...new Set(sent.map((message) => message.aadObjectId))];
      const statusCounts = Object.fromEntries(
        [...new Set(sent.map((message) => String(message.status)))].map((status) => [
          status,
          sent.filter((message) => String(message.status) === status).length,
        ]),
      );
      console.log(`${engine}: ${sent.length} messages sent, statuses ${JSON.stringify(statusCounts)}`);
      expect(acknowledged.length).toBeGreaterThan(50);
      expect(unanswered.length).toBeGreaterThan(0);

      const second = await startServer(database.url);
      running.push(second);
      const afterCrash = await entriesByActivity(database.url, people);
      const lost = acknowledged.filter((message) => afterCrash.get(String(message.activity.id)) !== 1);
      expect(lost.map((message) => message.activity.id)).toEqual([]);
      expect([...afterCrash.values()].filter((count) => count > 1)).toEqual([]);

      // Teams sends again what got no answer: each gets 200 and at most one record.
      const redelivered = await Promise.all(
        unanswered.map((message) => postActivity(second.url, message.activity)),
      );
      expect(redelivered.map((response) => response.status)).toEqual(unanswered.map(() => 200));
      const afterRedelivery = await entriesByActivity(database.url, people);
      expect([...afterRedelivery.values()].filter((count) => count > 1)).toEqual([]);
      // A turn the killed process had claimed but not finished is taken over, not ignored.
      const neverRecorded = unanswered.filter((message) => !afterRedelivery.has(String(message.activity.id)));
      expect(neverRecorded.map((message) => message.activity.id)).toEqual([]);
      second.child.kill('SIGTERM');
      await second.exited;
    }, 120_000);
  });
}

describeDurability('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'crewdesk-crash-'));
  return {
    url: `sqlite:${join(folder, 'crewdesk.db')}`,
    drop: async () => rmSync(folder, { recursive: true, force: true }),
  };
});

const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  describeDurability('PostgreSQL', async () => {
    const schema = `crash_${randomBytes(6).toString('hex')}`;
    const url = new URL(postgresUrl);
    url.searchParams.set('schema', schema);
    return {
      url: url.toString(),
      drop: async () => {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await client.end();
        }
      },
    };
  });
}
