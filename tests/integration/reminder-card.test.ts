import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import {
  cardActionInvoke,
  executeActions,
  postActivity,
  teamsMessage,
  visibleText,
} from '../support/teams-activities.js';

/**
 * The reminder end to end: a person writes to the bot once (so Crewdesk knows their chat), the
 * reminder round queues their card at 17:31, the worker delivers it to the Bot Connector in their
 * directory language, and its buttons work as Teams invokes them.
 */
describe('the reminder card over HTTP', () => {
  let crewdesk: CrewdeskUnderTest;
  let connector: ConnectorStub;
  const camille = { id: '29:camille', name: 'Camille Rochat', aadObjectId: `camille-${randomUUID()}` };
  const conversationId = `a:${randomUUID()}`;
  // Thursday 26 November 2026, 17:31 in Zurich.
  const now = '2026-11-26T16:31:00.000Z';

  beforeAll(async () => {
    connector = await startConnectorStub();
    crewdesk = await startCrewdeskForTest({
      clock: fixedClock(now),
      env: { CREWDESK_REMINDER_TIME: '17:30' },
    });
    await crewdesk.store.directory.upsertPeople([
      {
        aadObjectId: camille.aadObjectId,
        displayName: camille.name,
        email: null,
        team: null,
        siteId: null,
        managerAadObjectId: null,
        roles: ['employee'],
        locale: 'fr-CH',
        ahvNumber: null,
        active: true,
        source: 'directory',
      },
    ]);
    await crewdesk.store.directory.upsertContracts([
      {
        aadObjectId: camille.aadObjectId,
        validFrom: '2020-01-01',
        weeklyMinutes: 42 * 60,
        workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      },
    ]);
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await connector?.close();
  });

  const invoke = async (verb: string, data: Record<string, unknown>) => {
    const response = await postActivity(
      crewdesk.baseUrl,
      cardActionInvoke({
        serviceUrl: connector.serviceUrl,
        conversationId,
        from: camille,
        locale: 'en-US',
        verb,
        data,
      }),
    );
    expect(response.status).toBe(200);
    return (JSON.parse(response.body) as { value: { body: unknown[] } }).value;
  };

  it('reaches the person in their directory language, with buttons that work', async () => {
    // Her Teams client speaks English; the directory says French.
    const hello = await postActivity(
      crewdesk.baseUrl,
      teamsMessage({
        serviceUrl: connector.serviceUrl,
        conversationId,
        from: camille,
        text: 'help',
        locale: 'en-US',
      }),
    );
    expect(hello.status).toBe(200);

    const { queued } = await crewdesk.proactive.runReminders();
    expect(queued.map((reminder) => reminder.aadObjectId)).toContain(camille.aadObjectId);
    await crewdesk.proactive.deliverDue();
    await vi.waitFor(() => expect(connector.repliesTo(conversationId)).toHaveLength(2));

    const reminder = connector.repliesTo(conversationId)[1]!;
    // A new message in the chat, not a reply to her last one.
    expect(reminder.replyToId).toBeNull();
    expect(reminder.activity.locale).toBe('fr-CH');
    expect(visibleText(reminder.activity)).toContain('C’est le moment de saisir vos heures');
    expect(visibleText(reminder.activity)).toContain('jeudi 26 novembre');
    const buttons = executeActions(reminder.activity);
    expect(buttons.map((button) => [button.title, button.verb])).toEqual([
      ['Saisir ma journée', 'hours.openLog'],
      ['Me le rappeler dans 1 heure', 'reminders.snooze'],
      ['Plus de rappels', 'reminders.off'],
    ]);
    const admin = await crewdesk.store.outbound.findByIdempotencyKey(
      `reminder:${camille.aadObjectId}:2026-11-26`,
    );
    expect(admin).toMatchObject({ status: 'sent', attempts: 1 });

    // "Log my day": the log form for that day, in French.
    const [logDay, snooze, off] = buttons;
    const form = await invoke(logDay!.verb, logDay!.data);
    expect(JSON.stringify(form)).toContain('"value":"2026-11-26"');
    expect(visibleText({ attachments: [{ content: form }] })).toMatch(/heures/i);

    // "Remind me in 1 hour": snoozed until 18:31 her time.
    const snoozed = await invoke(snooze!.verb, snooze!.data);
    expect(visibleText({ attachments: [{ content: snoozed }] })).toContain('18:31');
    expect(await crewdesk.store.outbound.reminderPreferences()).toContainEqual({
      aadObjectId: camille.aadObjectId,
      snoozedUntil: '2026-11-26T17:31:00.000Z',
      optedOut: false,
    });

    // "No more reminders": off, with a way back.
    const turnedOff = await invoke(off!.verb, off!.data);
    expect(visibleText({ attachments: [{ content: turnedOff }] })).toContain('Les rappels sont désactivés');
    const preferences = await crewdesk.store.outbound.reminderPreferences();
    expect(preferences.find((preference) => preference.aadObjectId === camille.aadObjectId)?.optedOut).toBe(
      true,
    );
    const [turnOn] = executeActions({ attachments: [{ content: turnedOff }] });
    expect(turnOn?.verb).toBe('reminders.on');
    await invoke(turnOn!.verb, turnOn!.data);
    const after = await crewdesk.store.outbound.reminderPreferences();
    expect(after.find((preference) => preference.aadObjectId === camille.aadObjectId)?.optedOut).toBe(false);
  });

  it('shows admins the deliveries, and nobody else', async () => {
    const people = await crewdesk.store.directory.listPeople();
    const admin = people.find((person) => person.roles.includes('admin'));
    const employee = people.find((person) => person.roles.length === 1 && person.roles[0] === 'employee');
    const get = (who: string, query = '') =>
      fetch(`${crewdesk.baseUrl}/api/admin/deliveries${query}`, { headers: { [DEMO_USER_HEADER]: who } });

    const answer = await get(admin!.aadObjectId, '?status=sent&limit=10');
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as {
      counts: Record<string, number>;
      deliveries: { idempotencyKey: string; status: string }[];
    };
    expect(body.counts.sent).toBeGreaterThanOrEqual(1);
    expect(body.deliveries).toContainEqual(
      expect.objectContaining({
        idempotencyKey: `reminder:${camille.aadObjectId}:2026-11-26`,
        status: 'sent',
      }),
    );
    expect((await get(employee!.aadObjectId)).status).toBe(403);
    expect((await get(admin!.aadObjectId, '?status=lost')).status).toBe(400);
  });
});
