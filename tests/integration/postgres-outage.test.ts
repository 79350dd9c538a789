import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/storage/store.js';
import { translate } from '../../src/i18n/translate.js';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { startDroppingProxy, type DroppingProxy } from '../support/dropping-proxy.js';
import { waitFor } from '../support/crewdesk-process.js';
import { postActivity, teamsMessage } from '../support/teams-activities.js';

/**
 * Issue 5, "PostgreSQL restarting under load": Crewdesk reaches PostgreSQL through a TCP proxy that
 * drops every connection and refuses new ones for a while — what clients see while the server
 * restarts or fails over — and then lets them through again. The machine's PostgreSQL itself is
 * never touched. While it is away the bot and the API answer 503 (never 500, never an apology with
 * 200), and every message that got 200 is recorded; afterwards everything works again without
 * restarting Crewdesk, and what got 503 is recorded once when the Bot Connector sends it again.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

const PEOPLE = 12;
const PAUSE_BETWEEN_MESSAGES_MS = 50;

describe.skipIf(!postgresUrl)('PostgreSQL restarting under load', () => {
  const schema = `outage_${randomBytes(6).toString('hex')}`;
  let proxy: DroppingProxy;
  let connector: ConnectorStub;
  let crewdesk: CrewdeskUnderTest;
  let direct: Store;

  async function admin(statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin(`CREATE SCHEMA "${schema}"`);
    const target = new URL(postgresUrl!);
    proxy = await startDroppingProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(proxy.rewrite(postgresUrl!));
    proxied.searchParams.set('schema', schema);
    const real = new URL(postgresUrl!);
    real.searchParams.set('schema', schema);
    connector = await startConnectorStub();
    crewdesk = await startCrewdeskForTest({
      env: { DATABASE_URL: proxied.toString(), CREWDESK_DEMO: 'false' },
    });
    direct = openStore(real.toString());
  }, 120_000);

  afterAll(async () => {
    await crewdesk?.stop();
    await direct?.close();
    await connector?.close();
    await proxy?.close();
    await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  it('answers 503 while it is away, loses nothing that got 200, and recovers by itself', async () => {
    const runId = randomBytes(3).toString('hex');
    const people = Array.from({ length: PEOPLE }, (_, index) => ({
      id: `29:outage-${runId}-${index}`,
      name: `Outage ${index}`,
      aadObjectId: `outage-${runId}-${index}`,
    }));
    type Sent = { activity: Record<string, unknown>; person: string; status: number };
    const sent: Sent[] = [];
    const phase = { stop: false };

    const load = Promise.all(
      people.map(async (person) => {
        for (let index = 0; !phase.stop; index += 1) {
          const activity = teamsMessage({
            serviceUrl: connector.serviceUrl,
            conversationId: `a:${person.aadObjectId}`,
            id: `outage-${randomUUID()}`,
            from: person,
            text: '15min',
            localTimestamp: `2026-02-${String((index % 27) + 1).padStart(2, '0')}T10:00:00.000+01:00`,
          });
          const { status } = await postActivity(crewdesk.baseUrl, activity);
          sent.push({ activity, person: person.aadObjectId, status });
          await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_MESSAGES_MS));
        }
      }),
    );
    const api = (person: string) =>
      fetch(`${crewdesk.baseUrl}/api/me/hours?from=2026-02-01&to=2026-02-28`, {
        headers: { [DEMO_USER_HEADER]: person },
      });
    const someone = people[0]!.aadObjectId;

    // Load flows: some messages are recorded before the outage.
    await waitFor(
      () => (sent.filter((m) => m.status === 200).length >= PEOPLE * 2 ? true : undefined),
      60_000,
    );
    expect((await api(someone)).status).toBe(200);

    await proxy.cut();
    const answeredBeforeCut = sent.length;
    // While PostgreSQL is away: the bot defers (503), the API and readiness say 503.
    await waitFor(
      () =>
        sent.slice(answeredBeforeCut).filter((m) => m.status === 503).length >= PEOPLE ? true : undefined,
      60_000,
      'messages to be deferred with 503',
    );
    const apiWhileDown = await api(someone);
    expect(apiWhileDown.status).toBe(503);
    expect(apiWhileDown.headers.get('retry-after')).toBeTruthy();
    expect((await fetch(`${crewdesk.baseUrl}/readyz`)).status).toBe(503);
    expect((await fetch(`${crewdesk.baseUrl}/healthz`)).status).toBe(200);

    await proxy.restore();
    const answeredBeforeRestore = sent.length;
    await waitFor(
      () =>
        sent.slice(answeredBeforeRestore).filter((m) => m.status === 200).length >= PEOPLE * 2
          ? true
          : undefined,
      60_000,
      'messages to be recorded again after the restart',
    );
    phase.stop = true;
    await load;

    expect((await api(someone)).status).toBe(200);
    expect((await fetch(`${crewdesk.baseUrl}/readyz`)).status).toBe(200);
    const statuses = [...new Set(sent.map((m) => m.status))].sort();
    expect(statuses).toEqual([200, 503]);

    const records = async () => {
      const perActivity = new Map<string, number>();
      for (const person of people) {
        for (const entry of await direct.hours.listEntries(person.aadObjectId, '2026-02-01', '2026-02-28')) {
          const key = entry.sourceActivityId ?? '(none)';
          perActivity.set(key, (perActivity.get(key) ?? 0) + 1);
        }
      }
      return perActivity;
    };
    const afterOutage = await records();
    const lost = sent.filter((m) => m.status === 200 && afterOutage.get(String(m.activity.id)) !== 1);
    expect(lost.map((m) => m.activity.id)).toEqual([]);
    expect([...afterOutage.values()].filter((count) => count > 1)).toEqual([]);
    // No apology was sent for the outage: the deferred messages were not answered at all.
    const apology = translate('en', 'errors.apology');
    expect(connector.replies.filter((reply) => String(reply.activity.text ?? '').includes(apology))).toEqual(
      [],
    );

    // The Bot Connector sends the deferred ones again: each is recorded, once.
    const deferred = sent.filter((m) => m.status === 503);
    const redelivered = await Promise.all(deferred.map((m) => postActivity(crewdesk.baseUrl, m.activity)));
    expect(redelivered.map((response) => response.status)).toEqual(deferred.map(() => 200));
    const afterRedelivery = await records();
    expect(
      deferred.filter((m) => afterRedelivery.get(String(m.activity.id)) !== 1).map((m) => m.activity.id),
    ).toEqual([]);
    expect([...afterRedelivery.values()].filter((count) => count > 1)).toEqual([]);
  }, 180_000);
});
