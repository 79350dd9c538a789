import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from '../../scripts/ensure-built.js';
import { runReminderRound } from '../../src/domain/proactive/reminder-round.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { translate } from '../../src/i18n/translate.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { reminderPayload } from '../../src/teams/reminder-actions.js';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskProcess, waitFor, type CrewdeskProcess } from '../support/crewdesk-process.js';
import { postActivity, teamsMessage } from '../support/teams-activities.js';

/**
 * Issue 8, scale-out: two server processes on one PostgreSQL schema behind an imaginary load
 * balancer that spreads requests over both — including several messages of one conversation at the
 * same moment on both, and the same activity delivered to both (a Teams redelivery landing on the
 * other instance). Then the reminder rounds of both instances run at the same minute and both
 * instances' workers deliver. Nothing may be lost, doubled or fail.
 */
const postgresUrl = process.env.TEST_DATABASE_URL;

const PEOPLE = 16;
/** Messages per person, sent in pairs: one to each instance at the same moment. */
const PAIRS = 4;
/** The hours of the load are logged in this month; the reminders are for a later day. */
const LOAD_MONTH = '2026-01';

/**
 * The latest Monday at least a day ago, 16:31 UTC (17:31 or 18:31 in Zurich, within the reminder
 * window): everyone with a conversation and nothing logged that day is reminded, and the queued
 * reminders are due at once (a reminder queued for a future instant would wait for it).
 */
function lastMonday(): { instant: string; date: string } {
  const day = new Date(Date.now() - 24 * 60 * 60 * 1000);
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() - 1);
  const date = day.toISOString().slice(0, 10);
  return { instant: `${date}T16:31:00.000Z`, date };
}

describe.skipIf(!postgresUrl)('two instances on one PostgreSQL', () => {
  const schema = `two_instances_${randomBytes(6).toString('hex')}`;
  let databaseUrl = '';
  let connector: ConnectorStub;
  const instances: CrewdeskProcess[] = [];
  let store: Store;

  async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await ensureServerBuilt();
    await admin((client) => client.query(`CREATE SCHEMA "${schema}"`));
    const url = new URL(postgresUrl!);
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
    connector = await startConnectorStub();
    // Both start at once on an empty schema: migrations must cope with a twin doing the same.
    instances.push(
      ...(await Promise.all([startCrewdeskProcess(databaseUrl), startCrewdeskProcess(databaseUrl)])),
    );
    store = openStore(databaseUrl);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.kill()));
    await store?.close();
    await connector?.close();
    await admin((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('loses, doubles and fails no turn; each reminder is sent once', async () => {
    const [first, second] = instances as [CrewdeskProcess, CrewdeskProcess];
    const runId = randomBytes(3).toString('hex');
    const people = Array.from({ length: PEOPLE }, (_, index) => ({
      id: `29:two-${runId}-${index}`,
      name: `Twin ${index}`,
      aadObjectId: `two-${runId}-${index}`,
    }));
    const conversationOf = (person: (typeof people)[number]) => `a:two-${person.aadObjectId}`;
    const message = (person: (typeof people)[number], index: number, id = randomUUID()) =>
      teamsMessage({
        serviceUrl: connector.serviceUrl,
        conversationId: conversationOf(person),
        id,
        from: person,
        text: '15min',
        localTimestamp: `${LOAD_MONTH}-${String(index + 1).padStart(2, '0')}T10:00:00.000+01:00`,
      });

    const statuses: number[] = [];
    const post = async (instance: CrewdeskProcess, activity: Record<string, unknown>) => {
      const { status } = await postActivity(instance.url, activity);
      statuses.push(status);
    };
    const uniqueActivities: { person: string; id: string }[] = [];

    await Promise.all(
      people.map(async (person) => {
        for (let pair = 0; pair < PAIRS; pair += 1) {
          // Two messages of one conversation at the same moment, one on each instance.
          const left = message(person, 2 * pair);
          const right = message(person, 2 * pair + 1);
          uniqueActivities.push(
            { person: person.aadObjectId, id: String(left.id) },
            { person: person.aadObjectId, id: String(right.id) },
          );
          await Promise.all([post(first, left), post(second, right)]);
        }
        // The same activity delivered to both instances at once (a redelivery on the other one).
        const twice = message(person, 2 * PAIRS);
        uniqueActivities.push({ person: person.aadObjectId, id: String(twice.id) });
        await Promise.all([post(first, twice), post(second, twice)]);
      }),
    );

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(statuses).toHaveLength(PEOPLE * (2 * PAIRS + 2));

    // Exactly one record per activity, whichever instance took it and however often it came.
    const recordsPerActivity = new Map<string, number>();
    for (const person of people) {
      for (const entry of await store.hours.listEntries(
        person.aadObjectId,
        `${LOAD_MONTH}-01`,
        `${LOAD_MONTH}-31`,
      )) {
        const key = entry.sourceActivityId ?? '(none)';
        recordsPerActivity.set(key, (recordsPerActivity.get(key) ?? 0) + 1);
      }
    }
    const wrongCounts = uniqueActivities
      .map(({ id }) => ({ id, records: recordsPerActivity.get(id) ?? 0 }))
      .filter(({ records }) => records !== 1);
    expect(wrongCounts).toEqual([]);
    expect([...recordsPerActivity.keys()].sort()).toEqual(uniqueActivities.map(({ id }) => id).sort());

    // No failed turn (an apology) and one answer per activity, never two.
    const apology = translate('en', 'errors.apology');
    // Messages only: teams-ai also sends "typing" to a turn that takes more than a second.
    const turnReplies = connector.replies.filter(
      (reply) => reply.replyToId !== null && reply.activity.type === 'message',
    );
    expect(turnReplies.filter((reply) => String(reply.activity.text ?? '').includes(apology))).toEqual([]);
    const repliesPerActivity = new Map<string, number>();
    for (const reply of turnReplies)
      repliesPerActivity.set(reply.replyToId!, (repliesPerActivity.get(reply.replyToId!) ?? 0) + 1);
    expect(
      uniqueActivities
        .map(({ id }) => ({ id, replies: repliesPerActivity.get(id) ?? 0 }))
        .filter(({ replies }) => replies !== 1),
    ).toEqual([]);

    // Both instances' reminder rounds run at the same minute (each instance has its own store).
    const reminderDay = lastMonday();
    const twinStore = openStore(databaseUrl);
    try {
      const round = (roundStore: Store) =>
        runReminderRound(
          {
            directory: roundStore.directory,
            hours: roundStore.hours,
            outbound: roundStore.outbound,
            clock: fixedClock(reminderDay.instant),
            newId: randomUUID,
            renderReminder: reminderPayload,
          },
          { reminderTime: '17:30', defaultTimeZone: 'Europe/Zurich' },
        );
      const rounds = await Promise.all([round(store), round(twinStore)]);
      const queued = rounds.flatMap((outcome) => outcome.queued.map((reminder) => reminder.aadObjectId));
      expect(queued.sort()).toEqual(people.map((person) => person.aadObjectId).sort());
    } finally {
      await twinStore.close();
    }

    // Both workers poll the queue; wait until every reminder is recorded as sent.
    const keys = people.map((person) => `reminder:${person.aadObjectId}:${reminderDay.date}`);
    await waitFor(
      async () => {
        const jobs = await Promise.all(keys.map((key) => store.outbound.findByIdempotencyKey(key)));
        return jobs.every((job) => job?.status === 'sent') ? true : undefined;
      },
      60_000,
      'every reminder to be sent',
    );
    const reminderRequests = connector.requests.filter(
      (request) => request.replyToId === null && request.conversationId.startsWith('a:two-'),
    );
    const perConversation = new Map<string, number>();
    for (const request of reminderRequests)
      perConversation.set(request.conversationId, (perConversation.get(request.conversationId) ?? 0) + 1);
    expect(Object.fromEntries(perConversation)).toEqual(
      Object.fromEntries(people.map((person) => [conversationOf(person), 1])),
    );
  }, 180_000);
});
