import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { cardText, startChatOverHttp, type ChatOverHttp } from '../support/chat-harness.js';
import { executeActions, visibleText } from '../support/teams-activities.js';

/**
 * The reminder end to end: a person writes to the bot once (so Crewdesk knows their chat), the
 * reminder round queues their card at 17:31, the worker delivers it to the Bot Connector in their
 * directory language, and its buttons work as Teams invokes them.
 */
describe('the reminder card over HTTP', () => {
  let chat: ChatOverHttp;
  const camille = { id: '29:camille', name: 'Camille Rochat', aadObjectId: `camille-${randomUUID()}` };
  const conversationId = `a:${randomUUID()}`;
  // Thursday 26 November 2026, 17:31 in Zurich.
  const now = '2026-11-26T16:31:00.000Z';

  beforeAll(async () => {
    chat = await startChatOverHttp({
      clock: fixedClock(now),
      env: { CREWDESK_REMINDER_TIME: '17:30' },
    });
    await chat.crewdesk.store.directory.upsertPeople([
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
    await chat.crewdesk.store.directory.upsertContracts([
      {
        aadObjectId: camille.aadObjectId,
        validFrom: '2020-01-01',
        weeklyMinutes: 42 * 60,
        workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
      },
    ]);
  });

  afterAll(() => chat?.stop());

  const invoke = (verb: string, data: Record<string, unknown>) =>
    chat.click<{ body: unknown[] }>(camille, { verb, data }, { conversationId, locale: 'en-US' });

  it('reaches the person in their directory language, with buttons that work', async () => {
    // Her Teams client speaks English; the directory says French.
    const hello = await chat.send(camille, 'help', { conversationId, locale: 'en-US' });
    expect(hello.status).toBe(200);

    const { queued } = await chat.crewdesk.proactive.runReminders();
    expect(queued.map((reminder) => reminder.aadObjectId)).toContain(camille.aadObjectId);
    await chat.crewdesk.proactive.deliverDue();
    await vi.waitFor(() => expect(chat.connector.repliesTo(conversationId)).toHaveLength(2));

    const reminder = chat.connector.repliesTo(conversationId)[1]!;
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
    const admin = await chat.crewdesk.store.outbound.findByIdempotencyKey(
      `reminder:${camille.aadObjectId}:2026-11-26`,
    );
    expect(admin).toMatchObject({ status: 'sent', attempts: 1 });

    // "Log my day": the log form for that day, in French.
    const [logDay, snooze, off] = buttons;
    const form = await invoke(logDay!.verb, logDay!.data);
    expect(JSON.stringify(form)).toContain('"value":"2026-11-26"');
    expect(cardText(form)).toMatch(/heures/i);

    // "Remind me in 1 hour": snoozed until 18:31 her time.
    const snoozed = await invoke(snooze!.verb, snooze!.data);
    expect(cardText(snoozed)).toContain('18:31');
    expect(await chat.crewdesk.store.outbound.reminderPreferences()).toContainEqual({
      aadObjectId: camille.aadObjectId,
      snoozedUntil: '2026-11-26T17:31:00.000Z',
      optedOut: false,
    });

    // "No more reminders": off, with a way back.
    const turnedOff = await invoke(off!.verb, off!.data);
    expect(cardText(turnedOff)).toContain('Les rappels sont désactivés');
    const preferences = await chat.crewdesk.store.outbound.reminderPreferences();
    expect(preferences.find((preference) => preference.aadObjectId === camille.aadObjectId)?.optedOut).toBe(
      true,
    );
    const [turnOn] = executeActions({ attachments: [{ content: turnedOff }] });
    expect(turnOn?.verb).toBe('reminders.on');
    await invoke(turnOn!.verb, turnOn!.data);
    const after = await chat.crewdesk.store.outbound.reminderPreferences();
    expect(after.find((preference) => preference.aadObjectId === camille.aadObjectId)?.optedOut).toBe(false);
  });

  it('shows admins the deliveries, and nobody else', async () => {
    const people = await chat.crewdesk.store.directory.listPeople();
    const admin = people.find((person) => person.roles.includes('admin'));
    const employee = people.find((person) => person.roles.length === 1 && person.roles[0] === 'employee');
    const get = (who: string, query = '') =>
      fetch(`${chat.crewdesk.baseUrl}/api/admin/deliveries${query}`, {
        headers: { [DEMO_USER_HEADER]: who },
      });

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
