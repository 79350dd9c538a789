import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatOverHttp, type ChatOverHttp } from '../support/chat-harness.js';
import {
  ALEX_WILBER,
  botInstalled,
  postActivity,
  teamsMessage,
  visibleText,
} from '../support/teams-activities.js';

describe('the bot over HTTP, as Teams talks to it', () => {
  let chat: ChatOverHttp;

  beforeAll(async () => {
    chat = await startChatOverHttp();
  });

  afterAll(() => chat?.stop());

  const message = (options: Partial<Parameters<typeof teamsMessage>[0]> = {}) =>
    teamsMessage({ serviceUrl: chat.connector.serviceUrl, ...options });

  it('answers help with the capabilities card in the activity’s language', async () => {
    const conversationId = `a:${randomUUID()}`;
    const response = await postActivity(
      chat.crewdesk.baseUrl,
      message({ conversationId, text: 'help', locale: 'en-US' }),
    );
    expect(response.status).toBe(200);
    const [reply] = chat.connector.repliesTo(conversationId);
    expect(reply?.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(visibleText(reply!.activity)).toContain('What I can do for you');
  });

  it.each([
    ['fr-CH', 'aide', 'Ce que je peux faire pour vous'],
    ['de-CH', 'Hilfe', 'Was ich für Sie tun kann'],
    ['it-CH', 'aiuto', 'Cosa posso fare per voi'],
    ['en-US', 'aide', 'Ce que je peux faire pour vous'],
    ['en-US', 'hilfe', 'Was ich für Sie tun kann'],
    ['ja-JP', 'help', 'What I can do for you'],
  ])('with locale %s, "%s" gets help in the right language', async (locale, text, expected) => {
    const conversationId = `a:${randomUUID()}`;
    await postActivity(chat.crewdesk.baseUrl, message({ conversationId, text, locale }));
    expect(visibleText(chat.connector.repliesTo(conversationId)[0]!.activity)).toContain(expected);
  });

  it('welcomes once per conversation on install, even when Teams reports it twice', async () => {
    const conversationId = `a:${randomUUID()}`;
    await postActivity(
      chat.crewdesk.baseUrl,
      botInstalled({ serviceUrl: chat.connector.serviceUrl, conversationId, locale: 'fr-CH' }),
    );
    await postActivity(
      chat.crewdesk.baseUrl,
      botInstalled({ serviceUrl: chat.connector.serviceUrl, conversationId, locale: 'fr-CH' }),
    );
    const replies = chat.connector.repliesTo(conversationId);
    expect(replies).toHaveLength(1);
    expect(visibleText(replies[0]!.activity)).toContain('Bienvenue dans Crewdesk, Alex');
  });

  it('answers text it does not understand with help, never silence', async () => {
    const conversationId = `a:${randomUUID()}`;
    await postActivity(
      chat.crewdesk.baseUrl,
      message({ conversationId, text: 'asdf qwerty', locale: 'de-CH' }),
    );
    const text = visibleText(chat.connector.repliesTo(conversationId)[0]!.activity);
    expect(text).toContain('«asdf qwerty»');
    expect(text).toContain('Arbeitszeit erfassen');
  });

  it('records hours written in free text and replies with the day’s total', async () => {
    const conversationId = `a:${randomUUID()}`;
    const newcomer = { id: '29:newcomer', name: 'Nora Newcomer', aadObjectId: `new-${randomUUID()}` };
    await postActivity(
      chat.crewdesk.baseUrl,
      message({ conversationId, from: newcomer, text: '7h30 yesterday' }),
    );
    await postActivity(
      chat.crewdesk.baseUrl,
      message({ conversationId, from: newcomer, text: '1h yesterday' }),
    );

    const entries = await chat.crewdesk.store.hours.listEntries(
      newcomer.aadObjectId,
      '2026-11-25',
      '2026-11-25',
    );
    expect(entries.map((entry) => entry.minutes)).toEqual([450, 60]);
    expect(visibleText(chat.connector.repliesTo(conversationId)[1]!.activity)).toContain(
      'Wednesday 25 November: 8h30 worked, 0h absent, target 8h24',
    );
    const created = await chat.crewdesk.store.directory.findPerson(newcomer.aadObjectId);
    expect(created).toMatchObject({ displayName: 'Nora Newcomer', source: 'activity', roles: ['employee'] });
    expect(await chat.crewdesk.store.directory.contractsOf(newcomer.aadObjectId)).toEqual([
      expect.objectContaining({ weeklyMinutes: 42 * 60, workDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] }),
    ]);
  });

  it('takes "today" from the user’s local timestamp, not the server clock', async () => {
    const conversationId = `a:${randomUUID()}`;
    const sender = { id: '29:late', name: 'Late Worker', aadObjectId: `late-${randomUUID()}` };
    // 00:30 in Zurich on 1 December is still 30 November in UTC.
    await postActivity(
      chat.crewdesk.baseUrl,
      message({
        conversationId,
        from: sender,
        text: '2h',
        timestamp: '2026-11-30T23:30:00.000Z',
        localTimestamp: '2026-12-01T00:30:00.000+01:00',
      }),
    );
    expect(
      await chat.crewdesk.store.hours.listEntries(sender.aadObjectId, '2026-12-01', '2026-12-01'),
    ).toHaveLength(1);
  });

  it('gives a redelivered activity 200 with no second reply and no second record', async () => {
    const conversationId = `a:${randomUUID()}`;
    const sender = { id: '29:again', name: 'Twice Sent', aadObjectId: `again-${randomUUID()}` };
    const activity = message({ conversationId, from: sender, text: '8h', id: `activity-${randomUUID()}` });
    const first = await postActivity(chat.crewdesk.baseUrl, activity);
    const second = await postActivity(chat.crewdesk.baseUrl, activity);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(chat.connector.repliesTo(conversationId)).toHaveLength(1);
    expect(await chat.crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(1);
  });

  it('gives an activity redelivered while its first delivery is still running one effect', async () => {
    const conversationId = `a:${randomUUID()}`;
    const sender = { id: '29:impatient', name: 'Impatient', aadObjectId: `impatient-${randomUUID()}` };
    const activity = message({ conversationId, from: sender, text: '6h', id: `activity-${randomUUID()}` });
    const responses = await Promise.all([1, 2, 3].map(() => postActivity(chat.crewdesk.baseUrl, activity)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(chat.connector.repliesTo(conversationId)).toHaveLength(1);
    expect(await chat.crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(1);
  });

  it('runs 50 concurrent messages of one conversation: 50 turns, 50 records, no apology', async () => {
    const conversationId = `a:${randomUUID()}`;
    const sender = { id: '29:burst', name: 'Burst Sender', aadObjectId: `burst-${randomUUID()}` };
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        postActivity(
          chat.crewdesk.baseUrl,
          message({
            conversationId,
            from: sender,
            text: '15min',
            localTimestamp: `2026-11-${String((index % 20) + 1).padStart(2, '0')}T10:00:00.000+01:00`,
          }),
        ),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect(await chat.crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(50);
    const replies = chat.connector.repliesTo(conversationId);
    expect(replies).toHaveLength(50);
    expect(replies.filter((reply) => visibleText(reply.activity).includes('Sorry'))).toHaveLength(0);
    expect(
      (await chat.crewdesk.store.directory.listPeople({ includeInactive: true })).filter(
        (p) => p.aadObjectId === sender.aadObjectId,
      ),
    ).toHaveLength(1);
  });

  it('creates one person when 50 first messages from 50 conversations of one newcomer arrive together', async () => {
    const sender = { id: '29:eager', name: 'Eager Newcomer', aadObjectId: `eager-${randomUUID()}` };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        postActivity(
          chat.crewdesk.baseUrl,
          message({ conversationId: `a:${randomUUID()}`, from: sender, text: '10 min' }),
        ),
      ),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(await chat.crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(50);
    const people = await chat.crewdesk.store.directory.listPeople({ includeInactive: true });
    expect(people.filter((p) => p.aadObjectId === sender.aadObjectId)).toHaveLength(1);
  });

  it('explains input it must refuse in the user’s language and records nothing', async () => {
    const conversationId = `a:${randomUUID()}`;
    const sender = { id: '29:long-day', name: 'Long Day', aadObjectId: `long-${randomUUID()}` };
    await postActivity(
      chat.crewdesk.baseUrl,
      message({ conversationId, from: sender, text: '20h', locale: 'fr-CH' }),
    );
    const refused = await postActivity(
      chat.crewdesk.baseUrl,
      message({ conversationId, from: sender, text: '5h', locale: 'fr-CH' }),
    );
    expect(refused.status).toBe(200);
    const text = visibleText(chat.connector.repliesTo(conversationId).at(-1)!.activity);
    expect(text).toContain('24 heures');
    expect(text).toContain('Rien n’a été modifié');
    expect(text).not.toMatch(/Error|at \w+ \(|stack/);
    expect(await chat.crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(1);
  });

  it('apologises without internals when the bot itself fails, and the retry is processed', async () => {
    const conversationId = `a:${randomUUID()}`;
    const sender = { id: '29:unlucky', name: 'Unlucky', aadObjectId: `unlucky-${randomUUID()}` };
    const activity = message({
      conversationId,
      from: sender,
      text: '8h',
      locale: 'it-CH',
      id: `fail-${randomUUID()}`,
    });
    const failing = chat.crewdesk.store.transaction;
    // Make the database fail for this one turn, as a lost connection would.
    chat.crewdesk.store.transaction = async () => {
      throw new Error('connection terminated unexpectedly');
    };
    try {
      expect((await postActivity(chat.crewdesk.baseUrl, activity)).status).toBe(200);
    } finally {
      chat.crewdesk.store.transaction = failing;
    }
    const apology = visibleText(chat.connector.repliesTo(conversationId)[0]!.activity);
    expect(apology).toContain('Spiacenti');
    expect(apology).not.toContain('connection terminated');
    // Teams retries the same activity: it is processed this time.
    await postActivity(chat.crewdesk.baseUrl, activity);
    expect(await chat.crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(1);
  });

  it('refuses a body that is not an activity with 400', async () => {
    const response = await fetch(`${chat.crewdesk.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(response.status).toBe(400);
  });

  it('serves Alex Wilber, the Playground user, as a demo store manager', async () => {
    const alex = await chat.crewdesk.store.directory.findPerson(ALEX_WILBER.aadObjectId);
    expect(alex?.roles).toContain('manager');
  });
});
