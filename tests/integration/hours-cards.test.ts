import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredDemoPeople, generateDemoOrganisation } from '../../src/demo/demo-organisation.js';
import {
  CARD_ANSWER,
  cardText,
  chatPersonOf,
  newcomer,
  startChatOverHttp,
  type ChatOverHttp,
  type ChatPerson,
} from '../support/chat-harness.js';
import { executeActions, visibleText } from '../support/teams-activities.js';

// Thursday 26 November 2026, 17:45 in Zurich (see teamsMessage's default localTimestamp).
interface Card {
  version: string;
  body: Element[];
  actions?: { type: string; title: string; verb?: string; data?: Record<string, unknown> }[];
}
type Element = Record<string, unknown> & { type: string };

/** Every element of a card, nested ones (columns, containers) included. */
function elementsOf(card: Card): Element[] {
  const found: Element[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const element = node as Element;
      if (typeof element.type === 'string' && element.type !== 'AdaptiveCard') found.push(element);
      Object.values(element).forEach(walk);
    }
  };
  walk(card.body);
  return found;
}

const inputsOf = (card: Card) => elementsOf(card).filter((element) => element.type.startsWith('Input.'));
const inputOf = (card: Card, id: string) => inputsOf(card).find((input) => input.id === id);

/** What Teams sends for an untouched form: every input's value, '' when empty, plus the action data. */
function submission(card: Card, verb: string, changes: Record<string, unknown>) {
  const action = card.actions!.find((candidate) => candidate.verb === verb)!;
  const values: Record<string, unknown> = {};
  for (const input of inputsOf(card)) {
    values[input.id as string] = input.value === undefined ? '' : String(input.value as string | number);
  }
  return { verb, data: { ...values, ...action.data, ...changes } };
}

describe('logging hours with the card', () => {
  let chat: ChatOverHttp;
  const organisation = generateDemoOrganisation();
  const [alexId, staffId, , itAgentId, , , ticinoStaffId] = featuredDemoPeople(organisation);
  const sender = (aadObjectId: string) =>
    chatPersonOf(organisation.people.find((candidate) => candidate.aadObjectId === aadObjectId)!);
  const alex = sender(alexId!);
  const staff = sender(staffId!);
  const itAgent = sender(itAgentId!);

  beforeAll(async () => {
    chat = await startChatOverHttp();
  });

  afterAll(() => chat?.stop());

  /** Clicks an Action.Execute button; the invoke response's card is what replaces the clicked one. */
  const click = (from: ChatPerson, action: { verb: string; data: Record<string, unknown> }) =>
    chat.click<Card>(from, action, { expectAnswer: CARD_ANSWER });

  const cardOf = (activity: { attachments?: { content: unknown }[] }) =>
    activity.attachments![0]!.content as Card;
  const entriesOf = (aadObjectId: string) =>
    chat.crewdesk.store.hours.listEntries(aadObjectId, '2026-11-01', '2026-11-30');

  it('sends the form on "log hours", labelled for screen readers, and replaces it with the record', async () => {
    const person = newcomer();
    const [reply] = await chat.say(person, 'log hours');
    const form = cardOf(reply!);
    expect(cardText(form)).toContain('Log hours');
    expect(reply!.attachments![0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive' });
    expect(form.version).toBe('1.5');
    expect(inputsOf(form).length).toBeGreaterThan(8);
    for (const input of inputsOf(form)) expect(input.label, String(input.id)).toEqual(expect.any(String));
    expect(inputOf(form, 'subject')).toBeUndefined(); // only oneself: no "for" drop-down
    expect(inputOf(form, 'date')).toMatchObject({
      type: 'Input.Date',
      value: '2026-11-26',
      isRequired: true,
    });
    expect(inputOf(form, 'absenceKind')!.choices).toHaveLength(9); // "no absence" and the 8 kinds
    // Columns only for start/end pairs, so that the form reads at 360 px.
    const columnSets = elementsOf(form).filter((element) => element.type === 'ColumnSet');
    expect(columnSets).toHaveLength(2);

    const recorded = await click(
      person,
      submission(form, 'hours.log', {
        date: '2026-11-25',
        start1: '08:00',
        end1: '12:00',
        start2: '13:00',
        end2: '17:30',
        place: 'home',
      }),
    );
    expect(cardText(recorded)).toContain('Hours recorded');
    expect(cardText(recorded)).toContain('(08:00–12:00) at home');
    expect(recorded.actions!.map((action) => action.title)).toEqual(['Undo', 'Edit', 'My week']);
    const entries = await entriesOf(person.aadObjectId);
    expect(
      entries.map((entry) => [entry.date, entry.startTime, entry.endTime, entry.minutes, entry.place]),
    ).toEqual([
      ['2026-11-25', '08:00', '12:00', 240, 'home'],
      ['2026-11-25', '13:00', '17:30', 270, 'home'],
    ]);
    expect(entries[0]!.enteredBy).toBe(person.aadObjectId);
  });

  it('records an absence from the form, a full day when no hours are given', async () => {
    const person = newcomer();
    const form = cardOf((await chat.say(person, 'zeit erfassen', { locale: 'de-CH' }))[0]!);
    expect(cardText(form)).toContain('Zeit erfassen');
    const recorded = await click(person, submission(form, 'hours.log', { absenceKind: 'sick' }));
    expect(cardText(recorded)).toContain('Arbeitszeit erfasst'); // the card's language, not the invoke's en-US
    const [entry] = await entriesOf(person.aadObjectId);
    expect(entry).toMatchObject({ kind: 'absence', absenceKind: 'sick', minutes: 504, date: '2026-11-26' });
  });

  it('gives a refused form back with the reason and the inputs as typed, recording nothing', async () => {
    const person = newcomer();
    const form = cardOf((await chat.say(person, 'log hours'))[0]!);

    const backwards = await click(
      person,
      submission(form, 'hours.log', { start1: '17:00', end1: '08:00', place: 'store', replace: 'true' }),
    );
    expect(cardText(backwards)).toContain(
      'The time range 17:00–08:00 ends before it starts. Nothing was recorded.',
    );
    expect(inputOf(backwards, 'start1')).toMatchObject({ value: '17:00' });
    expect(inputOf(backwards, 'end1')).toMatchObject({ value: '08:00' });
    expect(inputOf(backwards, 'place')).toMatchObject({ value: 'store' });
    expect(inputOf(backwards, 'replace')).toMatchObject({ value: 'true' });
    expect(backwards.actions![0]).toMatchObject({ verb: 'hours.log' });

    const garbage = await click(person, {
      verb: 'hours.log',
      data: { date: 42, start1: { hour: 8 }, end1: '12:00', breakMinutes: 'lots', place: 'moon', extra: [1] },
    });
    expect(cardText(garbage)).toContain('Some values could not be read');
    expect(inputOf(garbage, 'end1')).toMatchObject({ value: '12:00' });
    const noDay = await click(
      person,
      submission(form, 'hours.log', { date: '31.11.', start1: '08:00', end1: '9:00' }),
    );
    expect(cardText(noDay)).toContain('Some values could not be read');
    const badDay = await click(
      person,
      submission(form, 'hours.log', { date: '2026-11-31', start1: '08:00', end1: '09:00' }),
    );
    expect(cardText(badDay)).toContain('Choose a valid day. Nothing was recorded.');

    const halfRange = await click(person, submission(form, 'hours.log', { start1: '08:00' }));
    expect(cardText(halfRange)).toContain('Give both the start and the end');
    const empty = await click(person, submission(form, 'hours.log', {}));
    expect(cardText(empty)).toContain('Fill in times or hours, or choose an absence');
    const future = await click(
      person,
      submission(form, 'hours.log', { date: '2026-12-01', start1: '08:00', end1: '12:00' }),
    );
    expect(cardText(future)).toContain('has not come yet');
    expect(inputOf(future, 'date')).toMatchObject({ value: '2026-12-01' });

    expect(await chat.crewdesk.store.hours.countEntries(person.aadObjectId)).toBe(0);
  });

  it('lets a store manager log for his staff, and the record says who entered it', async () => {
    const form = cardOf((await chat.say(alex, 'log hours'))[0]!);
    const forList = inputOf(form, 'subject')!;
    const choices = (forList.choices as { title: string; value: string }[]).map((choice) => choice.value);
    expect(forList).toMatchObject({ type: 'Input.ChoiceSet', value: alex.aadObjectId, isRequired: true });
    expect(choices[0]).toBe(alex.aadObjectId);
    const hisStaff = organisation.people
      .filter((person) => person.managerAadObjectId === alex.aadObjectId && person.active)
      .map((person) => person.aadObjectId);
    expect(hisStaff.length).toBeGreaterThan(1);
    expect(choices.slice(1).sort()).toEqual([...hisStaff].sort());
    expect(choices).not.toContain(ticinoStaffId);
    expect(choices).not.toContain(itAgent.aadObjectId);

    const recorded = await click(
      alex,
      submission(form, 'hours.log', {
        subject: staff.aadObjectId,
        date: '2026-11-24',
        start1: '09:00',
        end1: '13:00',
        place: 'store',
      }),
    );
    expect(cardText(recorded)).toContain(`Hours recorded for ${staff.name}`);
    const entries = await entriesOf(staff.aadObjectId);
    expect(
      entries.map((entry) => [entry.aadObjectId, entry.enteredBy, entry.startTime, entry.endTime]),
    ).toEqual([[staff.aadObjectId, alex.aadObjectId, '09:00', '13:00']]);
    expect(await chat.crewdesk.store.hours.countEntries(alex.aadObjectId)).toBe(0);

    // A "log hours" button may open the form pre-filled (Universal Actions: it replaces the card).
    const opened = await click(alex, {
      verb: 'hours.openLog',
      data: { subject: staff.aadObjectId, date: '2026-11-20', place: 'office' },
    });
    expect(inputOf(opened, 'subject')).toMatchObject({ value: staff.aadObjectId });
    expect(inputOf(opened, 'date')).toMatchObject({ value: '2026-11-20' });
    expect(inputOf(opened, 'place')).toMatchObject({ value: 'office' });

    // The Edit button of that record opens the staff member's day, not Alex's.
    const edit = executeActions({ attachments: [{ content: recorded }] }).find(
      (action) => action.verb === 'hours.openEdit',
    )!;
    const editForm = await click(alex, edit);
    expect(cardText(editForm)).toContain(`for ${staff.name}`);
    expect(inputOf(editForm, 'start1')).toMatchObject({ value: '09:00' });
  });

  it('refuses an IT agent who posts a form for a staff member, and records nothing', async () => {
    const form = cardOf((await chat.say(itAgent, 'log hours'))[0]!);
    expect(inputOf(form, 'subject')).toBeUndefined();
    const before = await chat.crewdesk.store.hours.countEntries(staff.aadObjectId);
    const refused = await click(
      itAgent,
      submission(form, 'hours.log', {
        subject: staff.aadObjectId,
        date: '2026-11-23',
        start1: '08:00',
        end1: '12:00',
      }),
    );
    expect(cardText(refused)).toContain('Only the person, their managers and HR can change these hours.');
    expect(inputOf(refused, 'start1')).toMatchObject({ value: '08:00' });
    expect(await chat.crewdesk.store.hours.countEntries(staff.aadObjectId)).toBe(before);
    expect(await chat.crewdesk.store.hours.countEntries(itAgent.aadObjectId)).toBe(0);

    // Nor may the IT agent open that person's day through a forwarded Edit button.
    const peek = await click(itAgent, {
      verb: 'hours.openEdit',
      data: { subject: staff.aadObjectId, date: '2026-11-24' },
    });
    expect(cardText(peek)).toContain('Only the person, their managers and HR');
    expect(cardText(peek)).not.toContain('09:00');
  });

  it('edits a day: the form is pre-filled, a reason is required, the day is replaced and versioned', async () => {
    const person = newcomer();
    const [reply] = await chat.say(person, '8h yesterday at home');
    const [original] = await entriesOf(person.aadObjectId);
    const edit = executeActions(reply!).find((action) => action.title === 'Edit')!;
    expect(edit).toMatchObject({
      verb: 'hours.openEdit',
      data: { date: '2026-11-25', subject: person.aadObjectId },
    });

    const editForm = await click(person, edit);
    expect(cardText(editForm)).toContain('Change Wednesday 25 November');
    expect(cardText(editForm)).toContain('8h of work at home');
    expect(inputOf(editForm, 'workHours')).toMatchObject({ value: 8 });
    expect(inputOf(editForm, 'place')).toMatchObject({ value: 'home' });
    expect(inputOf(editForm, 'reason')).toMatchObject({ type: 'Input.Text', isRequired: true });

    const changes = { workHours: '', start1: '08:00', end1: '12:00', start2: '13:00', end2: '16:30' };
    const noReason = await click(person, submission(editForm, 'hours.edit', changes));
    expect(cardText(noReason)).toContain('Say why you change this day. Nothing was changed.');
    expect(inputOf(noReason, 'start2')).toMatchObject({ value: '13:00' });
    expect((await entriesOf(person.aadObjectId)).map((entry) => entry.id)).toEqual([original!.id]);

    const saved = await click(
      person,
      submission(editForm, 'hours.edit', { ...changes, reason: 'forgot the times' }),
    );
    expect(cardText(saved)).toContain('This replaces what was recorded for that day before.');
    const now = await entriesOf(person.aadObjectId);
    expect(now.map((entry) => [entry.startTime, entry.endTime, entry.minutes, entry.place])).toEqual([
      ['08:00', '12:00', 240, 'home'],
      ['13:00', '16:30', 210, 'home'],
    ]);
    const history = await chat.crewdesk.store.hours.historyOf(original!.id);
    expect(history.map((version) => [version.change, version.reason, version.changedBy])).toEqual([
      ['create', null, person.aadObjectId],
      ['delete', 'forgot the times', person.aadObjectId],
    ]);
    const created = await chat.crewdesk.store.hours.historyOf(now[0]!.id);
    expect(created.map((version) => [version.change, version.reason])).toEqual([
      ['create', 'forgot the times'],
    ]);
  });

  it('answers an incomplete message with the question and a form pre-filled with what it said', async () => {
    const person = newcomer();
    const [question, formReply] = await chat.say(person, 'heute Homeoffice', { locale: 'de-CH' });
    expect(visibleText(question!)).toContain('Wie lange haben Sie');
    const form = cardOf(formReply!);
    expect(cardText(form)).toContain('Zeit erfassen');
    expect(inputOf(form, 'date')).toMatchObject({ value: '2026-11-26' });
    expect(inputOf(form, 'place')).toMatchObject({ value: 'home' });
    expect(await entriesOf(person.aadObjectId)).toEqual([]);

    const recorded = await click(person, submission(form, 'hours.log', { start1: '08:00', end1: '12:00' }));
    expect(cardText(recorded)).toContain('im Homeoffice');
  });
});
