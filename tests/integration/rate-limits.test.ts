import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_HEADER } from '../../src/http/api-caller.js';
import { startChatOverHttp, type ChatOverHttp } from '../support/chat-harness.js';
import { postActivity, teamsMessage, visibleText } from '../support/teams-activities.js';

/** Issue 5, "Bad input": bursts of 100 and 30/s per sender on the bot; 429 on the tab API. */
describe('rate limits per person', () => {
  let chat: ChatOverHttp;

  beforeAll(async () => {
    chat = await startChatOverHttp();
  });

  afterAll(() => chat?.stop());

  const someone = (name: string) => ({ id: `29:${name}`, name, aadObjectId: `${name}-${randomUUID()}` });

  /** `count` "15min" messages of one person in one conversation, all sent at once. */
  async function burst(sender: ReturnType<typeof someone>, conversationId: string, count: number) {
    const responses = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        chat.send(sender, '15min', {
          conversationId,
          localTimestamp: `2026-11-${String((index % 20) + 1).padStart(2, '0')}T10:00:00.000+01:00`,
        }),
      ),
    );
    return responses.map((response) => response.status);
  }

  const slowDownReplies = (conversationId: string) =>
    chat.connector
      .repliesTo(conversationId)
      .filter((reply) => visibleText(reply.activity).includes('sending me a lot at once'));

  it('processes a burst of 100 messages of one person: 100 records, no "slow down"', async () => {
    const sender = someone('paster');
    const conversationId = `a:${randomUUID()}`;
    const statuses = await burst(sender, conversationId, 100);
    expect(statuses).toEqual(Array(100).fill(200));
    expect(await chat.crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(100);
    expect(slowDownReplies(conversationId)).toHaveLength(0);
  });

  it('admits a steady 30 messages a second (5 s of them)', async () => {
    const sender = someone('steady');
    const conversationId = `a:${randomUUID()}`;
    const sent: Promise<number[]>[] = [];
    for (let second = 0; second < 5; second += 1) {
      sent.push(burst(sender, conversationId, 30));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect((await Promise.all(sent)).flat()).toEqual(Array(150).fill(200));
    expect(await chat.crewdesk.store.hours.countEntries(sender.aadObjectId)).toBe(150);
    expect(slowDownReplies(conversationId)).toHaveLength(0);
  });

  it('beyond the burst: still 200, one friendly reply, nothing recorded; others unaffected', async () => {
    const sender = someone('flooder');
    const conversationId = `a:${randomUUID()}`;
    const started = Date.now();
    const statuses = await burst(sender, conversationId, 130);
    const seconds = (Date.now() - started) / 1000;
    expect(statuses).toEqual(Array(130).fill(200));
    // The burst of 100 is admitted, plus what the 30/s refill allows while the 130 arrive (on a
    // loaded machine they take a while); the rest are not run.
    const admitted = await chat.crewdesk.store.hours.countEntries(sender.aadObjectId);
    expect(admitted).toBeGreaterThanOrEqual(100);
    expect(admitted).toBeLessThanOrEqual(Math.min(129, 100 + Math.ceil(30 * seconds)));
    const told = slowDownReplies(conversationId);
    expect(told).toHaveLength(1);
    expect(told[0]!.activity.text).toContain('Nothing was recorded');
    expect(chat.connector.repliesTo(conversationId)).toHaveLength(admitted + 1);

    // Someone else, at the same moment, is served normally.
    const other = someone('bystander');
    const otherConversation = `a:${randomUUID()}`;
    expect(await burst(other, otherConversation, 5)).toEqual(Array(5).fill(200));
    expect(await chat.crewdesk.store.hours.countEntries(other.aadObjectId)).toBe(5);
    expect(slowDownReplies(otherConversation)).toHaveLength(0);
  });

  it('says "slow down" in the person’s language', async () => {
    const sender = someone('presse');
    const conversationId = `a:${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 105 }, () => chat.send(sender, 'aide', { conversationId, locale: 'fr-CH' })),
    );
    const texts = chat.connector.repliesTo(conversationId).map((reply) => reply.activity.text ?? '');
    expect(texts.filter((text) => text.includes('Rien n’a été enregistré'))).toHaveLength(1);
  });

  it('answers a card action beyond the limit with a message response, not an error', async () => {
    const sender = someone('clicker');
    const conversationId = `a:${randomUUID()}`;
    const invoke = () => ({
      ...teamsMessage({ serviceUrl: chat.connector.serviceUrl, conversationId, from: sender }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'hours.week', data: {} }, trigger: 'manual' },
    });
    const responses = await Promise.all(
      Array.from({ length: 110 }, () => postActivity(chat.crewdesk.baseUrl, invoke())),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const refused = responses.filter((response) => response.body.includes('activity.message'));
    expect(refused).toHaveLength(10);
    expect(JSON.parse(refused[0]!.body)).toMatchObject({
      statusCode: 200,
      value: expect.stringContaining('Nothing'),
    });
  });

  describe('the tab API', () => {
    const get = (path: string, person: string) =>
      fetch(`${chat.crewdesk.baseUrl}${path}`, { headers: { [DEMO_USER_HEADER]: person } });

    it('answers 429 with Retry-After and a JSON error beyond 60 requests at once; others unaffected', async () => {
      const person = `api-${randomUUID()}`;
      const responses = await Promise.all(Array.from({ length: 90 }, () => get('/api/me', person)));
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 429)).toHaveLength(30);
      expect(statuses.filter((status) => status >= 500)).toHaveLength(0);
      const limited = responses.find((response) => response.status === 429)!;
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });

      const other = await get('/api/me', `api-${randomUUID()}`);
      expect(other.status).not.toBe(429);
      // /healthz and the bot are outside the API's limit.
      expect((await fetch(`${chat.crewdesk.baseUrl}/healthz`)).status).toBe(200);
    });

    it('serves every tab load its configuration from one address (a load balancer), and still limits that address elsewhere', async () => {
      const configs = await Promise.all(
        Array.from({ length: 150 }, () => fetch(`${chat.crewdesk.baseUrl}/api/config`)),
      );
      expect(configs.map((response) => response.status)).toEqual(Array(150).fill(200));

      // Without a caller, the address is the key: beyond 60 at once, 429.
      const anonymous = await Promise.all(
        Array.from({ length: 90 }, () => fetch(`${chat.crewdesk.baseUrl}/api/me`)),
      );
      expect(anonymous.filter((response) => response.status === 429).length).toBeGreaterThan(0);
    });
  });
});
