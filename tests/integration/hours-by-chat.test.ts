import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStub, type ConnectorStub } from '../support/connector-stub.js';
import { startCrewdeskForTest, type CrewdeskUnderTest } from '../support/crewdesk-under-test.js';
import {
  cardActionInvoke,
  executeActions,
  postActivity,
  teamsMessage,
  visibleText,
} from '../support/teams-activities.js';

// Thursday 26 November 2026, 17:45 in Zurich (see teamsMessage's default localTimestamp).
describe('logging hours by chat', () => {
  let crewdesk: CrewdeskUnderTest;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    crewdesk = await startCrewdeskForTest();
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await connector?.close();
  });

  function newPerson() {
    const aadObjectId = `person-${randomUUID()}`;
    return { id: `29:${aadObjectId}`, name: 'Sam Example', aadObjectId };
  }

  async function say(
    from: ReturnType<typeof newPerson>,
    text: string,
    locale = 'en-US',
    conversationId = `a:${from.aadObjectId}`,
  ) {
    const before = connector.repliesTo(conversationId).length;
    const response = await postActivity(
      crewdesk.baseUrl,
      teamsMessage({ serviceUrl: connector.serviceUrl, conversationId, from, text, locale }),
    );
    expect(response.status).toBe(200);
    return connector
      .repliesTo(conversationId)
      .slice(before)
      .map((reply) => reply.activity);
  }

  async function click(
    from: ReturnType<typeof newPerson>,
    action: { verb: string; data: Record<string, unknown> },
    locale = 'en-US',
  ) {
    const response = await postActivity(
      crewdesk.baseUrl,
      cardActionInvoke({
        serviceUrl: connector.serviceUrl,
        conversationId: `a:${from.aadObjectId}`,
        from,
        locale,
        ...action,
      }),
    );
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    return { attachments: [{ content: body.value }] };
  }

  const entriesOf = (aadObjectId: string, from = '2026-11-01', to = '2026-11-30') =>
    crewdesk.store.hours.listEntries(aadObjectId, from, to);

  it('records time ranges with their start and end, one entry per range', async () => {
    const person = newPerson();
    const [reply] = await say(person, 'de 8h à 12h et de 13h30 à 17h hier', 'fr-CH');
    const entries = await entriesOf(person.aadObjectId);
    expect(entries.map((entry) => [entry.date, entry.startTime, entry.endTime, entry.minutes])).toEqual([
      ['2026-11-25', '08:00', '12:00', 240],
      ['2026-11-25', '13:30', '17:00', 210],
    ]);
    expect(visibleText(reply!)).toContain('Heures enregistrées');
    expect(visibleText(reply!)).toContain('7 h 30 travaillées');
  });

  it('records a sick day without a duration as the day’s target', async () => {
    const person = newPerson();
    await say(person, 'krank heute', 'de-CH');
    const [entry] = await entriesOf(person.aadObjectId);
    expect(entry).toMatchObject({ kind: 'absence', absenceKind: 'sick', minutes: 504, date: '2026-11-26' });
  });

  it('adds a second message for the same day, and replaces the day with "instead"', async () => {
    const person = newPerson();
    await say(person, '4h today');
    await say(person, '2h today');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.minutes)).toEqual([240, 120]);
    const [reply] = await say(person, '7h today instead');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.minutes)).toEqual([420]);
    expect(visibleText(reply!)).toContain('replaces');
    const replaced = await crewdesk.store.hours.countEntries(person.aadObjectId);
    expect(replaced).toBe(1);
  });

  it('takes the last record back with "undo" and keeps its history', async () => {
    const person = newPerson();
    await say(person, '8h yesterday');
    const [entry] = await entriesOf(person.aadObjectId);
    const [reply] = await say(person, 'undo');
    expect(visibleText(reply!)).toContain('taken back');
    expect(await entriesOf(person.aadObjectId)).toEqual([]);
    const history = await crewdesk.store.hours.historyOf(entry!.id);
    expect(history.map((version) => [version.version, version.change, version.reason])).toEqual([
      [1, 'create', null],
      [2, 'delete', 'undo'],
    ]);
    expect(history[1]!.before).toMatchObject({ minutes: 480 });
  });

  it('undoes from the card’s button, in place, once even when double-clicked', async () => {
    const person = newPerson();
    const [reply] = await say(person, '6h today');
    const undo = executeActions(reply!).find((action) => action.verb === 'hours.undo')!;
    const first = await click(person, undo);
    const second = await click(person, undo);
    expect(visibleText(first)).toContain('1 record of Thursday 26 November taken back.');
    expect(visibleText(second)).toContain('nothing left to undo');
    expect(await entriesOf(person.aadObjectId)).toEqual([]);
  });

  it('does nothing for someone else who clicks a forwarded Undo button', async () => {
    const owner = newPerson();
    const stranger = newPerson();
    await say(stranger, 'help');
    const [reply] = await say(owner, '5h today');
    const undo = executeActions(reply!).find((action) => action.verb === 'hours.undo')!;
    const card = await click(stranger, undo);
    expect(visibleText(card)).toContain('Only the person, their managers and HR');
    expect((await entriesOf(owner.aadObjectId)).map((entry) => entry.minutes)).toEqual([300]);
  });

  it('shows the week with totals, target, balance and missing days', async () => {
    const person = newPerson();
    await say(person, 'Monday 8h, Tuesday 8h');
    const [reply] = await say(person, 'my week');
    const text = visibleText(reply!);
    expect(text).toContain('Week of Monday 23 November');
    expect(text).toContain('Nothing recorded yet: Wednesday 25 November, Thursday 26 November');
    const weekCard = reply!.attachments![0]!.content as {
      body: { type: string; facts?: { title: string; value: string }[] }[];
    };
    const totals = weekCard.body.filter((element) => element.type === 'FactSet')[1]!.facts!;
    expect(totals).toEqual([
      { title: 'Worked', value: '16h' },
      { title: 'Absent', value: '0h' },
      { title: 'Target', value: '42h' },
      { title: 'Balance', value: '−17h36' },
    ]);
    const previous = executeActions(reply!).find((action) => action.title === 'Previous week')!;
    expect(visibleText(await click(person, previous))).toContain('Week of Monday 16 November');
  });

  it('refuses work on a future day and overlapping ranges, with a clear message, recording nothing', async () => {
    const person = newPerson();
    const [future] = await say(person, '8h 3.12.');
    expect(visibleText(future!)).toContain('has not come yet');
    await say(person, '8-12 today');
    const [overlap] = await say(person, '11-13 today');
    expect(visibleText(overlap!)).toContain('overlap (08:00–12:00 and 11:00–13:00)');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.minutes)).toEqual([240]);
  });

  it('warns when the law’s minimum break is missing, and still records the day', async () => {
    const person = newPerson();
    const [reply] = await say(person, '8-17 today, 15 min break');
    expect(visibleText(reply!)).toContain('needs a break of at least 30 min; 15 min recorded');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.minutes)).toEqual([525]);
  });

  it('warns about a short night’s rest across the week boundary and counts only this week toward the weekly maximum', async () => {
    const person = newPerson();
    // Sunday belongs to last week: its 3h30 end at 23:30, six and a half hours before Monday's start.
    await say(person, '20:00-23:30 on 22.11.');
    await say(person, '7:00-19:00 on 24.11., 1 hour break');
    await say(person, '7:00-19:00 on 25.11., 1 hour break');
    await say(person, '7:00-15:00 today, 30 min break');
    await say(person, '16:00-22:30 today');
    // 11 + 11 + 11 + 7.5 + 6.5 = 47 h this week: under a newcomer's 50 h; Sunday's hours would pass it.
    const [monday] = await say(person, '6:00-18:00 on 23.11., 1 hour break');
    expect(visibleText(monday!)).toContain('only 6h30 of rest between two working days');
    expect(visibleText(monday!)).not.toContain('legal maximum');
    const [tuesday] = await say(person, '19:30-23:00 on 24.11.');
    expect(visibleText(tuesday!)).toContain(
      'this week now holds 50h30 of work, above the legal maximum of 50h',
    );
  });

  it('records a vacation span on work days only, skipping the weekend and Christmas without a word', async () => {
    const person = newPerson();
    const replies = await say(person, 'Ferien 21.12.-27.12.', 'de-CH');
    const entries = await entriesOf(person.aadObjectId, '2026-12-01', '2026-12-31');
    // Monday 21 to Thursday 24; Friday 25 is Christmas, then the weekend (no site: national holidays).
    expect(entries.map((entry) => entry.date)).toEqual([
      '2026-12-21',
      '2026-12-22',
      '2026-12-23',
      '2026-12-24',
    ]);
    expect(replies).toHaveLength(1);
    expect(visibleText(replies[0]!)).toContain('Donnerstag, 24. Dezember');
    expect(replies.map((reply) => visibleText(reply)).join('\n')).not.toContain('keiner Ihrer Arbeitstage');
  });

  it('refuses a second full day of absence on the same day, and "instead" replaces it', async () => {
    const person = newPerson();
    await say(person, 'sick today');
    const [again] = await say(person, 'sick today');
    expect(visibleText(again!)).toContain('already holds 8h24 of absence');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.absenceKind)).toEqual(['sick']);
    await say(person, 'vacation today instead');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.absenceKind)).toEqual(['vacation']);
  });

  it('asks instead of guessing when the day or the duration is missing', async () => {
    const person = newPerson();
    const [reply] = await say(person, 'heute Homeoffice', 'de-CH');
    expect(visibleText(reply!)).toContain('Wie lange haben Sie');
    expect(await entriesOf(person.aadObjectId)).toEqual([]);
  });
});

describe('my month in chat', () => {
  let crewdesk: CrewdeskUnderTest;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    crewdesk = await startCrewdeskForTest();
  });

  afterAll(async () => {
    await crewdesk?.stop();
    await connector?.close();
  });

  it('gives the same figures as HR’s report, and guides a newcomer who has nothing yet', async () => {
    const from = { id: '29:month', name: 'Mia Month', aadObjectId: `month-${randomUUID()}` };
    const conversationId = `a:${from.aadObjectId}`;
    const send = (text: string, locale = 'fr-CH') =>
      postActivity(
        crewdesk.baseUrl,
        teamsMessage({ serviceUrl: connector.serviceUrl, conversationId, from, text, locale }),
      );

    await send('mon mois');
    expect(visibleText(connector.repliesTo(conversationId).at(-1)!.activity)).toContain(
      'Vous n’avez encore rien saisi',
    );

    await send('lundi 8h');
    await send('mardi malade');
    await send('mon mois');
    const card = connector.repliesTo(conversationId).at(-1)!.activity;
    const facts = (
      card.attachments![0]!.content as {
        body: { type: string; facts?: { title: string; value: string }[] }[];
      }
    ).body.find((element) => element.type === 'FactSet')!.facts!;
    // November 2026 for a newcomer: 21 work days × 8 h 24 = 176 h 24; worked 8 h; one sick day 8 h 24.
    expect(facts).toEqual([
      { title: 'Heures normales', value: '176 h 24' },
      { title: 'Travaillé', value: '8 h' },
      { title: 'Absences', value: '8 h 24' },
      { title: 'Heures perdues (RHT)', value: '160 h' },
      { title: 'Perte', value: '90,7 %' },
    ]);
    expect(visibleText(card)).toContain('Provisoire');
  });
});
