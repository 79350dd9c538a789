import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalChatOf, startChatOverHttp, type ChatOverHttp } from '../support/chat-harness.js';
import { executeActions } from '../support/teams-activities.js';

/**
 * Issue 5, "Nothing lost, nothing doubled": a form button clicked twice sends two invokes with
 * different activity ids (the ledger cannot tell them apart); the day must still be recorded once.
 */
describe('a double-clicked "log hours" form', () => {
  let chat: ChatOverHttp;

  beforeAll(async () => {
    chat = await startChatOverHttp();
  });

  afterAll(() => chat?.stop());

  it.each([
    ['times', { start1: '08:00', end1: '12:00' }],
    ['a full day of absence', { absenceKind: 'sick' }],
  ])('records %s once, whether the clicks arrive together or one after the other', async (_, inputs) => {
    const from = {
      id: `29:${randomUUID()}`,
      name: 'Double Clicker',
      aadObjectId: `double-${randomUUID()}`,
    };
    await chat.send(from, 'log hours');
    const form = chat.connector.repliesTo(personalChatOf(from)).at(-1)!.activity;
    const submit = executeActions(form).find((action) => action.verb === 'hours.log')!;
    const click = () =>
      chat.invoke(from, { verb: 'hours.log', data: { ...submit.data, date: '2026-11-25', ...inputs } });
    const together = await Promise.all([click(), click()]);
    const later = await click();
    expect([...together, later].map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await chat.crewdesk.store.hours.countEntries(from.aadObjectId)).toBe(1);
  });
});
