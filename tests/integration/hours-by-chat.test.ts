import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CARD_ANSWER,
  cardText,
  newcomer,
  startChatOverHttp,
  type ChatOverHttp,
  type ChatPerson,
} from '../support/chat-harness.js';
import { executeActions, visibleText } from '../support/teams-activities.js';

// Thursday 26 November 2026, 17:45 in Zurich (see teamsMessage's default localTimestamp).
describe('logging hours by chat', () => {
  let chat: ChatOverHttp;

  beforeAll(async () => {
    chat = await startChatOverHttp();
  });

  afterAll(() => chat?.stop());

  /** Clicks a button; Teams replaces the clicked card with the one in the invoke's answer. */
  const click = (from: ChatPerson, action: { verb: string; data: Record<string, unknown> }) =>
    chat.click(from, action, { expectAnswer: CARD_ANSWER });

  const entriesOf = (aadObjectId: string, from = '2026-11-01', to = '2026-11-30') =>
    chat.crewdesk.store.hours.listEntries(aadObjectId, from, to);

  it('records time ranges with their start and end, one entry per range', async () => {
    const person = newcomer();
    const [reply] = await chat.say(person, 'de 8h à 12h et de 13h30 à 17h hier', { locale: 'fr-CH' });
    const entries = await entriesOf(person.aadObjectId);
    expect(entries.map((entry) => [entry.date, entry.startTime, entry.endTime, entry.minutes])).toEqual([
      ['2026-11-25', '08:00', '12:00', 240],
      ['2026-11-25', '13:30', '17:00', 210],
    ]);
    expect(visibleText(reply!)).toContain('Heures enregistrées');
    expect(visibleText(reply!)).toContain('7 h 30 travaillées');
  });

  it('records a sick day without a duration as the day’s target', async () => {
    const person = newcomer();
    await chat.say(person, 'krank heute', { locale: 'de-CH' });
    const [entry] = await entriesOf(person.aadObjectId);
    expect(entry).toMatchObject({ kind: 'absence', absenceKind: 'sick', minutes: 504, date: '2026-11-26' });
  });

  it('adds a second message for the same day, and replaces the day with "instead"', async () => {
    const person = newcomer();
    await chat.say(person, '4h today');
    await chat.say(person, '2h today');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.minutes)).toEqual([240, 120]);
    const [reply] = await chat.say(person, '7h today instead');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.minutes)).toEqual([420]);
    expect(visibleText(reply!)).toContain('replaces');
    const replaced = await chat.crewdesk.store.hours.countEntries(person.aadObjectId);
    expect(replaced).toBe(1);
  });

  it('takes the last record back with "undo" and keeps its history', async () => {
    const person = newcomer();
    await chat.say(person, '8h yesterday');
    const [entry] = await entriesOf(person.aadObjectId);
    const [reply] = await chat.say(person, 'undo');
    expect(visibleText(reply!)).toContain('taken back');
    expect(await entriesOf(person.aadObjectId)).toEqual([]);
    const history = await chat.crewdesk.store.hours.historyOf(entry!.id);
    expect(history.map((version) => [version.version, version.change, version.reason])).toEqual([
      [1, 'create', null],
      [2, 'delete', 'undo'],
    ]);
    expect(history[1]!.before).toMatchObject({ minutes: 480 });
  });

  it('undoes from the card’s button, in place, once even when double-clicked', async () => {
    const person = newcomer();
    const [reply] = await chat.say(person, '6h today');
    const undo = executeActions(reply!).find((action) => action.verb === 'hours.undo')!;
    const first = await click(person, undo);
    const second = await click(person, undo);
    expect(cardText(first)).toContain('1 record of Thursday 26 November taken back.');
    expect(cardText(second)).toContain('nothing left to undo');
    expect(await entriesOf(person.aadObjectId)).toEqual([]);
  });

  it('does nothing for someone else who clicks a forwarded Undo button', async () => {
    const owner = newcomer();
    const stranger = newcomer();
    await chat.say(stranger, 'help');
    const [reply] = await chat.say(owner, '5h today');
    const undo = executeActions(reply!).find((action) => action.verb === 'hours.undo')!;
    const card = await click(stranger, undo);
    expect(cardText(card)).toContain('Only the person, their managers and HR');
    expect((await entriesOf(owner.aadObjectId)).map((entry) => entry.minutes)).toEqual([300]);
  });

  it('shows the week with totals, target, balance and missing days', async () => {
    const person = newcomer();
    await chat.say(person, 'Monday 8h, Tuesday 8h');
    const [reply] = await chat.say(person, 'my week');
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
    expect(cardText(await click(person, previous))).toContain('Week of Monday 16 November');
  });

  it('refuses work on a future day and overlapping ranges, with a clear message, recording nothing', async () => {
    const person = newcomer();
    const [future] = await chat.say(person, '8h 3.12.');
    expect(visibleText(future!)).toContain('has not come yet');
    await chat.say(person, '8-12 today');
    const [overlap] = await chat.say(person, '11-13 today');
    expect(visibleText(overlap!)).toContain('overlap (08:00–12:00 and 11:00–13:00)');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.minutes)).toEqual([240]);
  });

  it('warns when the law’s minimum break is missing, and still records the day', async () => {
    const person = newcomer();
    const [reply] = await chat.say(person, '8-17 today, 15 min break');
    expect(visibleText(reply!)).toContain('needs a break of at least 30 min; 15 min recorded');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.minutes)).toEqual([525]);
  });

  it('warns about a short night’s rest across the week boundary and counts only this week toward the weekly maximum', async () => {
    const person = newcomer();
    // Sunday belongs to last week: its 3h30 end at 23:30, six and a half hours before Monday's start.
    await chat.say(person, '20:00-23:30 on 22.11.');
    await chat.say(person, '7:00-19:00 on 24.11., 1 hour break');
    await chat.say(person, '7:00-19:00 on 25.11., 1 hour break');
    await chat.say(person, '7:00-15:00 today, 30 min break');
    await chat.say(person, '16:00-22:30 today');
    // 11 + 11 + 11 + 7.5 + 6.5 = 47 h this week: under a newcomer's 50 h; Sunday's hours would pass it.
    const [monday] = await chat.say(person, '6:00-18:00 on 23.11., 1 hour break');
    expect(visibleText(monday!)).toContain('only 6h30 of rest between two working days');
    expect(visibleText(monday!)).not.toContain('legal maximum');
    const [tuesday] = await chat.say(person, '19:30-23:00 on 24.11.');
    expect(visibleText(tuesday!)).toContain(
      'this week now holds 50h30 of work, above the legal maximum of 50h',
    );
  });

  it('records a vacation span on work days only, skipping the weekend and Christmas without a word', async () => {
    const person = newcomer();
    const replies = await chat.say(person, 'Ferien 21.12.-27.12.', { locale: 'de-CH' });
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
    const person = newcomer();
    await chat.say(person, 'sick today');
    const [again] = await chat.say(person, 'sick today');
    expect(visibleText(again!)).toContain('already holds 8h24 of absence');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.absenceKind)).toEqual(['sick']);
    await chat.say(person, 'vacation today instead');
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.absenceKind)).toEqual(['vacation']);
  });

  it('asks instead of guessing when the day or the duration is missing', async () => {
    const person = newcomer();
    const [reply] = await chat.say(person, 'heute Homeoffice', { locale: 'de-CH' });
    expect(visibleText(reply!)).toContain('Wie lange haben Sie');
    expect(await entriesOf(person.aadObjectId)).toEqual([]);
  });
});

describe('my month in chat', () => {
  let chat: ChatOverHttp;

  beforeAll(async () => {
    chat = await startChatOverHttp();
  });

  afterAll(() => chat?.stop());

  it('gives the same figures as HR’s report, and guides a newcomer who has nothing yet', async () => {
    const from = { id: '29:month', name: 'Mia Month', aadObjectId: `month-${randomUUID()}` };
    const conversationId = `a:${from.aadObjectId}`;
    const send = (text: string, locale = 'fr-CH') => chat.send(from, text, { locale });

    await send('mon mois');
    expect(visibleText(chat.connector.repliesTo(conversationId).at(-1)!.activity)).toContain(
      'Vous n’avez encore rien saisi',
    );

    await send('lundi 8h');
    await send('mardi malade');
    await send('mon mois');
    const card = chat.connector.repliesTo(conversationId).at(-1)!.activity;
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
    expect(cardText(card)).toContain('Provisoire');
  });
});
