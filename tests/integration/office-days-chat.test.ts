import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredDemoPeople, generateDemoOrganisation } from '../../src/demo/demo-organisation.js';
import { fixedClock } from '../../src/domain/shared/clock.js';
import { chatPersonOf, startChatOverHttp, type ChatOverHttp } from '../support/chat-harness.js';
import { visibleText } from '../support/teams-activities.js';

const organisation = generateDemoOrganisation();
const [alex, alexsStaff, , , , , ticinoEmployee, germanEmployee] = featuredDemoPeople(organisation).map(
  (id) => organisation.people.find((person) => person.aadObjectId === id)!,
);

// Thursday 26 November 2026 (teamsMessage's local time); the demo seed publishes rotations from
// Monday the 23rd for four weeks: the head office and three stores, Alex Wilber's among them.
describe('"when am I in the office?" in chat', () => {
  let chat: ChatOverHttp;

  beforeAll(async () => {
    chat = await startChatOverHttp({ clock: fixedClock('2026-11-26T16:45:00Z') });
  });

  afterAll(() => chat?.stop());

  async function ask(person: { aadObjectId: string; displayName: string }, text: string, locale: string) {
    const conversationId = `a:${randomUUID()}`;
    const response = await chat.send(chatPersonOf(person), text, { conversationId, locale });
    expect(response.status).toBe(200);
    return chat.connector
      .repliesTo(conversationId)
      .map((reply) => `${visibleText(reply.activity)}\n${JSON.stringify(reply.activity.attachments ?? [])}`)
      .join('\n');
  }

  it('lists the coming days in the store from the published rotation', async () => {
    const reply = await ask(alex!, 'When am I in the store?', 'en-US');
    expect(reply).toContain('Your days on site');
    expect(reply).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday) \d+ (November|December)/);
    expect(reply).toContain('Store · cohort');
  });

  it('answers in French, German and Italian', async () => {
    const french = await ask(alexsStaff!, 'Quand suis-je au bureau ?', 'fr-CH');
    expect(french).toContain('Vos jours sur site');
    expect(french).toMatch(/Magasin|aucun jour sur site/);
    expect(await ask(germanEmployee!, 'Wann bin ich im Büro?', 'de-CH')).toContain('Ihre Tage vor Ort');
    expect(await ask(ticinoEmployee!, 'quando sono in negozio?', 'it-CH')).toContain('I tuoi giorni in sede');
  });

  it('says so when there is no published rotation', async () => {
    const stranger = { aadObjectId: `person-${randomUUID()}`, displayName: 'Sam Example' };
    expect(await ask(stranger, 'when am I in the office', 'en-US')).toContain(
      'There is no published rotation for you',
    );
  });
});
